"""Topic names, partition counts and message keys: defined here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from schemas.alert import Alert
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.event import EscalationEvent


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    key: str  # what the message key is, for people and for the producers
    value: type[BaseModel]
    compacted: bool = False


ARTICLES = TopicSpec("brink.articles.v1", 4, "article_id", Article)
# Events are keyed by dyad so one pair's events stay ordered on one partition. Events with
# no dyad (one side has no country) are keyed by article_id instead.
EVENTS = TopicSpec("brink.events.v1", 4, "dyad (or article_id when null)", EscalationEvent)
ALERTS = TopicSpec("brink.alerts.v1", 4, "dyad", Alert)
DEADLETTER = TopicSpec("brink.deadletter.v1", 1, "source topic name", DeadLetter)

ALL_TOPICS: tuple[TopicSpec, ...] = (ARTICLES, EVENTS, ALERTS, DEADLETTER)


def event_key(event: EscalationEvent) -> bytes:
    return (event.dyad or event.article_id).encode()
