"""Threat-rhetoric scores, article tone, event ids and spans, and the ``brink code`` command."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from brink.cli.main import cli
from schemas.event import CodedArticle, EscalationEvent
from tests.fixtures.coder import article, shared_coder

PUBLISHED = datetime(2020, 1, 1, 12, tzinfo=UTC)


def first_threat(sentence: str) -> EscalationEvent:
    events = shared_coder().code(article(sentence, published=PUBLISHED)).events
    return next(e for e in events if e.cameo_root == 13)


def test_head_of_state_threat_outranks_a_commentators() -> None:
    president = first_threat("President Donald Trump threatened Iran.")
    commentator = first_threat("An Iraqi security commentator threatened Iran.")
    assert president.threat_score > commentator.threat_score
    assert "head of state: Donald Trump" in president.threat_reasons


def test_explicit_threat_outranks_an_implicit_one() -> None:
    explicit = first_threat("Secretary of State Mike Pompeo threatened Iran.")
    implicit = first_threat('"Iran will be held responsible," Secretary of State Mike Pompeo said.')
    assert explicit.threat_score > implicit.threat_score
    assert "explicit threat" in explicit.threat_reasons and "implicit threat" in implicit.threat_reasons


def test_threat_of_force_intensifiers_and_ultimatums_raise_the_score() -> None:
    plain = first_threat("Iran threatened Israel.")
    force = first_threat("Iran threatened Israel with a decisive military response within 24 hours.")
    assert force.threat_score > plain.threat_score
    reasons = " ".join(force.threat_reasons)
    assert "threat of force" in reasons and "intensifier" in reasons and "ultimatum" in reasons


def test_conditional_threat_is_scored_and_explained() -> None:
    threat = first_threat("Trump threatened Iran if any harm comes to Americans.")
    assert threat.conditional and "conditional threat" in threat.threat_reasons


def test_non_threat_events_score_their_hostility_and_cooperation_scores_zero() -> None:
    events = shared_coder().code(article("Israeli jets bombed Gaza. Japan praised South Korea.")).events
    attack = next(e for e in events if e.cameo_root == 19)
    praise = next(e for e in events if e.cameo_root == 5)
    assert attack.threat_score == 0.5 and attack.threat_reasons
    assert praise.threat_score == 0.0


def test_negated_threat_keeps_little_of_its_score() -> None:
    events = shared_coder().code(article("Iran did not threaten Israel.")).events
    assert events and all(e.threat_score < 0.1 for e in events)


def test_article_threat_score_is_its_strongest_event() -> None:
    coded = shared_coder().code(article("Japan praised South Korea. Iran threatened Israel."))
    assert coded.threat_score == max(e.threat_score for e in coded.events) > 0


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks were a great success and both sides praised the friendly agreement.",
        "The horrific attack killed dozens and wounded hundreds in a brutal massacre.",
    ],
)
def test_tone_agrees_in_sign_with_vader(sentence: str) -> None:
    ours = shared_coder().code(article(sentence)).tone
    vader = SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"]
    assert ours * vader > 0 and abs(ours - vader) < 0.35


def test_event_ids_are_deterministic_and_spans_point_into_the_text() -> None:
    text = "Iran threatened Israel. Israeli jets bombed Gaza on Monday."
    first = shared_coder().code(article(text, article_id="a1")).events
    again = shared_coder().code(article(text, article_id="a1")).events
    other = shared_coder().code(article(text, article_id="a2")).events
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert {e.event_id for e in first}.isdisjoint(e.event_id for e in other)
    for e in first:
        assert text[e.span[0] : e.span[1]] in e.sentence and e.url == "https://example.org/a1"
        EscalationEvent.model_validate(e.model_dump())


def test_brink_code_reads_jsonl_and_writes_one_coded_article_per_line() -> None:
    rows = [
        {
            "url": "https://example.org/1",
            "text": "Iran threatened Israel.",
            "published_at": "2020-01-01T00:00:00Z",
        },
        {"url": "https://example.org/2", "text": "Rusia atacó Ucrania.", "language": "es"},
    ]
    result = CliRunner().invoke(cli, ["code", "-"], input="\n".join(json.dumps(r) for r in rows) + "\n")
    assert result.exit_code == 0, result.output
    lines = [CodedArticle.model_validate_json(line) for line in result.output.splitlines()]
    assert len(lines) == 2
    assert lines[0].events[0].cameo_root == 13 and lines[1].events == []


def test_brink_code_takes_plain_text_and_explains_for_people() -> None:
    result = CliRunner().invoke(
        cli, ["code", "--explain", "--published", "2020-01-01"], input="Iran threatened Israel on Monday.\n"
    )
    assert result.exit_code == 0, result.output
    assert "Iran [IRN]" in result.output and "130 Threaten" in result.output
    assert "when 2019-12-30" in result.output and "threat 0." in result.output


def test_brink_code_says_which_line_is_wrong() -> None:
    result = CliRunner().invoke(cli, ["code", "-"], input='{"text": "ok"}\n{not json\n')
    assert result.exit_code != 0 and "line 2" in result.output


@pytest.mark.parametrize("word", ["threat ", "Iran attacked Israel ", "on Monday in Baghdad Iran attacked "])
def test_a_pathological_article_codes_in_linear_time(word: str) -> None:
    # 300 KB of one phrase repeated in one "sentence": every clause search is bounded to a window.
    text = word * (300_000 // len(word))
    started = time.process_time()
    shared_coder().code(article(text))
    assert time.process_time() - started < 15
