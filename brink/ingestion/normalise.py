"""From an ArticleSubmission to the Article that is published: clean text, UTC dates, language, id.

- Unicode NFC; invisible characters (zero-width spaces, BOM, control characters) removed.
- Whitespace collapsed inside lines; runs of blank lines become one paragraph break.
- Boilerplate lines (player placeholders, "Advertisement", share/subscribe lines) removed: the
  patterns are data, ``data/boilerplate.yaml``.
- ``published_at`` in UTC; missing → the ingest time, with ``published_at_estimated=True``; before
  1900 or later than the ingest time plus INGEST_MAX_FUTURE_SKEW_SECONDS → refused (``event_time``).
- ``language``: a submitter's tag as its ISO 639-1 code (an invalid one is refused), else detected
  (``language``). Non-English articles are published tagged; the coder skips them.
- ``article_id`` from the canonical URL, or from the normalised text when there is no URL
  (``identify``, which ``brink code`` uses too).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import resources

import yaml

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.event_time import check_published_at
from brink.ingestion.ids import article_id, text_hash
from brink.ingestion.language import LanguageDetector, default_detector, language_tag
from brink.ingestion.urls import canonical_url
from schemas.article import Article, ArticleSubmission

# Publication times may run this far ahead of the ingest time (INGEST_MAX_FUTURE_SKEW_SECONDS).
DEFAULT_MAX_FUTURE_SKEW = timedelta(minutes=5)

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


def identify(url: str | None, text: str, boilerplate: Boilerplate | None = None) -> str:
    """The article id of a URL and text as submitted: the one id function of ingest and ``brink code``."""
    return article_id(canonical_url(url) if url else None, normalise_text(text, boilerplate))


@dataclass(frozen=True)
class Normalised:
    """A publishable article and the keys its duplicates are recognised by."""

    article: Article
    text_hash: str


@dataclass(frozen=True)
class Normaliser:
    max_chars: int
    boilerplate: Boilerplate | None = None
    max_future_skew: timedelta = DEFAULT_MAX_FUTURE_SKEW
    detector: LanguageDetector | None = None

    @property
    def languages(self) -> LanguageDetector:
        return self.detector or default_detector()

    def warm_up(self) -> None:
        """Load the boilerplate patterns and the language model now rather than on first use."""
        default_boilerplate()
        self.languages.warm_up()

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
        given = (submission.language or "").strip()
        language = language_tag(given) if given else self.languages.detect(f"{title}\n{text}")
        published = submission.published_at
        if published is not None:
            check_published_at(published, now, self.max_future_skew)
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
