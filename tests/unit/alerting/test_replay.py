"""``brink replay``: JSONL in, alert transitions out, in publication order, no broker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from brink.alerting import AlertConfig, AlertEngine
from brink.alerting.replay import replay
from brink.cli.main import cli
from schemas.alert import Alert
from schemas.article import Article
from schemas.event import CodedArticle, EscalationEvent
from tests.fixtures.events import (
    IRAN,
    IRAN_MIL,
    NORWAY,
    SWEDEN,
    T0,
    TRUMP,
    USA,
    event,
    trump_conditional_threat,
)

HOUR = timedelta(hours=1)


def _seed_story() -> list[EscalationEvent]:
    """The seed article's IRN–USA thread, hand-coded: Trump's conditional threat and hostile acts."""
    return [
        event(
            "blame",
            T0,
            source=TRUMP,
            target=IRAN,
            speaker=TRUMP,
            cameo="112",
            goldstein=-2.0,
            quote="Now Iran is orchestrating an attack on the U.S. Embassy in Iraq.",
        ),
        trump_conditional_threat("threat", T0 + HOUR),
        event("contractor", T0 + 2 * HOUR, source=USA, target=IRAN, cameo="112", goldstein=-2.0),
        event(
            "vow", T0 + 3 * HOUR, source=IRAN_MIL, target=USA, cameo="130", goldstein=-4.4, threat_score=0.5
        ),
    ]


def _control_story() -> list[EscalationEvent]:
    """Cooperation only: a trade agreement and a summit."""
    return [
        event("trade", T0, source=NORWAY, target=SWEDEN, cameo="057", goldstein=8.0, plover_type="AGREE"),
        event(
            "summit",
            T0 + HOUR,
            source=SWEDEN,
            target=NORWAY,
            cameo="036",
            goldstein=4.0,
            plover_type="CONSULT",
        ),
        event(
            "praise",
            T0 + 2 * HOUR,
            source=USA,
            target=IRAN,
            cameo="051",
            goldstein=3.4,
            plover_type="SUPPORT",
        ),
    ]


def _write(tmp_path: Path, records: Sequence[EscalationEvent | Article]) -> Path:
    path = tmp_path / "input.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records))
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["replay", *args])
    return result.exit_code, result.stdout, result.stderr


def test_trump_conditional_threat_with_hostile_events_fires_an_iran_usa_alert_with_the_quote(
    tmp_path: Path,
) -> None:
    code, out, err = _run(str(_write(tmp_path, list(reversed(_seed_story())))))  # order comes from time
    assert code == 0, err
    alerts = [Alert.model_validate_json(line) for line in out.splitlines()]
    assert alerts and alerts[0].type == "alert.firing" and alerts[0].dyad == "IRN-USA"
    assert alerts[0].level in ("watch", "warning", "critical")
    threat = next(e for a in alerts for e in a.evidence if e.event_id == "threat")
    assert threat.quote and "BIG PRICE" in threat.quote
    assert threat.speaker is not None and threat.speaker.name == "Donald Trump"
    assert threat.cameo == "138" and threat.threat_score == 0.8
    assert "Iran" in alerts[0].summary and "the United States" in alerts[0].summary


def test_a_file_saved_with_a_byte_order_mark_replays_like_one_without(tmp_path: Path) -> None:
    plain = _write(tmp_path, _seed_story())
    marked = tmp_path / "marked.jsonl"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    assert _run(str(marked)) == _run(str(plain))
    assert _run(str(marked))[1] != ""


def test_cooperative_events_fire_nothing(tmp_path: Path) -> None:
    code, out, err = _run(str(_write(tmp_path, _control_story())))
    assert code == 0, err
    assert out == ""


def test_replaying_twice_gives_identical_transitions(tmp_path: Path) -> None:
    path = _write(tmp_path, _seed_story())
    assert _run(str(path))[1] == _run(str(path))[1] != ""


def test_explain_prints_transitions_readably_and_the_final_index_per_dyad(tmp_path: Path) -> None:
    code, out, err = _run(str(_write(tmp_path, _seed_story() + _control_story())), "--explain")
    assert code == 0, err
    assert "FIRING" in out and "IRN-USA" in out and "BIG PRICE" in out
    final = out[out.index("final index per dyad") :]
    assert "IRN-USA" in final and "NOR-SWE" in final and "open WATCH" in final
    assert "7 events" in out


def test_bad_lines_are_skipped_with_a_reason_unless_strict(tmp_path: Path) -> None:
    path = _write(tmp_path, _seed_story())
    path.write_text(path.read_text() + '{"event_id": "x"}\nnot json\n')
    code, out, err = _run(str(path))
    assert code == 0 and out != ""
    assert "line 5: not a valid EscalationEvent" in err and "line 6: not JSON" in err
    code, _, err = _run(str(path), "--strict")
    assert code != 0 and "line 5" in err


class ScriptedCoder:
    """Stands in for the coder: returns the events scripted for each article."""

    def __init__(self, script: dict[str, list[EscalationEvent]]) -> None:
        self.script = script

    def code(self, article: Article) -> CodedArticle:
        return CodedArticle(
            article_id=article.article_id, events=self.script[article.article_id], threat_score=0, tone=0
        )


def test_articles_go_through_the_coder_in_publication_order() -> None:
    def article(article_id: str, hours: int) -> Article:
        at = T0 + hours * HOUR
        return Article(article_id=article_id, text="...", published_at=at, ingested_at=at)

    story = _seed_story()
    coder = ScriptedCoder({"late": story[2:], "early": story[:2], "quiet": []})
    records = [article("late", 2), article("quiet", 5), article("early", 0)]
    engine = AlertEngine(AlertConfig())
    transitions = list(replay(records, engine, coder))
    assert [t.type for t in transitions] == ["alert.firing"]
    state = engine.state("IRN-USA")
    assert state is not None and state.seen == ["blame", "threat", "contractor", "vow"]


SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "articles.jsonl"
SEED_LINE, CONTROL_LINES = 0, (4, 5, 6)  # the Baghdad embassy story; US–China, Trump–Kim, EU–Japan


def _samples(tmp_path: Path, *indices: int) -> Path:
    lines = SAMPLES.read_text().splitlines()
    path = tmp_path / "samples.jsonl"
    path.write_text("".join(lines[i] + "\n" for i in indices))
    return path


def test_the_seed_article_fires_iran_usa_with_trumps_threats_as_evidence(tmp_path: Path) -> None:
    code, out, err = _run(str(_samples(tmp_path, SEED_LINE)))
    assert code == 0, err
    alerts = [Alert.model_validate_json(line) for line in out.splitlines()]
    iran_usa = [a for a in alerts if a.dyad == "IRN-USA"]
    assert iran_usa and iran_usa[0].type == "alert.firing"
    assert iran_usa[0].at.isoformat().startswith("2019-12-31")
    assert "Iran and the United States" in iran_usa[0].summary and "Donald Trump threatening Iran" in (
        iran_usa[0].summary
    )
    assert iran_usa[0].directed.get("USA>IRN", 0) > 0
    threats = [e for e in iran_usa[0].evidence if e.cameo.startswith("13")]
    assert threats and all(e.threat_score >= 0.5 for e in threats)
    # Trump's own words are carried with the evidence as the story develops.
    quoted = [
        e for a in iran_usa for e in a.evidence if e.quote and e.speaker and e.speaker.name == "Donald Trump"
    ]
    assert quoted
    # The embassy attack itself: the Iraqi side of the story fires too.
    assert any(a.dyad == "IRQ-USA" and a.type == "alert.firing" for a in alerts)


def test_the_cooperative_sample_articles_fire_nothing(tmp_path: Path) -> None:
    code, out, err = _run(str(_samples(tmp_path, *CONTROL_LINES)), "--explain")
    assert code == 0, err
    assert "3 articles" in out and "0 transitions" in out
    assert "FIRING" not in out


def test_over_the_sample_set_the_seed_alert_later_carries_trumps_quoted_threat(tmp_path: Path) -> None:
    code, out, err = _run(str(SAMPLES))
    assert code == 0, err
    alerts = [Alert.model_validate_json(line) for line in out.splitlines()]
    iran_usa = [a for a in alerts if a.dyad == "IRN-USA"]
    assert len({a.alert_id for a in iran_usa}) == 1 and iran_usa[-1].type == "alert.resolved"
    quotes = {e.quote for a in iran_usa for e in a.evidence if e.cameo.startswith("13")}
    assert "They will be held fully responsible." in quotes
    assert not any(a.dyad in ("CHN-USA", "PRK-USA") for a in alerts)
