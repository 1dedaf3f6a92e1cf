"""The sentences quoted at the top of issue 14, coded by the parse coder."""

from __future__ import annotations

from schemas.event import EscalationEvent
from tests.fixtures.coder import article, shared_coder


def code(text: str) -> list[EscalationEvent]:
    return shared_coder().code(article(text)).events


def pairs(events: list[EscalationEvent], root: int) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country, e.target.country if e.target else None) for e in events if e.cameo_root == root
    }


def test_threat_to_break_off_relations_targets_the_country_of_the_relations() -> None:
    events = code("Pakistan today threatened to break off diplomatic relations with Congo.")
    assert ("PAK", "COD") in pairs(events, 13)
    assert [e.cameo for e in events if e.cameo_root == 13] == ["1313"]


def test_two_subjects_renewing_negotiations_consult_each_other() -> None:
    assert pairs(code("Israel and Lebanon renewed negotiations."), 4) == {("ISR", "LBN"), ("LBN", "ISR")}


def test_continued_to_send_arms_is_military_aid_to_the_prepositional_object() -> None:
    events = code("The United States continued to send arms to Pakistan.")
    assert pairs(events, 7) == {("USA", "PAK")}
    assert [e.cameo for e in events] == ["072"]


def test_agreeing_upon_a_pact_is_an_agreement_both_ways() -> None:
    assert pairs(code("US and Jordan have agreed upon a free-trade pact."), 5) == {
        ("USA", "JOR"),
        ("JOR", "USA"),
    }


def test_cutting_ties_with_a_country_targets_it() -> None:
    events = code("Pakistan cut ties with Congo.")
    assert pairs(events, 16) == {("PAK", "COD")}
    assert events[0].cameo == "161"


def test_shooting_down_a_missile_is_not_occupying_territory() -> None:
    events = code("Iran vowed to shoot down any missile that enters its airspace.")
    assert not [e for e in events if e.cameo.startswith(("192", "1382"))]


def test_condemning_a_threat_and_refusing_intimidation_is_not_a_threat() -> None:
    events = code("Iran condemned the threat and said it would not be intimidated.")
    assert not [e for e in events if e.cameo_root == 13]


def test_warning_that_a_country_would_pay_threatens_that_country() -> None:
    assert ("USA", "IRN") in pairs(code("Trump warned that Iran would pay a big price."), 13)


def test_passive_by_agent_is_the_source() -> None:
    events = code("Kataib Hezbollah was attacked by US forces on Sunday.")
    assert [
        (e.source.country, e.target.name if e.target else None) for e in events if e.cameo_root == 19
    ] == [("USA", "Kataib Hezbollah")]


def test_speaker_of_reported_speech_is_the_subject_of_the_verb_of_saying() -> None:
    events = code("Israel attacked Syria, the Syrian foreign minister said.")
    attacks = [e for e in events if e.cameo_root == 19]
    assert attacks and attacks[0].source.country == "ISR" and attacks[0].target is not None
    assert attacks[0].speaker is not None and attacks[0].speaker.country == "SYR"


def test_events_carry_the_articles_frame_and_sport_does_not_feed_escalation() -> None:
    text = "Brazil attacked Germany from the first whistle and scored twice in the World Cup semi-final."
    coded = shared_coder().code(article(text, title="World Cup: Brazil thrash Germany in semi-final"))
    news = shared_coder().code(article("Russia attacked Ukraine on Monday.")).events
    assert coded.events and all(e.frame == "sport" for e in coded.events)
    assert news and all(e.frame in ("politics", "security") for e in news)
