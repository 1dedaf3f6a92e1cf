"""The subscriptions/silences/alerts API's request and response bodies (``brink api``).

These are HTTP contracts, exported as JSON Schema like the topic messages. Secrets appear only in
``SubscriptionCreated`` and ``SecretRotated``: the two responses that show a secret once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from schemas.alert import Alert, AlertLevel, AlertType
from schemas.common import Contract, UtcDatetime

WebhookFormat = Literal["brink", "alertmanager", "slack"]

Dyad = Annotated[str, Field(pattern=r"^[A-Z]{3}-[A-Z]{3}$", description="Two ISO alpha-3 codes, sorted.")]
Country = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3.")]
ActorCode = Annotated[str, Field(pattern=r"^[A-Z0-9]{3,15}$", description="CAMEO actor code, e.g. IRNMIL.")]
WebhookUrl = Annotated[str, Field(min_length=8, max_length=2048, description="http(s) URL of the receiver.")]

SUBSCRIPTION_ID_PATTERN = r"^sub_[a-z0-9]{16,40}$"
SILENCE_ID_PATTERN = r"^sil_[a-z0-9]{16,40}$"


class SubscriptionFilters(Contract):
    """Which transitions a subscription receives. Empty lists and null mean "no restriction"."""

    dyads: list[Dyad] = Field(default_factory=list, max_length=200, description="Only these pairs.")
    countries: list[Country] = Field(
        default_factory=list, max_length=200, description="Only pairs with one of these countries on a side."
    )
    min_level: AlertLevel | None = Field(default=None, description="Only transitions at or above this level.")
    types: list[AlertType] = Field(default_factory=list, max_length=3, description="Only these transitions.")


class SubscriptionCreate(Contract):
    url: WebhookUrl
    filters: SubscriptionFilters = Field(default_factory=SubscriptionFilters)
    format: WebhookFormat = Field(default="brink", description="Body format: brink, alertmanager or slack.")
    description: str | None = Field(default=None, max_length=500)


class SubscriptionUpdate(Contract):
    """A partial update: fields left out are unchanged. ``enabled: true`` re-enables a disabled one."""

    url: WebhookUrl | None = None
    filters: SubscriptionFilters | None = None
    format: WebhookFormat | None = None
    description: str | None = Field(default=None, max_length=500)
    enabled: bool | None = None


class Subscription(Contract):
    """A subscription as the API shows it: never with its secret."""

    id: str = Field(pattern=SUBSCRIPTION_ID_PATTERN)
    url: str
    filters: SubscriptionFilters
    format: WebhookFormat
    description: str | None = None
    active: bool = Field(description="False once disabled (see disabled_reason).")
    disabled_reason: str | None = Field(
        default=None, description="Why deliveries stopped: 410 Gone, failing too long, or an administrator."
    )
    disabled_at: UtcDatetime | None = None
    failing_since: UtcDatetime | None = Field(
        default=None, description="First failed attempt since the last success, if failing now."
    )
    created_at: UtcDatetime
    updated_at: UtcDatetime
    secret_rotated_at: UtcDatetime | None = None
    previous_secret_expires_at: UtcDatetime | None = Field(
        default=None, description="Until then deliveries carry a signature with the previous secret too."
    )


class SubscriptionCreated(Subscription):
    secret: str = Field(description="whsec_… signing secret. Shown only in this response: store it now.")


class SecretRotated(Contract):
    id: str
    secret: str = Field(description="The new whsec_… secret. Shown only in this response.")
    previous_secret_expires_at: UtcDatetime = Field(
        description="Until then each delivery is signed with both the new and the previous secret."
    )


class SubscriptionList(Contract):
    subscriptions: list[Subscription]


class SilenceCreate(Contract):
    """Mute matching transitions until ``until``. Every matcher given must match (AND)."""

    dyad: Dyad | None = None
    country: Country | None = Field(default=None, description="Mutes every pair with this country on a side.")
    actor: ActorCode | None = Field(
        default=None, description="Mutes transitions whose evidence quotes this actor (speaker code)."
    )
    until: UtcDatetime
    comment: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_matcher(self) -> SilenceCreate:
        if self.dyad is None and self.country is None and self.actor is None:
            raise ValueError("a silence needs at least one of dyad, country, actor")
        return self


class Silence(SilenceCreate):
    id: str = Field(pattern=SILENCE_ID_PATTERN)
    created_at: UtcDatetime


class SilenceList(Contract):
    silences: list[Silence]


class AlertRecord(Contract):
    """One alert transition as the dispatcher recorded it."""

    transition_id: str
    alert: Alert
    silenced: bool = Field(description="True when a silence muted it: recorded but not delivered.")
    silence_ids: list[str] = Field(default_factory=list)
    recorded_at: UtcDatetime


class AlertsView(Contract):
    open: list[AlertRecord] = Field(description="Open alerts: the latest transition of each, highest first.")
    recent: list[AlertRecord] = Field(description="Recent transitions, newest first.")
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` (with the same filters) for the next page of `recent`; "
        "null at the end.",
    )
