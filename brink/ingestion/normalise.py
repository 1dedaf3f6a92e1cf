"""From an ArticleSubmission to the Article that is published: clean text, UTC dates, language, id.

- Unicode NFC; invisible characters (zero-width spaces, BOM, control characters) removed.
- Whitespace collapsed inside lines; runs of blank lines become one paragraph break.
- Boilerplate lines (player placeholders, "Advertisement", share/subscribe lines) removed: the
  patterns are data, ``data/boilerplate.yaml``.
- ``published_at`` in UTC; missing → the ingest time, with ``published_at_estimated=True``.
- ``language`` detected with py3langid when the submitter did not give one. Non-English articles
  are published tagged; the coder skips them.
- ``article_id`` from the canonical URL, or from the normalised text when there is no URL.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources

import py3langid
import yaml

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.ids import article_id, text_hash
from brink.ingestion.urls import canonical_url
from schemas.article import Article, ArticleSubmission

# Language detection looks at the start of the text only: enough for a reliable answer, and it
# keeps the cost flat for long articles.
LANGUAGE_SAMPLE_CHARS = 1000

_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\n]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


@dataclass(frozen=True)
class Boilerplate:
    """Whole-line patterns of page furniture, compiled into one expression."""

    pattern: re.Pattern[str]

    @classmethod
    def from_patterns(cls, patterns: list[str]) -> Boilerplate:
        joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
        return cls(re.compile(joined, re.IGNORECASE))

    def matches(self, line: str) -> bool:
        key = line.translate(_QUOTES).strip().rstrip(" .:|-–—").strip()
        return bool(key) and self.pattern.fullmatch(key) is not None


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    text = resources.files("brink.ingestion.data").joinpath("boilerplate.yaml").read_text()
    return Boilerplate.from_patterns([str(p) for p in yaml.safe_load(text)["lines"]])


def normalise_line(text: str) -> str:
    """One line (titles, outlet names): NFC, invisible characters gone, whitespace collapsed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def normalise_text(text: str, boilerplate: Boilerplate | None = None) -> str:
    """Article body: NFC, whitespace collapsed, boilerplate lines removed, paragraphs kept."""
    furniture = boilerplate or default_boilerplate()
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))
    out: list[str] = []
    pending_break = False
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or furniture.matches(line):
            pending_break = bool(out)
            continue
        if pending_break:
            out.append("")
            pending_break = False
        out.append(line)
    return "\n".join(out)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the most likely language of ``text`` (py3langid; model loaded on first use)."""
    language, _score = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return str(language)


@dataclass(frozen=True)
class Normalised:
    """A publishable article and the keys its duplicates are recognised by."""

    article: Article
    text_hash: str


@dataclass(frozen=True)
class Normaliser:
    max_chars: int
    boilerplate: Boilerplate | None = None

    def warm_up(self) -> None:
        """Load the boilerplate patterns and the language model now rather than on first use."""
        default_boilerplate()
        detect_language("warm up the language model")

    def normalise(self, submission: ArticleSubmission, now: datetime) -> Normalised:
        text = normalise_text(submission.text, self.boilerplate)
        if not text:
            raise SubmissionRejected(
                "text", "is empty once whitespace and boilerplate lines are removed", code="empty_text"
            )
        if len(text) > self.max_chars:
            raise SubmissionRejected(
                "text",
                f"is {len(text)} characters; the limit is {self.max_chars} (MAX_ARTICLE_CHARS): "
                "split the article or raise the limit",
                code="text_too_long",
            )
        url = canonical_url(submission.url) if submission.url else None
        title = normalise_line(submission.title)
        source = normalise_line(submission.source) if submission.source else ""
        language = (submission.language or "").strip().lower() or detect_language(f"{title}\n{text}")
        published = submission.published_at
        article = Article(
            article_id=article_id(url, text),
            url=url,
            title=title,
            text=text,
            published_at=published.astimezone(UTC) if published else now,
            published_at_estimated=published is None,
            source=source or None,
            language=language,
            ingested_at=now,
        )
        return Normalised(article=article, text_hash=text_hash(text))
