"""Article-level evaluation: levels from events, threat pairs, controls judged by the real alert engine."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from brink.alerting import AlertConfig
from brink.evaluation.articles import (
    ROOT_LEVEL,
    ArticleScores,
    GoldArticle,
    article_level,
    index_effect,
    threat_pairs,
)
from brink.evaluation.gold import GOLD_DIR
from brink.evaluation.runner import evaluate_articles
from brink.evaluation.splits import load_split
from schemas.article import Article
from schemas.event import Actor, Casualty, CodedArticle, EscalationEvent

AT = datetime(2021, 3, 4, 12, tzinfo=UTC)


def actor(country: str | None) -> Actor:
    return Actor(code=f"{country or 'UNO'}GOV", country=country, name=country or "UN", kind="state", text="x")


def event(
    root: int,
    src: str | None = "USA",
    tgt: str | None = "IRN",
    goldstein: float = -5.0,
    n: int = 0,
    **flags: bool,
) -> EscalationEvent:
    dyad = "-".join(sorted((src, tgt))) if src and tgt else None
    return EscalationEvent(
        event_id=f"e{n}-{root}", article_id="a", published_at=AT, source=actor(src),
        target=actor(tgt) if tgt or src else None, dyad=dyad, cameo=f"{root:02d}0", cameo_root=root,
        quad_class=4, goldstein=goldstein, plover_type="X", event_date=AT.date(), threat_score=0.0,
        confidence=1.0, sentence="s", span=(n, n + 1), coder_version="test", **flags,
    )  # fmt: skip


def gold_article(id_: str = "da001", **fields: object) -> GoldArticle:
    record: dict[str, object] = {
        "id": id_,
        "url": "https://example.org/a",
        "outlet": "Example News",
        "date": "2021-03-04",
        "section": "world",
        "title": "Title of the article",
        "text": "Iran threatened the United States on Thursday, state media said. " * 2,
        "frame": "politics",
        "control": None,
        "level": 2,
        "threats": [{"speaker_country": "IRN", "target_country": "USA"}],
    }
    record.update(fields)
    return GoldArticle.model_validate(record)


# --- levels and threat pairs ---------------------------------------------------------------------


def test_every_cameo_root_has_a_level_rising_with_the_escalation_it_reports() -> None:
    assert sorted(ROOT_LEVEL) == list(range(1, 21))
    assert [ROOT_LEVEL[r] for r in (4, 9, 11, 13, 16, 14, 15, 17, 18, 19, 20)] == [
        0,
        0,
        1,
        2,
        2,
        3,
        3,
        3,
        4,
        4,
        4,
    ]


def test_article_level_is_the_highest_level_among_events_asserted_as_fact() -> None:
    assert article_level([]) == 0
    assert article_level([event(4, goldstein=1.0), event(11, n=1), event(13, n=2)]) == 2
    hedged = [event(19, hypothetical=True), event(18, n=1, negated=True), event(20, n=2, conditional=True)]
    assert article_level([*hedged, event(11, n=3)]) == 1
    assert article_level([event(13, conditional=True)]) == 2  # "will retaliate if ...": the threat was made
    assert article_level([event(13, hypothetical=True)]) == 0


def test_events_that_the_frame_keeps_out_of_escalation_do_not_raise_the_level() -> None:
    base = event(19).model_dump()
    sport = EscalationEvent.model_validate({**base, "frame": "sport"})
    security = EscalationEvent.model_validate({**base, "frame": "security"})
    assert article_level([sport]) == 0
    assert article_level([security]) == 4
    assert (
        threat_pairs([EscalationEvent.model_validate({**event(13).model_dump(), "frame": "history"})])
        == set()
    )


def test_threat_pairs_are_asserted_root_13_events_by_source_and_target_country() -> None:
    events = [
        event(13, "IRN", "USA"),
        event(13, "USA", None, n=1),  # an untargeted threat keeps its speaker
        event(13, "RUS", "UKR", n=2, conditional=True),  # a conditional threat is still a threat made
        event(13, "CHN", "TWN", n=3, hypothetical=True),  # "could threaten": no threat made
        event(13, "PRK", "KOR", n=4, negated=True),
        event(19, "ISR", "PSE", n=5),
    ]
    assert threat_pairs(events) == {("IRN", "USA"), ("USA", None), ("RUS", "UKR")}


# --- the alert engine decides what moves an index ------------------------------------------------


def test_a_hostile_event_between_two_countries_moves_their_dyad_in_the_alert_engine() -> None:
    effect = index_effect([event(19, "USA", "IRN", goldstein=-10.0)], AlertConfig())
    assert effect.dyads == ("IRN-USA",)
    assert effect.transitions == 1  # -10 from a fresh dyad crosses the default WATCH line (8)


def test_negated_cooperative_domestic_or_one_sided_events_move_no_index() -> None:
    events = [
        event(19, "USA", "IRN", negated=True),
        event(4, "USA", "IRN", goldstein=4.0, n=1),
        event(17, "IRQ", "IRQ", n=2),
        event(18, "SYR", None, n=3),
    ]
    assert index_effect(events, AlertConfig()) == index_effect([], AlertConfig())
    assert index_effect(events, AlertConfig()).dyads == ()


# --- scores --------------------------------------------------------------------------------------


def test_article_scores_count_levels_threat_pairs_and_controls_that_move_an_index() -> None:
    scores = ArticleScores()
    config = AlertConfig()
    scores.add(gold_article("da001"), [event(13, "IRN", "USA"), event(13, "USA", "IRN", n=1)], config)
    control = gold_article("da002", frame="sport", control="sport", level=0, threats=[])
    scores.add(control, [event(18, "GBR", "AUS")], config)  # "England demolished Australia"
    scores.add(gold_article("da003", frame="disaster", control="disaster", level=0, threats=[]), [], config)
    assert (scores.articles, scores.level_correct, scores.confusion[0][4]) == (3, 2, 1)
    assert (scores.threats.tp, scores.threats.fp, scores.threats.fn) == (1, 1, 0)
    assert (scores.control_total, scores.moving_total) == (2, 1)
    assert scores.controls_moving == {"sport": 1, "disaster": 0}
    errors = {o.id: o for o in scores.outcomes}
    assert errors["da002"].moved == ("AUS-GBR",) and errors["da001"].spurious_threats == [("USA", "IRN")]
    document = scores.as_dict()
    assert document["controls"]["moving_an_index"] == 1  # type: ignore[index]


def test_evaluate_articles_codes_each_article_whole_with_its_title_outlet_and_date() -> None:
    seen: list[Article] = []

    class Recorder:
        def code(self, article: Article) -> CodedArticle:
            seen.append(article)
            return CodedArticle(article_id=article.article_id, events=[], threat_score=0.0, tone=0.0)

    gold = gold_article()
    scores = evaluate_articles(Recorder(), [gold], AlertConfig())
    (article,) = seen
    assert (article.title, article.text, article.source, article.url) == (
        gold.title,
        gold.text,
        gold.outlet,
        gold.url,
    )
    assert article.published_at == datetime(2021, 3, 4, 12, tzinfo=UTC)
    assert scores.level_correct == 0 and scores.threats.fn == 1


def test_evaluate_articles_counts_the_casualties_the_coder_lists_beside_its_events() -> None:
    killed = Casualty(sentence="Nine people were killed in clashes.", span=(17, 23), frame="security")

    class Reporter:
        def __init__(self, casualties: list[Casualty]) -> None:
            self.casualties = casualties

        def code(self, article: Article) -> CodedArticle:
            return CodedArticle(
                article_id=article.article_id,
                events=[],
                threat_score=0.0,
                tone=0.0,
                casualties=self.casualties,
            )

    gold = gold_article(level=4, threats=[])
    assert evaluate_articles(Reporter([killed]), [gold], AlertConfig()).level_correct == 1
    assert evaluate_articles(Reporter([]), [gold], AlertConfig()).level_correct == 0
    history = killed.model_copy(update={"frame": "history"})
    assert evaluate_articles(Reporter([history]), [gold], AlertConfig()).level_correct == 0


# --- the record model and the repository's article gold ------------------------------------------


def test_a_control_article_must_report_no_escalation_and_threats_need_level_two() -> None:
    with pytest.raises(ValidationError, match="control article reports no escalation"):
        gold_article(control="sport", level=1, threats=[])
    with pytest.raises(ValidationError, match="threats are listed but level 1"):
        gold_article(level=1)
    with pytest.raises(ValidationError):
        gold_article(frame="weather")


def test_the_article_gold_has_real_sources_controls_of_every_kind_and_both_splits() -> None:
    dev, blind = load_split("dev", GOLD_DIR), load_split("blind", GOLD_DIR)
    articles = [*dev.articles, *blind.articles]
    assert len(dev.articles) >= 30 and len(blind.articles) >= 30
    for a in articles:
        assert a.url.startswith(("http://", "https://")) and a.outlet.strip() and a.date <= date.today()
    controls = {a.control for a in articles if a.control}
    assert controls == {"sport", "markets", "trade", "culture", "disaster", "retrospective", "denial",
                        "routine_diplomacy"}  # fmt: skip
    assert {a.level for a in articles} == {0, 1, 2, 3, 4}
    assert len({a.text for a in articles}) == len(articles), "an excerpt appears twice"
