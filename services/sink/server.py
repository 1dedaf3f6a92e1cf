"""``brink sink``: run the local webhook receiver (see ``services.sink.app``)."""

from __future__ import annotations

import click
import uvicorn

from brink.logs import setup_logging
from brink.settings import Settings


@click.command("sink")
@click.option("--port", type=int, default=None, help="Port (default: WEBHOOK_SINK_PORT).")
def sink(port: int | None) -> None:
    """Receive Brink's webhooks on loopback, verify their signatures and print each alert."""
    settings = Settings()
    if not settings.webhook_sink_secret:
        raise click.ClickException(
            "set WEBHOOK_SINK_SECRET to the whsec_… secret returned when you created the subscription"
        )
    setup_logging(settings.log_level, json_lines=False)
    from services.sink.app import create_app

    def show(line: str) -> None:
        click.echo(f"webhook  {line}")

    app = create_app(settings.webhook_sink_secret, on_alert=show)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port or settings.webhook_sink_port, log_config=None, access_log=False
    )
    uvicorn.Server(config).run()
