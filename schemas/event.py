"""EscalationEvent: one coded action, on ``brink.events.v1`` (key: ``dyad``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from schemas.common import Contract, UtcDatetime

EVENT_SCHEMA_VERSION: Literal[1] = 1

ActorKind = Literal["state", "person", "armed_group", "igo", "group"]

# The kind of story an event was coded in (brink/coder/context.py). Only politics and security
# events move an escalation index; a sentence recalled as history is framed "history".
Frame = Literal["politics", "security", "sport", "markets", "culture", "disaster", "history", "other"]
ESCALATION_FRAMES: frozenset[str] = frozenset({"politics", "security"})


class Actor(Contract):
    code: str = Field(description="CAMEO-style code, e.g. USAGOV, IRNMIL, IRQREB.")
    country: str | None = Field(description="ISO 3166-1 alpha-3, or null for IGOs and stateless actors.")
    role: str | None = Field(default=None, description="GOV, MIL, COP, REB, OPP, CVL, MED, BUS, IGO ...")
    name: str = Field(description="Canonical name, e.g. 'Donald Trump', 'Iran'.")
    kind: ActorKind
    text: str = Field(description="The words as they appear in the sentence.")
    sponsor: str | None = Field(
        default=None,
        description="ISO alpha-3 of the state backing an armed group or proxy (Kataib Hezbollah: IRN).",
    )


class Location(Contract):
    name: str
    country: str | None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


class EscalationEvent(Contract):
    schema_version: Literal[1] = EVENT_SCHEMA_VERSION
    event_id: str = Field(description="Deterministic: re-coding the same article yields the same ids.")
    article_id: str
    url: str | None = Field(default=None, description="The article's URL, carried for alert evidence.")
    published_at: UtcDatetime = Field(description="The article's publication time (event-time clock).")
    ingested_at: UtcDatetime | None = Field(
        default=None,
        description="The article's ingested_at, carried so later stages can measure pipeline latency.",
    )
    source: Actor
    target: Actor | None
    dyad: str | None = Field(description="The two countries sorted and joined, e.g. 'IRN-USA'.")
    cameo: str = Field(pattern=r"^[0-2][0-9]{1,3}$")
    cameo_root: int = Field(ge=1, le=20)
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    plover_type: str
    plover_mode: str | None = None
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False
    event_date: date
    location: Location | None = None
    speaker: Actor | None = None
    quote: str | None = None
    threat_score: float = Field(ge=0, le=1)
    threat_reasons: list[str] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)
    sentence: str
    span: tuple[int, int]
    coder_version: str
    frame: Frame | None = Field(
        default=None,
        description="The kind of story the event was coded in: politics, security, sport, markets, culture, "
        "disaster, history (also any sentence recalled as history) or other. Only politics and security "
        "(and null: unknown, from coders before the field) feed the escalation index.",
    )


class Casualty(Contract):
    """Armed violence an article reports as fact with no event coded for it, because it names no
    perpetrator the coder can code ("nine militants were killed in airstrikes")."""

    sentence: str
    span: tuple[int, int] = Field(description="The reporting verb's character offsets into the article text.")
    frame: Frame | None = Field(
        default=None, description="The kind of story it was reported in, as for an event's frame."
    )


class CodedArticle(Contract):
    """One line of ``brink code`` output."""

    article_id: str
    events: list[EscalationEvent]
    threat_score: float = Field(ge=0, le=1, description="The strongest event threat score in the article.")
    tone: float = Field(ge=-1, le=1, description="Article tone (VADER compound score).")
    casualties: list[Casualty] = Field(
        default_factory=list,
        description="Armed violence reported with no perpetrator to code: no event (it has no source), but "
        "the article reports violence (its escalation level counts it). Feeds no escalation index.",
    )
