"""Cooperation news told in its common constructions: envoys "from" two parties, talks that were had or
concluded, and one consultation not coded twice (real spaCy parse through the whole coder)."""

from __future__ import annotations

from tests.fixtures.coder import article, shared_coder


def _pairs(text: str) -> set[tuple[str, str, str | None]]:
    events = shared_coder().code(article(text)).events
    return {(e.cameo, e.source.country or "", e.target.country if e.target else None) for e in events}


def test_envoys_from_two_parties_talk_to_each_other() -> None:
    got = _pairs("Officials from India and Pakistan held talks in Delhi.")
    assert {("046", "IND", "PAK"), ("046", "PAK", "IND")} <= got


def test_representatives_from_two_states_had_talks() -> None:
    got = _pairs("Representatives from the U.S. and Iran also had significant talks on the nuclear program.")
    assert {("046", "USA", "IRN"), ("046", "IRN", "USA")} <= got


def test_refugees_from_two_countries_are_not_their_parties() -> None:
    got = _pairs("Refugees from Syria and Iraq held talks with Greek officials.")
    assert not {p for p in got if p[1] == "SYR" and p[2] == "IRQ"}


def test_concluded_round_of_talks_is_reported_as_held() -> None:
    got = _pairs("China and the US concluded the second round of strategic talks in Washington.")
    assert {("046", "CHN", "USA"), ("046", "USA", "CHN")} <= got


def test_had_talks_with_is_negotiation() -> None:
    assert ("046", "IRN", "OMN") in _pairs("Iran had talks with Oman on Tuesday.")


def test_untargeted_repeat_of_a_targeted_consultation_is_dropped() -> None:
    got = _pairs(
        "The Mongolian foreign minister met her Hungarian counterpart and had discussions on bilateral ties."
    )
    assert ("040", "MNG", "HUN") in got
    assert not [p for p in got if p[0].startswith("04") and p[2] is None]


def test_visit_to_come_has_no_host_yet() -> None:
    got = _pairs("Pakistan's Prime Minister Imran Khan will pay an official visit to China next month.")
    assert ("042", "PAK", "CHN") in got
    assert ("043", "CHN", "PAK") not in got


def test_visit_made_has_its_host() -> None:
    assert ("043", "JPN", "IND") in _pairs("Modi visited Japan last week.")


def test_envoy_sent_to_a_state_is_a_visit() -> None:
    assert ("042", "CHN", "MMR") in _pairs("China dispatched an envoy to Myanmar on Monday.")


def test_the_two_sides_are_the_parties_named_before() -> None:
    got = _pairs(
        "China and Russia agreed to strengthen coordination as the two sides held a round of security "
        "consultation in Beijing."
    )
    assert {("046", "CHN", "RUS"), ("046", "RUS", "CHN")} <= got


def test_both_leaders_of_one_state_are_not_two_sides() -> None:
    got = _pairs(
        "Chinese State Councillor and Foreign Minister Wang Yi met his Pakistani counterpart on Saturday and "
        "both the leaders agreed to strengthen cooperation."
    )
    assert not [p for p in got if p[1] == p[2] == "CHN"]


def test_the_two_men_are_the_leaders_named_before() -> None:
    got = _pairs(
        "Turkish President Tayyip Erdogan and U.S. President Donald Trump spoke on Sunday, and the two men "
        "agreed to meet in Washington."
    )
    assert {("036", "TUR", "USA"), ("036", "USA", "TUR")} <= {(c[:3], s, t) for c, s, t in got}
