"""The one path every article takes, whether it came by HTTP, a feed or ``brink ingest``:

normalise → claim → find an earlier copy → (duplicate: fold it in) | (new: publish, then commit).

An article whose URL was published already with other text is new too: a revision, published under
its own id with ``revision_of`` and the sentences its earlier versions had marked as repeated
(``brink.ingestion.revisions``), so that its new text is coded and its old text is not counted twice.

Dedup state is committed only after the broker acknowledged the publish; a failed publish
releases the claim and leaves no trace, so the client's retry publishes the article once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from brink.ingestion.errors import SubmissionRejected
from brink.ingestion.ids import revision_id
from brink.ingestion.neardup import NearDuplicateSignatures, Signature
from brink.ingestion.normalise import Normaliser
from brink.ingestion.revisions import piece_hashes, repeated_spans
from brink.ingestion.submissions import BatchRejected, ItemError
from schemas.article import Article, ArticleSubmission
from services.ingest.dedup import Claim, RedisDedupStore, Revision
from services.ingest.errors import IngestUnavailable
from services.ingest.metrics import IngestMetrics
from services.ingest.publisher import KafkaPublisher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    """A normalised article with the keys its duplicates are found by."""

    article: Article
    text_hash: str
    signature: Signature
    bands: list[str]
    revision_id: str = ""  # the id it is published under if its URL's first version had other text
    pieces: frozenset[str] = frozenset()  # its sentences' hashes (articles with a URL)


@dataclass(frozen=True)
class Outcome:
    article_id: str
    status: Literal["new", "duplicate"]
    copies: int
    language: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: Literal["exact", "near"] | None = None
    similarity: float | None = None
    revision_of: str | None = None


class PartiallyIngested(IngestUnavailable):
    """A dependency failed part-way through a batch: ``done`` lists the articles already handled."""

    def __init__(self, cause: IngestUnavailable, done: list[Outcome]) -> None:
        super().__init__(cause.dependency, str(cause))
        self.done = done


class IngestPipeline:
    def __init__(
        self,
        normaliser: Normaliser,
        signatures: NearDuplicateSignatures,
        dedup: RedisDedupStore,
        publisher: KafkaPublisher,
        metrics: IngestMetrics,
        claim_seconds: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._normaliser = normaliser
        self._signatures = signatures
        self._dedup = dedup
        self._publisher = publisher
        self._metrics = metrics
        self._claim_seconds = claim_seconds
        self._clock = clock

    @property
    def metrics(self) -> IngestMetrics:
        return self._metrics

    def prepare(self, submission: ArticleSubmission) -> Prepared:
        """Normalise one submission (CPU only); SubmissionRejected if it cannot be published."""
        normalised = self._normaliser.normalise(submission, self._clock())
        article = normalised.article
        signature = self._signatures.signature(article.text)
        bands = self._signatures.band_keys(signature)
        if article.url is None:
            return Prepared(article, normalised.text_hash, signature, bands)
        revision = revision_id(article.url, normalised.text_hash)
        return Prepared(article, normalised.text_hash, signature, bands, revision, piece_hashes(article.text))

    def prepare_batch(self, submissions: Sequence[ArticleSubmission]) -> list[Prepared]:
        """All or nothing: any rejected item rejects the batch (BatchRejected naming each one)."""
        prepared: list[Prepared] = []
        errors: list[ItemError] = []
        for index, submission in enumerate(submissions):
            try:
                prepared.append(self.prepare(submission))
            except SubmissionRejected as exc:
                errors.append(ItemError(index, exc.field, exc.reason, exc.code))
        if errors:
            raise BatchRejected(errors, len(submissions))
        return prepared

    async def ingest(self, items: Sequence[Prepared]) -> list[Outcome]:
        """Publish or fold each article, in order. On a dependency failure raise PartiallyIngested."""
        done: list[Outcome] = []
        for item in items:
            try:
                done.append(await self._ingest_one(item))
            except IngestUnavailable as exc:
                self._metrics.unavailable.labels(dependency=exc.dependency).inc(len(items) - len(done))
                raise PartiallyIngested(exc, done) from exc
        return done

    async def _ingest_one(self, item: Prepared) -> Outcome:
        article = item.article
        claim, match = await self._dedup.claim_and_find(
            article.article_id,
            item.text_hash,
            item.signature,
            item.bands,
            self._claim_seconds,
            item.revision_id,
        )
        if claim is None:
            raise IngestUnavailable(
                "in_flight",
                f"article {article.article_id} (or a near-duplicate of it) is being published by another "
                "request",
            )
        try:
            if match is not None:
                own_id = claim.revision.article_id if claim.revision is not None else article.article_id
                copies = await self._dedup.record_copy(match, own_id, item.text_hash, claim)
                if copies is not None:
                    self._metrics.duplicates.labels(kind=match.kind).inc()
                    return Outcome(
                        own_id,
                        "duplicate",
                        copies,
                        language=article.language,
                        duplicate_of=match.first_id,
                        duplicate_kind=match.kind,
                        similarity=round(match.similarity, 3),
                    )
            if claim.revision is not None:
                article = revised(article, claim.revision)
            started = time.perf_counter()
            await self._publisher.publish(article)
            self._metrics.publish_seconds.observe(time.perf_counter() - started)
            self._metrics.published.inc()
        except BaseException:
            # Nothing was published (or we cannot know): leave no state behind but the claim's expiry.
            await asyncio.shield(self._release_quietly(claim))
            raise
        # Published: from here on a failure to record it would let a retry publish it again, so
        # the commit gets its own error handling (the claim keeps retries out until it expires).
        try:
            await self._dedup.commit(
                article.article_id,
                item.text_hash,
                item.signature,
                item.bands,
                article.ingested_at,
                claim,
                item.pieces,
            )
        except IngestUnavailable as exc:
            log.error(
                "article %s published but its dedup state was not recorded: %s", article.article_id, exc
            )
        return Outcome(
            article.article_id, "new", 1, language=article.language, revision_of=article.revision_of
        )

    async def _release_quietly(self, claim: Claim) -> None:
        try:
            await self._dedup.release(claim)
        except IngestUnavailable as exc:
            log.warning("could not release a claim (it expires by itself): %s", exc)


def revised(article: Article, revision: Revision) -> Article:
    """The article as the revision it is: its own id, the first version's, what it repeats."""
    return article.model_copy(
        update={
            "article_id": revision.article_id,
            "revision_of": revision.of,
            "repeated_spans": repeated_spans(article.text, revision.seen),
        }
    )
