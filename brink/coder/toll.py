"""Toll: are the victims of a killing many? CAMEO 20 is mass killing; one or a few victims are an assault (18)
or fighting (19).

Read from the dependency parse of the killing verb's objects (a passive's subject): a number that modifies
them ("killed 12 people", "at least 100 men", "two dozen villagers"), a quantity noun that heads them
("dozens of people", "hundreds of civilians"), or their grammatical number ("a woman" is one). A plural with
no number ("massacred villagers") counts as many: the verb or the report says so more often than not.
Gold coding rule (tests/gold/README.md): a dozen or more, or "dozens".
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree

MANY: Final = 12  # a dozen or more

# the raids, storms and ground attacks (not bombings, air strikes or shelling) whose toll of many civilians
# makes them a mass killing: 180 assault, 190 fight, 145 a mob's violent riot; told by these verbs (the
# ground-attack members of the @attack class, with "overrun" and "raid")
_RAIDS: Final = frozenset({"180", "190", "145"})
_RAIDING: Final = frozenset({"attack", "raid", "storm", "overrun", "assault", "ambush"})
# the doers of an air raid ("warplanes attacked the city, killing dozens": an air strike, 19; not "fighter",
# which in news is as often a militant as a jet)
_AIRCRAFT: Final = frozenset(
    {"warplane", "jet", "aircraft", "plane", "drone", "helicopter", "bomber", "gunship", "airplane"}
)
# what a raid that is a massacre falls on: where civilians live or gather ("attacked two army positions,
# killing 17" is fighting)
_CIVILIAN_PLACES: Final = frozenset(
    {"village", "town", "city", "capital", "camp", "market", "mosque", "church", "school", "hospital",
     "crowd", "hamlet", "settlement", "neighbourhood", "neighborhood", "home", "house", "wedding", "funeral",
     "gathering", "bus", "festival", "concert", "shrine", "temple", "marketplace"}
)  # fmt: skip

_UNITS: Final = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
)
_WORDS: Final = {w: n for n, w in enumerate(_UNITS.split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90
}  # fmt: skip

# nouns that count what follows "of" in hundreds or more, or in dozens: "dozens of people", "scores of men"
_QUANTITIES: Final = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000}


def _value(tok: Token) -> int | None:
    """The number a numeral token says ("12", "1,400", "twelve", "dozen", "hundreds"), or None."""
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    lemma = tok.lemma_.lower()
    if text in _WORDS:
        return _WORDS[text]
    return _QUANTITIES.get(lemma)


def _count(tok: Token) -> int | None:
    """The number of the noun ``tok`` names, when the parse states one."""
    lemma = tok.lemma_.lower()
    if lemma in _QUANTITIES and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return _QUANTITIES[lemma]  # "dozens of people", "hundreds of civilians"
    numbers = [c for c in tok.children if c.dep_ == "nummod"]
    if not numbers:
        return None
    total = 1
    known = False
    for n in numbers:
        value = _value(n)
        if value is None:
            continue
        known = True
        # "two dozen", "three hundred": the numeral's own multiplier
        for m in n.children:
            if m.dep_ in ("compound", "nummod", "quantmod") and (v := _value(m)) is not None and v < value:
                value *= v
        total = max(total, value)
    return total if known else None


def victims_many(trigger: Token) -> bool:
    """Does the killing verb ``trigger`` have many victims? Its objects (or passive subjects) are read: one
    the parse counts at a dozen or more, or a plural it does not count, is many; a number under a dozen or
    a singular noun is few ("killed 38 civilians and two soldiers" is many, "killed a woman" is not)."""
    return any(_many(victim) for victim in tree.objects(trigger))


def _many(victim: Token) -> bool:
    count = _count(victim)
    if count is not None:
        return count >= MANY
    return victim.tag_ in ("NNS", "NNPS") or victim.lemma_.lower() in _QUANTITIES


def massacre_by_raid(toll: str, act: str, verb: Token) -> bool:
    """Is an act (code ``act``, told by ``verb``) whose toll (a killing told in a gerund hung on it) is
    coded ``toll`` one mass killing? A raid on a village or a crowd that kills many civilians is (gold rule:
    "whoever carries it out", CAMEO 20); a bombing, an air strike, shelling, or a raid on an army's positions
    that kills many stays what it is."""
    return (
        toll[:2] == "20"
        and act in _RAIDS
        and verb.lemma_.lower() in _RAIDING
        and not any(s.lemma_.lower() in _AIRCRAFT for s in tree.subjects(verb))
        and any(o.lemma_.lower() in _CIVILIAN_PLACES for o in tree.objects(verb))
    )
