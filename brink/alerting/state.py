"""Per-dyad engine state: plain pydantic models that round-trip through JSON.

Stored values (index, directed components, baseline) are "as of ``clock``"; reading them at a
later event time applies the closed-form decay (see ``brink.alerting.dyad.advance``).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from schemas.alert import AlertLevel, Evidence
from schemas.common import UtcDatetime


class _State(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class EvidenceItem(_State):
    """A hostile event kept as possible evidence, with what is needed to rank and describe it."""

    evidence: Evidence
    at: UtcDatetime  # event time at which it was counted
    weight: float  # index points it added (before decay)
    threat: float  # threat strength 0..10 (before decay); 0 when not a threat
    source: str  # display names, for the summary
    target: str | None
    speaker: str | None = None  # who reported it, when not the source ("according to ...")
    plover_type: str
    conditional: bool = False
    hypothetical: bool = False


class OpenAlert(_State):
    alert_id: str
    level: AlertLevel
    started_at: UtcDatetime
    updated_at: UtcDatetime  # event time of the last transition sent
    below_since: UtcDatetime | None = None  # since when the index is under the resolve line
    shown_weight: float = 0.0  # strongest evidence weight / threat this alert has sent so far
    shown_threat: float = 0.0
    shown_quote: bool = False  # whether a threat in the speaker's own words has been sent
    evidence_pending: bool = False  # stronger evidence arrived since the last transition


class DyadState(_State):
    dyad: str
    clock: UtcDatetime | None = None  # event time, monotonic
    index: float = 0.0
    directed: dict[str, float] = Field(default_factory=dict)
    baseline: float = 0.0  # time-weighted EWMA of the index ...
    baseline_sq: float = 0.0  # ... and of its square (spread = sqrt(E[I^2] - E[I]^2))
    evidence: list[EvidenceItem] = Field(default_factory=list)
    threats: list[EvidenceItem] = Field(default_factory=list)
    seen: list[str] = Field(default_factory=list)  # recent event ids, oldest first
    events: int = 0  # events counted (duplicates excluded)
    alert: OpenAlert | None = None

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, data: str | bytes) -> DyadState:
        return cls.model_validate_json(data)


def seconds_between(earlier: datetime, later: datetime) -> float:
    return (later - earlier).total_seconds()
