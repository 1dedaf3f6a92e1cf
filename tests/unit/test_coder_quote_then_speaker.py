"""A pronoun that says a quotation after it ('"We will retaliate against India," it said') stands for one
named before the quotation, not for a name inside it: brink/coder/said_pronoun.after_its_words."""

from __future__ import annotations

import pytest

from brink.coder.said_pronoun import after_its_words
from tests.fixtures.coder import article, shared_coder


def _pairs(text: str, root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
        if e.cameo_root == root
    }


@pytest.mark.parametrize(
    "quote",
    [
        '"We will retaliate against India," it added.',
        '"We will give a befitting response to any aggression by India," it said.',
    ],
)
def test_it_after_a_quotation_is_the_speaker_named_before_it(quote: str) -> None:
    text = "The Pakistan Foreign Office rejected the Indian statement on Monday. " + quote
    assert _pairs(text, 13) == {("PAK", "IND")}


@pytest.mark.parametrize(
    ("sentence", "after"),
    [
        ('"We will retaliate against India," it added.', True),
        ("Iran fired missiles at Israel and it said it will retaliate.", False),
        ("It said on Monday that Pakistan will retaliate against India.", False),
    ],
)
def test_only_a_pronoun_after_the_words_it_says_is_read_past_them(sentence: str, after: bool) -> None:
    doc = shared_coder().pipeline.nlp(sentence)
    pronoun = next(t for t in doc if t.lower_ == "it")
    assert after_its_words(pronoun) is after
