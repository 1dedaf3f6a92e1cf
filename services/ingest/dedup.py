"""Duplicate suppression state in Redis: exact repeats and near-duplicates, expiring after a window.

Every key shares one hash tag, ``{<REDIS_KEY_PREFIX>:dedup}``, so they live in one Redis Cluster
slot and the multi-key transaction and script below work there too. Keys (after the tag):

- ``rec:<article_id>``  hash: first_seen, copies, text_hash — one per published article
- ``alias:<id>``        a folded duplicate's id → the first copy's id
- ``text:<hash>``       normalised-text hash → the first copy's id
- ``sig:<article_id>``  the MinHash signature (bytes) of a published article
- ``band:<i>:<digest>`` set of article ids whose signature has this band (the LSH index)
- ``claim:…``           short-lived marker while an article is being published
- ``pend:<article_id>`` its signature while it is being published (claim TTL), so that a
                        near-duplicate arriving in the same instant waits for it instead of
                        being published too (the article also joins its bands at claim time)
- ``versions:<id>``     set: the ids published for one URL (``id`` its first version's), so that a
                        revision is not folded into an earlier version of itself as a near-duplicate
- ``pieces:<id>``       string: the 8-byte hashes of the sentences those versions had (and of
                        those sentences with one word left out), each appended once
                        (``brink.ingestion.revisions``)

An article whose id (its URL's) is published already with other text is a revision: published
under ``revision_id``, with the sentences an earlier version had marked as repeated.

State is written only after the broker acknowledged the article (``commit``), so an article whose
publish failed leaves nothing behind and its retry publishes it once.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from brink.ingestion.neardup import NearDuplicateSignatures, Signature
from brink.ingestion.revisions import PIECE_HASH_HEX
from services.ingest.errors import IngestUnavailable

T = TypeVar("T")

PIECE_BYTES = PIECE_HASH_HEX // 2

# Above this many candidates from the band index, only the first are compared (a band shared by
# very many articles is boilerplate, not a story).
MAX_CANDIDATES = 64

# Fold a duplicate into its first copy: bump ``copies``, point the duplicate's id and text hash at
# the first copy for the rest of the first copy's window, release the claim (KEYS 4-5, ARGV[3] the
# token) and drop the duplicate's pending signature (KEYS[6], if any). Nothing happens (nil) if
# the first copy has expired meanwhile; the caller then treats the article as new (and still holds
# its claim).
_RECORD_COPY = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local ttl = redis.call('PTTL', KEYS[1])
local copies = redis.call('HINCRBY', KEYS[1], 'copies', 1)
if ttl > 0 then
  if ARGV[2] == '1' then redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl, 'NX') end
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ttl, 'NX')
end
for i = 4, 5 do
  if redis.call('GET', KEYS[i]) == ARGV[3] then redis.call('DEL', KEYS[i]) end
end
if KEYS[6] then redis.call('DEL', KEYS[6]) end
return copies
"""

# Claim the article (its id and its text hash) and, in the same round trip, look up what it
# could duplicate. KEYS: claim:id, claim:text:hash, rec:id, alias:id, text:hash, pend:id,
# pend:revision-id, band keys…; ARGV: token, claim ttl (ms), signature key prefix, max candidates,
# pending-signature key prefix, this article's signature, window (s), id, revision id ("" without
# a URL), text hash. Returns {"busy"} when another request holds a claim, {"id"} / {"alias", first}
# / {"text", first} for exact repeats, else {"bands", id1, sig1, state1, …} with the signatures of
# the near-duplicate candidates, state "p" for one still being published; {"revision", …} the same
# when the id is published already with other text (the same URL updated: this text is a revision,
# published under the revision id). A new article leaves its signature as pending and joins its
# bands, so a near-duplicate claimed while it is in flight sees it (ids in a band without a
# signature are skipped).
_CLAIM_AND_FIND = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'busy'} end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return {'busy'}
end
local me, pending, kind = ARGV[8], KEYS[6], 'bands'
if redis.call('EXISTS', KEYS[3]) == 1 then
  local known = redis.call('HGET', KEYS[3], 'text_hash')
  if ARGV[9] == '' or not known or known == ARGV[10] then return {'id'} end
  me, pending, kind = ARGV[9], KEYS[7], 'revision'
else
  -- an id (a URL's) folded into another article before: the same text again is found by its text
  -- hash below; other text at that URL is new
  local alias = redis.call('GET', KEYS[4])
  if alias and ARGV[9] == '' then return {'alias', alias} end
end
local first = redis.call('GET', KEYS[5])
if first then return {'text', first} end
local out, seen, count = {kind}, {}, 0
for i = 8, #KEYS do
  for _, candidate in ipairs(redis.call('SMEMBERS', KEYS[i])) do
    if not seen[candidate] and count < tonumber(ARGV[4]) then
      seen[candidate] = true
      count = count + 1
      local signature = redis.call('GET', ARGV[3] .. candidate)
      local state = 'c'
      if not signature then
        signature = redis.call('GET', ARGV[5] .. candidate)
        state = 'p'
      end
      if signature then
        out[#out + 1] = candidate
        out[#out + 1] = signature
        out[#out + 1] = state
      end
    end
  end
end
redis.call('SET', pending, ARGV[6], 'PX', ARGV[2])
for i = 8, #KEYS do
  redis.call('SADD', KEYS[i], me)
  redis.call('EXPIRE', KEYS[i], ARGV[7], 'NX')
end
return out
"""

# Release a claim only if it is still ours (KEYS 1-2), with its pending signature (KEYS[3]).
_RELEASE = """
local released = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  released = released + redis.call('DEL', KEYS[1])
  if KEYS[3] then redis.call('DEL', KEYS[3]) end
end
if redis.call('GET', KEYS[2]) == ARGV[1] then released = released + redis.call('DEL', KEYS[2]) end
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
class Revision:
    """The claimed article is a later version of ``of`` (same URL, other text), to be published as
    ``article_id``; ``seen`` holds the sentence hashes its earlier versions had."""

    article_id: str
    of: str
    seen: frozenset[str]


@dataclass(frozen=True)
class Claim:
    keys: tuple[str, ...]  # the claim markers, then the pending signature (released together)
    token: str
    revision: Revision | None = None


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
        self._claim_and_find = redis.register_script(_CLAIM_AND_FIND)

    def key(self, *parts: str) -> str:
        return ":".join((self._tag, *parts))

    async def _call(self, what: str, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            return await operation()
        except (RedisError, OSError) as exc:
            raise IngestUnavailable("redis", f"Redis unavailable while {what}: {exc!r}") from exc

    async def claim_and_find(
        self,
        article_id: str,
        text_hash: str,
        signature: Signature,
        bands: list[str],
        ttl_seconds: float,
        revision_id: str = "",
    ) -> tuple[Claim | None, Match | None]:
        """Claim the article for publishing and find the earlier copy it duplicates, if any
        (exact id, exact text, then near), in one round trip. The claim is None if another
        request is publishing the same article right now. With a ``revision_id`` (articles with a
        URL), an id published already with other text is not a duplicate: the claim carries the
        Revision to publish, and the URL's earlier versions are not near-duplicate candidates."""
        claim = Claim((self.key("claim", article_id), self.key("claim", "text", text_hash)), uuid.uuid4().hex)
        pending = self.key("pend", article_id)
        keys = [
            *claim.keys,
            self.key("rec", article_id),
            self.key("alias", article_id),
            self.key("text", text_hash),
            pending,
            self.key("pend", revision_id or article_id),
            *(self.key("band", band) for band in bands),
        ]
        args: list[str | int | bytes] = [
            claim.token,
            int(ttl_seconds * 1000),
            self.key("sig", ""),
            MAX_CANDIDATES,
            self.key("pend", ""),
            self._signatures.to_bytes(signature),
            self._window,
            article_id,
            revision_id,
            text_hash,
        ]
        reply = await self._call("looking up duplicates", lambda: self._claim_and_find(keys=keys, args=args))
        kind = reply[0].decode()
        if kind == "busy":
            return None, None
        if kind == "id":
            return claim, Match("exact", article_id)
        if kind in ("alias", "text"):
            return claim, Match("exact", reply[1].decode())
        me, own = article_id, {article_id}
        if kind == "revision":
            me = revision_id
            versions, seen = await self._versions(article_id)
            own |= versions | {revision_id}
            claim = Claim((*claim.keys, self.key("pend", me)), claim.token, Revision(me, article_id, seen))
        else:
            claim = Claim((*claim.keys, pending), claim.token)
        best: Match | None = None
        best_in_flight = False
        for candidate, raw, state in zip(reply[1::3], reply[2::3], reply[3::3], strict=True):
            first_id = candidate.decode()
            if first_id in own:
                continue
            similarity = self._signatures.similarity(signature, self._signatures.from_bytes(raw))
            if similarity >= self._signatures.threshold and (best is None or similarity > best.similarity):
                best = Match("near", first_id, similarity)
                best_in_flight = state == b"p"
        if best_in_flight:
            # Its first copy is being published right now: wait for it (the caller answers "retry
            # later") rather than publish a second copy of the story.
            await self.release(claim)
            return None, None
        return claim, best

    async def _versions(self, first_id: str) -> tuple[set[str], frozenset[str]]:
        """The ids published for the URL whose first version is ``first_id``, and their sentence hashes."""

        async def read() -> tuple[set[str], frozenset[str]]:
            async with self._redis.pipeline(transaction=False) as pipe:
                pipe.smembers(self.key("versions", first_id))
                pipe.get(self.key("pieces", first_id))
                versions, packed = await pipe.execute()
            packed = packed or b""
            seen = frozenset(packed[i : i + PIECE_BYTES].hex() for i in range(0, len(packed), PIECE_BYTES))
            return {v.decode() for v in versions}, seen

        return await self._call("reading an article's earlier versions", read)

    async def release(self, claim: Claim) -> None:
        await self._call(
            "releasing a claim", lambda: self._release(keys=list(claim.keys), args=[claim.token])
        )

    async def record_copy(self, match: Match, article_id: str, text_hash: str, claim: Claim) -> int | None:
        """Fold a duplicate into its first copy and release its claim; the first copy's new
        ``copies``, or None (claim kept) if that copy expired meanwhile."""
        keys = [
            self.key("rec", match.first_id),
            self.key("alias", article_id),
            self.key("text", text_hash),
            *claim.keys,
        ]
        args = [match.first_id, "1" if article_id != match.first_id else "0", claim.token]
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
        pieces: frozenset[str] = frozenset(),
    ) -> None:
        """Record a published article (one transaction) and release its claim. An article with a URL
        (``pieces``: its sentence hashes) is recorded among its URL's versions."""
        revision = claim.revision if claim is not None else None
        first_id = article_id if revision is None else revision.of
        known = frozenset() if revision is None else revision.seen

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
                if pieces:
                    pipe.sadd(self.key("versions", first_id), article_id)
                    pipe.expire(self.key("versions", first_id), self._window)
                    # the hashes packed into one string (8 bytes each), far smaller than a set of
                    # them; only those no earlier version had are appended, so a story revised a
                    # hundred times keeps its distinct sentences once, not a hundred times over
                    pipe.append(
                        self.key("pieces", first_id),
                        b"".join(bytes.fromhex(p) for p in sorted(pieces - known)),
                    )
                    pipe.expire(self.key("pieces", first_id), self._window)
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
