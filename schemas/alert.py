"""Alert: one message per alert lifecycle transition, on ``brink.alerts.v1`` (key: ``dyad``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Contract, UtcDatetime
from schemas.event import Actor

ALERT_SCHEMA_VERSION: Literal[1] = 1

AlertType = Literal["alert.firing", "alert.updated", "alert.resolved"]
AlertLevel = Literal["watch", "warning", "critical"]
LEVEL_ORDER: dict[str, int] = {"watch": 1, "warning": 2, "critical": 3}


class Evidence(Contract):
    event_id: str
    article_id: str
    url: str | None
    sentence: str
    quote: str | None
    speaker: Actor | None
    cameo: str
    goldstein: float
    threat_score: float


class Alert(Contract):
    schema_version: Literal[1] = ALERT_SCHEMA_VERSION
    alert_id: str = Field(description="Stable for the alert's whole life.")
    type: AlertType
    dyad: str
    level: AlertLevel
    index: float
    baseline: float
    threshold: float
    threat_index: float = Field(default=0.0, description="Threat-rhetoric sub-index of the dyad.")
    directed: dict[str, float] = Field(
        default_factory=dict, description="Directed components of the index, e.g. {'USA>IRN': 6.1}."
    )
    started_at: UtcDatetime
    updated_at: UtcDatetime
    resolved_at: UtcDatetime | None = None
    summary: str
    evidence: list[Evidence]
    at: UtcDatetime = Field(description="Event time of the transition.")
    ingested_at: UtcDatetime | None = Field(
        default=None,
        description="ingested_at of the newest article behind this transition, carried so the dispatcher "
        "can measure ingest-to-webhook latency (brink_pipeline_latency_seconds{stage='webhook'}).",
    )
