"""Redis storage shared by the subscriptions API and the dispatcher: subscriptions (with their
secrets), silences and the alerts projection behind ``GET /v1/alerts``.

Every key starts with the hash tag ``{REDIS_KEY_PREFIX}`` (``Settings.webhook_key``) so the
multi-key scripts here and in the delivery queue run on Redis Cluster too.

A subscription is one Redis hash. Its secrets are fields of that hash that only
``SubscriptionStore.targets()`` (the dispatcher's view) reads; ``Subscription`` models, which the
API returns, are built from an explicit list of public fields and cannot carry them.
Any change that affects matching bumps a version counter so dispatchers reload cheaply.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import redis.asyncio as aioredis

from brink.settings import Settings
from schemas.alert import LEVEL_ORDER, Alert
from schemas.subscription import (
    AlertRecord,
    AlertsView,
    Silence,
    SilenceCreate,
    Subscription,
    SubscriptionCreate,
    SubscriptionFilters,
    SubscriptionUpdate,
)

# Fields of a subscription hash that may be shown; secrets live in the same hash but not here.
_SECRET_FIELDS = ("secret", "previous_secret")
_TIME_FIELDS = (
    "disabled_at",
    "failing_since",
    "created_at",
    "updated_at",
    "secret_rotated_at",
    "previous_secret_expires_at",
)


class StoreError(RuntimeError):
    """A store operation was refused (e.g. a limit was reached); the message says what to do."""


def text(value: object) -> str:
    """A Redis reply (bytes) as text."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a Redis string reply, got {type(value).__name__}")


def _now() -> datetime:
    return datetime.now(UTC)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


@dataclass(frozen=True)
class SubscriptionTarget:
    """What the dispatcher needs: the public subscription and the secrets to sign with (current first)."""

    subscription: Subscription
    secrets: tuple[str, ...]


# Set fields only when the hash still exists: the API may delete a subscription while the
# dispatcher records a failure or disables it, and that must not resurrect a partial hash.
_SET_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local changed = 0
for i = 1, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    changed = changed + redis.call('HDEL', KEYS[1], ARGV[i])
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]); changed = changed + 1
  end
end
return changed
"""

# HSETNX only when the hash exists; returns the field's value afterwards (or false).
_SETNX_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HGET', KEYS[1], ARGV[1])
"""

# Disable once: the first reason wins. Bumps the config version so dispatchers notice.
_DISABLE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HSETNX', KEYS[1], 'disabled_reason', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'disabled_at', ARGV[2], 'updated_at', ARGV[2])
redis.call('INCR', KEYS[2])
return 1
"""


class SubscriptionStore:
    def __init__(self, redis: aioredis.Redis, settings: Settings) -> None:
        self.redis = redis
        self.settings = settings
        self.index_key = settings.webhook_key("subs")
        self.version_key = settings.webhook_key("config-version")
        self._set_if_exists = redis.register_script(_SET_IF_EXISTS)
        self._setnx_if_exists = redis.register_script(_SETNX_IF_EXISTS)
        self._disable = redis.register_script(_DISABLE)

    def key(self, subscription_id: str) -> str:
        return self.settings.webhook_key("sub", subscription_id)

    async def version(self) -> int:
        return int(await self.redis.get(self.version_key) or 0)

    async def _bump(self) -> None:
        await self.redis.incr(self.version_key)

    @staticmethod
    def _decode(raw: Any) -> dict[str, str]:
        return {text(k): text(v) for k, v in raw.items()}

    def _public(self, subscription_id: str, fields: dict[str, str]) -> Subscription:
        times = {name: _time(fields.get(name)) for name in _TIME_FIELDS}
        expires = times["previous_secret_expires_at"]
        if expires is not None and expires <= _now():
            times["previous_secret_expires_at"] = None
        return Subscription(
            id=subscription_id,
            url=fields["url"],
            filters=SubscriptionFilters.model_validate_json(fields["filters"]),
            format=fields["format"],
            description=fields.get("description") or None,
            active="disabled_reason" not in fields,
            disabled_reason=fields.get("disabled_reason"),
            **times,
        )

    async def _fields(self, subscription_id: str) -> dict[str, str] | None:
        fields = self._decode(await self.redis.hgetall(self.key(subscription_id)))
        return fields if "url" in fields else None

    async def count(self) -> int:
        return int(await self.redis.scard(self.index_key))

    async def create(self, body: SubscriptionCreate, secret: str) -> Subscription:
        if await self.count() >= self.settings.webhook_max_subscriptions:
            raise StoreError(
                f"there are already {self.settings.webhook_max_subscriptions} subscriptions "
                "(WEBHOOK_MAX_SUBSCRIPTIONS); delete unused ones or raise the limit"
            )
        subscription_id = new_id("sub")
        now = _now().isoformat()
        fields = {
            "url": body.url,
            "filters": body.filters.model_dump_json(),
            "format": body.format,
            "created_at": now,
            "updated_at": now,
            "secret": secret,
        }
        if body.description:
            fields["description"] = body.description
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self.key(subscription_id), mapping=cast(Any, fields))
            pipe.sadd(self.index_key, subscription_id)
            pipe.incr(self.version_key)
            await pipe.execute()
        return self._public(subscription_id, fields)

    async def get(self, subscription_id: str) -> Subscription | None:
        fields = await self._fields(subscription_id)
        return None if fields is None else self._public(subscription_id, fields)

    async def _all_fields(self) -> dict[str, dict[str, str]]:
        ids = sorted(text(member) for member in await self.redis.smembers(self.index_key))
        async with self.redis.pipeline(transaction=False) as pipe:
            for subscription_id in ids:
                pipe.hgetall(self.key(subscription_id))
            raws = await pipe.execute()
        found = {sid: self._decode(raw) for sid, raw in zip(ids, raws, strict=True)}
        return {sid: fields for sid, fields in found.items() if "url" in fields}

    async def list(self) -> list[Subscription]:
        return [self._public(sid, fields) for sid, fields in (await self._all_fields()).items()]

    async def targets(self) -> dict[str, SubscriptionTarget]:
        """Every subscription with the secrets currently in force (the dispatcher's view)."""
        now = _now()
        targets: dict[str, SubscriptionTarget] = {}
        for sid, fields in (await self._all_fields()).items():
            signing = [fields["secret"]]
            expires = _time(fields.get("previous_secret_expires_at"))
            if fields.get("previous_secret") and expires is not None and expires > now:
                signing.append(fields["previous_secret"])
            targets[sid] = SubscriptionTarget(self._public(sid, fields), tuple(signing))
        return targets

    async def update(self, subscription_id: str, patch: SubscriptionUpdate) -> Subscription | None:
        changes: dict[str, str] = {}
        if patch.url is not None:
            changes["url"] = patch.url
        if patch.filters is not None:
            changes["filters"] = patch.filters.model_dump_json()
        if patch.format is not None:
            changes["format"] = patch.format
        if "description" in patch.model_fields_set:
            changes["description"] = patch.description or ""
        if patch.enabled is True:
            changes.update(disabled_reason="", disabled_at="", failing_since="")
        elif patch.enabled is False:
            current = await self._fields(subscription_id)
            if current is not None and "disabled_reason" not in current:
                changes.update(disabled_reason="disabled by an administrator", disabled_at=_now().isoformat())
        changes["updated_at"] = _now().isoformat()
        args = [item for pair in changes.items() for item in pair]
        if await self._set_if_exists(keys=[self.key(subscription_id)], args=args) == -1:
            return None
        await self._bump()
        return await self.get(subscription_id)

    async def delete(self, subscription_id: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(subscription_id))
            pipe.srem(self.index_key, subscription_id)
            pipe.incr(self.version_key)
            deleted, _, _ = await pipe.execute()
        return bool(deleted)

    async def rotate_secret(self, subscription_id: str, new_secret: str) -> datetime | None:
        """Make ``new_secret`` current; the previous one keeps signing for the grace period."""
        fields = await self._fields(subscription_id)
        if fields is None:
            return None
        now = _now()
        expires = now + timedelta(seconds=self.settings.webhook_rotation_grace_seconds)
        changes = {
            "secret": new_secret,
            "previous_secret": fields["secret"],
            "previous_secret_expires_at": expires.isoformat(),
            "secret_rotated_at": now.isoformat(),
            "updated_at": now.isoformat(),
        }
        args = [item for pair in changes.items() for item in pair]
        if await self._set_if_exists(keys=[self.key(subscription_id)], args=args) == -1:
            return None
        await self._bump()
        return expires

    async def record_failure(self, subscription_id: str, at: datetime) -> datetime | None:
        """Note a failed attempt; returns since when the subscription has been failing."""
        value = await self._setnx_if_exists(
            keys=[self.key(subscription_id)], args=["failing_since", at.isoformat()]
        )
        return _time(text(value)) if value else None

    async def record_success(self, subscription_id: str) -> None:
        await self.redis.hdel(self.key(subscription_id), "failing_since")

    async def disable(self, subscription_id: str, reason: str) -> bool:
        """Disable with ``reason`` unless already disabled; True when this call disabled it."""
        done = await self._disable(
            keys=[self.key(subscription_id), self.version_key], args=[reason, _now().isoformat()]
        )
        return bool(done)


class SilenceStore:
    def __init__(self, redis: aioredis.Redis, settings: Settings) -> None:
        self.redis = redis
        self.settings = settings
        self.key = settings.webhook_key("silences")
        self.version_key = settings.webhook_key("config-version")

    async def list(self, include_expired: bool = False) -> list[Silence]:
        raw = await self.redis.hgetall(self.key)
        silences = [Silence.model_validate_json(value) for value in raw.values()]
        now = _now()
        return sorted(
            (s for s in silences if include_expired or s.until > now), key=lambda s: (s.until, s.id)
        )

    async def create(self, body: SilenceCreate) -> Silence:
        now = _now()
        # Silences that ended more than a day ago are of no further use: purge them here.
        stale = [s.id for s in await self.list(include_expired=True) if s.until < now - timedelta(days=1)]
        if stale:
            await self.redis.hdel(self.key, *stale)
        if len(await self.list()) >= self.settings.webhook_max_silences:
            raise StoreError(
                f"there are already {self.settings.webhook_max_silences} active silences "
                "(WEBHOOK_MAX_SILENCES); delete some or raise the limit"
            )
        silence = Silence(id=new_id("sil"), created_at=now, **body.model_dump())
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self.key, silence.id, silence.model_dump_json())
            pipe.incr(self.version_key)
            await pipe.execute()
        return silence

    async def get(self, silence_id: str) -> Silence | None:
        raw = await self.redis.hget(self.key, silence_id)
        return None if raw is None else Silence.model_validate_json(raw)

    async def delete(self, silence_id: str) -> bool:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hdel(self.key, silence_id)
            pipe.incr(self.version_key)
            deleted, _ = await pipe.execute()
        return bool(deleted)


# Record one transition idempotently (re-reading a Kafka message changes nothing), keep the open
# alerts current, and trim the recent list to its size.
_PROJECT = """
local open, recent, transitions = KEYS[1], KEYS[2], KEYS[3]
local tid, alert_id, kind, record = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local score, keep = ARGV[5], tonumber(ARGV[6])
if redis.call('HSETNX', transitions, tid, record) == 0 then return 0 end
redis.call('ZADD', recent, 'NX', score, tid)
if kind == 'alert.resolved' then
  redis.call('HDEL', open, alert_id)
else
  redis.call('HSET', open, alert_id, record)
end
local excess = redis.call('ZCARD', recent) - keep
if excess > 0 then
  local old = redis.call('ZRANGE', recent, 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', recent, 0, excess - 1)
  redis.call('HDEL', transitions, unpack(old))
end
return 1
"""


class AlertProjection:
    """Open alerts and recent transitions, maintained by the dispatcher from ``brink.alerts.v1``."""

    def __init__(self, redis: aioredis.Redis, settings: Settings) -> None:
        self.redis = redis
        self.settings = settings
        self.open_key = settings.webhook_key("alerts", "open")
        self.recent_key = settings.webhook_key("alerts", "recent")
        self.transitions_key = settings.webhook_key("alerts", "transitions")
        self._project = redis.register_script(_PROJECT)

    async def record(self, record: AlertRecord) -> bool:
        """Store ``record``; False when this transition was already recorded."""
        done = await self._project(
            keys=[self.open_key, self.recent_key, self.transitions_key],
            args=[
                record.transition_id,
                record.alert.alert_id,
                record.alert.type,
                record.model_dump_json(),
                record.recorded_at.timestamp(),
                self.settings.alerts_recent_max,
            ],
        )
        return bool(done)

    async def view(self, query: AlertQuery | None = None) -> AlertsView:
        """Open alerts (first page only) and recent transitions, newest first, as ``query`` asks.

        The recent list is bounded (ALERTS_RECENT_MAX), so its ids are read whole and the page is
        cut after the cursor; only the transitions looked at are fetched."""
        query = query or AlertQuery()
        open_records: list[AlertRecord] = []
        if query.cursor is None:
            open_records = [
                r
                for r in (
                    AlertRecord.model_validate_json(v)
                    for v in (await self.redis.hgetall(self.open_key)).values()
                )
                if query.matches_open(r)
            ]
            open_records.sort(key=lambda r: (-LEVEL_ORDER[r.alert.level], -r.alert.index, r.alert.dyad))
        ids = [text(i) for i in await self.redis.zrevrange(self.recent_key, 0, -1)]
        if query.cursor is not None:
            if query.cursor not in ids:
                raise StoreError(
                    "cursor is not one this API handed out (or it aged out): start again without it"
                )
            ids = ids[ids.index(query.cursor) + 1 :]
        recent: list[AlertRecord] = []
        for start in range(0, len(ids), _PAGE_FETCH):
            chunk = ids[start : start + _PAGE_FETCH]
            values = await self.redis.hmget(self.transitions_key, chunk)
            for value in values:
                if value is None:
                    continue
                record = AlertRecord.model_validate_json(value)
                if query.matches(record):
                    recent.append(record)
                    if len(recent) == query.limit:
                        return AlertsView(open=open_records, recent=recent, next_cursor=record.transition_id)
        return AlertsView(open=open_records, recent=recent, next_cursor=None)


_PAGE_FETCH = 200  # transitions fetched per round trip while filtering


@dataclass(frozen=True)
class AlertQuery:
    """Filters of GET /v1/alerts; None means no restriction. ``dyad`` in sorted form.

    ``dyad``, ``country`` and ``levels`` apply to open alerts and recent transitions; ``since``
    (on the transition's event time ``at``) and ``types`` to recent transitions only."""

    dyad: str | None = None
    country: str | None = None
    levels: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    since: datetime | None = None
    cursor: str | None = None
    limit: int = 100

    def matches_open(self, record: AlertRecord) -> bool:
        alert = record.alert
        if self.dyad is not None and alert.dyad != self.dyad:
            return False
        if self.country is not None and self.country not in alert.dyad.split("-"):
            return False
        return not self.levels or alert.level in self.levels

    def matches(self, record: AlertRecord) -> bool:
        if not self.matches_open(record):
            return False
        if self.types and record.alert.type not in self.types:
            return False
        return self.since is None or record.alert.at >= self.since


def alert_record(transition: str, alert: Alert, silence_ids: list[str], at: datetime) -> AlertRecord:
    return AlertRecord(
        transition_id=transition,
        alert=alert,
        silenced=bool(silence_ids),
        silence_ids=silence_ids,
        recorded_at=at,
    )
