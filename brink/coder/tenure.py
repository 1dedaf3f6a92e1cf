"""Who held which office on a date: the position a person held (the highest authority among those
active) and how far a date lies from any of their tenures."""

from __future__ import annotations

from datetime import date
from typing import Final

from brink.coder.dictionary_schema import PersonEntry, Position


def active_position(person: PersonEntry, on: date) -> Position | None:
    """The position the person held on ``on`` (or their latest one when none was active)."""
    best: Position | None = None
    for pos in person.positions:
        active = (pos.start is None or pos.start <= on) and (pos.end is None or on < pos.end)
        if active and (best is None or _authority_rank(pos.authority) > _authority_rank(best.authority)):
            best = pos
    return best


AUTHORITY_RANK: Final = {
    "head_of_state": 9,
    "head_of_government": 8,
    "minister": 7,
    "military_chief": 6,
    "spokesperson": 5,
    "official": 4,
    "legislator": 4,
    "opposition": 3,
    "cleric": 3,
    "commentator": 1,
}


def _authority_rank(authority: str | None) -> int:
    return AUTHORITY_RANK.get(authority or "", 0)


def distance_from_office(person: PersonEntry, on: date) -> int:
    """Days between ``on`` and the nearest of the person's tenures (0 when none is dated)."""
    best: int | None = None
    for pos in person.positions:
        if pos.end is not None and pos.end <= on:
            days = (on - pos.end).days
        elif pos.start is not None and pos.start > on:
            days = (pos.start - on).days
        else:
            continue
        best = days if best is None else min(best, days)
    return 0 if best is None else best
