"""own_word.said_of_itself: a "would" act is its doer's own word only under a non-negated verb of saying
whose subject is the doer (or a pronoun for it). Real parses; sentences written for this test."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from brink.coder.own_word import said_of_itself
from brink.coder.parse import parse


def _verb(text: str, lemma: str) -> Token:
    return next(t for t in parse([text])[0] if t.lemma_ == lemma)


@pytest.mark.parametrize(
    ("text", "lemma", "expected"),
    [
        ("Hanoi said it would retaliate against Beijing.", "retaliate", True),
        ("Sudan announced that it would use force against Chad.", "use", True),
        ("Analysts said Iran would retaliate against Israel.", "retaliate", False),
        ("Israel awaited how Iran would retaliate.", "retaliate", False),
        ("Washington did not say that it would retaliate.", "retaliate", False),
        ("Iran would retaliate against Israel.", "retaliate", False),
    ],
)
def test_a_would_act_is_the_doers_own_word_only_when_its_side_says_it(
    text: str, lemma: str, expected: bool
) -> None:
    assert said_of_itself(_verb(text, lemma)) is expected
