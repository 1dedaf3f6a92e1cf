"""Coercion, yielding and reduced relations in their noun and order forms (branch coerce11): a government's
order about its own relations or prisoners is the act ("ordered the expulsion of", "executed the release
of"), a quantity noun does not hide what it counts ("dozens of diplomats"), troops that pull back are
withdrawn, and a seized ship's flag names its state. The sentences are written for these tests (not taken
from the gold sets)."""

from __future__ import annotations

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def coded(sentence: str) -> list[EscalationEvent]:
    return shared_coder().code(article(sentence)).events


def triples(sentence: str) -> set[tuple[int, str | None, str | None]]:
    return {
        (e.cameo_root, e.source.country, e.target.country if e.target is not None else None)
        for e in coded(sentence)
    }


def test_an_ordered_expulsion_of_diplomats_is_the_expulsion_not_a_demand() -> None:
    found = triples("Canada ordered the expulsion of dozens of Russian diplomats on Monday.")
    assert (16, "CAN", "RUS") in found
    assert not {t for t in found if t[0] == 10}


def test_an_ordered_closure_of_an_embassy_reduces_relations_with_its_owner() -> None:
    found = triples("Germany ordered the closure of Iran's embassy in Berlin.")
    assert (16, "DEU", "IRN") in found
    assert not {t for t in found if t[0] == 10}


def test_an_executed_release_of_prisoners_is_a_release_not_a_killing() -> None:
    found = triples("Egypt executed the release of 50 Libyan prisoners on Sunday.")
    assert (8, "EGY", "LBY") in found
    assert not {t for t in found if t[0] in (18, 20)}


def test_an_ordered_air_strike_is_still_no_carried_strike() -> None:
    # (an order to use force may be called off: decrees carry only 08, 16 and 17)
    assert not {t for t in triples("The president ordered airstrikes on Syria.") if t[0] in (18, 19, 20)}


def test_troops_that_pull_back_are_withdrawn_and_markets_are_not() -> None:
    assert (8, "IND", None) in triples("Indian troops pulled back by two kilometres on Tuesday.")
    assert not triples("European shares pulled back from record highs on Tuesday.")


def test_a_seized_tanker_flying_two_flags_targets_both_flag_states() -> None:
    found = triples("Iran seized two tankers flying the flags of Liberia and Togo in the Gulf.")
    assert {(17, "IRN", "LBR"), (17, "IRN", "TGO")} <= found


def test_a_state_abandoning_its_commitments_under_a_deal_reduces_relations() -> None:
    assert (16, "PRK", None) in triples(
        "North Korea said it would abandon its commitments under the 2018 accord."
    )
    assert not triples("The airline abandoned its commitment to cheaper fares.")
