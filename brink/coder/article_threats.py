"""Article context for threats: a threat with no target in its own sentence is aimed at the party its
threatener threatens elsewhere in the article, else at the one that last attacked it.

News names the threatened party once and then repeats the threat without it: "Hezbollah warned Israel it
would avenge its commander. ... Nasrallah has repeatedly said the group will retaliate at a time of its
choosing." The second threat is Hezbollah's against Israel; coded sentence by sentence it has no target.
Only a side that threatens exactly one other country in the article lends it (two targets: whose the
untargeted threat is cannot be told), and only from a threat not negated.

Or the article first tells what was done to the threatener: "Israel struck Hezbollah positions overnight.
'The enemy will pay a heavy price,' Nasrallah said." A threat with no party named of its own, made after a
hostile act (CAMEO 16-20, asserted) on the threatener's side by another, answers that act: it is aimed at
its doer (as the ``implicit_target`` of the reprisal patterns is, brink/coder/act_anaphora.py). Not a
conditional one: "would respond to any attack" is aimed at whoever attacks next, not at the last attacker
unless it says the act again ("any such attack": act_anaphora.referred_act_doer).

Or the headline names the target the body leaves out: "China warns U.S. it will retaliate on moves over Hong
Kong" over "... U.S. attempts to harm Chinese interests will be met with firm countermeasures, the spokesman
said" (coded with no target). A side whose body threats aim at no other country takes the one country its
headline threats or hostile acts (CAMEO 16-20) aim at, asserted ("North Korea Prepares Strike on U.S."); the
headline is read before the last attacker, which is only inferred. The headline's own events are not coded
as the article's (its words are not in the text the events' spans point into).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from brink.coder.act_anaphora import OFFENCES
from brink.coder.actor_values import Mention
from brink.coder.found import Found
from brink.coder.roles import Resolved

THREAT: Final = "13"


def _side(f: Found) -> str:
    """The threatener's side: its country, else (an IGO, a group of no country) its actor code."""
    actor = f.source.mention.actor
    return actor.country or actor.code


def _untargeted_threat(f: Found) -> bool:
    return f.code.startswith(THREAT) and f.target is None


def _aims(found: list[Found], roots: tuple[str, ...]) -> dict[str, dict[str, Found]]:
    """side -> target country -> its first action of ``roots`` aimed at another country, not negated."""
    aimed: dict[str, dict[str, Found]] = {}
    for f in found:
        if not f.code.startswith(roots) or f.target is None or f.modality.negated:
            continue
        country = f.target.mention.actor.country
        if country is None or country == f.source.mention.actor.country:
            continue
        aimed.setdefault(_side(f), {}).setdefault(country, f)
    return aimed


def lend_article_targets(found: list[Found], headline: list[Found] | None = None) -> list[Found]:
    """``found`` (one article's actions, in text order) with each untargeted threat given the target of the
    threats its side makes elsewhere in the article, when they all aim at one other country; else the one
    country its side's threats or hostile acts in the ``headline`` (its events) aim at; else the doer of the
    latest hostile act on its side before it."""
    if not any(_untargeted_threat(f) for f in found):
        return found
    aimed = _aims(found, (THREAT,))  # side -> target country -> its first targeted threat
    headline_aimed = _aims(
        [f for f in headline or [] if not f.modality.hypothetical], (THREAT, *OFFENCES["offender"])
    )
    out: list[Found] = []
    for k, f in enumerate(found):
        if not _untargeted_threat(f):
            out.append(f)
            continue
        targets = aimed.get(_side(f), {})
        if not targets and len(headline_aimed.get(_side(f), {})) == 1:
            targets = headline_aimed[_side(f)]
        if len(targets) == 1:
            (lender,) = targets.values()
            assert lender.target is not None
            target = lender.target.mention.actor
            cat = lender.target.mention.cat
        elif not targets and not f.modality.conditional and (doer := _attacker(f, found[:k])) is not None:
            target, cat = doer.source.mention.actor, doer.source.mention.cat
        else:
            out.append(f)
            continue
        # (not in this sentence's words: a target from context, as an implicit target is; api.Coder gives
        # it no text)
        out.append(replace(f, target=Resolved(Mention(-1, -1, target, cat), f.source.token, "article")))
    return out


def _attacker(threat: Found, before: list[Found]) -> Found | None:
    """The latest hostile act asserted (not negated, hypothetical or a condition) in ``before`` done to the
    threatener's side by another country."""
    own = threat.source.mention.actor
    for f in reversed(before):
        if f.code[:2] not in OFFENCES["offender"] or f.target is None or f.in_condition:
            continue
        if f.modality.negated or f.modality.hypothetical:
            continue
        by = f.source.mention.actor.country
        hit = f.target.mention.actor
        if by is None or by == own.country or by == own.sponsor:
            continue
        if hit.code == own.code or (own.country is not None and hit.country == own.country):
            return f
    return None
