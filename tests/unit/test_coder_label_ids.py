"""The coder's walks that compare string-store ids instead of strings (labels, lower-case forms, parts of
speech and lemmas read from the doc's arrays) give what the string comparisons they replaced gave, on real
parses (bench/same_output.py checks the whole coder's output on the dev corpus)."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Token

from brink.coder import tree
from brink.coder.casualties import _alleged, _asserted, _reports_violence, _words, casualty_clauses
from brink.coder.context import _TOKEN, FrameRules, TermMatcher
from brink.coder.history import _DATING_LEMMAS, _DATING_LOWERS, may_recall, recalled
from brink.coder.parse import load_model, parse

SENTENCES = [
    "Russian forces shelled Kharkiv and fired rubber bullets at protesters on Sunday.",
    "The embassy was stormed by protesters, who were dispersed with tear gas by police.",
    "Gunmen killed five soldiers in an ambush, the army said, but the group denied it.",
    "Ten years ago the Soviet war ended; decades after that, Moscow invaded again.",
    "China agreed with India on a ceasefire by Friday after talks between their generals.",
    "Turkey's army carried out air strikes against Kurdish militants in northern Iraq.",
    "Five people died in clashes between police and demonstrators in the capital.",
    "A suicide bomber killed 12 people at a market in Kabul on Tuesday, police said.",
    "Israeli airstrikes killed dozens of civilians in Gaza overnight.",
]


@lru_cache(maxsize=1)
def _docs() -> list[Doc]:
    return parse(SENTENCES, load_model())


LABEL_SETS: list[frozenset[str] | tuple[str, ...]] = [
    ("pobj",),
    ("prep",),
    ("nsubj", "nsubjpass"),
    tree.SUBJECT_DEPS,
    tree.CLAUSE_DEPS,
    ("ROOT",),
    ("no-such-label",),
]


def test_children_by_label_ids_are_the_children_with_those_labels() -> None:
    checked = 0
    for doc in _docs():
        for tok in doc:
            for labels in LABEL_SETS:
                want = [c.i for c in tok.children if c.dep_ in labels]
                assert [c.i for c in tree.children(tok, labels)] == want, (tok.text, labels)
                checked += len(want)
    assert checked > 20


def test_passive_and_prepositional_objects_by_ids_are_those_read_by_strings() -> None:
    seen_passive = seen_by = False
    for doc in _docs():
        for tok in doc:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or tree._shares_passive(
                tok
            )
            assert tree.is_passive(tok) == passive, tok.text
            seen_passive |= passive
            for word in ("by", "with", "between", "on"):
                want = [
                    c.i
                    for h in [tok]
                    for p in h.children
                    if p.dep_ in ("prep", "dative", "agent") and p.lower_ == word
                    for c in tree.with_conjuncts(tree.children(p, ("pobj",)) or tree._clause_subjects(p))
                ] + [s.i for s in tree.with_conjuncts(tree.marked_subjects(tok, word))]
                got = [c.i for c in tree.prep_objects(tok, word, through_object=False)]
                assert got == want, (tok.text, word)
                seen_by |= bool(got) and word == "by"
    assert seen_passive and seen_by


def _every_verbs_casualty_clauses(doc: Doc, published: date) -> list[Token]:
    """casualty_clauses as it read every word of the sentence."""
    words = _words()
    dated = may_recall(doc)
    return [
        tok
        for tok in doc
        if tok.pos_ in ("VERB", "AUX")
        and _reports_violence(tok, words)
        and _asserted(tok)
        and not _alleged(tok, words)
        and not (dated and recalled(tok, published))
    ]


def test_casualty_clauses_from_the_arrays_are_those_of_reading_every_verb() -> None:
    found = 0
    for doc in _docs():
        want = [t.i for t in _every_verbs_casualty_clauses(doc, date(2026, 1, 15))]
        assert [t.i for t in casualty_clauses(doc, date(2026, 1, 15))] == want, doc.text
        found += len(want)
    assert found >= 2


def _may_recall_by_strings(doc: Doc) -> bool:
    if any(map(str.isdigit, doc.text)):
        return True
    return any(t.lower_ in _DATING_LOWERS or t.lemma_.lower() in _DATING_LEMMAS for t in doc)


def test_may_recall_by_ids_is_that_of_the_words_and_lemmas_as_strings() -> None:
    results = [may_recall(doc) for doc in _docs()]
    assert results == [_may_recall_by_strings(doc) for doc in _docs()]
    assert any(results) and not all(results)


def _find_at_every_word(matcher: TermMatcher, text: str) -> list[str]:
    """TermMatcher.find as it tried every word."""
    words = _TOKEN.findall(text.lower())
    found: list[str] = []
    i = 0
    while i < len(words):
        matched = matcher._at(words, i, len(words))
        if matched is None:
            i += 1
        else:
            found.append(matcher.names[matched])
            i += len(matched)
    return found


def test_term_matcher_skipping_words_that_start_no_term_finds_what_trying_each_word_found() -> None:
    matcher = FrameRules.load().words
    texts = [
        *SENTENCES,
        "The earthquakes and typhoons hit; football matches, stock markets and the Olympic Games went on.",
        "Floods, wildfires, a hurricane's landfall and the World Cup final: ses es s.",
    ]
    found = 0
    for text in texts:
        want = _find_at_every_word(matcher, text)
        assert matcher.find(text) == want, text
        found += len(want)
    assert found >= 3


def test_a_docs_child_index_keeps_no_token_so_the_doc_is_freed_without_the_cycle_collector() -> None:
    """tree.children keeps each word's children (indices) in the doc's user_data: a Token there would tie
    the doc to itself, and every parsed sentence would wait for the cycle collector."""
    nlp = load_model()
    gc.disable()
    try:
        doc = nlp("Iran attacked the base near Basra, which was struck by drones.")
        alive = weakref.ref(doc)
        for tok in doc:
            tree.children(tok, ("prep",))
            tree.prep_objects(tok, "by")
            tree.is_passive(tok)
        assert doc.user_data
        del doc, tok
        assert alive() is None
    finally:
        gc.enable()
