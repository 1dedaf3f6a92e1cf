"""What one event does to a dyad: its signed weight in the index and its strength as a threat.

Conflict (negative Goldstein) adds, cooperation subtracts, negated events do nothing, an event
of a cooperation quad class never escalates (a denial, an appeal: see ``_never_escalates``),
conditional and hypothetical ones are discounted, and a hostile event's weight grows with its
threat score times the speaker's authority. See docs/ALERTING.md for the reasoning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from brink.alerting.config import AlertConfig
from schemas.event import Actor, EscalationEvent

THREAT_CAMEO_ROOT = 13
# CAMEO quad classes 1 (verbal cooperation) and 2 (material cooperation)
_COOPERATION_QUADS = frozenset({1, 2})

# Keywords in the coder's threat_reasons that mark the speaker as a head of state or government.
_TOP_AUTHORITY_WORDS = (
    "head of state",
    "head of government",
    "head-of-state",
    "leader",
    "president",
    "prime minister",
    "supreme",
    "king",
    "emir",
    "chancellor",
)
_OFFICIAL_WORDS = ("official", "minister", "spokes", "commander", "general", "government", "military")

# How much a threat weighs, by who says it (role first, then kind). A head of state is 1.0.
_ROLE_AUTHORITY: dict[str, float] = {
    "GOV": 0.85,
    "MIL": 0.85,
    "REB": 0.7,
    "INS": 0.7,
    "SEP": 0.7,
    "IGO": 0.6,
    "COP": 0.6,
    "JUD": 0.5,
    "LEG": 0.6,
    "OPP": 0.45,
    "MED": 0.3,
    "CVL": 0.3,
    "BUS": 0.3,
    "EDU": 0.3,
    "REL": 0.4,
    "NGO": 0.35,
}
_KIND_AUTHORITY: dict[str, float] = {
    "state": 0.8,
    "armed_group": 0.7,
    "igo": 0.6,
    "person": 0.5,
    "group": 0.4,
}


def decay(seconds: float, half_life: float) -> float:
    """2^(-t/half_life): what is left of a weight after ``seconds`` of event time."""
    return 1.0 if seconds <= 0 else math.pow(2.0, -seconds / half_life)


def authority(speaker: Actor, threat_reasons: list[str]) -> float:
    """0..1: how much a threat from ``speaker`` weighs (a head of state's is 1.0)."""
    reasons = " ".join(threat_reasons).lower()
    if any(word in reasons for word in _TOP_AUTHORITY_WORDS):
        return 1.0
    role = (speaker.role or "").upper()
    value = _ROLE_AUTHORITY.get(role, _KIND_AUTHORITY.get(speaker.kind, 0.5))
    # A named official of a government or army speaks with more weight than the institution.
    if role in ("GOV", "MIL") and speaker.kind == "person":
        value = 0.9
    if any(word in reasons for word in _OFFICIAL_WORDS):
        value = max(value, 0.8)
    return value


def modality(event: EscalationEvent, config: AlertConfig) -> float:
    """Discount for conditional / hypothetical statements (the stronger discount wins)."""
    weight = 1.0
    if event.conditional:
        weight = min(weight, config.conditional_weight)
    if event.hypothetical:
        weight = min(weight, config.hypothetical_weight)
    return weight


def is_threat(event: EscalationEvent, config: AlertConfig) -> bool:
    return event.cameo_root == THREAT_CAMEO_ROOT or event.threat_score >= config.threat_min_score


@dataclass(frozen=True)
class Contribution:
    weight: float  # signed index points: > 0 escalates, < 0 de-escalates
    threat: float  # 0..10 threat strength (0 when the event is not a threat)
    authority: float


NOTHING = Contribution(0.0, 0.0, 0.0)


def _never_escalates(event: EscalationEvent) -> bool:
    """Is ``event`` of a cooperation quad class yet given a negative Goldstein value? A few such codes
    are: declining to comment (011), a pessimistic comment (012), a denial of responsibility (016),
    appeals for reform or to yield (024, 025). They are statements and requests, not steps up a
    conflict: a denial asserts that something did *not* happen ("the ministry denied that its special
    forces had deployed to Egypt"), so like a negated act it must not raise the index."""
    return event.quad_class in _COOPERATION_QUADS and event.goldstein < 0


def contribution(event: EscalationEvent, config: AlertConfig) -> Contribution:
    """The event's signed weight in its dyad's index and its strength as a threat."""
    if event.negated or event.goldstein == 0 or _never_escalates(event):
        return NOTHING
    speaker = event.speaker or event.source
    power = authority(speaker, event.threat_reasons)
    base = -event.goldstein * event.confidence * modality(event, config)
    if base < 0:
        return Contribution(base * config.cooperation_weight, 0.0, power)
    weight = base * (1.0 + config.threat_weight * event.threat_score * power)
    threat = 0.0
    if is_threat(event, config):
        score = event.threat_score
        if event.cameo_root == THREAT_CAMEO_ROOT:
            # A coded threat the scorer did not rate still threatens as hard as its Goldstein value.
            score = max(score, -event.goldstein / 10.0)
        threat = 10.0 * score * power * event.confidence * modality(event, config)
    return Contribution(weight, threat, power)
