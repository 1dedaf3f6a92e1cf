"""The body of a Brink-format webhook delivery (Standard Webhooks envelope)."""

from __future__ import annotations

from pydantic import Field

from schemas.alert import Alert, AlertType
from schemas.common import Contract, UtcDatetime


class WebhookPayload(Contract):
    type: AlertType
    timestamp: UtcDatetime
    data: Alert = Field(description="The alert transition.")
