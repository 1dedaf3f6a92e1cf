"""Brink's message contracts: the only place messages on topics and webhooks are defined.

Every model carries ``schema_version``; a message with another version is rejected (and
dead-lettered by the services). JSON Schema exports live in ``schemas/json/`` and are kept in
step by ``python -m schemas.export`` (checked by ``tests/unit/test_schema_exports.py``).
"""

from schemas.alert import Alert, AlertLevel, AlertType, Evidence
from schemas.article import Article, ArticleSubmission
from schemas.common import UtcDatetime
from schemas.deadletter import DeadLetter
from schemas.event import Actor, ActorKind, CodedArticle, EscalationEvent, Location
from schemas.webhook import WebhookPayload

__all__ = [
    "Actor",
    "ActorKind",
    "Alert",
    "AlertLevel",
    "AlertType",
    "Article",
    "ArticleSubmission",
    "CodedArticle",
    "DeadLetter",
    "EscalationEvent",
    "Evidence",
    "Location",
    "UtcDatetime",
    "WebhookPayload",
]
