from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brink.webhooks.matching import matches_filters, muting_silences, silence_matches
from schemas.subscription import Silence, SilenceCreate, SubscriptionFilters
from tests.fixtures.alerts import make_alert

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SubscriptionFilters(), True),
        (SubscriptionFilters(min_level="watch"), True),
        (SubscriptionFilters(min_level="warning"), True),
        (SubscriptionFilters(min_level="critical"), False),
        (SubscriptionFilters(dyads=["IRN-USA"]), True),
        (SubscriptionFilters(dyads=["ISR-LBN", "IRQ-USA"]), False),
        (SubscriptionFilters(countries=["USA"]), True),
        (SubscriptionFilters(countries=["IRN", "ISR"]), True),
        (SubscriptionFilters(countries=["IRQ"]), False),
        (SubscriptionFilters(types=["alert.firing"]), True),
        (SubscriptionFilters(types=["alert.resolved", "alert.updated"]), False),
        (SubscriptionFilters(countries=["USA"], min_level="critical"), False),
        (SubscriptionFilters(dyads=["IRN-USA"], types=["alert.firing"], min_level="watch"), True),
    ],
)
def test_filters_match_a_warning_firing_on_irn_usa(filters: SubscriptionFilters, expected: bool) -> None:
    assert matches_filters(filters, make_alert("IRN-USA", "alert.firing", "warning")) is expected


def test_min_level_passes_higher_levels() -> None:
    filters = SubscriptionFilters(min_level="warning")
    assert matches_filters(filters, make_alert(level="critical"))
    assert not matches_filters(filters, make_alert(level="watch"))


def _silence(**fields: object) -> Silence:
    return Silence(id="sil_0123456789abcdef01", created_at=NOW, **fields)


def test_silence_by_dyad_country_or_actor_mutes_until_it_ends() -> None:
    alert = make_alert("IRN-USA", speaker_code="USAGOV")
    later = NOW + timedelta(hours=1)
    assert silence_matches(_silence(dyad="IRN-USA", until=later), alert, NOW)
    assert silence_matches(_silence(country="IRN", until=later), alert, NOW)
    assert silence_matches(_silence(actor="USAGOV", until=later), alert, NOW)
    assert not silence_matches(_silence(dyad="IRQ-USA", until=later), alert, NOW)
    assert not silence_matches(_silence(country="ISR", until=later), alert, NOW)
    assert not silence_matches(_silence(actor="IRNMIL", until=later), alert, NOW)
    assert not silence_matches(_silence(dyad="IRN-USA", until=NOW), alert, NOW)  # ended


def test_every_matcher_of_a_silence_must_match() -> None:
    alert = make_alert("IRN-USA")
    later = NOW + timedelta(hours=1)
    assert not silence_matches(_silence(country="USA", actor="IRNMIL", until=later), alert, NOW)
    assert muting_silences([_silence(country="USA", until=later)], alert, NOW) == ["sil_0123456789abcdef01"]


def test_a_silence_needs_a_matcher() -> None:
    with pytest.raises(ValueError, match="at least one"):
        SilenceCreate(until=NOW)
