"""The dictionary pass's word codes (mentions.word_code) are the key table's (key_table.key_word_code)."""

from __future__ import annotations

import pytest

from brink.coder.key_table import exact_code, key_word_code
from brink.coder.mentions import word_code

WORDS = ["", "a", "iran", "ministers", "hezbollah", "méxico", "são", "naïve", "7", "u", "1,200", "x" * 130]


@pytest.mark.parametrize("word", WORDS)
def test_a_latin1_word_has_the_key_tables_code_read_either_way(word: str) -> None:
    for backwards in (False, True):
        code, exact, latin = word_code(word, backwards)
        assert (code, exact, latin) == (key_word_code(word), exact_code(word), True)


@pytest.mark.parametrize("word", ["киев", "北京", "İstanbul", "zürich‐bern"])
def test_another_word_is_read_forwards_as_the_key_table_reads_it(word: str) -> None:
    code, exact, latin = word_code(word)
    assert (code, exact, latin) == (key_word_code(word), exact_code(word), False)
