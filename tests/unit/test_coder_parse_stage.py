"""The cheap stages before the matcher: segment, candidates, and the parse with its fast attribute rules."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import threadpool_info

from brink.coder.candidates import PatternWords, action_forms, is_candidate
from brink.coder.parse import CachedLemmas, load_model, parse
from brink.coder.segment import segment
from brink.coder.text import normalise

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"


def _sample_sentences(n: int) -> list[str]:
    rows = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = [s.text for r in rows if r.get("language", "en") in (None, "en") for s in segment(r["text"])]
    return out[:n]


def test_segments_carry_offsets_into_the_text() -> None:
    text = "Iran warned Israel. The U.S. sent troops to Iraq.\nProtesters rallied."
    sentences = segment(text)
    assert [s.text for s in sentences] == [
        "Iran warned Israel.",
        "The U.S. sent troops to Iraq.",
        "Protesters rallied.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_sentence_is_a_candidate_only_with_an_actor_or_pronoun_and_an_action_word() -> None:
    forms = action_forms(["attack"])
    assert {"attack", "attacks", "attacked", "attacking"} <= forms
    assert is_candidate(["iran", "attacked", "israel"], has_mention=True, forms=forms)
    assert is_candidate(["they", "attacked", "the", "base"], has_mention=False, forms=forms)
    assert not is_candidate(["iran", "praised", "israel"], has_mention=True, forms=forms)
    assert not is_candidate(["the", "attack", "was", "big"], has_mention=False, forms=forms)


def test_a_pattern_may_match_only_with_its_trigger_and_every_word_set_it_needs() -> None:
    words = PatternWords(
        [
            (frozenset({"cut"}), (frozenset({"tie", "relation"}), frozenset(), frozenset())),
            (frozenset({"warn"}), (frozenset(), frozenset({"pay"}), frozenset({"will", "'ll"}))),
            (frozenset({"sit-in"}), (frozenset(), frozenset(), frozenset())),
        ]
    )

    def may(sentence: str) -> bool:  # the words as the candidate stage reads them
        return words.may_match(normalise(sentence).split())

    assert may("The ministry cut diplomatic ties with the embassy on Monday.")
    assert not may("The ministry cut its budget for roads.")
    assert not may("The ties that bind were never questioned.")
    assert may("He warned they'll pay for it.")  # "'ll" reads "ll" in the normalised text
    assert not may("He warned that it would rain.")
    assert may("Students staged a sit-in outside parliament.")


def test_the_model_is_loaded_once_per_process() -> None:
    assert load_model() is load_model()


def test_parse_returns_one_doc_per_sentence_in_order() -> None:
    texts = ["Iran attacked Israel.", "Israel struck back."]
    docs = parse(texts)
    assert [d.text for d in docs] == texts
    assert [t.dep_ for t in docs[0]] == ["nsubj", "ROOT", "dobj", "punct"]


def test_cease_fire_is_one_noun_not_a_fire() -> None:
    doc = parse(["Armenia and Azerbaijan agreed to a cease-fire, and the Cease-fires held."])[0]
    words = {t.lower_: t for t in doc}
    assert "fire" not in words
    assert words["cease-fire"].lemma_ == "cease-fire"
    assert words["cease-fire"].pos_ == "NOUN"


def test_fast_attribute_rules_agree_with_the_models_attribute_ruler() -> None:
    texts = _sample_sentences(150)
    fast = list(load_model().pipe(texts))
    ruled = list(load_model(fast_attributes=False).pipe(texts))
    pairs = [(a, b) for x, y in zip(fast, ruled, strict=True) for a, b in zip(x, y, strict=True)]
    pos_agree = sum(a.pos_ == b.pos_ for a, b in pairs) / len(pairs)
    lemma_agree = sum(a.lemma_ == b.lemma_ for a, b in pairs) / len(pairs)
    assert pos_agree >= 0.98, pos_agree
    assert lemma_agree >= 0.998, lemma_agree
    assert "attribute_ruler" in load_model().pipe_names  # the component keeps its place and name


def test_cached_lemmas_are_the_model_lemmatizers_exactly() -> None:
    texts = _sample_sentences(150)
    nlp = load_model(fast_attributes=False)
    lemmatizer = nlp.get_pipe("lemmatizer")
    with nlp.select_pipes(disable=["lemmatizer"]):
        plain = list(nlp.pipe(texts))
        again = list(nlp.pipe(texts))
    words = [t for d in plain for t in d]
    assert sum(t.lemma == 0 for t in words) > len(words) / 2  # most lemmas are the lemmatizer's to set
    cached = CachedLemmas(lemmatizer)  # type: ignore[arg-type]
    expected = [[t.lemma_ for t in lemmatizer(d)] for d in plain]
    first = [[t.lemma_ for t in cached(d)] for d in again]
    assert first == expected
    assert cached.cache  # filled on the first pass ...
    with nlp.select_pipes(disable=["lemmatizer"]):
        third = list(nlp.pipe(texts))
    assert [[t.lemma_ for t in cached(d)] for d in third] == expected  # ... and read on the next
    assert any(t.lemma_ != t.lower_ for d in third for t in d)  # real lemmatising happened ("said" -> "say")
    slot = load_model().get_pipe("lemmatizer")  # the component keeps its place and name
    assert isinstance(getattr(slot, "step", None), CachedLemmas)


def test_numpy_gemm_gives_the_blis_parse() -> None:
    texts = _sample_sentences(150)
    fast = list(load_model().pipe(texts))
    blis = list(load_model(fast_attributes=False).pipe(texts))  # thinc's bundled BLIS, as shipped

    def uses_blis(nlp: Language) -> list[bool]:
        model = getattr(nlp.get_pipe("tok2vec"), "model")  # noqa: B009 (the component's type has no .model)
        return [bool(getattr(node.ops, "use_blis", False)) for node in model.walk()]

    assert not any(uses_blis(load_model()))
    assert any(uses_blis(load_model(fast_attributes=False)))

    def parsed(docs: list[Doc]) -> list[tuple[str, str, int]]:
        return [(t.tag_, t.dep_, t.head.i) for d in docs for t in d]

    assert parsed(fast) == parsed(blis)


def test_parse_holds_blas_to_one_thread_and_restores_it() -> None:
    seen: list[int] = []

    class Recording:
        def pipe(self, texts: list[str], batch_size: int) -> list[Doc]:
            seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
            return list(load_model().pipe(texts, batch_size=batch_size))

    before = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    docs = parse(["Iran attacked Israel."], Recording())  # type: ignore[arg-type]
    assert [d.text for d in docs] == ["Iran attacked Israel."]
    assert seen and set(seen) == {1}
    assert [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] == before
