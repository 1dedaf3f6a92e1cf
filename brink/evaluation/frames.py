"""How well the article frame (brink/coder/context.py) keeps control articles out of the index.

    .venv/bin/python -m brink.evaluation.frames [tests/gold/dev/articles.jsonl]

Reads article gold (one JSON object per line with ``title``, ``text``, ``url``, ``section``, the gold
``frame`` and ``control``: see tests/gold/README.md) and prints: frame accuracy, how many control
articles the frame alone keeps out of the escalation index (per control kind), and how many articles
whose gold frame feeds escalation it would wrongly keep out. The frame is one of two guards: events of
a retrospective sentence are kept out by ``retrospective_spans``, denials and routine diplomacy by the
coder's modality and CAMEO classes, which this report does not measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brink.coder.context import frame_of
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("articles", type=Path, nargs="?", default=DEFAULT_ARTICLES)
    args = parser.parse_args(argv)
    if not args.articles.is_file():
        print(f"{args.articles}: no such file (article gold: tests/gold/dev/articles.jsonl)", file=sys.stderr)
        return 2
    lines = args.articles.read_text(encoding="utf-8").splitlines()
    print("\n".join(report(json.loads(line) for line in lines if line.strip()).lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
