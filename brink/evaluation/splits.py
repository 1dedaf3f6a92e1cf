"""The dev and blind splits of the gold data (``tests/gold/dev/``, ``tests/gold/blind/``).

Each split is every ``*.jsonl`` file in its directory: files whose name starts with ``articles``
hold article-level gold (:mod:`brink.evaluation.articles`), the others gold sentences
(:mod:`brink.evaluation.gold`). The blind split must share no outlet (a wire agency counts as an
outlet wherever it is syndicated) and no ISO week with dev: :func:`overlap` says where it does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from brink.evaluation.articles import ArticleGoldError, GoldArticle, load_articles
from brink.evaluation.gold import GOLD_DIR, GoldSentence, GoldSetError, load_gold

Split = Literal["dev", "blind"]
SPLITS: tuple[Split, ...] = ("dev", "blind")
ARTICLE_FILE_PREFIX = "articles"
ARTICLES_FILE = "articles.jsonl"  # where ``brink eval --resplit-articles`` writes each split's articles
# Id prefixes per split and kind (tests/gold/README.md).
SENTENCE_ID_PREFIXES: dict[str, tuple[str, ...]] = {"dev": ("g", "d"), "blind": ("b",)}
ARTICLE_ID_PREFIXES: dict[str, tuple[str, ...]] = {"dev": ("da",), "blind": ("ba",)}


class SplitError(ValueError):
    """A split's files do not load, or an id does not belong to the split."""


@dataclass
class GoldSplit:
    name: str
    directory: Path
    sentence_files: list[Path] = field(default_factory=list)
    article_files: list[Path] = field(default_factory=list)
    sentences: list[GoldSentence] = field(default_factory=list)
    articles: list[GoldArticle] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return sorted([*self.sentence_files, *self.article_files])

    @property
    def empty(self) -> bool:
        return not self.sentences and not self.articles


def split_files(directory: Path) -> list[Path]:
    """The split's data files, in name order (none when the directory does not exist yet)."""
    return sorted(directory.glob("*.jsonl")) if directory.is_dir() else []


def is_article_file(path: Path) -> bool:
    return path.name.startswith(ARTICLE_FILE_PREFIX)


def load_split(name: Split, gold_dir: Path = GOLD_DIR) -> GoldSplit:
    """Every sentence and article file of one split; an absent directory is an empty split."""
    split = GoldSplit(name, gold_dir / name)
    seen: dict[str, Path] = {}
    for path in split_files(split.directory):
        try:
            if is_article_file(path):
                records: Sequence[GoldSentence | GoldArticle] = load_articles(path)
                split.article_files.append(path)
                prefixes = ARTICLE_ID_PREFIXES[name]
            else:
                records = load_gold(path)
                split.sentence_files.append(path)
                prefixes = SENTENCE_ID_PREFIXES[name]
        except (GoldSetError, ArticleGoldError) as exc:
            raise SplitError(str(exc)) from exc
        for record in records:
            if not record.id.startswith(prefixes):
                raise SplitError(f"{path}: id {record.id} does not belong to the {name} split ({prefixes})")
            if record.id in seen:
                raise SplitError(f"{path}: id {record.id} already used in {seen[record.id]}")
            seen[record.id] = path
            if isinstance(record, GoldArticle):
                split.articles.append(record)
            else:
                split.sentences.append(record)
    return split


# --- dev / blind separation ----------------------------------------------------------------------

# Words that say how a page reached us, not who reported it ("Xinhua (mirror)", "AFP (reposted on a blog)").
_CARRIER_WORDS = re.compile(
    r"\b(reposted|quoted|archived|on a blog|on a mailing list|by|via|mirror|video page|caption|"
    r"wire copy|wire report|news repost|a reader proxy|bureau report|agencies|news service)\b"
)
_ALIASES = {
    "associated press": "ap",
    "agence france-presse": "afp",
    "agence france presse": "afp",
    "deutsche presse-agentur": "dpa",
    "xinhua news": "xinhua",
}
_TRAILING = re.compile(r"\s+(news agency|agency|news|online|sports?)$")


def _canonical(name: str) -> str:
    name = _CARRIER_WORDS.sub(" ", name.lower())
    name = re.sub(r"[^a-z0-9&/.+-]+", " ", name).strip()
    name = re.sub(r"^the\s+", "", name)
    name = _ALIASES.get(name, name)
    short = _TRAILING.sub("", name).strip()
    return short if len(short) > 2 else name  # "A News" stays "a news"


def outlet_names(outlet: str) -> frozenset[str]:
    """Every outlet a record's ``outlet`` names, normalised: the publisher, the wire agencies in
    brackets and a syndicator after "via" ("Business Standard (AFP) via Shafaqna" → business
    standard, afp, shafaqna; "Xinhua (mirror)" → xinhua)."""
    parts = re.split(r"[()]|\bvia\b|\bquoted by\b|/|,", outlet)
    names = {_canonical(part) for part in parts}
    return frozenset(name for name in names if len(name) > 1)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _records(split: GoldSplit) -> Iterable[GoldSentence | GoldArticle]:
    yield from split.sentences
    yield from split.articles


@dataclass
class Overlap:
    outlets: dict[str, tuple[list[str], list[str]]] = field(
        default_factory=dict
    )  # name -> (dev ids, blind ids)
    weeks: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.outlets or self.weeks)

    def lines(self, limit: int = 5) -> list[str]:
        out = []
        for what, table in (("outlet", self.outlets), ("ISO week", self.weeks)):
            for key, (dev, blind) in sorted(table.items()):
                out.append(
                    f"{what} {key!r}: blind {', '.join(blind[:limit])}{' …' if len(blind) > limit else ''} "
                    f"vs dev {', '.join(dev[:limit])}{' …' if len(dev) > limit else ''}"
                )
        return out


def overlap(dev: GoldSplit, blind: GoldSplit) -> Overlap:
    """Outlets and ISO weeks that blind records share with dev records (empty when separated)."""
    found = Overlap()
    for key_of, table in (
        (lambda r: outlet_names(r.outlet), found.outlets),
        (lambda r: frozenset({iso_week(r.date)}), found.weeks),
    ):
        dev_index: dict[str, list[str]] = {}
        for record in _records(dev):
            for key in key_of(record):
                dev_index.setdefault(key, []).append(record.id)
        for record in _records(blind):
            for key in key_of(record):
                if key in dev_index:
                    table.setdefault(key, (dev_index[key], []))[1].append(record.id)
    return found
