"""Stable identities: of an alert transition, and of its delivery to one subscription.

``webhook-id`` must stay the same across retries, dispatcher restarts and re-reads of the same
Kafka message, so that receivers can drop duplicates. It is derived from what the transition is,
never from when or by whom it was processed.
"""

from __future__ import annotations

import hashlib

from schemas.alert import Alert


def transition_id(alert: Alert) -> str:
    """The same transition (alert, type, level, times) always gets the same id."""
    parts = (
        alert.alert_id,
        alert.type,
        alert.level,
        alert.updated_at.isoformat(),
        alert.at.isoformat(),
    )
    return "tr_" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def webhook_id(transition: str, subscription_id: str) -> str:
    """``webhook-id`` of ``transition`` delivered to ``subscription_id``: ``msg_`` + 32 hex digits."""
    return "msg_" + hashlib.sha256(f"{transition}|{subscription_id}".encode()).hexdigest()[:32]
