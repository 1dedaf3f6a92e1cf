"""Article: what ingest publishes to ``brink.articles.v1`` (key: ``article_id``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Contract, UtcDatetime

ARTICLE_SCHEMA_VERSION: Literal[1] = 1
MAX_REPEATED_SPANS = 10_000  # ingest merges the closest ranges of a revision with more


class Article(Contract):
    schema_version: Literal[1] = ARTICLE_SCHEMA_VERSION
    article_id: str = Field(
        min_length=1,
        max_length=128,
        description="Stable id: hash of the canonical URL, or of the normalised text when there is no URL.",
    )
    url: str | None = Field(default=None, max_length=4096)
    title: str = Field(default="", max_length=2000)
    text: str = Field(min_length=1)
    published_at: UtcDatetime
    published_at_estimated: bool = Field(
        default=False, description="True when the source gave no date and ingest time was used."
    )
    source: str | None = Field(default=None, max_length=200, description="The outlet, e.g. 'Reuters'.")
    language: str | None = Field(
        default=None, max_length=16, description="ISO 639-1 code, detected if absent."
    )
    ingested_at: UtcDatetime
    copies: int = Field(default=1, ge=1, description="How many duplicates were folded into this article.")
    # A revision: the same URL with new text (a developing story updated in place). Both fields are
    # left out of the message when they hold their defaults, so a first version is the v1 message
    # it always was (``wire_json``).
    revision_of: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="For a later version of the article at the same URL: the first version's article_id "
        "(this version's own id comes from the URL and its text).",
    )
    repeated_spans: list[tuple[int, int]] = Field(
        default_factory=list,
        max_length=MAX_REPEATED_SPANS,
        description="Character ranges [start, end) of text an earlier version of this URL already had: "
        "what was coded then is not coded again.",
    )

    def wire_json(self) -> bytes:
        """The message as published: the revision fields only when set."""
        unset = {name for name in REVISION_FIELDS if not getattr(self, name)}
        return self.model_dump_json(exclude=unset or None).encode()


REVISION_FIELDS = ("revision_of", "repeated_spans")


class ArticleSubmission(Contract):
    """What a feed operator POSTs: an article before ingest gives it an id and normalises it."""

    url: str | None = Field(default=None, max_length=4096)
    title: str = Field(default="", max_length=2000)
    text: str = Field(min_length=1)
    published_at: UtcDatetime | None = Field(
        default=None,
        description="Publication time with its UTC offset; absent: the ingest time. Refused (422) when "
        "before 1900 or later than the ingest time plus INGEST_MAX_FUTURE_SKEW_SECONDS.",
    )
    source: str | None = Field(default=None, max_length=200)
    language: str | None = Field(
        default=None,
        max_length=16,
        description="ISO 639-1 code ('en'; 'en-GB' and 'eng' are read as 'en'); absent: detected. "
        "Refused (422) when it is not an ISO 639-1 language.",
    )
