from __future__ import annotations

import json

from brink.webhooks.formats import ZERO_TIME, render
from schemas.webhook import WebhookPayload
from tests.fixtures.alerts import make_alert


def test_brink_body_is_a_webhook_payload_with_the_alert() -> None:
    alert = make_alert()
    payload = WebhookPayload.model_validate_json(render("brink", alert))
    assert payload.type == "alert.firing"
    assert payload.timestamp == alert.at
    assert payload.data == alert


def test_alertmanager_body_has_the_v4_fields() -> None:
    body = json.loads(render("alertmanager", make_alert(level="critical"), receiver="brink/sub_x"))
    assert body["version"] == "4"
    assert body["status"] == "firing"
    assert body["groupKey"] == '{}:{dyad="IRN-USA"}'
    assert body["receiver"] == "brink/sub_x"
    for key in ("groupLabels", "commonLabels", "commonAnnotations", "externalURL", "truncatedAlerts"):
        assert key in body
    (item,) = body["alerts"]
    assert item["labels"] == {"alertname": "BrinkEscalation", "dyad": "IRN-USA", "severity": "critical"}
    assert "summary" in item["annotations"]
    assert all(isinstance(v, str) for v in item["annotations"].values())
    assert item["startsAt"].endswith("Z")
    assert item["endsAt"] == ZERO_TIME
    assert item["generatorURL"] == "https://example.org/news/1"


def test_alertmanager_resolved_body_ends() -> None:
    alert = make_alert(type_="alert.resolved")
    body = json.loads(render("alertmanager", alert))
    assert body["status"] == "resolved"
    assert body["alerts"][0]["status"] == "resolved"
    assert body["alerts"][0]["endsAt"] == alert.at.isoformat().replace("+00:00", "Z")


def test_slack_body_has_escaped_text_with_level_and_evidence_link() -> None:
    body = json.loads(render("slack", make_alert(level="critical")))
    text = body["text"]
    assert "*CRITICAL* IRN-USA" in text
    assert "&amp;" in text and "&lt;escalating&gt;" in text  # Slack's control characters escaped
    assert "<https://example.org/news/1|Iran will pay a very BIG PRICE!>" in text


def test_bodies_are_stable_bytes_for_the_same_transition() -> None:
    alert = make_alert()
    for fmt in ("brink", "alertmanager", "slack"):
        assert render(fmt, alert) == render(fmt, alert)
