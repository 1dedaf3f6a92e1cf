from pathlib import Path

from brink.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_in_the_readme_table_with_its_default() -> None:
    text = README.read_text()
    missing = []
    for name, field in Settings.model_fields.items():
        env = name.upper()
        row = next((line for line in text.splitlines() if line.startswith(f"| `{env}`")), None)
        if row is None:
            missing.append(f"{env}: no row")
            continue
        default = "unset" if field.default is None else (str(field.default) or '""')
        if f"`{default}`" not in row:
            missing.append(f"{env}: default `{default}` not in row")
    assert missing == []
