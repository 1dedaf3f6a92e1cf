"""Every verb trigger of the dependency patterns lemmatizes back from its regular inflections (-s, -ed,
-ing): a form the model's rule lemmatizer reads as another word ("staged" -> "stag") would never meet its
pattern. brink/coder/parse.py's VERB_LEMMA_EXCEPTIONS fixes those the model gets wrong."""

from __future__ import annotations

import pytest
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, MorphAnalysis

from brink.coder.parse import load_model
from brink.coder.pattern_files import load_patterns

_VOWELS = "aeiou"
_MORPH = {
    "VBZ": "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
    "VBD": "Tense=Past|VerbForm=Fin",
    "VBG": "Aspect=Prog|Tense=Pres|VerbForm=Part",
}


def _regular_forms(verb: str) -> dict[str, str]:
    """Third person, past and gerund by the regular spelling rules (doubling aside: the lemmatizer's own
    rules undo it)."""
    consonant_y = verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS
    if consonant_y:
        return {"VBZ": verb[:-1] + "ies", "VBD": verb[:-1] + "ied", "VBG": verb + "ing"}
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return {"VBZ": third, "VBD": verb + "d", "VBG": verb[:-1] + "ing"}
    if verb.endswith("e"):
        return {"VBZ": third, "VBD": verb + "d", "VBG": verb + "ing"}
    return {"VBZ": third, "VBD": verb + "ed", "VBG": verb + "ing"}


def _verb_triggers() -> dict[str, frozenset[str]]:
    """Each verb trigger with the lemmas that stand for it: every pattern's trigger set it is in (a spelling
    pair both listed, "lambast" and "lambaste", may lemmatize to either)."""
    out: dict[str, frozenset[str]] = {}
    for c in load_patterns().patterns:
        if c.spec.pos == "verb":
            for lemma in c.trigger:
                if lemma.isalpha():
                    out[lemma] = out.get(lemma, c.trigger) & c.trigger
    return out


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_every_verb_trigger_lemmatizes_back_from_its_inflections(fast: bool) -> None:
    nlp = load_model(fast_attributes=fast)
    pipe = nlp.get_pipe("lemmatizer")
    slot = getattr(pipe, "step", None)  # the fast pipeline's CachedLemmas wraps the model's lemmatizer
    lemmatizer = slot.lemmatizer if slot is not None else pipe
    assert isinstance(lemmatizer, Lemmatizer)
    wrong = []
    for verb, accepted in sorted(_verb_triggers().items()):
        for tag, form in _regular_forms(verb).items():
            doc = Doc(nlp.vocab, words=[form])
            doc[0].tag_ = tag
            doc[0].pos_ = "VERB"
            doc[0].morph = MorphAnalysis(nlp.vocab, _MORPH[tag])
            lemma = lemmatizer.lemmatize(doc[0])[0]
            if lemma not in accepted:
                wrong.append(f"{form} ({tag}) -> {lemma}, not {verb}")
    assert not wrong, "add to VERB_LEMMA_EXCEPTIONS: " + "; ".join(wrong)


def test_staged_is_read_as_stage_in_a_sentence() -> None:
    doc = load_model()("Farmers staged a protest and are staging another.")
    assert [t.lemma_ for t in doc if t.pos_ == "VERB"] == ["stage", "stage"]
