"""A threat the body reports with no target takes the one country its side's headline threats or hostile
acts aim at (brink/coder/article_threats.py); the headline's own events are not the article's. Real
parses; the texts are written for these tests."""

from __future__ import annotations

from brink.evaluation.articles import threat_pairs
from tests.fixtures.coder import article, shared_coder

_BODY = "A Chinese foreign ministry spokesman warned on Monday that Beijing would retaliate."


def _pairs(text: str, title: str) -> set[tuple[str | None, str | None]]:
    return threat_pairs(shared_coder().code(article(text, title=title)).events)


def test_an_untargeted_threat_takes_the_target_its_side_threatens_in_the_headline() -> None:
    pairs = _pairs(_BODY, "China warns Australia it will retaliate over new sanctions")
    assert ("CHN", "AUS") in pairs
    assert ("CHN", None) not in pairs


def test_without_a_headline_the_threat_keeps_no_target() -> None:
    assert _pairs(_BODY, "") == {("CHN", None)}


def test_a_headline_threat_by_another_side_lends_nothing() -> None:
    pairs = _pairs(_BODY, "Japan warns Australia over its new sanctions")
    assert pairs == {("CHN", None)}


def test_the_headline_s_own_threat_is_not_an_event_of_the_article() -> None:
    title = "Russia warns Norway of retaliation"
    events = (
        shared_coder().code(article("Fishing quotas were set for the year on Monday.", title=title)).events
    )
    assert threat_pairs(events) == set()
