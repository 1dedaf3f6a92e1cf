"""Article context for threats: a threat with no target in its own sentence is aimed at the party its
threatener threatens elsewhere in the article.

News names the threatened party once and then repeats the threat without it: "Hezbollah warned Israel it
would avenge its commander. ... Nasrallah has repeatedly said the group will retaliate at a time of its
choosing." The second threat is Hezbollah's against Israel; coded sentence by sentence it has no target.
Only a side that threatens exactly one other country in the article lends it (two targets: whose the
untargeted threat is cannot be told), and only from a threat asserted, not denied or negated.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from brink.coder.actor_values import Mention
from brink.coder.found import Found
from brink.coder.roles import Resolved

THREAT: Final = "13"


def _side(f: Found) -> str:
    """The threatener's side: its country, else (an IGO, a group of no country) its actor code."""
    actor = f.source.mention.actor
    return actor.country or actor.code


def lend_article_targets(found: list[Found]) -> list[Found]:
    """``found`` (one article's actions, in text order) with each untargeted threat given the target of the
    threats its side makes elsewhere in the article, when they all aim at one other country."""
    aimed: dict[str, dict[str, Found]] = {}  # side -> target country -> its nearest targeted threat
    for f in found:
        if not f.code.startswith(THREAT) or f.target is None or f.modality.negated:
            continue
        country = f.target.mention.actor.country
        side = _side(f)
        if country is None or country == f.source.mention.actor.country:
            continue
        aimed.setdefault(side, {}).setdefault(country, f)
    if not aimed:
        return found
    out: list[Found] = []
    for f in found:
        targets = aimed.get(_side(f), {}) if f.code.startswith(THREAT) and f.target is None else {}
        if len(targets) != 1:
            out.append(f)
            continue
        (lender,) = targets.values()
        assert lender.target is not None
        actor = lender.target.mention.actor
        # (not in this sentence's words: a target from context, as an implicit target is; api.Coder gives
        # it no text)
        lent = Resolved(Mention(-1, -1, actor, lender.target.mention.cat), f.source.token, "article")
        out.append(replace(f, target=lent))
    return out
