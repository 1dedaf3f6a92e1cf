"""Lexical generalisation (WordNet verb and noun classes): synonyms and nominal forms of an action code
as the action does, and the same words in sport, markets or background mentions do not. The sentences
are written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


def roots(sentence: str) -> set[int]:
    return {e.cameo_root for e in coded(sentence) if not (e.negated or e.hypothetical)}


# (sentence, CAMEO root an asserted event must have)
CODED = [
    # 16: class members beyond the lemma the pattern first listed
    ("Ecuador called off its talks with Colombia after the border incident.", 16),
    ("Lithuania kicked out two Russian diplomats on Friday.", 16),
    # a class's phrase: its first word triggers, its particle or object completes it
    ("Greek police locked up three Turkish smugglers on the island of Lesbos.", 17),
    # 17: the nominal forms a light verb carries
    ("Egypt launched a sweeping crackdown on Egyptian journalists.", 17),
    ("Tunisia began the deportation of Malian migrants.", 17),
    ("Israeli forces flattened Palestinian homes in the West Bank.", 17),
    # 07: the object is a container whose compound names the aid or arms
    ("Japan sent an emergency aid package to Turkey after the earthquake.", 7),
    ("Germany delivered a new weapons shipment to Ukraine on Tuesday.", 7),
    # 08: a withdrawal reported as a noun
    ("Armenia announced the withdrawal of its forces from Azerbaijan.", 8),
    # 20: mass killing nouns
    ("Government troops carried out a massacre of Hutu villagers in Burundi.", 20),
]

# (sentence, CAMEO root that must NOT be coded)
NOT_CODED = [
    ("Brazil demolished Germany 7-1 in the World Cup semi-final.", 17),
    ("Investors staged a massive withdrawal from emerging-market funds.", 8),
    ("The retailer announced a crackdown on shoplifting in its stores.", 17),
    # a nominal event named inside another report is background, not a new event
    ("India protested against Pakistan's detention of Indian fishermen.", 17),
    ("Lebanon repeated its demand for an Israeli withdrawal from the border villages.", 8),
    ("Moscow retaliated against Berlin's expulsion of Russian diplomats.", 16),
    ("Older pupils bullied the new boy at the boarding school.", 17),
    ("Kenya kicked off the tournament with a win over Uganda.", 16),
    ("Putin called the Ukrainian president on Friday.", 2),
    ("Apple shipped a software package to customers in France.", 7),
]


@pytest.mark.parametrize(("sentence", "root"), CODED, ids=[s[:48] for s, _ in CODED])
def test_synonym_or_nominal_form_is_coded(sentence: str, root: int) -> None:
    assert root in roots(sentence), [(e.cameo, e.source, e.target) for e in coded(sentence)]


@pytest.mark.parametrize(("sentence", "root"), NOT_CODED, ids=[s[:48] for s, _ in NOT_CODED])
def test_sport_markets_and_background_are_not_coded(sentence: str, root: int) -> None:
    assert root not in roots(sentence), [(e.cameo, e.source, e.target) for e in coded(sentence)]
