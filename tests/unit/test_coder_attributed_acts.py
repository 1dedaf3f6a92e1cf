"""An act the sentence only attributes is not coded (brink/coder/attributed_acts.py): the matter of an
accusation or allegation, and an act named as a purpose or a reason; the accusation itself, an act reported
as done and an accused act someone denies (negated) stay."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, asserted_events, shared_coder


@pytest.mark.parametrize(
    ("text", "accusation"),
    [
        ("Ukraine accused Russia of attacking civilians with cluster bombs.", (11, "UKR", "RUS")),
        ("Greece accused Turkey of violating its airspace over the Aegean.", (11, "GRC", "TUR")),
        ("India alleged that Pakistani troops fired at three Indian border posts.", (11, "IND", "PAK")),
    ],
)
def test_the_matter_of_an_accusation_is_no_act_of_the_accused(
    text: str, accusation: tuple[int, str, str]
) -> None:
    assert asserted_events(text) == {accusation}


@pytest.mark.parametrize(
    "text",
    [
        "South Korea remained on high alert for a North Korean missile test.",
        "Japanese warships arrived in Manila for joint drills with the Philippines.",
    ],
)
def test_an_act_named_as_a_purpose_is_not_done(text: str) -> None:
    assert not {r for r in asserted_events(text) if r[0] in (6, 15, 19)}


def test_an_act_named_as_the_reason_of_an_arrest_is_not_coded_the_arrest_is() -> None:
    assert asserted_events("Sri Lanka arrested ten Indian fishermen for crossing the maritime boundary.") == {
        (17, "LKA", "IND")
    }


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Indian troops shelled Pakistani posts, the army said.", (19, "IND", "PAK")),
        ("Israel bombed Gaza after Hamas fired rockets at Israeli towns.", (19, "ISR", "PSE")),
    ],
)
def test_an_act_reported_as_done_stays(text: str, act: tuple[int, str, str]) -> None:
    assert act in asserted_events(text)


def test_an_accused_act_that_is_denied_stays_negated() -> None:
    events = (
        shared_coder()
        .code(article("Ukraine accused Russian troops of shelling Kharkiv, but Moscow denied the charge."))
        .events
    )
    assert [e.negated for e in events if e.cameo_root == 19] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv rejected Russian claims of a Ukrainian link to an attack on a Moscow concert hall that killed "
        "more than 100 people.",
        "The group said the bombing of a Shia mosque in southern Afghanistan that killed 47 people was its "
        "work.",
    ],
)
def test_a_place_inside_an_event_noun_is_not_the_doer_of_its_relative_clause(text: str) -> None:
    assert not {r for r in asserted_events(text) if r[0] in (18, 19, 20)}


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Rebels who attacked Malian soldiers fled north.", 19),
        (
            "The governments of Australia and Britain, all of whom have expelled their Syrian ambassadors, "
            "met.",
            16,
        ),
    ],
)
def test_a_relative_clause_on_its_doer_stays(text: str, act: int) -> None:
    assert any(r[0] == act for r in asserted_events(text))


def test_an_act_a_plan_is_made_for_stays_hypothetical() -> None:
    events = (
        shared_coder().code(article("France has drawn up plans for a military strike against Syria.")).events
    )
    assert [e.hypothetical for e in events if e.cameo_root == 19] == [True]


def test_an_ngo_accusing_a_state_codes_the_accusation_alone() -> None:
    events = (
        shared_coder().code(article("Doctors Without Borders accused Israel of bombing a clinic.")).events
    )
    assert [(e.cameo, e.source.code, e.target.country if e.target else None) for e in events] == [
        ("112", "NGOHLHMSF", "ISR")
    ]


def all_events(text: str) -> set[tuple[str, str | None, str | None, bool]]:
    events = shared_coder().code(article(text)).events
    return {
        (e.cameo, e.source.country, e.target.country if e.target is not None else None, e.negated)
        for e in events
    }


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        ("Iran denied accusations that its forces had seized a British tanker.", "IRN"),
        ("Moscow rejected accusations that Russian jets bombed a hospital in Idlib.", "RUS"),
        ("Seoul denied accusations that its warship had fired at a Japanese aircraft.", "KOR"),
    ],
)
def test_an_act_named_by_a_denied_accusation_is_not_coded_the_denial_is(text: str, denier: str) -> None:
    # the denial goes to the accuser, whom these sentences do not name
    assert all_events(text) == {("016", denier, None, False)}


def test_an_act_the_denier_itself_states_stays_negated() -> None:
    events = all_events("Russia denied that its jets had entered Japanese air space.")
    assert {e[3] for e in events if e[0][:2] in ("15", "19")} == {True}
