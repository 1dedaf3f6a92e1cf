"""The coder's text plumbing: sentence split, and dictionary keys found in a normalised text."""

from __future__ import annotations

from brink.coder.lexicon import Form, KeyTable, key_word_code
from brink.coder.text import _LONGEST_ABBREVIATION, ABBREVIATIONS, key_for, normalise, split_sentences


def test_abbreviation_length_bound_is_the_longest_abbreviation() -> None:
    assert max(len(a) for a in ABBREVIATIONS) == _LONGEST_ABBREVIATION


def test_sentences_split_before_capitals_not_after_abbreviations() -> None:
    text = "Mr. Smith met Gen. Jones in the U.S. Army base.\n\nThey left! \u201cNo,\u201d he said. 2 died."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "Mr. Smith met Gen. Jones in the U.S. Army base.",
        "They left!",
        "\u201cNo,\u201d he said.",
        "2 died.",
    ]


def _found(table: KeyTable, text: str) -> list[tuple[int, int, str]]:
    """(start, end, surface) of every key found in ``text``, by end (as Engine.analyse walks the table)."""
    norm = normalise(text)
    out: list[tuple[int, int, str]] = []
    words = norm.split(" ")
    at = -1
    for j, w in enumerate(words):
        node = table.find(table.root, key_word_code(w), False, norm, at + 1, at + 1 + len(w)) if w else None
        s = at
        i = j
        while node is not None:
            if node.is_key:
                out.append((s, at + len(w), text[s : at + len(w)]))
            if i <= 1:
                break
            i -= 1
            s -= len(words[i]) + 1
            node = table.find(node, key_word_code(words[i]), False, norm, s + 1, s + 1 + len(words[i]))
        at += len(w) + 1
    return out


def test_key_table_finds_keys_with_their_own_spacing() -> None:
    """ "U.S. embassy" is "u s  embassy" in the text and in its key; "New  York" is not "New York"."""
    form = Form(0, 0, None)
    table = KeyTable({key_for(p): [form] for p in ("U.S. embassy", "embassy", "U.S.", "New York", "ab")})
    found = _found(table, "The U.S. embassy in New  York; U.S.-made ab.")
    assert found == [
        (4, 7, "U.S"),
        (9, 16, "embassy"),
        (4, 16, "U.S. embassy"),
        (31, 34, "U.S"),
        (41, 43, "ab"),
    ]
