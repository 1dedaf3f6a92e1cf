"""The coder's text plumbing: sentence split, and dictionary keys found in a normalised text."""

from __future__ import annotations

import json
from pathlib import Path

import ahocorasick

from brink.coder.key_forms import Form
from brink.coder.key_table import KeyTable, key_word_code
from brink.coder.lexicon import build_lexicon
from brink.coder.text import _LONGEST_ABBREVIATION, ABBREVIATIONS, key_for, normalise, split_sentences

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "articles.jsonl"
GOLD = REPO / "tests" / "gold" / "dev" / "sentences.jsonl"


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


def test_the_word_table_finds_exactly_what_aho_corasick_finds_with_the_whole_dictionary() -> None:
    """The coder's KeyTable (a word-level table, ADR 0009) against pyahocorasick, the maintained
    Aho-Corasick library it replaced, on every sample article and gold sentence, with their spacing,
    punctuation and Unicode as published."""
    table = build_lexicon().keys
    keys = [key for key, _ in table.entries()]
    assert len(keys) > 10_000
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    texts = [json.loads(line)["text"] for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line]
    texts += [json.loads(line)["sentence"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    found_total = 0
    for text in texts:
        norm = normalise(text)
        # a key " w1 w2 " found at norm[s:e] is the text's words at s .. e - 2 (norm has a leading space)
        expected = sorted((end - length + 1, end - 1) for end, length in automaton.iter(norm))
        walked = sorted((s, e) for s, e, _ in _found(table, text))
        assert walked == expected, text[:80]
        found_total += len(walked)
    assert found_total > 3_000
