"""The parser's transition loop run from Python (brink/coder/greedy_parse.py) parses as spaCy's own loop."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.pipeline import DependencyParser, TrainablePipe
from spacy.tokens import Doc

from brink.coder.greedy_parse import GreedyParser
from brink.coder.parse import load_model, parse
from brink.coder.segment import segment

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "gold" / "dev"


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(DEV.glob("sentences*.jsonl")):
        rows = path.read_text(encoding="utf-8").splitlines()
        out += [json.loads(line)["sentence"] for line in rows if line.strip()]
    samples = (ROOT / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    out += [s.text for line in samples if line.strip() for s in segment(json.loads(line)["text"])]
    return [*out, "", "   ", "Hi.", "Iran", "Iran threatened Israel. Israel struck Iran."]


def _greedy() -> GreedyParser:
    slot = load_model().get_pipe("parser")
    greedy = getattr(slot, "parser", None)
    assert isinstance(greedy, GreedyParser)
    return greedy


def _tagged(texts: list[str]) -> list[Doc]:
    """The texts through the loaded pipeline's tokenizer, tok2vec and tagger (the parser's input)."""
    nlp = load_model()
    docs = [nlp.make_doc(t) for t in texts]
    for name in ("tok2vec", "tagger"):
        component = nlp.get_pipe(name)
        assert isinstance(component, TrainablePipe)
        docs = list(component.pipe(docs, batch_size=64))
    return docs


def _arcs(docs: list[Doc]) -> list[list[list[int]]]:
    return [d.to_array([HEAD, DEP, SENT_START]).tolist() for d in docs]


def test_the_loaded_pipeline_parses_through_the_greedy_loop_in_the_parsers_place() -> None:
    nlp = load_model()
    assert nlp.pipe_names.index("parser") == nlp.pipe_names.index("tagger") + 1
    greedy = _greedy()
    assert isinstance(greedy.parser, DependencyParser)
    assert greedy.exact  # the model has no unseen classes, beam width 1: the loop of greedy_parse runs
    assert not isinstance(load_model(fast_attributes=False).get_pipe("parser"), GreedyParser)


@pytest.mark.parametrize(("batch_size", "most"), [(64, 100_000), (7, 120)])
def test_heads_labels_and_sentence_starts_are_spacys_own(batch_size: int, most: int) -> None:
    """Every dev sentence in the pipeline's batches; some in small uneven ones (sub-batches of 2 and 1)."""
    greedy = _greedy()
    texts = _texts()
    assert len(texts) > 900
    texts = texts[: most - 5] + texts[-5:]
    spacy_docs = list(greedy.parser.pipe(_tagged(texts), batch_size=batch_size))
    ours = list(greedy.pipe(_tagged(texts), batch_size=batch_size))
    assert [d.text for d in ours] == texts  # in order, every one
    assert _arcs(ours) == _arcs(spacy_docs)
    assert all(d.has_annotation("DEP") for d in ours if len(d) and not d.text.isspace())


def test_a_parse_does_not_depend_on_the_sentences_parsed_with_it() -> None:
    texts = _texts()[:40]
    alone = [parse([t])[0] for t in texts]
    together = parse(texts)
    assert _arcs(alone) == _arcs(together)
    doc = together[texts.index(next(t for t in texts if len(t.split()) > 8))]
    assert sum(1 for t in doc if t.dep_ == "ROOT") >= 1
    assert numpy.array_equal(doc.to_array([HEAD]), alone[texts.index(doc.text)].to_array([HEAD]))


def test_one_doc_through_the_component_is_parsed() -> None:
    doc = load_model()("Protesters stormed the U.S. embassy in Baghdad on Tuesday.")
    heads = {t.text: (t.dep_, t.head.text) for t in doc}
    assert heads["Protesters"] == ("nsubj", "stormed")
    assert heads["embassy"] == ("dobj", "stormed")
    assert heads["stormed"] == ("ROOT", "stormed")
