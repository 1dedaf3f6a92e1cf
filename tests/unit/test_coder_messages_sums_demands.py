"""Patterns that read a word's modifiers or a preposition: a message named for its congratulations is
praise (dipcoop.congratulations: a message's modifier says what it says, match._MESSAGES), a sum written with
a currency sign is a sum (brink/coder/sums.py), and what one insists on is demanded (demand.insist_on*)."""

from __future__ import annotations

import pytest

from tests.fixtures.coder import article, shared_coder


def _events(text: str) -> list[tuple[int, str | None, str | None]]:
    return [
        (e.cameo_root, e.source.country, e.target.country if e.target is not None else None)
        for e in shared_coder().code(article(text)).events
    ]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("King Mohammed VI has sent a congratulations message to Barack Obama.", "MAR", "USA"),
        ("The Indian prime minister sent a congratulatory letter to Vladimir Putin.", "IND", "RUS"),
    ],
)
def test_a_message_named_for_its_congratulations_is_praise(text: str, source: str, target: str) -> None:
    assert (5, source, target) in _events(text)


def test_a_plain_message_is_no_praise() -> None:
    assert all(root != 5 for root, _, _ in _events("King Mohammed VI has sent a message to Barack Obama."))


def test_a_sum_written_with_a_currency_sign_offered_to_a_country_is_aid() -> None:
    text = "The United States offered Japan $50,000 in aid to deal with the earthquakes."
    assert (7, "USA", "JPN") in _events(text)


def test_a_sum_offered_to_investors_is_no_aid() -> None:
    assert all(root != 7 for root, _, _ in _events("The company offered investors $50 a share."))


def test_insisting_on_a_withdrawal_is_a_demand() -> None:
    assert (10, "IRQ", "USA") in _events("Iraq insisted on the withdrawal of US troops.")


def test_insisting_on_a_right_is_no_demand() -> None:
    assert all(root != 10 for root, _, _ in _events("Israel insisted on its right to defend itself."))
