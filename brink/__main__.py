from brink.cli.main import main

main()
