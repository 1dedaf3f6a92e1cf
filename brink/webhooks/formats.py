"""Webhook bodies: Brink's own JSON, an Alertmanager-v4-compatible body, and a Slack message.

Each is rendered once per (transition, subscription) and stored with the delivery, so every
retry sends the same bytes (only ``webhook-timestamp`` and the signature change).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from schemas.alert import Alert
from schemas.subscription import WebhookFormat
from schemas.webhook import WebhookPayload

CONTENT_TYPE = "application/json"
ALERTNAME = "BrinkEscalation"
# Alertmanager's "not ended yet" value for endsAt.
ZERO_TIME = "0001-01-01T00:00:00Z"
_LEVEL_MARK = {
    "watch": ":large_yellow_circle:",
    "warning": ":large_orange_circle:",
    "critical": ":red_circle:",
}


def rfc3339(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def brink_body(alert: Alert) -> bytes:
    """``{"type", "timestamp", "data": Alert}``; the timestamp is the transition's event time."""
    return WebhookPayload(type=alert.type, timestamp=alert.at, data=alert).model_dump_json().encode()


def alertmanager_status(alert: Alert) -> str:
    return "resolved" if alert.type == "alert.resolved" else "firing"


def alertmanager_body(alert: Alert, receiver: str = "brink", external_url: str = "") -> bytes:
    """The body Alertmanager's webhook_config sends (version "4"), holding this one alert."""
    status = alertmanager_status(alert)
    labels = {"alertname": ALERTNAME, "dyad": alert.dyad, "severity": alert.level}
    annotations = {
        "summary": alert.summary,
        "transition": alert.type,
        "index": f"{alert.index:.3f}",
        "baseline": f"{alert.baseline:.3f}",
        "threshold": f"{alert.threshold:.3f}",
        "threat_index": f"{alert.threat_index:.3f}",
    }
    ends_at = rfc3339(alert.resolved_at or alert.at) if status == "resolved" else ZERO_TIME
    generator = next((e.url for e in alert.evidence if e.url), "")
    body = {
        "version": "4",
        "groupKey": f'{{}}:{{dyad="{alert.dyad}"}}',
        "truncatedAlerts": 0,
        "status": status,
        "receiver": receiver,
        "groupLabels": {"dyad": alert.dyad},
        "commonLabels": labels,
        "commonAnnotations": annotations,
        "externalURL": external_url,
        "alerts": [
            {
                "status": status,
                "labels": labels,
                "annotations": annotations,
                "startsAt": rfc3339(alert.started_at),
                "endsAt": ends_at,
                "generatorURL": generator,
                "fingerprint": hashlib.sha256(alert.alert_id.encode()).hexdigest()[:16],
            }
        ],
    }
    return _dumps(body)


def slack_escape(text: str) -> str:
    """Slack's three control characters in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(alert: Alert, max_evidence: int = 3) -> str:
    if alert.type == "alert.resolved":
        head = f":white_check_mark: *RESOLVED* {alert.dyad} escalation ({alert.level})"
    else:
        verb = "firing" if alert.type == "alert.firing" else "updated"
        head = f"{_LEVEL_MARK[alert.level]} *{alert.level.upper()}* {alert.dyad} escalation {verb}"
    lines = [
        head,
        f"Index {alert.index:.2f} (threshold {alert.threshold:.2f}, baseline {alert.baseline:.2f})",
        slack_escape(alert.summary),
    ]
    for item in alert.evidence[:max_evidence]:
        sentence = slack_escape(item.sentence if len(item.sentence) <= 200 else item.sentence[:199] + "…")
        url = item.url.replace("|", "%7C").replace(">", "%3E") if item.url else None
        lines.append(f"• <{url}|{sentence}>" if url else f"• {sentence}")
    return "\n".join(lines)


def slack_body(alert: Alert) -> bytes:
    """A Slack incoming-webhook message: ``{"text": …}`` with mrkdwn."""
    return _dumps({"text": slack_text(alert)})


def render(fmt: WebhookFormat, alert: Alert, *, receiver: str = "brink", external_url: str = "") -> bytes:
    """The body for a subscription's format."""
    renderers: dict[str, Callable[[], bytes]] = {
        "brink": lambda: brink_body(alert),
        "alertmanager": lambda: alertmanager_body(alert, receiver, external_url),
        "slack": lambda: slack_body(alert),
    }
    try:
        return renderers[fmt]()
    except KeyError:
        raise ValueError(f"unknown webhook format {fmt!r}; use brink, alertmanager or slack") from None
