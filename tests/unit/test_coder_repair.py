"""The repair of the small model's "have ADV participle object" misreading (brink/coder/repair.py), on real
parses: the participle becomes the clause's verb; readings the model gets right are left alone."""

from __future__ import annotations

import functools

from spacy.language import Language

from brink.coder.parse import load_model, parse


@functools.cache
def _nlp() -> Language:
    return load_model()


def _arcs(text: str) -> dict[str, tuple[str, str]]:
    (doc,) = parse([text], _nlp())
    return {t.text: (t.dep_, t.head.text) for t in doc}


def test_a_participle_read_as_an_adjective_after_have_and_an_adverb_becomes_the_verb() -> None:
    arcs = _arcs("France and Britain have twice vetoed resolutions.")
    assert arcs["vetoed"] == ("ROOT", "vetoed")
    assert arcs["have"] == ("aux", "vetoed")
    assert arcs["France"] == ("nsubj", "vetoed")
    assert arcs["resolutions"] == ("dobj", "vetoed")
    assert arcs["twice"][1] == "vetoed"


def test_have_with_an_adjective_and_no_adverb_keeps_the_models_reading() -> None:
    arcs = _arcs("They have armed groups.")
    assert arcs["have"] == ("ROOT", "have")
    assert arcs["armed"] == ("amod", "groups")


def test_a_repaired_clause_keeps_one_sentence_and_every_other_arc() -> None:
    (doc,) = parse(["France and Britain have twice vetoed council resolutions on Libya."], _nlp())
    assert len(list(doc.sents)) == 1
    assert {t.text: t.head.text for t in doc}["Libya"] == "on"
    assert {t.text: t.head.text for t in doc}["council"] == "resolutions"


def test_a_verbless_name_participle_noun_sentence_is_read_as_a_clause() -> None:
    arcs = _arcs("Armenia ceded control of four villages to Azerbaijan.")
    assert arcs["ceded"] == ("ROOT", "ceded")
    assert arcs["Armenia"] == ("nsubj", "ceded")
    assert arcs["control"] == ("dobj", "ceded")


def test_a_name_joined_to_its_participle_by_a_hyphen_stays_a_noun_phrase() -> None:
    arcs = _arcs("Iran-backed militias in Iraq.")
    assert arcs["militias"] == ("ROOT", "militias")
    assert arcs["backed"] == ("amod", "militias")
