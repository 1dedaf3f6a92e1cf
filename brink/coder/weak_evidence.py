"""Gates on weak evidence: an event whose actor rests on too little to be told apart from a wrong one.

A guessed actor (ADR 0010, ``guessed_actor.py``) is built from the words of a name no dictionary knows. When
the guess gives it no country either ("Shiite rebels", "the Central Working Committee", "a Special
Investigation Team"), the event's dyad is a guess on both counts: on dev (session 14) such events were
wrong far more often than right (ADR 0031). An event one of whose actors is such a guess is not coded,
unless the guess is a person: a named person ("Kofi Annan encouraged the United States") acts for whom the
name says, and an event with no country on that side is still coded towards the other.
"""

from __future__ import annotations

from brink.coder.roles import Resolved


def countryless_guess(src: Resolved, tgt: Resolved | None) -> bool:
    """Is the source or the target a guessed actor, not a person, with no country?"""
    return any(
        r is not None
        and r.mention.actor.guessed
        and not r.mention.actor.country
        and r.mention.actor.kind != "person"
        for r in (src, tgt)
    )
