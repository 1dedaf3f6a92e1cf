"""A subscriber's webhook receiver goes down and comes back: every delivery still arrives, once per
webhook-id after the receiver's dedup, each verified by an independent Standard Webhooks library.

Processes: ``brink api`` (the subscription), ``brink dispatch`` and ``brink sink`` (the receiver:
``standardwebhooks`` verification, dedup by webhook-id). Alerts are written to the alerts topic as
the alert worker publishes them.

Outage length: the retry schedule runs at WEBHOOK_RETRY_SCALE=0.001 (no jitter), so attempts come
at +0 s, +5 ms, +0.3 s, +1.8 s, +7.2 s, ... instead of +0 s, +5 s, +5 min, +30 min, +2 h. The
receiver stays down until every delivery sent meanwhile has failed four times, which at the
production schedule is an outage of more than 35 minutes (well beyond 30 s); it comes back before
the fifth attempt, which must then succeed.
"""

from __future__ import annotations

import pytest

from brink.runtime.processes import wait_for
from brink.settings import Settings
from brink.webhooks.identity import transition_id, webhook_id
from schemas.alert import Alert
from tests.fixtures.alerts import make_alert
from tests.fixtures.services import ServicePool, WebhookPath
from tests.fixtures.webhooks import publish_alerts

pytestmark = pytest.mark.integration

FAILED_ATTEMPTS_WHILE_DOWN = 4


def expected_ids(path: WebhookPath, alerts: list[Alert]) -> set[str]:
    return {webhook_id(transition_id(alert), path.subscription_id) for alert in alerts}


async def test_deliveries_made_while_the_receiver_is_down_all_arrive_once_it_is_back(
    settings: Settings, pool: ServicePool
) -> None:
    path = pool.webhook_path()
    before = [make_alert(f"IRN-{code}") for code in ("USA", "ISR", "IRQ")]
    during = [make_alert(f"RUS-{code}", level="critical") for code in ("UKR", "POL", "USA", "GEO", "MDA")]

    await publish_alerts(settings, before)
    wait_for(lambda: path.delivered_ids() == expected_ids(path, before), 60, "the first alerts delivered")
    first_life = path.received()

    path.sink.kill()
    await publish_alerts(settings, during)
    wait_for(
        lambda: path.outcomes("retrying") >= FAILED_ATTEMPTS_WHILE_DOWN * len(during),
        60,
        f"every delivery to fail {FAILED_ATTEMPTS_WHILE_DOWN} times",
    )
    assert path.outcomes("delivered") == len(before)
    path.sink.start()  # same port: the subscription's URL works again

    wait_for(lambda: path.delivered_ids() == expected_ids(path, during), 60, "the held-up alerts delivered")
    second_life = path.received()
    assert first_life["rejected"] == second_life["rejected"] == []  # every signature verified
    # Once per webhook-id: the first life saw exactly the first alerts, the second exactly the others.
    assert {d["webhook_id"] for d in first_life["deliveries"]} == expected_ids(path, before)
    assert {d["webhook_id"] for d in second_life["deliveries"]} == expected_ids(path, during)
    assert sorted(d["payload"]["data"]["alert_id"] for d in second_life["deliveries"]) == sorted(
        a.alert_id for a in during
    )
    wait_for(lambda: path.outcomes("delivered") == len(before) + len(during), 10, "the delivered count")
    assert path.outcomes("dead") == 0
    path.dispatch.check_alive()
