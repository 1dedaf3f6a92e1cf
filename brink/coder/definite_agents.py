"""A definite generic agent stands for the one of its kind the article named before it: "The Russian
foreign ministry criticised the deployment. The ministry said it will retaliate ..." (the ministry is
Russia's), "Iranian President Hassan Rouhani spoke ... The president warned ..." (Iran's). News names a
speaker once and then repeats it as "the ministry", "the spokesman", "the army"; read by the places near it
instead, such an agent takes the country of whatever state the sentence mentions (often the one it
threatens), and its threat is lost or turned around.

Only "the" + the agent's own word counts: "a ministry spokesperson", "the country's army" (an owner) and
"the army in Syria" (a place of its own) are left to mentions.MentionFinder's placing of generic agents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from brink.coder.actor_values import Mention
from brink.coder.scan import prev_word

# after the agent's word, these give it an owner or a place of its own ("the ministry of ...", "the army in")
_OWN_AFTER: Final = frozenset({"in", "of", "from", "at", "inside", "near"})


def definite_antecedent(
    norm: str, earlier: Sequence[Sequence[Mention]], here: Sequence[Mention], idx: int
) -> str | None:
    """The country of the generic agent ``here[idx]`` said as "the <agent>": that of the latest mention of
    the same role before it (in its sentence ``here``, then in the ``earlier`` sentences, latest last) that
    has a country: named, or placed when its sentence was read (an agent of its own sentence not yet placed
    is passed over); None when it is no such agent or the article named none."""
    m = here[idx]
    if not m.actor.generic or m.actor.role is None or m.actor.sponsor is not None:
        return None
    if prev_word(norm, m.start) != "the" or _next_word(norm, m.end) in _OWN_AFTER:
        return None
    candidates = [
        other
        for ms in (here[:idx], *reversed(earlier))
        for other in reversed(ms)
        if not other.actor.generic
        and other.actor.country
        and other.actor.role == m.actor.role
        and other.actor.kind in ("state", "person")
    ]
    # "Iran's foreign ministry summoned the British envoy. The ministry warned ...": one named by the same
    # word is the one repeated (the envoy is of the same role, not the ministry), before any of its role
    word = _head_word(m)
    same = [c for c in candidates if word and _head_word(c) == word]
    chosen = same[0] if same else (candidates[0] if candidates else None)
    return chosen.actor.country if chosen is not None else None


def _head_word(m: Mention) -> str:
    """The last word of the dictionary phrase a mention matched ("foreign ministry" -> "ministry")."""
    words = m.phrase.lower().split()
    return words[-1] if words else ""


def _next_word(norm: str, end: int) -> str:
    """The word after text offset ``end`` (the normalised text is one character ahead of it)."""
    words = norm[end + 1 : end + 41].split()
    return words[0] if words else ""
