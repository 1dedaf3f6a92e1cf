"""Quotations read in their article (brink/coder/quotes.py): a quoted sentence that names no one is its
speaker's and is parsed; the verbs that attribute a quotation after it; a full stop that closes a
quotation ends its sentence, so the next sentence is not its attribution. The texts are written for these
tests."""

from __future__ import annotations

import pytest

from brink.coder.quotes import quotations, spoken_in
from brink.evaluation.articles import threat_pairs
from tests.fixtures.coder import article, shared_coder


def _pairs(text: str) -> set[tuple[str | None, str | None]]:
    return threat_pairs(shared_coder().code(article(text)).events)


def test_a_quoted_sentence_naming_no_one_is_its_speaker_s() -> None:
    # the first sentence of the quotation names no actor and has no pronoun the candidate pass knows
    text = (
        'Israeli jets struck Hezbollah positions in Lebanon overnight. "Any attack on our villages will be '
        'met with a crushing response. We are ready," Hezbollah leader Hassan Nasrallah said on Sunday.'
    )
    # (conditional: "any attack" is whoever attacks next, so no target is lent from the strike)
    assert ("LBN", None) in _pairs(text)


def test_an_unattributed_quoted_sentence_is_not_read_as_anyone_s() -> None:
    text = (
        '"Any attack on our villages will be met with a crushing response." The slogan was painted on walls.'
    )
    assert not _pairs(text)


@pytest.mark.parametrize("verb", ["asserted", "vowed", "cautioned", "reiterated"])
def test_a_quotation_attributed_after_it_by_a_verb_that_qualifies_the_words(verb: str) -> None:
    text = (
        '"We will respond to any aggression by India with full force. Our patience has run out," the '
        f"Pakistani army chief {verb}."
    )
    assert _pairs(text) == {("PAK", "IND")}


def test_the_sentence_after_a_quotation_closed_by_a_full_stop_is_not_its_attribution() -> None:
    text = (
        'The White House adviser spoke on Sunday. "Any attack on our nationals will be met with force." '
        "The Iranian government said the sanctions were lawful."
    )
    quotes = quotations(text, [])
    assert len(quotes) == 1
    coded = shared_coder().code(article(text)).events
    assert not any(e.cameo_root == 13 and e.source.country == "IRN" for e in coded)


def test_spoken_in_needs_a_speaker() -> None:
    text = '"We will win." The end.'
    quotes = quotations(text, [])
    assert quotes and not spoken_in(quotes, 0, 15)
