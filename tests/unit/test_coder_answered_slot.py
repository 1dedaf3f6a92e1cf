"""The ``answered`` slot: the doer of the act a trigger answers ("in response to Russia's pullout" -> Russia),
and the noun of a treaty's suspension carried by a verb (reduce.suspension_of_treaty)."""

from __future__ import annotations

from brink.coder.parse import load_model
from brink.coder.slots import _answered
from tests.fixtures.coder import article, shared_coder


def test_the_act_a_trigger_answers_names_its_doer() -> None:
    doc = load_model()(
        "NATO announced the suspension of the treaty in response to Russia's pullout from the deal."
    )
    suspension = next(t for t in doc if t.lower_ == "suspension")
    assert [t.text for t in _answered(suspension)] == ["Russia"]


def test_a_treaty_suspended_in_response_to_a_state_reduces_relations_with_that_state() -> None:
    text = (
        "NATO on Tuesday announced the formal suspension of a key security treaty "
        "in response to Russia's pullout."
    )
    events = shared_coder().code(article(text)).events
    assert [(e.cameo_root, e.source.code, e.target.country if e.target else None) for e in events] == [
        (16, "IGOWSTNAT", "RUS")
    ]


def test_a_suspension_named_in_another_report_is_not_an_act_of_its_own() -> None:
    events = shared_coder().code(article("Germany condemned Russia's suspension of the treaty.")).events
    assert {e.cameo_root for e in events} == {11}
