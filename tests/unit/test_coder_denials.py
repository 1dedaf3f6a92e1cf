"""A denial (016) with no target of its own takes the side the act it denies was said to hit (denials.py)."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder


def denials(text: str) -> set[tuple[str | None, str | None]]:
    events = shared_coder().code(article(text)).events
    return {
        (e.source.country, e.target.country if e.target is not None else None)
        for e in events
        if e.cameo == "016" and not e.negated
    }


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("India dismissed reports that its fighter jets had violated Pakistan's airspace.", ("IND", "PAK")),
        ("The US administration denied it is sending special forces into Iran.", ("USA", "IRN")),
    ],
)
def test_a_denial_is_towards_the_side_the_denied_act_hits(text: str, pair: tuple[str, str]) -> None:
    assert denials(text) == {pair}


def test_a_denied_act_on_the_deniers_own_people_lends_no_target() -> None:
    """ "denied claims that its soldiers killed 223 people": the victims are its own; no one else is named."""
    text = "Burkina Faso has denied claims that its soldiers killed 223 civilians."
    assert denials(text) == {("BFA", None)}


def test_a_denial_with_its_own_target_keeps_it() -> None:
    """The accuser named by the denial itself wins over the denied act's target."""
    text = "Russia rejected Ukraine's allegations that its jets had bombed Georgia."
    assert denials(text) == {("RUS", "UKR")}


def test_an_act_outside_the_denial_lends_nothing() -> None:
    """A negated act in another clause is not what the denial denies."""
    text = "Iran denied any involvement in the attack, and Israel did not strike Syria."
    assert denials(text) == {("IRN", None)}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Jordan denied on Friday that Syria had carried out an airstrike in the north.", ("JOR", "SYR")),
        ("Kenya has denied reports that Somali troops entered Kenyan territory on Monday.", ("KEN", "SOM")),
    ],
)
def test_a_denial_of_another_states_act_on_the_denier_is_towards_the_doer(
    text: str, pair: tuple[str, str]
) -> None:
    assert denials(text) == {pair}


def test_a_denial_of_its_own_act_at_home_stays_untargeted() -> None:
    assert denials("Kenya's army denied firing any shots at protesters in Nairobi.") == {("KEN", None)}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Beijing denied that Chinese troops had trespassed across the line between China and India.",
            ("CHN", "IND"),
        ),
        (
            "Islamabad denied that its soldiers had crossed the border between Pakistan and India.",
            ("PAK", "IND"),
        ),
    ],
)
def test_a_denied_crossing_is_towards_the_other_side_of_the_boundary(
    text: str, pair: tuple[str, str]
) -> None:
    """The boundary a denied incursion crossed lies "between" two sides: the one that is not the denier's."""
    assert denials(text) == {pair}


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        ("The rebels' leader said Syria denied shelling the town.", "SYR"),
        ("The United States denied it was conducting air strikes in Yemen.", "USA"),
    ],
)
def test_a_denied_hostile_act_of_any_attack_verb_is_a_denial(text: str, denier: str) -> None:
    """The denied clause's verb is read by verb class (@shell, @attack ...), not from a closed word list."""
    assert any(source == denier for source, _ in denials(text))


def claims(text: str) -> set[str | None]:
    events = shared_coder().code(article(text)).events
    return {e.source.country for e in events if e.cameo == "015"}


def test_taking_credit_for_an_attack_is_a_claim_of_responsibility() -> None:
    assert claims("Al-Shabaab has taken credit for the suicide bombing in Mogadishu.") == {"SOM"}


@pytest.mark.parametrize(
    "text",
    [
        "The army took responsibility for security in the capital.",
        "Ukraine took revenge for the attack on Kyiv.",
    ],
)
def test_taking_responsibility_for_something_not_an_attack_is_no_claim(text: str) -> None:
    assert claims(text) == set()
