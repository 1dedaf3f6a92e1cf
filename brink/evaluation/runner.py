"""Run a coder over the gold data (dev and blind splits) and the ConfliBERT data, and collect the scores.

Every gold sentence is coded on its own, as a one-sentence article (gold sentences carry their
publication date as ``published_at``; ConfliBERT sentences, whose dates are unknown, get
:data:`CONFLIBERT_DATE`). Gold articles are coded whole, with their title, outlet and date.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal, Protocol, cast

from brink.alerting import AlertConfig
from brink.evaluation import conflibert
from brink.evaluation.articles import ArticleScores, GoldArticle
from brink.evaluation.cameo import conflibert_class
from brink.evaluation.gold import GoldSentence
from brink.evaluation.metrics import GoldScores, Predicted, score_gold
from brink.evaluation.splits import GoldSplit
from brink.evaluation.threat_sentences import SentenceThreatScores
from schemas.article import Article
from schemas.event import CodedArticle, EscalationEvent

MainEventPolicy = Literal["first", "strongest"]
MAIN_EVENT_POLICIES: tuple[str, ...] = ("first", "strongest")
# ConfliBERT sentences come without dates; most report events of 2017–2018.
CONFLIBERT_DATE = date(2018, 1, 1)

Progress = Callable[[str], None]


class CoderLike(Protocol):
    def code(self, article: Article) -> CodedArticle: ...


def _quiet(_: str) -> None:
    return None


def sentence_article(article_id: str, text: str, published: date, url: str | None = None,
                     source: str | None = None) -> Article:  # fmt: skip
    at = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    return Article(
        article_id=article_id,
        url=url,
        text=text,
        published_at=at,
        source=source,
        language="en",
        ingested_at=at,
    )


def gold_article(sentence: GoldSentence) -> Article:
    return sentence_article(
        f"gold-{sentence.id}", sentence.sentence, sentence.date, sentence.url, sentence.outlet
    )


def article_of(gold: GoldArticle) -> Article:
    """The gold article as the pipeline would publish it (published at noon UTC of its date)."""
    at = datetime(gold.date.year, gold.date.month, gold.date.day, 12, tzinfo=UTC)
    return Article(
        article_id=f"gold-{gold.id}",
        url=gold.url,
        title=gold.title,
        text=gold.text,
        published_at=at,
        source=gold.outlet,
        language="en",
        ingested_at=at,
    )


def main_event(
    events: Sequence[EscalationEvent], policy: MainEventPolicy = "first"
) -> EscalationEvent | None:
    """The event that stands for the sentence: the first in the text (``first``: lowest span start,
    then the coder's order) or the one with the most extreme Goldstein score (``strongest``)."""
    if not events:
        return None
    if policy == "strongest":
        return max(events, key=lambda e: (abs(e.goldstein), -e.span[0]))
    return min(events, key=lambda e: e.span[0])


def ordered(events: Sequence[EscalationEvent], policy: MainEventPolicy) -> list[EscalationEvent]:
    """The events with the main one first."""
    main = main_event(events, policy)
    return [] if main is None else [main, *(e for e in events if e is not main)]


class ExplainingCoder(CoderLike, Protocol):
    """A coder that also says what decided each event (``Coder.code_explained``)."""

    def code_explained(self, article: Article) -> tuple[CodedArticle, dict[str, str], str]: ...


def decided_path(decided: str) -> str:
    """The path that decided an event, from the coder's explanation: "classifier" or "patterns"."""
    return "classifier" if decided.startswith("classifier") else "patterns"


def evaluate_gold(
    coder: CoderLike,
    sentences: Sequence[GoldSentence],
    progress: Progress = _quiet,
    threats: SentenceThreatScores | None = None,
) -> GoldScores:
    """Score the coder on gold sentences; ``threats``, when given, also collects each sentence's
    threat pairs (:mod:`brink.evaluation.threat_sentences`) from the same coded events."""
    started = time.perf_counter()
    pairs = []
    paths: Counter[str] = Counter()
    explains = getattr(coder, "code_explained", None) is not None
    for sentence in sentences:
        article = gold_article(sentence)
        if explains:
            coded, decided, _ = cast(ExplainingCoder, coder).code_explained(article)
            paths.update(decided_path(decided[e.event_id]) for e in coded.events if e.event_id in decided)
        else:
            coded = coder.code(article)
        if threats is not None:
            threats.add(sentence, coded.events)
        pairs.append((sentence, [Predicted.from_event(e) for e in coded.events]))
    progress(f"gold: coded {len(sentences)} sentences in {time.perf_counter() - started:.2f}s")
    scores = score_gold(pairs)
    scores.decided_by = dict(paths)
    return scores


def evaluate_articles(
    coder: CoderLike, articles: Sequence[GoldArticle], config: AlertConfig, progress: Progress = _quiet
) -> ArticleScores:
    started = time.perf_counter()
    scores = ArticleScores()
    for gold in articles:
        coded = coder.code(article_of(gold))
        scores.add(gold, coded.events, config, coded.casualties)
    progress(f"articles: coded {len(articles)} articles in {time.perf_counter() - started:.2f}s")
    return scores


@dataclass
class SplitReport:
    """One split's scores: ``None`` where the split has no data of that kind (yet)."""

    name: str
    sentences: GoldScores | None
    articles: ArticleScores | None
    sentence_threats: SentenceThreatScores | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": None if self.sentences is None else self.sentences.as_dict(),
            "articles": None if self.articles is None else self.articles.as_dict(),
            "sentence_threats": None if self.sentence_threats is None else self.sentence_threats.as_dict(),
        }


def evaluate_split(
    coder: CoderLike,
    split: GoldSplit,
    config: AlertConfig,
    kinds: frozenset[str] = frozenset({"sentences", "articles"}),
    progress: Progress = _quiet,
) -> SplitReport:
    def tell(message: str) -> None:
        progress(f"{split.name} {message}")

    threats = SentenceThreatScores() if split.sentences and "sentences" in kinds else None
    sentences = evaluate_gold(coder, split.sentences, tell, threats) if threats is not None else None
    articles = (
        evaluate_articles(coder, split.articles, config, tell)
        if split.articles and "articles" in kinds
        else None
    )
    return SplitReport(split.name, sentences, articles, threats)


@dataclass
class ConfliBertReport:
    directory: Path
    policy: MainEventPolicy
    quad: dict[str, conflibert.QuadScores]  # per main-event policy
    actors: conflibert.ActorScores

    def as_dict(self) -> dict[str, object]:
        return {
            "directory": str(self.directory),
            "main_event_policy": self.policy,
            "quad": self.quad[self.policy].as_dict(),
            "quad_macro_f1_by_policy": {name: round(q.macro_f1, 4) for name, q in self.quad.items()},
            "actors": self.actors.as_dict(),
        }


def _article_id(prefix: str, number: int, text: str) -> str:
    return f"{prefix}-{number:05d}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def evaluate_conflibert(
    coder: CoderLike,
    directory: Path,
    policy: MainEventPolicy = "first",
    progress: Progress = _quiet,
) -> ConfliBertReport:
    quad_sentences = conflibert.read_quad(directory / conflibert.QUAD_FILE)
    actor_sentences = conflibert.read_actors(directory / conflibert.ACTORS_FILE)

    started = time.perf_counter()
    quad = {name: conflibert.QuadScores() for name in MAIN_EVENT_POLICIES}
    for number, item in enumerate(quad_sentences):
        coded = coder.code(
            sentence_article(_article_id("quad", number, item.text), item.text, CONFLIBERT_DATE)
        )
        for name, scores in quad.items():
            event = main_event(coded.events, name)  # type: ignore[arg-type]
            scores.add(item.label, None if event is None else conflibert_class(event.cameo_root))
    progress(
        f"conflibert: coded {len(quad_sentences)} quad sentences in {time.perf_counter() - started:.2f}s"
    )

    started = time.perf_counter()
    actors = conflibert.ActorScores()
    for number, sentence in enumerate(actor_sentences):
        article = sentence_article(
            _article_id("actors", number, sentence.text), sentence.text, CONFLIBERT_DATE
        )
        events = ordered(coder.code(article).events, policy)
        actors.add(
            sentence,
            [
                conflibert.ActorGuess(e.source.text, e.target.text if e.target is not None else None)
                for e in events
            ],
        )
    progress(
        f"conflibert: coded {len(actor_sentences)} actor sentences in {time.perf_counter() - started:.2f}s"
    )
    return ConfliBertReport(directory, policy, quad, actors)
