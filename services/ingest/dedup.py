"""Duplicate suppression state in Redis: exact repeats and near-duplicates, expiring after a window.

Every key shares one hash tag, ``{<REDIS_KEY_PREFIX>:dedup}``, so they live in one Redis Cluster
slot and the multi-key transaction and script below work there too. Keys (after the tag):

- ``rec:<article_id>``  hash: first_seen, copies, text_hash — one per published article
- ``alias:<id>``        a folded duplicate's id → the first copy's id
- ``text:<hash>``       normalised-text hash → the first copy's id
- ``sig:<article_id>``  the MinHash signature (bytes) of a published article
- ``band:<i>:<digest>`` set of article ids whose signature has this band (the LSH index)
- ``claim:…``           short-lived marker while an article is being published

State is written only after the broker acknowledged the article (``commit``), so an article whose
publish failed leaves nothing behind and its retry publishes it once.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from brink.ingestion.neardup import NearDuplicateSignatures, Signature
from services.ingest.errors import IngestUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")

# Above this many candidates from the band index, only the first are compared (a band shared by
# very many articles is boilerplate, not a story).
MAX_CANDIDATES = 64

# Fold a duplicate into its first copy: bump ``copies``, point the duplicate's id and text hash at
# the first copy for the rest of the first copy's window. Nothing happens (nil) if the first copy
# has expired meanwhile; the caller then treats the article as new.
_RECORD_COPY = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local ttl = redis.call('PTTL', KEYS[1])
local copies = redis.call('HINCRBY', KEYS[1], 'copies', 1)
if ttl > 0 then
  if ARGV[2] == '1' then redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl, 'NX') end
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ttl, 'NX')
end
return copies
"""

# Release a claim only if it is still ours.
_RELEASE = """
local released = 0
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then released = released + redis.call('DEL', key) end
end
return released
"""


@dataclass(frozen=True)
class Match:
    kind: Literal["exact", "near"]
    first_id: str
    similarity: float = 1.0


@dataclass(frozen=True)
class DedupRecord:
    article_id: str
    copies: int
    first_seen: str


@dataclass(frozen=True)
class Claim:
    keys: tuple[str, str]
    token: str


class RedisDedupStore:
    def __init__(
        self,
        redis: aioredis.Redis,
        key_prefix: str,
        window_seconds: int,
        signatures: NearDuplicateSignatures,
    ) -> None:
        self._redis = redis
        self._tag = f"{{{key_prefix}:dedup}}"
        self._window = window_seconds
        self._signatures = signatures
        self._record_copy = redis.register_script(_RECORD_COPY)
        self._release = redis.register_script(_RELEASE)

    def key(self, *parts: str) -> str:
        return ":".join((self._tag, *parts))

    async def _call(self, what: str, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            return await operation()
        except (RedisError, OSError) as exc:
            raise IngestUnavailable("redis", f"Redis unavailable while {what}: {exc!r}") from exc

    async def claim(self, article_id: str, text_hash: str, ttl_seconds: float) -> Claim | None:
        """Mark the article as being published; None if another request is publishing it now."""
        claim = Claim((self.key("claim", article_id), self.key("claim", "text", text_hash)), uuid.uuid4().hex)
        ttl_ms = int(ttl_seconds * 1000)

        async def take() -> bool:
            if not await self._redis.set(claim.keys[0], claim.token, nx=True, px=ttl_ms):
                return False
            if not await self._redis.set(claim.keys[1], claim.token, nx=True, px=ttl_ms):
                await self._release(keys=[claim.keys[0]], args=[claim.token])
                return False
            return True

        return claim if await self._call("claiming an article", take) else None

    async def release(self, claim: Claim) -> None:
        await self._call(
            "releasing a claim", lambda: self._release(keys=list(claim.keys), args=[claim.token])
        )

    async def find(
        self, article_id: str, text_hash: str, signature: Signature, bands: list[str]
    ) -> Match | None:
        """The earlier copy this article duplicates, if any (exact id, exact text, then near)."""

        async def lookup() -> Match | None:
            async with self._redis.pipeline(transaction=False) as pipe:
                pipe.exists(self.key("rec", article_id))
                pipe.get(self.key("alias", article_id))
                pipe.get(self.key("text", text_hash))
                for band in bands:
                    pipe.smembers(self.key("band", band))
                exists, alias, by_text, *members = await pipe.execute()
            if exists:
                return Match("exact", article_id)
            if alias:
                return Match("exact", alias.decode())
            if by_text:
                return Match("exact", by_text.decode())
            candidates = sorted({m.decode() for group in members for m in group} - {article_id})
            if not candidates:
                return None
            candidates = candidates[:MAX_CANDIDATES]
            stored = await self._redis.mget([self.key("sig", c) for c in candidates])
            best: Match | None = None
            for candidate, raw in zip(candidates, stored, strict=True):
                if not isinstance(raw, bytes):
                    continue  # expired since the band was written
                similarity = self._signatures.similarity(signature, self._signatures.from_bytes(raw))
                if similarity >= self._signatures.threshold and (
                    best is None or similarity > best.similarity
                ):
                    best = Match("near", candidate, similarity)
            return best

        return await self._call("looking up duplicates", lookup)

    async def record_copy(self, match: Match, article_id: str, text_hash: str) -> int | None:
        """Fold a duplicate into its first copy; its new ``copies``, or None if that copy expired."""
        keys = [self.key("rec", match.first_id), self.key("alias", article_id), self.key("text", text_hash)]
        args = [match.first_id, "1" if article_id != match.first_id else "0"]
        copies = await self._call("recording a duplicate", lambda: self._record_copy(keys=keys, args=args))
        return None if copies is None else int(copies)

    async def commit(
        self,
        article_id: str,
        text_hash: str,
        signature: Signature,
        bands: list[str],
        first_seen: datetime,
        claim: Claim | None,
    ) -> None:
        """Record a published article (one transaction) and release its claim."""

        async def write() -> None:
            async with self._redis.pipeline(transaction=True) as pipe:
                rec = self.key("rec", article_id)
                pipe.hset(
                    rec, mapping={"first_seen": first_seen.isoformat(), "copies": 1, "text_hash": text_hash}
                )
                pipe.expire(rec, self._window)
                pipe.set(self.key("text", text_hash), article_id, ex=self._window)
                pipe.set(self.key("sig", article_id), self._signatures.to_bytes(signature), ex=self._window)
                for band in bands:
                    pipe.sadd(self.key("band", band), article_id)
                    pipe.expire(self.key("band", band), self._window)
                if claim is not None:
                    pipe.delete(*claim.keys)
                await pipe.execute()

        await self._call("recording a published article", write)

    async def get(self, article_id: str) -> DedupRecord | None:
        """The first copy's record for an id (a folded duplicate's id resolves to its first copy)."""

        async def read() -> DedupRecord | None:
            first_id = article_id
            record: dict[bytes, bytes] = await self._redis.hgetall(self.key("rec", article_id))  # type: ignore[assignment]
            if not record:
                alias: bytes | None = await self._redis.get(self.key("alias", article_id))  # type: ignore[assignment]
                if alias is None:
                    return None
                first_id = alias.decode()
                record = await self._redis.hgetall(self.key("rec", first_id))  # type: ignore[assignment]
                if not record:
                    return None
            return DedupRecord(first_id, int(record[b"copies"]), record[b"first_seen"].decode())

        return await self._call("reading a record", read)

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except (RedisError, OSError):
            return False
