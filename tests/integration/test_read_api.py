"""What Brink found, read over real HTTP from the real Redis: events, articles, alerts; filters,
cursors, unknown parameters, token scopes and the OpenAPI listing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from brink.settings import Settings
from services.alert.findings import SCAN_BUDGET
from services.alert.store import AlertProjection, alert_record
from tests.fixtures.alerts import make_alert
from tests.fixtures.events import IRAN, NORWAY, SWEDEN, T0, TRUMP, USA, event
from tests.fixtures.read_api import ADMIN, READ, WRITE, article, findings_store, record, scoped_settings
from tests.fixtures.webhooks import running_api


async def _get(client: httpx.AsyncClient, path: str, **params: Any) -> Any:
    response = await client.get(path, params=params, headers=READ)
    assert response.status_code == 200, response.text
    return response.json()


async def _ids(client: httpx.AsyncClient, **params: Any) -> list[str]:
    return [e["event_id"] for e in (await _get(client, "/v1/events", **params))["events"]]


async def test_events_filter_by_dyad_in_either_order_country_root_time_and_threat(settings: Settings) -> None:
    await record(
        settings,
        [
            event("threat", timedelta(hours=1), source=TRUMP, target=IRAN, cameo="138", threat_score=0.8),
            event("strike", timedelta(hours=2), source=USA, target=IRAN, cameo="190", threat_score=0.3),
            event("talks", timedelta(hours=3), source=NORWAY, target=SWEDEN, cameo="040", goldstein=1.0),
            event("accuse", timedelta(hours=4), source=IRAN, target=USA, cameo="112", threat_score=0.6),
        ],
    )
    async with running_api(scoped_settings(settings)) as client:
        assert await _ids(client) == ["accuse", "talks", "strike", "threat"]  # newest event time first
        assert await _ids(client, dyad="USA-IRN") == ["accuse", "strike", "threat"]
        assert await _ids(client, dyad="IRN-USA") == await _ids(client, dyad="USA-IRN")
        assert await _ids(client, country="SWE") == ["talks"]
        assert await _ids(client, country="IRN", cameo_root=19) == ["strike"]
        assert await _ids(client, min_threat=0.6) == ["accuse", "threat"]
        since, until = (T0 + timedelta(hours=2)).isoformat(), (T0 + timedelta(hours=4)).isoformat()
        assert await _ids(client, since=since, until=until) == ["talks", "strike"]
        assert await _ids(client, article_id="art-talks") == ["talks"]
        refused = await client.get("/v1/events", params={"since": until, "until": since}, headers=READ)
        assert refused.status_code == 422 and "since must be earlier than until" in refused.text
        bad_root = await client.get("/v1/events", params={"cameo_root": 21}, headers=READ)
        assert bad_root.status_code == 422 and "cameo_root" in bad_root.text


async def test_event_pages_follow_the_cursor_and_cover_every_event_once(settings: Settings) -> None:
    events = [event(f"e{n:03d}", timedelta(minutes=n // 3)) for n in range(250)]  # ties in event time
    await record(settings, events)
    async with running_api(scoped_settings(settings)) as client:
        seen: list[str] = []
        pages = 0
        params: dict[str, Any] = {"limit": 100}
        while True:
            page = await _get(client, "/v1/events", **params)
            pages += 1
            seen += [e["event_id"] for e in page["events"]]
            if page["next_cursor"] is None:
                break
            params["cursor"] = page["next_cursor"]
        assert pages == 3 and len(seen) == 250 and set(seen) == {e.event_id for e in events}
        times = [e.published_at for e in sorted(events, key=lambda e: e.event_id)]
        assert times == sorted(times)  # so newest first means descending ids here
        assert seen == sorted(seen, reverse=True)
        forged = await client.get("/v1/events", params={"cursor": "not-a-cursor!"}, headers=READ)
        assert forged.status_code == 422 and "cursor" in forged.text


async def test_a_filter_matching_little_ends_pages_early_and_the_cursor_finds_the_rest(
    settings: Settings,
) -> None:
    quiet = [event(f"q{n:04d}", timedelta(seconds=n), threat_score=0.1) for n in range(1, SCAN_BUDGET + 100)]
    await record(settings, [event("loud", threat_score=0.9), *quiet])  # the one match is the oldest
    async with running_api(scoped_settings(settings)) as client:
        first = await _get(client, "/v1/events", min_threat=0.9)
        assert first["events"] == [] and first["next_cursor"] is not None
        second = await _get(client, "/v1/events", min_threat=0.9, cursor=first["next_cursor"])
        assert [e["event_id"] for e in second["events"]] == ["loud"] and second["next_cursor"] is None


async def test_unknown_query_parameters_are_refused_with_422_naming_them(settings: Settings) -> None:
    async with running_api(scoped_settings(settings)) as client:
        for path, misspelt in (
            ("/v1/events", "dyads"),
            ("/v1/alerts", "contry"),
            ("/v1/articles", "min_threat"),
            ("/v1/silences", "verbose"),
        ):
            response = await client.get(path, params={misspelt: "x"}, headers=READ)
            assert response.status_code == 422, (path, response.text)
            detail = response.json()["detail"]
            assert [d["loc"] for d in detail] == [["query", misspelt]]
            assert f"unknown query parameter '{misspelt}'" in detail[0]["msg"]


async def test_article_is_shown_with_its_events_in_text_order(settings: Settings) -> None:
    await record(
        settings,
        [
            event("second", article_id="a1", span=(40, 60)),
            event("first", article_id="a1", span=(0, 20)),
            event("other", timedelta(hours=5), article_id="a2"),
        ],
        [article("a1", title="Trump threatens Iran"), article("a2", hours=5, source="Other Wire")],
    )
    async with running_api(scoped_settings(settings)) as client:
        one = await _get(client, "/v1/articles/a1")
        assert one["article"]["title"] == "Trump threatens Iran" and one["article"]["chars"] == len(
            "Text of a1."
        )
        assert "text" not in one["article"]
        assert [e["event_id"] for e in one["events"]] == ["first", "second"]
        listed = await _get(client, "/v1/articles")
        assert [a["article_id"] for a in listed["articles"]] == ["a2", "a1"]
        assert [len(a["events"]) for a in listed["articles"]] == [1, 2]
        only = await _get(client, "/v1/articles", source="other wire")
        assert [a["article_id"] for a in only["articles"]] == ["a2"]
        missing = await client.get("/v1/articles/nope", headers=READ)
        assert missing.status_code == 404 and "FINDINGS_MAX_ARTICLES" in missing.text


async def test_rows_dated_outside_what_ingest_admits_are_not_read_back(settings: Settings) -> None:
    """Rows recorded before the alert worker applied ingest's date rule (an article dated 2999, one
    dated 1850) stay in Redis, but no read shows them: not listed, not found by id."""
    far, early = datetime(2999, 1, 1, tzinfo=UTC), datetime(1850, 1, 1, tzinfo=UTC)
    await record(
        settings,
        [
            event("real", article_id="a1"),
            event("future", far - T0, article_id="a2999"),
            event("past", early - T0, article_id="a1850"),
        ],
        [article("a1"), article("a2999", published_at=far), article("a1850", published_at=early)],
    )
    async with running_api(scoped_settings(settings)) as client:
        assert await _ids(client) == ["real"]
        assert await _ids(client, dyad="IRN-USA") == ["real"]
        assert await _ids(client, since=datetime(2100, 1, 1, tzinfo=UTC).isoformat()) == []
        listed = await _get(client, "/v1/articles")
        assert [a["article_id"] for a in listed["articles"]] == ["a1"]
        for hidden in ("a2999", "a1850"):
            assert (await client.get(f"/v1/articles/{hidden}", headers=READ)).status_code == 404


async def test_findings_keep_only_the_newest_events_and_articles(settings: Settings) -> None:
    bounded = settings.model_copy(update={"findings_max_events": 5, "findings_max_articles": 2})
    events = [event(f"e{n}", timedelta(hours=n), article_id=f"a{n}") for n in range(8)]
    await record(bounded, events, [article(f"a{n}", hours=n) for n in range(4)])
    await record(bounded, events[:2])  # old events seen again are not brought back
    async with running_api(scoped_settings(bounded)) as client:
        assert await _ids(client) == ["e7", "e6", "e5", "e4", "e3"]
        for index in ({"dyad": "IRN-USA"}, {"country": "USA"}, {"cameo_root": 13}):
            assert await _ids(client, **index) == ["e7", "e6", "e5", "e4", "e3"], index
        assert [a["article_id"] for a in (await _get(client, "/v1/articles"))["articles"]] == ["a3", "a2"]
        assert (await client.get("/v1/articles/a0", headers=READ)).status_code == 404
    async with findings_store(bounded) as store:
        assert await store.redis.hlen(store.events_key) == 5
        assert await store.redis.zcard(store.prefix + "ev:a:a0") == 0


async def test_alerts_filter_by_country_level_type_since_and_paginate(settings: Settings) -> None:
    async with findings_store(settings) as store:
        projection = AlertProjection(store.redis, settings)
        alerts = [
            make_alert("IRN-USA", "alert.firing", "watch", alert_id="al_a", at=T0),
            make_alert("IRN-USA", "alert.updated", "warning", alert_id="al_a", at=T0 + timedelta(hours=1)),
            make_alert("NOR-SWE", "alert.firing", "watch", alert_id="al_b", at=T0 + timedelta(hours=2)),
            make_alert("IRQ-USA", "alert.firing", "critical", alert_id="al_c", at=T0 + timedelta(hours=3)),
            make_alert("NOR-SWE", "alert.resolved", "watch", alert_id="al_b", at=T0 + timedelta(hours=4)),
        ]
        for n, alert in enumerate(alerts):
            await projection.record(alert_record(f"t{n}", alert, [], T0 + timedelta(minutes=n)))
    async with running_api(scoped_settings(settings)) as client:

        def transitions(view: Any) -> list[str]:
            return [r["transition_id"] for r in view["recent"]]

        everything = await _get(client, "/v1/alerts")
        assert transitions(everything) == ["t4", "t3", "t2", "t1", "t0"]
        assert [r["alert"]["alert_id"] for r in everything["open"]] == ["al_c", "al_a"]
        usa = await _get(client, "/v1/alerts", country="USA")
        assert transitions(usa) == ["t3", "t1", "t0"] and len(usa["open"]) == 2
        assert transitions(await _get(client, "/v1/alerts", dyad="USA-IRN")) == ["t1", "t0"]
        assert transitions(await _get(client, "/v1/alerts", level=["watch", "critical"])) == [
            "t4",
            "t3",
            "t2",
            "t0",
        ]
        assert transitions(await _get(client, "/v1/alerts", type="alert.firing")) == ["t3", "t2", "t0"]
        since = (T0 + timedelta(hours=2)).isoformat()
        assert transitions(await _get(client, "/v1/alerts", since=since)) == ["t4", "t3", "t2"]
        first = await _get(client, "/v1/alerts", limit=2)
        second = await _get(client, "/v1/alerts", limit=2, cursor=first["next_cursor"])
        third = await _get(client, "/v1/alerts", limit=2, cursor=second["next_cursor"])
        assert [transitions(p) for p in (first, second, third)] == [["t4", "t3"], ["t2", "t1"], ["t0"]]
        assert second["open"] == [] and third["next_cursor"] is None
        bad = await client.get("/v1/alerts", params={"level": "severe"}, headers=READ)
        assert bad.status_code == 422 and "level" in bad.text


async def test_read_token_reads_write_token_silences_and_only_admin_manages_subscriptions(
    settings: Settings,
) -> None:
    silence = {"dyad": "IRN-USA", "until": (T0 + timedelta(days=3650)).isoformat()}
    subscription = {"url": "http://127.0.0.1:9/hook"}
    async with running_api(scoped_settings(settings)) as client:
        for headers in (READ, WRITE, ADMIN):
            for path in ("/v1/alerts", "/v1/events", "/v1/articles", "/v1/silences"):
                assert (await client.get(path, headers=headers)).status_code == 200, (path, headers)
        read_silence = await client.post("/v1/silences", json=silence, headers=READ)
        assert read_silence.status_code == 403 and "needs write" in read_silence.text
        created = await client.post("/v1/silences", json=silence, headers=WRITE)
        assert created.status_code == 201
        for headers in (READ, WRITE):
            assert (
                await client.post("/v1/subscriptions", json=subscription, headers=headers)
            ).status_code == 403
            assert (await client.get("/v1/subscriptions", headers=headers)).status_code == 403
        assert (await client.post("/v1/subscriptions", json=subscription, headers=ADMIN)).status_code == 201
        assert (await client.delete(f"/v1/silences/{created.json()['id']}", headers=ADMIN)).status_code == 204
        for headers in ({}, {"Authorization": "Bearer test-read-token-012345678"}):
            denied = await client.get("/v1/events", headers=headers)
            assert denied.status_code == 401 and denied.headers["www-authenticate"].startswith("Bearer")


async def test_without_tokens_reads_are_open_and_changes_say_which_token_to_set(settings: Settings) -> None:
    open_settings = settings.model_copy(update={"read_token": None, "write_token": None, "admin_token": None})
    async with running_api(open_settings) as client:
        assert (await client.get("/v1/events")).status_code == 200
        refused = await client.post("/v1/silences", json={"dyad": "IRN-USA", "until": "2999-01-01T00:00:00Z"})
        assert refused.status_code == 503 and "WRITE_TOKEN or ADMIN_TOKEN" in refused.text
    only_read = settings.model_copy(update={"read_token": "r" * 24, "write_token": None, "admin_token": None})
    async with running_api(only_read) as client:
        no_admin = await client.get("/v1/subscriptions", headers={"Authorization": "Bearer " + "r" * 24})
        assert no_admin.status_code == 503 and "ADMIN_TOKEN" in no_admin.text


async def test_openapi_lists_the_read_endpoints_with_their_filters(settings: Settings) -> None:
    async with running_api(scoped_settings(settings)) as client:
        spec = (await client.get("/openapi.json")).json()
        for path in ("/v1/events", "/v1/articles", "/v1/articles/{article_id}", "/v1/alerts"):
            assert "get" in spec["paths"][path], path
        alert_params = {p["name"] for p in spec["paths"]["/v1/alerts"]["get"]["parameters"]}
        assert {"country", "level", "since", "cursor"} <= alert_params
        event_params = {p["name"] for p in spec["paths"]["/v1/events"]["get"]["parameters"]}
        assert {"dyad", "country", "cameo_root", "since", "until", "min_threat", "cursor"} <= event_params
