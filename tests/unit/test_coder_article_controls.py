"""Control articles at article level: retrospectives, sport, markets, disasters and culture stories
that use the words of war must report level 0 and no threat pair (their events, if any, are framed out of
escalation), while a real attack reported on an anniversary is still news. The texts are written for
these tests (not taken from the gold files)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from brink.evaluation.articles import article_level, threat_pairs
from tests.fixtures.coder import article, shared_coder

_AT = datetime(2024, 6, 1, 12, tzinfo=UTC)

CONTROLS = [
    (
        "Forty years on, veterans return to the South Atlantic",
        "Veterans of both sides gathered in Port Stanley on Saturday to mark the anniversary of the "
        "conflict. On April 2, 1982, Argentine troops invaded the islands, and Britain sent a naval task "
        "force to retake them. British warships sank the Argentine cruiser General Belgrano, killing 323 "
        "sailors. The veterans laid wreaths at the memorial and shook hands.",
    ),
    (
        "The night the world held its breath",
        "In October 1962 the United States imposed a naval blockade on Cuba after spy planes found Soviet "
        "missiles on the island. Kennedy warned Moscow that any missile launched from Cuba would be met "
        "with a full retaliatory response. Khrushchev eventually agreed to withdraw the missiles. "
        "Historians still debate how close the two powers came to nuclear war.",
    ),
    (
        "India crush Pakistan in World Cup clash",
        "India crushed Pakistan by 89 runs in Manchester on Sunday. Rohit Sharma attacked the Pakistani "
        "bowlers from the first over and hit 140. Pakistan's batsmen collapsed under pressure, and India's "
        "bowlers destroyed the middle order. The Indian captain said his team would show no mercy in the "
        "semi-final.",
    ),
    (
        "Iran stun United States to reach knockout stage",
        "Iran beat the United States 2-1 on Tuesday night in a tense match that ended with fans of both "
        "teams invading the pitch. The Iranian striker fired the winner in stoppage time. The American "
        "coach said his players would fight back in the next tournament.",
    ),
    (
        "Oil surges as traders fear supply shock",
        "Brent crude jumped 6% on Monday as investors weighed the risk to supplies from the Gulf. Chinese "
        "stocks plunged and the yuan weakened against the dollar. Analysts warned that a prolonged "
        "sell-off could hit emerging markets hardest.",
    ),
    (
        "Earthquake strikes eastern Turkey near Syrian border",
        "A magnitude 6.1 earthquake struck eastern Turkey on Friday, killing at least 22 people and "
        "destroying hundreds of buildings near the border with Syria. Rescuers pulled survivors from the "
        "rubble through the night. Iran and Greece sent rescue teams.",
    ),
    (
        "Film on the Iraq war wins top prize at Cannes",
        "A film about American soldiers who stormed Fallujah in 2004 won the Palme d'Or on Sunday. The "
        "director said the movie showed how US troops attacked the city street by street. The actress who "
        "plays an Iraqi mother received a standing ovation at the premiere.",
    ),
]


@pytest.mark.parametrize(("title", "text"), CONTROLS, ids=[t for t, _ in CONTROLS])
def test_a_control_article_reports_no_escalation(title: str, text: str) -> None:
    coded = shared_coder().code(article(text, published=_AT, title=title))
    events = coded.events
    assert (article_level(events, coded.casualties), threat_pairs(events)) == (0, set())


def test_an_attack_on_an_anniversary_is_still_news() -> None:
    text = (
        "Militants fired rockets at the Israeli town of Sderot on Saturday, the anniversary of the 2014 "
        "Gaza war, wounding three people. Israel's army said its jets struck Hamas positions in Gaza in "
        "response."
    )
    events = (
        shared_coder()
        .code(article(text, published=_AT, title="Rockets hit Israeli town on war anniversary"))
        .events
    )
    assert article_level(events) == 4
