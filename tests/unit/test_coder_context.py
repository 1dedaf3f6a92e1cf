"""The article frame and retrospective passages (brink/coder/context.py, data/frames.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from brink.coder.context import FRAMES_FILE, FrameRules, frame_of, retrospective_spans


def test_world_cup_rout_is_sport() -> None:
    result = frame_of(
        "France demolish Brazil 4-0 to reach World Cup final",
        "France demolished Brazil on Sunday. Mbappe scored twice as Les Bleus routed the holders in the "
        "semi-final in front of 80,000 fans at the stadium.",
        "https://www.example.com/sport/football/france-brazil-report",
        None,
    )
    assert result.frame == "sport"
    assert not result.feeds_escalation
    assert "headline 'world cup'" in result.reasons


def test_a_qualifier_of_a_cup_in_the_text_alone_is_sport() -> None:
    # a revenge promised for a qualifier is no threat: "qualifier" and "world cup" are two sport terms
    result = frame_of("", "Peru promised revenge against Chile in the qualifier for the World Cup.")
    assert result.frame == "sport"
    assert frame_of("", "Peru promised revenge against Chile.").frame != "sport"


def test_cricket_report_without_url_is_sport_from_its_words() -> None:
    result = frame_of(
        "England demolish Australia by an innings",
        "Stokes took four wickets as England's bowlers demolished the Australian batting order; "
        "the batsmen collapsed before tea on day three of the Test match.",
        None,
        None,
    )
    assert result.frame == "sport"


def test_earthquake_that_struck_is_disaster() -> None:
    result = frame_of(
        "Magnitude 7.8 earthquake strikes Turkey and Syria",
        "A powerful earthquake struck southern Turkey and northwest Syria before dawn on Monday, killing "
        "more than 1,000 people. Rescuers searched the rubble of collapsed buildings for survivors.",
        None,
        None,
    )
    assert result.frame == "disaster"


def test_papal_mass_is_culture() -> None:
    result = frame_of(
        "Pope Francis celebrates Mass in Baghdad cathedral",
        "Pope Francis celebrated Mass before hundreds of worshippers in Baghdad's Chaldean cathedral on "
        "Saturday, the first papal visit to Iraq.",
        None,
        None,
    )
    assert result.frame == "culture"


def test_trade_deal_is_markets() -> None:
    result = frame_of(
        "US, Jordan agree free-trade pact",
        "The United States and Jordan have agreed upon a free-trade pact that will remove tariffs on most "
        "exports within ten years, trade officials said; investors welcomed the trade deal.",
        "https://www.example.com/business/markets/us-jordan-trade",
        "Markets",
    )
    assert result.frame == "markets"


def test_cuban_missile_crisis_retrospective_is_history() -> None:
    result = frame_of(
        "Sixty years ago, the world held its breath: the Cuban missile crisis remembered",
        "On the anniversary of the Cuban missile crisis, historians recall how close the world came to "
        "nuclear war in October 1962, when Kennedy warned Khrushchev.",
        None,
        None,
    )
    assert result.frame == "history"


def test_an_almanac_column_is_history_by_its_kicker() -> None:
    """A "Today in history:" item is the past as a whole, though its one sentence is a war report."""
    text = (
        "On this day: In a surprise attack, the army of the republic crossed the river and shelled the "
        "northern garrison, killing dozens of soldiers; the offensive was halted within a week."
    )
    assert frame_of("", text.replace("On this day:", "Today in history:"), None, None).frame == "history"
    assert frame_of("", text.replace("On this day:", "This day in history:"), None, None).frame == "history"
    # the same report without the column's heading is news of war
    assert frame_of("", text.replace("On this day: I", "I"), None, None).frame == "security"


def test_a_quotation_opening_the_text_is_not_a_kicker() -> None:
    text = "The army said: the artillery shelled the northern garrison and killed dozens of soldiers."
    assert frame_of("", text, None, None).frame == "security"


def test_threat_story_is_politics_or_security() -> None:
    result = frame_of(
        "Iran warns US of retaliation",
        "Iran's foreign minister warned on Tuesday that the country would retaliate against any strike "
        "on its nuclear facilities, as US troops massed in the Gulf.",
        None,
        None,
    )
    assert result.frame in {"politics", "security"}
    assert result.feeds_escalation


def test_war_story_on_a_business_url_stays_security() -> None:
    """Syndicating sites file wire war reports under /business/: the URL alone never reframes a story."""
    result = frame_of(
        "",
        "Russia attacked Ukraine with eight missiles overnight, Air Force commander Mykola Oleshchuk said.",
        "https://www.bnnbloomberg.ca/business/company-news/2024/08/25/two-reuters-journalists-wounded-in-"
        "russian-strike-on-kramatorsk/",
        None,
    )
    assert result.feeds_escalation


def test_attack_at_a_stadium_is_security_not_sport() -> None:
    result = frame_of(
        "Suicide bomber kills 20 near football stadium",
        "A suicide bomber killed at least 20 people near a football stadium in Mogadishu on Friday; the "
        "militant group al Shabaab claimed the bombing, and troops sealed off the area.",
        None,
        None,
    )
    assert result.feeds_escalation


def test_text_without_frame_words_defaults_to_politics() -> None:
    result = frame_of("", "China warns Taiwan.", None, None)
    assert result.frame == "politics"
    assert result.score == 0.0


def test_outlet_section_counts_as_evidence() -> None:
    text = "The striker's late goal gave the hosts the match."
    assert frame_of("", text, None, "Sport").frame == "sport"
    assert "section 'Sport'" in frame_of("", text, None, "Sport").reasons


def test_dated_recollection_and_its_continuation_are_retrospective() -> None:
    sentences = [
        "In October 1962, the Soviet Union placed nuclear missiles in Cuba.",
        "At the time, Kennedy threatened to blockade the island.",
        "On Tuesday, Russia warned the United States against new deployments.",
    ]
    assert retrospective_spans(sentences, 2022) == {0, 1}


@pytest.mark.parametrize(
    "sentence",
    [
        "Fifty years ago, the United States invaded Grenada.",
        "Back in 2014, Russia annexed Crimea.",
        "During the Cuban missile crisis, the two superpowers came close to war.",
        "The 1991 Gulf war drove Iraq out of Kuwait.",
        "At the height of the Cold War, both sides tested bombs.",
    ],
)
def test_sentence_recalled_as_history_is_retrospective(sentence: str) -> None:
    assert retrospective_spans([sentence], 2024) == {0}


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has occupied Crimea since 2014 and struck Kyiv on Monday.",
        "Tensions are at their worst since the Cold War, the minister said.",
        "In 2023, Israel launched strikes on Gaza.",
        "Iran threatened to strike Israel in retaliation.",
        "The country plans to finish the wall by 2030.",
    ],
)
def test_current_sentence_is_not_retrospective(sentence: str) -> None:
    assert retrospective_spans([sentence], 2024) == set()


def test_years_need_the_publication_year() -> None:
    assert retrospective_spans(["In 1962, the Soviet Union placed missiles in Cuba."]) == set()


def test_a_term_in_two_frames_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(FRAMES_FILE.read_text(encoding="utf-8"))
    data["frames"]["sport"]["words"].append("missile")
    path = tmp_path / "frames.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="'missile' is in frames security and sport"):
        FrameRules.load(path)


def test_an_unknown_frame_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(FRAMES_FILE.read_text(encoding="utf-8"))
    data["frames"]["weather"] = {"words": ["rain"]}
    path = tmp_path / "frames.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown frames"):
        FrameRules.load(path)


def test_frame_report_counts_controls_kept_out_and_political_articles_lost() -> None:
    from brink.evaluation.frames import report

    records: list[dict[str, object]] = [
        {
            "id": "a1",
            "title": "Magnitude 7.1 earthquake strikes Mexico",
            "text": "Rescuers searched the rubble after the quake.",
            "url": None,
            "section": None,
            "frame": "disaster",
            "control": "disaster",
        },
        {
            "id": "a2",
            "title": "Minister denies report",
            "text": "The minister denied the report.",
            "url": None,
            "section": None,
            "frame": "politics",
            "control": "denial",
        },
        {
            "id": "a3",
            "title": "France demolish Brazil in World Cup",
            "text": "France scored four goals in the semi-final.",
            "url": None,
            "section": None,
            "frame": "politics",
            "control": None,
        },
        {
            "id": "a4",
            "title": "Iran threatens US",
            "text": "Iran's army threatened to fire missiles at US troops.",
            "url": None,
            "section": None,
            "frame": "security",
            "control": None,
        },
    ]
    result = report(records)
    assert (result.articles, result.frame_correct) == (4, 3)
    assert result.controls == {"disaster": 1, "denial": 1}
    assert result.controls_kept_out == {"disaster": 1, "denial": 0}
    assert (result.feeding, result.feeding_kept_out) == (2, ["a3"])


def test_article_frames_give_history_only_inside_a_recalled_sentence() -> None:
    text = (
        "Russia warned the United States on Thursday against deploying missiles in Europe. "
        "In October 1962, the Soviet Union threatened the United States over its missiles in Turkey."
    )
    first_end = text.index(" In October")
    sentences = [(0, first_end), (first_end + 1, len(text))]
    frames = FrameRules.load().article("Russia warns US", text, None, None, sentences, 2022)
    assert frames.history == ((first_end + 1, len(text)),)
    assert frames.of(0) == frames.frame.frame
    assert frames.frame.feeds_escalation
    assert frames.of(first_end + 5) == "history"


def test_a_sentence_reporting_something_today_is_not_retrospective_for_its_years() -> None:
    sentence = (
        "The High Court in Islamabad ordered police today to begin a criminal investigation of a drone "
        "strike that killed three people on December 31 2009."
    )
    assert retrospective_spans([sentence], 2012) == set()
    assert retrospective_spans(["A drone strike killed three people on December 31 2009."], 2012) == {0}


def test_sentence_check_lists_gold_events_the_context_would_keep_out() -> None:
    from brink.evaluation.frames import SentenceCheck

    check = SentenceCheck()
    event = [{"root": 19}]
    check.add({"id": "s1", "sentence": "Russia attacked Ukraine.", "date": "2024-01-01", "events": event})
    check.add(
        {
            "id": "s2",
            "sentence": "Back in 2014, Russia annexed Crimea.",
            "date": "2024-01-01",
            "events": event,
        }
    )
    check.add({"id": "s3", "sentence": "The match ended in a draw.", "date": "2024-01-01", "events": []})
    check.add(
        {
            "id": "s4",
            "sentence": "India sent aid after the magnitude 7.8 earthquake struck Nepal.",
            "date": "2015-04-26",
            "events": [{"root": 7}],
        }
    )
    assert check.sentences == 3
    assert check.retrospective == ["s2"]
    assert check.framed_out == ["s4"]


def test_every_frame_term_is_found_in_a_sentence_that_contains_it() -> None:
    rules = FrameRules.load()
    for term, frame in rules.term_frame.items():
        found = rules.words.find(f"Reporters said {term.upper()} was the story.")
        assert found and rules.term_frame[found[0]] == frame, term
