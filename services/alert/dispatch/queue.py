"""The durable delivery queue in Redis: every pending attempt, due time and lease.

Layout (all keys under the ``{prefix}`` hash tag, so the scripts run on Redis Cluster too):

- ``q:<sub>``  sorted set of the subscription's delivery ids, scored by when each is due;
- ``d:<sub>``  hash delivery id → ``Delivery`` JSON (body, attempts, last error);
- ``q:due``    sorted set of subscriptions scored by their earliest due delivery, so the scheduler
  only looks at endpoints with work and can skip the ones at their concurrency limit;
- ``leases``   hash delivery id → token of the dispatcher that claimed it;
- ``done:<id>`` a marker (with a TTL) that a delivery finished, so a re-read alert is not re-sent.

Claiming a delivery pushes its score to the end of the lease and records a token. If the
dispatcher dies mid-attempt, the delivery simply becomes due again when the lease runs out and
another (or the restarted) dispatcher claims it. Completing or rescheduling checks the token, so a
dispatcher that lost its lease cannot overwrite the new owner's work.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import redis.asyncio as aioredis
from pydantic import BaseModel

from brink.settings import Settings
from services.alert.store import text

_TOUCH = """
local function touch(due, q, sub)
  local first = redis.call('ZRANGE', q, 0, 0, 'WITHSCORES')
  if first[1] then redis.call('ZADD', due, first[2], sub) else redis.call('ZREM', due, sub) end
end
"""

# KEYS: due, q, d, done   ARGV: sub, id, due_at, record
_ENQUEUE = (
    _TOUCH
    + """
if redis.call('EXISTS', KEYS[4]) == 1 or redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then return 0 end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
touch(KEYS[1], KEYS[2], ARGV[1])
return 1
"""
)

# KEYS: due, q, d, leases   ARGV: sub, up_to, lease_until, limit, token, skip_leased
_CLAIM = (
    _TOUCH
    + """
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for _, id in ipairs(ids) do
  local record = redis.call('HGET', KEYS[3], id)
  if ARGV[6] == '1' and redis.call('HEXISTS', KEYS[4], id) == 1 then
    -- leased by an attempt in flight: leave it to that attempt
  elseif record then
    redis.call('ZADD', KEYS[2], ARGV[3], id)
    redis.call('HSET', KEYS[4], id, ARGV[5])
    table.insert(out, record)
  else
    redis.call('ZREM', KEYS[2], id)
  end
end
touch(KEYS[1], KEYS[2], ARGV[1])
return out
"""
)

# KEYS: due, q, d, leases, done   ARGV: sub, id, token, done_ttl
_COMPLETE = (
    _TOUCH
    + """
if redis.call('HGET', KEYS[4], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('HDEL', KEYS[4], ARGV[2])
if tonumber(ARGV[4]) > 0 then redis.call('SET', KEYS[5], '1', 'EX', ARGV[4]) end
touch(KEYS[1], KEYS[2], ARGV[1])
return 1
"""
)

# KEYS: due, q, d, leases   ARGV: sub, id, token, due_at, record
_RESCHEDULE = (
    _TOUCH
    + """
if redis.call('HGET', KEYS[4], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
redis.call('HDEL', KEYS[4], ARGV[2])
touch(KEYS[1], KEYS[2], ARGV[1])
return 1
"""
)

# KEYS: due, q, d, leases   ARGV: sub
_DROP = """
local ids = redis.call('HKEYS', KEYS[3])
for _, id in ipairs(ids) do redis.call('HDEL', KEYS[4], id) end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
return #ids
"""


class Delivery(BaseModel):
    """One transition to deliver to one subscription, with its retry state."""

    id: str  # the webhook-id: stable across attempts and restarts
    subscription_id: str
    transition_id: str
    alert_id: str
    alert_type: str
    dyad: str
    body: str  # rendered once; every attempt sends the same bytes
    original: str  # the alert message as read from Kafka, for the dead letter
    source_topic: str
    source_partition: int | None = None
    source_offset: int | None = None
    produced_at: float | None = None  # Kafka timestamp of the alert message (s)
    alert_at: float  # origin of the pipeline latency: the alert's ingested_at, else its event time (s)
    enqueued_at: float
    attempts: int = 0
    last_attempt_at: float | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class Claim:
    delivery: Delivery
    token: str


class DeliveryQueue:
    def __init__(self, redis: aioredis.Redis, settings: Settings) -> None:
        self.redis = redis
        self.settings = settings
        self.due_key = settings.webhook_key("q", "due")
        self.leases_key = settings.webhook_key("leases")
        self.deadletters_key = settings.webhook_key("deadletters")
        self._enqueue = redis.register_script(_ENQUEUE)
        self._claim = redis.register_script(_CLAIM)
        self._complete = redis.register_script(_COMPLETE)
        self._reschedule = redis.register_script(_RESCHEDULE)
        self._drop = redis.register_script(_DROP)

    def _q(self, subscription_id: str) -> str:
        return self.settings.webhook_key("q", "sub", subscription_id)

    def _d(self, subscription_id: str) -> str:
        return self.settings.webhook_key("d", subscription_id)

    def _done(self, delivery_id: str) -> str:
        return self.settings.webhook_key("done", delivery_id)

    async def enqueue(self, deliveries: list[Delivery], due_at: float) -> int:
        """Add deliveries not already queued or done; returns how many were new."""
        if not deliveries:
            return 0
        async with self.redis.pipeline(transaction=False) as pipe:
            for delivery in deliveries:
                sub = delivery.subscription_id
                await self._enqueue(
                    keys=[self.due_key, self._q(sub), self._d(sub), self._done(delivery.id)],
                    args=[sub, delivery.id, due_at, delivery.model_dump_json()],
                    client=pipe,
                )
            results = await pipe.execute()
        return sum(int(r) for r in results)

    async def due_endpoints(self, now: float) -> list[str]:
        """Subscriptions with at least one delivery due at ``now``, most overdue first."""
        return [text(m) for m in await self.redis.zrangebyscore(self.due_key, "-inf", now)]

    async def next_due_after(self, now: float) -> float | None:
        found = await self.redis.zrangebyscore(
            self.due_key, f"({now}", "+inf", start=0, num=1, withscores=True
        )
        return float(found[0][1]) if found else None

    async def claim(
        self, subscription_id: str, now: float, limit: int, *, everything: bool = False
    ) -> list[Claim]:
        """Lease up to ``limit`` deliveries of one subscription due at ``now``.

        ``everything``: every delivery not currently leased, due or not (to dead-letter the
        backlog of a subscription that was just disabled)."""
        token = uuid.uuid4().hex
        up_to: str | float = "+inf" if everything else now
        records = await self._claim(
            keys=[self.due_key, self._q(subscription_id), self._d(subscription_id), self.leases_key],
            args=[
                subscription_id,
                up_to,
                now + self.settings.webhook_lease_seconds,
                limit,
                token,
                "1" if everything else "0",
            ],
        )
        return [Claim(Delivery.model_validate_json(record), token) for record in records]

    async def complete(self, claim: Claim) -> bool:
        """Remove a delivered (or abandoned) delivery and remember it as done."""
        sub = claim.delivery.subscription_id
        done = await self._complete(
            keys=[self.due_key, self._q(sub), self._d(sub), self.leases_key, self._done(claim.delivery.id)],
            args=[sub, claim.delivery.id, claim.token, self.settings.webhook_dedup_seconds],
        )
        return bool(done)

    async def reschedule(self, claim: Claim, delivery: Delivery, due_at: float) -> bool:
        sub = delivery.subscription_id
        done = await self._reschedule(
            keys=[self.due_key, self._q(sub), self._d(sub), self.leases_key],
            args=[sub, delivery.id, claim.token, due_at, delivery.model_dump_json()],
        )
        return bool(done)

    async def drop_subscription(self, subscription_id: str) -> int:
        """Forget every pending delivery of a deleted subscription."""
        dropped = await self._drop(
            keys=[self.due_key, self._q(subscription_id), self._d(subscription_id), self.leases_key],
            args=[subscription_id],
        )
        return int(dropped)

    async def depth(self) -> int:
        """Pending deliveries over all subscriptions (claimed ones included)."""
        subs = [text(m) for m in await self.redis.zrange(self.due_key, 0, -1)]
        if not subs:
            return 0
        async with self.redis.pipeline(transaction=False) as pipe:
            for sub in subs:
                pipe.zcard(self._q(sub))
            counts = await pipe.execute()
        return sum(int(c) for c in counts)

    async def pending(self, subscription_id: str) -> list[Delivery]:
        raw = await self.redis.hvals(self._d(subscription_id))
        return [Delivery.model_validate_json(value) for value in raw]

    async def record_dead(self, entry: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.lpush(self.deadletters_key, entry)
            pipe.ltrim(self.deadletters_key, 0, self.settings.webhook_deadletter_max - 1)
            await pipe.execute()
