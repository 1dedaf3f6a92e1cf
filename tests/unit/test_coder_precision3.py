"""Precision rules of the match stage (brink/coder/match.py): what an appeal or demand asks for is not an
event of its own ("urge X to do Y" is the appeal alone), while a finite clause, a question or the actor's
own aim stays what it is. The sentences are written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


def roots(sentence: str) -> set[int]:
    return {e.cameo_root for e in coded(sentence)}


# (sentence, the root the asked-for act would have: it must not be coded)
ASKED_FOR = [
    ("Turkey demanded that Armenia withdraw its forces from the disputed villages.", 8),
    ("The Dutch foreign ministry called on Iranian authorities to release the detained aid worker.", 8),
    ("The Kenyan president told Somalia to pull its troops out of the border town.", 8),
    ("Pope Francis called for Moscow to halt its bombing of Ukrainian cities.", 8),
    ("Mexico urged Guatemala to free the arrested truck drivers and to reopen the crossing.", 8),
    ("Norway asked Sudan's rival generals to engage in negotiations in Jeddah.", 4),
]

# (sentence, a root that must still be coded)
STILL_CODED = [
    # the asked-for act gives the appeal its code; the appeal itself stays
    ("Germany urged Serbia to withdraw its troops from the Kosovo border.", 2),
    # a finite verb joined after the asked-for clause is asserted on its own
    ("Macron called for Hamas to free the hostages and has spoken to the Israeli prime minister.", 4),
    # a passive "expected to" predicts a meeting; it asks nothing (a scheduled meeting: hypothetical)
    ("The Chinese president is expected to meet the Brazilian president in Brasilia on Monday.", 4),
]


@pytest.mark.parametrize(("sentence", "root"), ASKED_FOR, ids=[s[:48] for s, _ in ASKED_FOR])
def test_what_an_appeal_asks_for_is_not_coded(sentence: str, root: int) -> None:
    assert root not in roots(sentence), [(e.cameo, e.source.text, e.target) for e in coded(sentence)]


@pytest.mark.parametrize(("sentence", "root"), STILL_CODED, ids=[s[:48] for s, _ in STILL_CODED])
def test_the_appeal_and_asserted_acts_stay(sentence: str, root: int) -> None:
    assert root in roots(sentence), [(e.cameo, e.source.text, e.target) for e in coded(sentence)]


# (sentence, the root a noun named in another clause's argument would have: it must not be coded)
NAMED_ONLY = [
    ("Human rights groups condemned the army's drone strike on the wedding party in Kandahar.", 19),
    ("The ministry said the cyberattack happened during the joint naval drills near Okinawa.", 15),
    ("Analysts studied footage of the rebel offensive against the airport for weeks.", 19),
    ("The UN envoy monitored the peace negotiations between the two Sudanese factions.", 4),
]

# (sentence, a root its noun event must still have)
NAMED_AND_CARRIED = [
    ("Ethiopia launched air strikes on rebel positions in Tigray on Sunday.", 19),
    ("A hospital was damaged by a Russian missile strike on the Ukrainian city of Odesa.", 19),
    ("Talks between Serbia and Kosovo resumed in Brussels on Monday.", 4),
    ("Greece and Turkey began a new round of talks on maritime borders.", 4),
]


@pytest.mark.parametrize(("sentence", "root"), NAMED_ONLY, ids=[s[:48] for s, _ in NAMED_ONLY])
def test_a_noun_event_in_an_argument_is_not_coded(sentence: str, root: int) -> None:
    assert root not in roots(sentence), [(e.cameo, e.source.text, e.target) for e in coded(sentence)]


@pytest.mark.parametrize(("sentence", "root"), NAMED_AND_CARRIED, ids=[s[:48] for s, _ in NAMED_AND_CARRIED])
def test_a_carried_or_subject_noun_event_is_coded(sentence: str, root: int) -> None:
    assert root in roots(sentence), [(e.cameo, e.source.text, e.target) for e in coded(sentence)]
