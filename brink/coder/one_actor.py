"""One actor under two names: a pair whose source and target are the same actor is no event. Besides the
same code, a state named as itself ("Russia") and its government ("the Russian government", "Putin") are
one actor in CAMEO's sense: "Tehran criticised ... against Iran" or "the administration sanctioned Russian
oligarchs" read as the state acting on itself is a misread, not a domestic event (domestic events have two
different actors of one country: police and protesters, the army and rebels). A state read from a place
attacked is its land, not its government: "Syrian government airstrikes pounded the country's province of
Aleppo" stays Syria acting at home."""

from __future__ import annotations

from brink.coder.roles import Resolved

_STATE_ITSELF = ("state", None)  # (kind, role) of a country named as itself


def one_actor(a: Resolved, b: Resolved) -> bool:
    """Are ``a`` and ``b`` the same actor: the same code, or a state and its own government (not a state
    that stands for a place)?"""
    x, y = a.mention.actor, b.mention.actor
    if x.code == y.code:
        return True
    if x.country is None or x.country != y.country or "place" in (a.how, b.how):
        return False
    sides = {(x.kind, x.role), (y.kind, y.role)}
    return _STATE_ITSELF in sides and any(role == "GOV" for _, role in sides)
