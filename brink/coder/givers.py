"""Givers: who may be the source of an aid event (CAMEO root 07).

Aid is given by states, their agencies, international bodies, charities and armed groups: an actor with a
country or a role. A name the coder only guessed, with neither ("Messi helped Argentina beat France"), is
a person helping in some other sense, not a donor.
"""

from __future__ import annotations

from brink.coder.roles import Resolved


def may_give(code: str, source: Resolved) -> bool:
    """May ``source`` be the source of an event of ``code``? (Only aid, root 07, asks anything of it.)"""
    if not code.startswith("07"):
        return True
    actor = source.mention.actor
    return actor.country is not None or actor.role is not None
