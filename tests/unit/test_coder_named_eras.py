"""Named wars date an act (data/eras.yaml, brink/coder/eras.py), also as the subject of the act's time
clause; a reason told in the past perfect with no time of its own is background (history.py)."""

from __future__ import annotations

import pytest

from brink.coder.eras import eras
from brink.coder.parse import load_model
from tests.fixtures.coder import article, shared_coder

# the fixture article is published 2019-12-31


def roots(text: str) -> set[int]:
    return {e.cameo_root for e in shared_coder().code(article(text)).events}


def test_era_names_are_keyed_as_the_parser_tokenises_them() -> None:
    table = eras()
    assert table["six - day war"] == 1967
    assert table["yom kippur war"] == 1973
    nlp = load_model()
    assert " ".join(t.lower_ for t in nlp("Six-Day War")) in table


@pytest.mark.parametrize(
    "text",
    [
        "The Yom Kippur War began when Egypt and Syria launched a surprise attack on Israel.",
        "The October War was fought by Egypt and Syria against Israel.",
        "During the Six-Day War, Israel attacked Egyptian airfields.",
    ],
)
def test_an_act_in_a_named_war_that_ended_long_ago_is_history(text: str) -> None:
    assert 19 not in roots(text)


def test_an_act_when_an_unnamed_war_began_is_still_news() -> None:
    assert 19 in roots("The new war began when Russia launched a surprise attack on Ukraine on Monday.")


def test_a_reason_told_in_the_past_perfect_is_background() -> None:
    told = "Trump said he was willing to go after Iranian cultural sites because Iran had killed Americans."
    assert 18 not in roots(told)
    assert 18 in roots("Trump said Iran killed Americans.")


def test_a_reason_in_the_past_perfect_with_its_own_day_is_still_news() -> None:
    assert 19 in roots("Pakistan retaliated because India had shelled its posts on Monday.")
