"""Which subscriptions receive a transition, and which silences mute it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from schemas.alert import LEVEL_ORDER, Alert
from schemas.subscription import Silence, SilenceCreate, SubscriptionFilters


def dyad_countries(dyad: str) -> tuple[str, ...]:
    """``"IRN-USA"`` → ``("IRN", "USA")``."""
    return tuple(part for part in dyad.split("-") if part)


def matches_filters(filters: SubscriptionFilters, alert: Alert) -> bool:
    """True when ``alert`` passes every restriction in ``filters`` (empty ones pass everything)."""
    if filters.types and alert.type not in filters.types:
        return False
    if filters.min_level is not None and LEVEL_ORDER[alert.level] < LEVEL_ORDER[filters.min_level]:
        return False
    if filters.dyads and alert.dyad not in filters.dyads:
        return False
    return not filters.countries or bool(set(filters.countries) & set(dyad_countries(alert.dyad)))


def silence_matches(silence: SilenceCreate, alert: Alert, now: datetime) -> bool:
    """True when ``silence`` is still in force at ``now`` and every matcher it sets matches ``alert``."""
    if silence.until <= now:
        return False
    if silence.dyad is not None and silence.dyad != alert.dyad:
        return False
    if silence.country is not None and silence.country not in dyad_countries(alert.dyad):
        return False
    if silence.actor is not None:
        speakers = {e.speaker.code.upper() for e in alert.evidence if e.speaker is not None}
        if silence.actor.upper() not in speakers:
            return False
    return True


def muting_silences(silences: Iterable[Silence], alert: Alert, now: datetime) -> list[str]:
    """Ids of the silences that mute ``alert`` at ``now`` (empty: deliver it)."""
    return sorted(s.id for s in silences if silence_matches(s, alert, now))
