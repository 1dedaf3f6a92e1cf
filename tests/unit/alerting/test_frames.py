"""Events framed as sport, markets, culture, disaster or history never move an escalation index."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.replay import replay
from brink.cli.main import cli
from brink.coder import Coder
from schemas.article import Article
from tests.fixtures.events import T0, event

CONFIG = AlertConfig()
WHEN = datetime(2022, 10, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("frame", ["sport", "markets", "culture", "disaster", "history", "other"])
def test_a_strike_framed_outside_politics_moves_no_index(frame: str) -> None:
    engine = AlertEngine(CONFIG)
    transitions = engine.process(event("strike", T0, cameo="190", goldstein=-10.0, frame=frame))
    assert transitions == []
    assert engine.index("IRN-USA", T0) == 0.0
    assert engine.state("IRN-USA") is None


@pytest.mark.parametrize("frame", ["politics", "security", None])
def test_a_strike_framed_as_politics_security_or_unknown_counts(frame: str | None) -> None:
    engine = AlertEngine(CONFIG)
    transitions = engine.process(event("strike", T0, cameo="190", goldstein=-10.0, frame=frame))
    assert engine.index("IRN-USA", T0) == pytest.approx(10.0)
    assert [t.type for t in transitions] == ["alert.firing"]


def _article(article_id: str, title: str, text: str, url: str | None = None) -> Article:
    return Article(
        article_id=article_id,
        title=title,
        text=text,
        url=url,
        published_at=WHEN,
        ingested_at=WHEN,
        language="en",
    )


# Real-looking control stories a keyword coder gets wrong (issue 14): each codes into hostile or
# cooperative verbs between countries ("demolished", "struck", "agreed", "met", "threatened to attack").
CONTROLS = [
    _article(
        "world-cup",
        "France demolish Brazil 4-0 to reach World Cup final",
        "France demolished Brazil 4-0 in the World Cup semi-final on Sunday. Kylian Mbappe scored twice as "
        "France routed Brazil in front of 80,000 fans at the stadium, and Brazil's coach said his side "
        "had been crushed.",
        "https://www.example.com/sport/football/france-brazil",
    ),
    _article(
        "cup-final-row",
        "Spain beat Germany to reach World Cup final",
        "Spain beat Germany 2-1 in the World Cup semi-final on Sunday, and Spain's striker scored twice in "
        "front of 60,000 fans at the stadium. Spain's coach accused Germany of wasting time, and Germany's "
        "captain condemned the referee's decision.",
        "https://www.example.com/sport/football/spain-germany",
    ),
    _article(
        "earthquake",
        "Magnitude 7.8 earthquake strikes Turkey and Syria",
        "A magnitude 7.8 earthquake struck southern Turkey and northwest Syria before dawn on Monday, "
        "killing more than 1,000 people. Turkey sent rescuers to Syria as survivors were pulled from the "
        "rubble.",
    ),
    _article(
        "trade-deal",
        "US and Jordan agree free-trade pact",
        "The United States and Jordan have agreed upon a free-trade pact that will remove tariffs on most "
        "exports within ten years. Investors welcomed the trade deal, and shares in Jordanian exporters "
        "rallied.",
        "https://www.example.com/business/markets/us-jordan-trade",
    ),
    _article(
        "papal-mass",
        "Pope Francis celebrates Mass in Baghdad cathedral",
        "Pope Francis celebrated Mass before hundreds of worshippers in Baghdad's Chaldean cathedral on "
        "Saturday. Iraq welcomed the pope, and Iraqi President Barham Salih met the pontiff at the "
        "presidential palace in the first papal visit to Iraq.",
    ),
    _article(
        "cuban-missile-crisis",
        "The Cuban missile crisis, sixty years on",
        "In October 1962, the Soviet Union deployed nuclear missiles in Cuba. At the time, the United "
        "States threatened to attack Cuba and ordered a naval blockade of the island. During the Cuban "
        "missile crisis, the United States and the Soviet Union came close to nuclear war.",
    ),
]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def test_control_articles_are_framed_outside_politics_and_fire_nothing(coder: Coder) -> None:
    frames = {e.frame for a in CONTROLS for e in coder.code(a).events}
    assert frames and frames <= {"sport", "markets", "culture", "disaster", "history"}
    engine = AlertEngine(CONFIG)
    assert list(replay(CONTROLS, engine, coder)) == []
    assert all(state.index == 0.0 and state.events == 0 for state in engine.states.values())


def test_a_threat_beside_the_controls_still_fires(coder: Coder) -> None:
    threat = _article(
        "threat",
        "Iran threatens to strike US bases",
        "Iran threatened on Tuesday to strike US bases in the Gulf if Washington attacked its nuclear "
        "facilities. The United States accused Iran of attacking oil tankers and vowed to respond.",
    )
    engine = AlertEngine(CONFIG)
    transitions = list(replay([*CONTROLS, threat], engine, coder))
    assert {t.dyad for t in transitions} == {"IRN-USA"}
    assert engine.index("IRN-USA", WHEN) > 0


def test_only_the_retrospective_sentence_is_framed_history(coder: Coder) -> None:
    article = _article(
        "mixed",
        "Russia warns US over missiles in Europe",
        "Russia warned the United States on Thursday against deploying missiles in Europe. "
        "The standoff recalled the Cuban missile crisis, when Moscow threatened to attack the United "
        "States over its missiles in Turkey.",
    )
    by_sentence = {e.sentence.split()[0]: e.frame for e in coder.code(article).events}
    assert by_sentence.get("The") == "history"
    assert by_sentence.get("Russia") in {"politics", "security"}


def test_an_act_dated_by_a_named_past_crisis_is_not_coded_as_news(coder: Coder) -> None:
    # a named era dates the act like a year does ("In 1962, ..."): history, not an event of this week
    article = _article(
        "era",
        "Russia warns US over missiles in Europe",
        "Russia warned the United States on Thursday against deploying missiles in Europe. "
        "During the Cuban missile crisis, Moscow threatened to attack the United States over its missiles in "
        "Turkey.",
    )
    firsts = [e.sentence.split()[0] for e in coder.code(article).events]
    assert "Russia" in firsts
    assert "During" not in firsts


def test_brink_code_explain_says_a_sport_event_is_not_counted() -> None:
    row = {
        "title": CONTROLS[1].title,  # the coder codes an accusation between Spain and Germany in it
        "text": CONTROLS[1].text,
        "url": CONTROLS[1].url,
        "published_at": "2022-10-20T09:00:00Z",
    }
    result = CliRunner().invoke(cli, ["code", "--explain", "-"], input=json.dumps(row) + "\n")
    assert result.exit_code == 0, result.output
    assert "frame sport: not counted in the escalation index" in result.output
    threat = {"text": "Iran threatened to strike US bases.", "published_at": "2022-10-20T09:00:00Z"}
    result = CliRunner().invoke(cli, ["code", "--explain", "-"], input=json.dumps(threat) + "\n")
    assert result.exit_code == 0 and "not counted" not in result.output


def test_frame_report_counts_control_articles_that_would_move_an_index() -> None:
    from brink.evaluation.frames import controls_moving_an_index

    records: list[dict[str, object]] = [
        {
            "id": a.article_id,
            "title": a.title,
            "text": a.text,
            "url": a.url,
            "date": "2022-10-20",
            "control": "sport" if a.article_id in ("world-cup", "cup-final-row") else "disaster",
        }
        for a in CONTROLS[:3]
    ]
    framed, unframed = controls_moving_an_index(records)
    assert framed == []
    # Spain's coach "accused" Germany: a hostile event between two countries, kept out only by the frame
    assert "cup-final-row" in unframed
