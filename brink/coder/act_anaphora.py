"""A threat aimed at an act said again ("would respond to any such attack", "vowed to answer this
aggression") is aimed at the doer of that act named before in the article: the source of the latest hostile
act on the threatener's side. Also the implicit targets of patterns (``implicit_target``: "vowed revenge"
answers the latest attack on the one who vows). Acts that may be referred back to:
brink/coder/data/act_anaphora.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Final

import yaml
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.actor_values import Mention
from brink.coder.found import Found
from brink.coder.match import Match
from brink.coder.roles import Resolved
from brink.coder.verb_classes import VerbClasses

# the roots of the acts whose author an implicit target is: "vowed revenge" answers an attack, "will not
# leave the sanctions unanswered" any hostile act (sanctions, expulsions, coercion, attacks)
OFFENCES: Final = {"attacker": ("18", "19", "20"), "offender": ("16", "17", "18", "19", "20")}
_DATA: Final = Path(__file__).parent / "data" / "act_anaphora.yaml"
# where the act a threat answers stands: "respond to such an attack", "retaliate against this aggression"
_PREPS: Final = ("to", "against", "for", "on")


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """The determiners and the act nouns of act_anaphora.yaml (and the @attack_event nouns)."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    attacks = VerbClasses.load().members("attack_event")
    return frozenset(data["determiners"]), frozenset(data["nouns"]) | frozenset(attacks)


def offender_of(source: Resolved, acts: list[Found], m: Match, roots: tuple[str, ...]) -> list[Resolved]:
    """The source of the latest act of ``roots`` on ``source`` (its actor, else its country)."""
    actor = source.mention.actor
    for wanted in ("code", "country"):
        for f in reversed(acts):
            if f.code[:2] not in roots:
                continue
            assert f.target is not None
            hit = f.target.mention.actor
            by = f.source.mention.actor
            if by.code == actor.code or (
                by.country is not None and by.country in (actor.country, actor.sponsor)
            ):
                continue  # (its own side's attacks on others, its sponsor's among them)
            if (
                (hit.code == actor.code)
                if wanted == "code"
                else (actor.country and hit.country == actor.country)
            ):
                return [
                    Resolved(
                        Mention(-1, -1, f.source.mention.actor, f.source.mention.cat), m.trigger, "attacker"
                    )
                ]
    return []


def referred_act_doer(m: Match, sources: list[Resolved], acts: list[Found]) -> list[Resolved]:
    """For a threat (``m``) aimed at an act said again ("any such attack", "this aggression"): the doer of
    the latest hostile act on its first source; [] when it aims at no such act or the article names none."""
    if not sources or not any(_refers_back(t) for t in _aimed_at(m.trigger)):
        return []
    return offender_of(sources[0], acts, m, OFFENCES["offender"])


def _aimed_at(trigger: Token) -> Iterable[Token]:
    """The objects and prepositional objects of the trigger and of the clauses it governs."""
    for verb in (trigger, *tree.clauses(trigger)):
        yield from tree.objects(verb)
        for word in _PREPS:
            yield from tree.prep_objects(verb, word, through_object=False)


def _refers_back(noun: Token) -> bool:
    """Is ``noun`` an act noun with "such", "this", "that" ... on it ("any such attack")?"""
    determiners, nouns = _words()
    if noun.lemma_.lower() not in nouns:
        return False
    return any(c.dep_ in ("det", "amod", "predet") and c.lower_ in determiners for c in noun.children)
