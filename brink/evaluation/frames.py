"""How well the article frame (brink/coder/context.py) keeps control articles out of the index.

    .venv/bin/python -m brink.evaluation.frames [tests/gold/dev/articles.jsonl] [--index]
        [--sentences tests/gold/dev/sentences.jsonl tests/gold/dev/sentences_more.jsonl]

Reads article gold (one JSON object per line with ``title``, ``text``, ``url``, ``section``, the gold
``frame`` and ``control``: see tests/gold/README.md) and prints: frame accuracy, how many control
articles the frame alone keeps out of the escalation index (per control kind), and how many articles
whose gold frame feeds escalation it would wrongly keep out. The frame is one of two guards: events of
a retrospective sentence are kept out by ``retrospective_spans``, denials and routine diplomacy by the
coder's modality and CAMEO classes. ``--index`` codes the articles and counts the control articles
whose events would still move a dyad's index — and how many would without frames. ``--sentences``
counts gold sentences with events that the frame or the retrospective rule would keep out (each coded
as a one-sentence article, without and with its URL): those are real events lost to the index.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brink.coder.context import frame_of, retrospective_spans
from brink.evaluation.gold import REPO_ROOT
from schemas.event import ESCALATION_FRAMES

DEFAULT_ARTICLES = REPO_ROOT / "tests" / "gold" / "dev" / "articles.jsonl"


@dataclass
class FrameReport:
    articles: int = 0
    frame_correct: int = 0
    controls: Counter[str] = field(default_factory=Counter)
    controls_kept_out: Counter[str] = field(default_factory=Counter)
    feeding: int = 0  # articles whose gold frame feeds escalation
    feeding_kept_out: list[str] = field(default_factory=list)  # ids, excluding controls

    def add(self, record: dict[str, object]) -> None:
        predicted = frame_of(
            str(record.get("title") or ""),
            str(record["text"]),
            _optional(record.get("url")),
            _optional(record.get("section")),
        ).frame
        self.articles += 1
        self.frame_correct += predicted == record["frame"]
        kept_out = predicted not in ESCALATION_FRAMES
        control = _optional(record.get("control"))
        if control is not None:
            self.controls[control] += 1
            self.controls_kept_out[control] += kept_out
        elif record["frame"] in ESCALATION_FRAMES:
            self.feeding += 1
            if kept_out:
                self.feeding_kept_out.append(str(record.get("id")))

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{k} {self.controls_kept_out[k]}/{n}" for k, n in sorted(self.controls.items()))
        return [
            f"articles {self.articles}, frame accuracy {self.frame_correct}/{self.articles}",
            f"controls kept out by the frame: {sum(self.controls_kept_out.values())}/"
            f"{sum(self.controls.values())} ({kinds})",
            f"politics/security articles (not controls) kept out by mistake: {len(self.feeding_kept_out)}/"
            f"{self.feeding} {self.feeding_kept_out}",
        ]


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def report(records: Iterable[dict[str, object]]) -> FrameReport:
    result = FrameReport()
    for record in records:
        result.add(record)
    return result


def controls_moving_an_index(records: Sequence[dict[str, object]]) -> tuple[list[str], list[str]]:
    """Ids of the control articles whose coded events would move a dyad's index (any counted event with
    a non-zero weight), as the coder frames them and with every frame erased: (with, without)."""
    from datetime import UTC, datetime

    from brink.alerting import AlertConfig
    from brink.alerting.dyad import counts
    from brink.alerting.scoring import contribution
    from brink.coder import Coder
    from schemas.article import Article

    coder, config = Coder.load(), AlertConfig()
    framed: list[str] = []
    unframed: list[str] = []
    for record in records:
        if record.get("control") is None:
            continue
        at = datetime.fromisoformat(str(record["date"])).replace(hour=12, tzinfo=UTC)
        article = Article(
            article_id=str(record["id"]),
            title=str(record.get("title") or ""),
            text=str(record["text"]),
            url=_optional(record.get("url")),
            published_at=at,
            ingested_at=at,
            language="en",
        )
        events = coder.code(article).events
        if any(counts(e, config) and contribution(e, config).weight != 0 for e in events):
            framed.append(article.article_id)
        erased = [e.model_copy(update={"frame": None}) for e in events]
        if any(counts(e, config) and contribution(e, config).weight != 0 for e in erased):
            unframed.append(article.article_id)
    return framed, unframed


@dataclass
class SentenceCheck:
    """Gold sentences with events, coded as one-sentence articles: how many the context would keep out."""

    sentences: int = 0
    framed_out: list[str] = field(default_factory=list)  # ids, no URL given
    framed_out_with_url: list[str] = field(default_factory=list)
    retrospective: list[str] = field(default_factory=list)

    def add(self, record: dict[str, object]) -> None:
        events = record.get("events")
        if not events:
            return
        self.sentences += 1
        sentence, ident = str(record["sentence"]), str(record.get("id"))
        if frame_of("", sentence, None, None).frame not in ESCALATION_FRAMES:
            self.framed_out.append(ident)
        if frame_of("", sentence, _optional(record.get("url")), None).frame not in ESCALATION_FRAMES:
            self.framed_out_with_url.append(ident)
        if retrospective_spans([sentence], int(str(record["date"])[:4])):
            self.retrospective.append(ident)

    def line(self) -> str:
        return (
            f"gold sentences with events {self.sentences}: framed out {len(self.framed_out)} "
            f"{self.framed_out}, with their URL {len(self.framed_out_with_url)} {self.framed_out_with_url}, "
            f"retrospective {len(self.retrospective)} {self.retrospective}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("articles", type=Path, nargs="?", default=DEFAULT_ARTICLES)
    parser.add_argument(
        "--index", action="store_true", help="also code the articles: control articles that move an index"
    )
    parser.add_argument(
        "--sentences",
        type=Path,
        nargs="+",
        default=[],
        help="gold sentence files: how many the context drops",
    )
    args = parser.parse_args(argv)
    if args.sentences:
        check = SentenceCheck()
        for file in args.sentences:
            for line in file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    check.add(json.loads(line))
        print(check.line())
    if not args.articles.is_file():
        print(f"{args.articles}: no such file (article gold: tests/gold/dev/articles.jsonl)", file=sys.stderr)
        return 2
    lines = args.articles.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    print("\n".join(report(records).lines()))
    if args.index:
        framed, unframed = controls_moving_an_index(records)
        print(
            f"control articles moving a dyad's index: {len(framed)} {framed}; "
            f"without frames: {len(unframed)} {unframed}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
