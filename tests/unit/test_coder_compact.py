"""The compact parse (brink/coder/compact.py) says what the Doc's Tokens say, word for word."""

from __future__ import annotations

import json
from pathlib import Path

from brink.coder.compact import compact
from brink.coder.parse import parse
from brink.coder.segment import segment

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"


def _sample_sentences(n: int) -> list[str]:
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = [s.text for r in rows if r.get("language", "en") in (None, "en") for s in segment(r["text"])]
    return out[:n]


def test_compact_parse_agrees_with_the_tokens_of_real_sentences() -> None:
    sentences = [
        "The strikes, which Israel launched on Tuesday, targeted members of the Iran-backed militia.",
        "If the navy fires on the boats, Pyongyang will retaliate, a spokesman said.",
        *_sample_sentences(40),
    ]
    for doc in parse(sentences):
        sheet = compact(doc)
        assert len(sheet.heads) == len(doc)
        for tok in doc:
            assert sheet.heads[tok.i] == tok.head.i
            assert sheet.labels[tok.i] == tok.dep
            assert sheet.lowers[tok.i] == tok.lower
            assert sheet.lemmas[tok.i] == tok.lemma
            assert sheet.pos[tok.i] == tok.pos
            assert sheet.kids[tok.i] == tuple(c.i for c in tok.children)


def test_compact_parse_is_read_once_per_doc() -> None:
    (doc,) = parse(["Russia said it had not attacked the convoy."])
    assert compact(doc) is compact(doc)


def test_root_is_no_child_of_itself() -> None:
    (doc,) = parse(["Iran warned Israel."])
    sheet = compact(doc)
    root = next(t.i for t in doc if t.dep_ == "ROOT")
    assert sheet.heads[root] == root
    assert root not in sheet.kids[root]
    assert sorted(i for kids in sheet.kids for i in kids) == [t.i for t in doc if t.i != root]
