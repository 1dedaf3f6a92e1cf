"""Threat pairs per gold sentence: the coder's root-13 pairs against the gold's, sentence by sentence."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from brink.alerting import AlertConfig
from brink.evaluation.gold import GoldSentence
from brink.evaluation.report import render_articles, render_sentence_threats
from brink.evaluation.runner import SplitReport, evaluate_split
from brink.evaluation.splits import GoldSplit
from brink.evaluation.threat_sentences import SentenceThreatScores, gold_threat_pairs
from schemas.article import Article
from schemas.event import Actor, CodedArticle, EscalationEvent

AT = datetime(2021, 3, 4, 12, tzinfo=UTC)


def actor(country: str | None) -> Actor:
    return Actor(code=f"{country or 'UNO'}GOV", country=country, name=country or "UN", kind="state", text="x")


def event(root: int, src: str | None, tgt: str | None, n: int = 0, **flags: object) -> EscalationEvent:
    dyad = "-".join(sorted((src, tgt))) if src and tgt else None
    return EscalationEvent(
        event_id=f"e{n}-{root}", article_id="a", published_at=AT, source=actor(src),
        target=actor(tgt) if tgt else None, dyad=dyad, cameo=f"{root:02d}0", cameo_root=root,
        quad_class=4, goldstein=-4.0, plover_type="X", event_date=AT.date(), threat_score=0.0,
        confidence=1.0, sentence="s", span=(n, n + 1), coder_version="test", **flags,
    )  # fmt: skip


def sentence(id_: str, events: list[dict[str, object]]) -> GoldSentence:
    return GoldSentence.model_validate(
        {
            "id": id_,
            "url": "https://example.org/a",
            "outlet": "Example News",
            "date": "2021-03-04",
            "sentence": "Iran warned the United States it would pay a heavy price.",
            "events": events,
        }
    )


def gold_event(root: int, src: str | None, tgt: str | None, **flags: bool) -> dict[str, object]:
    return {"root": root, "source_country": src, "target_country": tgt, **flags}


def test_gold_threat_pairs_are_root_13_events_made_including_conditional_ones() -> None:
    gold = sentence(
        "d0001",
        [
            gold_event(13, "IRN", "USA"),
            gold_event(13, "RUS", "UKR", conditional=True),  # "will retaliate if ...": the threat was made
            gold_event(13, "CHN", "TWN", hypothetical=True),  # "could threaten": not made
            gold_event(13, "PRK", "KOR", negated=True),
            gold_event(13, None, None),  # no country on either side: not a pair
            gold_event(19, "ISR", "PSE"),
        ],
    )
    assert gold_threat_pairs(gold) == {("IRN", "USA"), ("RUS", "UKR")}


def test_sentence_threat_scores_count_pairs_and_negatives_given_a_pair() -> None:
    scores = SentenceThreatScores()
    scores.add(sentence("d0001", [gold_event(13, "IRN", "USA")]), [event(13, "IRN", "USA")])
    # a wrong target: one spurious pair and one missed pair
    scores.add(sentence("d0002", [gold_event(13, "RUS", "UKR")]), [event(13, "RUS", None)])
    # a negative (no gold threat) where the coder asserts one: a wrong alert
    scores.add(sentence("d0003", [gold_event(11, "USA", "CHN")]), [event(13, "USA", "CHN")])
    # a negative where the coder's threat is hedged: not asserted, so no pair
    scores.add(sentence("d0004", []), [event(13, "USA", "CHN", hypothetical=True)])
    assert (scores.sentences, scores.with_threat, scores.negatives) == (4, 2, 2)
    assert scores.negatives_with_pair == 1
    assert (scores.pairs.tp, scores.pairs.fp, scores.pairs.fn) == (1, 2, 1)
    assert [(e.id, e.missed, e.spurious) for e in scores.errors] == [
        ("d0002", [("RUS", "UKR")], [("RUS", None)]),
        ("d0003", [], [("USA", "CHN")]),
    ]
    errors = scores.as_dict()["errors"]
    assert isinstance(errors, list) and errors[0]["missed"] == [["RUS", "UKR"]]


class OneThreatCoder:
    """Codes every sentence as Iran threatening the United States."""

    def code(self, article: Article) -> CodedArticle:
        return CodedArticle(
            article_id=article.article_id, events=[event(13, "IRN", "USA")], threat_score=0.5, tone=0.0
        )


def test_evaluate_split_collects_sentence_threat_pairs_and_the_report_prints_them() -> None:
    golds = [sentence("d0001", [gold_event(13, "IRN", "USA")]), sentence("d0002", [])]
    split = GoldSplit("dev", Path("dev"), sentences=golds)
    report: SplitReport = evaluate_split(OneThreatCoder(), split, AlertConfig(), frozenset({"sentences"}))
    threats = report.sentence_threats
    assert threats is not None
    assert (threats.pairs.tp, threats.pairs.fp, threats.negatives_with_pair) == (1, 1, 1)
    assert report.as_dict()["sentence_threats"] is not None
    text = render_sentence_threats(threats, None)
    assert "sentence threat P / R / F1" in text and "0.500 / 1.000 / 0.667" in text
    assert "1 of 1" in text
    assert "sentence threat P / R / F1" in render_articles(None, None, threats=(threats, None))
