"""'the North', 'the South': a half of a divided country read from context, like a pronoun. The halves are
data (``grammar.yaml``: ``pronouns.halves``); the rule is here."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from brink.coder.actor_values import Mention


def half_of(tok: Token, before: Sequence[Mention], halves: dict[str, dict[str, str]]) -> str | None:
    """The country "the South" / "the North" stands for: the half of the divided country whose either half
    was named last before it (``before``: the article's mentions before ``tok``, in order). Only a bare
    capitalised compass word after "the", possessive or not ("the North's summits"; "the South of Italy", "the
    south" are places, not states)."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    half = halves.get(tok.lower_)
    if half is None or [c.lower_ for c in tok.children if c.dep_ != "case"] != ["the"]:
        return None
    for m in reversed(before):
        country = m.actor.country
        if country is not None and country in half:
            return half[country]
    return None
