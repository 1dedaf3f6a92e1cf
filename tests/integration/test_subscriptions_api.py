"""The subscriptions API over real HTTP, storing in the real Redis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brink.settings import Settings
from tests.fixtures.webhooks import AUTH, create_subscription, running_api, webhook_settings

HOOK = "http://127.0.0.1:9/hook"  # loopback is allow-listed in webhook_settings; nothing listens


async def test_subscription_lifecycle_create_list_get_update_delete(settings: Settings) -> None:
    async with running_api(webhook_settings(settings)) as client:
        created = await create_subscription(
            client, HOOK, filters={"dyads": ["IRN-USA"], "min_level": "warning"}, format="alertmanager"
        )
        sid = created["id"]
        assert str(created["secret"]).startswith("whsec_")
        assert created["active"] is True and created["format"] == "alertmanager"

        listed = (await client.get("/v1/subscriptions", headers=AUTH)).json()["subscriptions"]
        assert [s["id"] for s in listed] == [sid]

        patched = await client.patch(
            f"/v1/subscriptions/{sid}",
            json={"filters": {"countries": ["IRQ"]}, "format": "slack"},
            headers=AUTH,
        )
        assert patched.status_code == 200
        assert patched.json()["filters"]["countries"] == ["IRQ"] and patched.json()["format"] == "slack"

        disabled = (
            await client.patch(f"/v1/subscriptions/{sid}", json={"enabled": False}, headers=AUTH)
        ).json()
        assert disabled["active"] is False and disabled["disabled_reason"] == "disabled by an administrator"
        enabled = (
            await client.patch(f"/v1/subscriptions/{sid}", json={"enabled": True}, headers=AUTH)
        ).json()
        assert enabled["active"] is True and enabled["disabled_reason"] is None

        assert (await client.delete(f"/v1/subscriptions/{sid}", headers=AUTH)).status_code == 204
        assert (await client.get(f"/v1/subscriptions/{sid}", headers=AUTH)).status_code == 404
        assert (await client.delete(f"/v1/subscriptions/{sid}", headers=AUTH)).status_code == 404


async def test_secret_is_shown_once_and_never_again(settings: Settings) -> None:
    async with running_api(webhook_settings(settings)) as client:
        created = await create_subscription(client, HOOK)
        secret = str(created["secret"])
        sid = created["id"]
        rotated = await client.post(f"/v1/subscriptions/{sid}/rotate-secret", headers=AUTH)
        assert rotated.status_code == 200
        new_secret = rotated.json()["secret"]
        assert new_secret.startswith("whsec_") and new_secret != secret
        for path in (f"/v1/subscriptions/{sid}", "/v1/subscriptions"):
            text = (await client.get(path, headers=AUTH)).text
            assert secret not in text and new_secret not in text and "whsec_" not in text
        shown = (await client.get(f"/v1/subscriptions/{sid}", headers=AUTH)).json()
        assert shown["previous_secret_expires_at"] is not None and shown["secret_rotated_at"] is not None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://10.0.0.1/hook", "private"),
        ("http://localhost:8080/hook", "loopback"),  # a host name resolving to loopback
        ("http://[::1]/hook", "loopback"),
        ("http://2130706433/hook", "loopback"),  # 127.0.0.1 as one decimal number: resolves to loopback
        ("http://127.1/hook", "loopback"),  # the short form resolves to 127.0.0.1
        ("gopher://127.0.0.1:6379/_FLUSHALL", "http and https"),
        ("ftp://example.com/hook", "http and https"),
    ],
)
async def test_unsafe_webhook_urls_are_refused_with_400_and_the_reason(
    settings: Settings, url: str, reason: str
) -> None:
    # No allow-list here: the production default.
    async with running_api(webhook_settings(settings, webhook_allowed_networks="")) as client:
        response = await client.post("/v1/subscriptions", json={"url": url}, headers=AUTH)
        assert response.status_code == 400
        assert reason in response.json()["detail"]
        assert (await client.get("/v1/subscriptions", headers=AUTH)).json()["subscriptions"] == []


async def test_a_url_longer_than_2048_characters_is_refused_naming_the_field(settings: Settings) -> None:
    async with running_api(webhook_settings(settings)) as client:
        url = "http://127.0.0.1:9/" + "a" * 5000
        response = await client.post("/v1/subscriptions", json={"url": url}, headers=AUTH)
        assert response.status_code == 422
        (error,) = response.json()["detail"]
        assert error["loc"] == ["body", "url"] and "2048" in error["msg"]
        assert (await client.get("/v1/subscriptions", headers=AUTH)).json()["subscriptions"] == []


async def test_changing_the_url_to_an_unsafe_one_is_refused(settings: Settings) -> None:
    async with running_api(webhook_settings(settings, webhook_allowed_hosts="localhost")) as client:
        created = await create_subscription(client, "http://localhost:9/hook")  # allow-listed host
        response = await client.patch(
            f"/v1/subscriptions/{created['id']}", json={"url": "http://10.0.0.1/x"}, headers=AUTH
        )
        assert response.status_code == 400 and "private" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}])
async def test_wrong_or_missing_admin_token_is_401(settings: Settings, headers: dict[str, str]) -> None:
    async with running_api(webhook_settings(settings)) as client:
        for method, path in (
            ("POST", "/v1/subscriptions"),
            ("GET", "/v1/subscriptions"),
            ("GET", "/v1/alerts"),
        ):
            response = await client.request(method, path, json={"url": HOOK}, headers=headers)
            assert response.status_code == 401, (method, path)
            assert response.headers["www-authenticate"].startswith("Bearer")


async def test_without_admin_token_writes_are_refused_saying_to_set_it(settings: Settings) -> None:
    async with running_api(webhook_settings(settings, admin_token=None)) as client:
        response = await client.post("/v1/subscriptions", json={"url": HOOK})
        assert response.status_code == 503
        assert "ADMIN_TOKEN" in response.json()["detail"]
        silence = {"dyad": "IRN-USA", "until": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}
        assert (await client.post("/v1/silences", json=silence)).status_code == 503
        assert (await client.get("/v1/subscriptions")).status_code == 200


async def test_oversized_body_is_refused_with_413(settings: Settings) -> None:
    async with running_api(webhook_settings(settings, api_max_body_bytes=1024)) as client:
        big = {"url": HOOK, "description": "x" * 2000}
        response = await client.post("/v1/subscriptions", json=big, headers=AUTH)
        assert response.status_code == 413
        assert "1024" in response.json()["detail"]

        async def chunks():  # no Content-Length: the limit holds on the streamed body too
            for _ in range(4):
                yield b"x" * 512

        streamed = await client.post(
            "/v1/subscriptions", content=chunks(), headers={**AUTH, "content-type": "application/json"}
        )
        assert streamed.status_code == 413


async def test_invalid_bodies_and_ids_are_422_or_404(settings: Settings) -> None:
    async with running_api(webhook_settings(settings)) as client:
        bad = await client.post(
            "/v1/subscriptions", json={"url": HOOK, "format": "xml", "extra": 1}, headers=AUTH
        )
        assert bad.status_code == 422
        assert (await client.get("/v1/subscriptions/../../x", headers=AUTH)).status_code == 404
        assert (await client.get("/v1/subscriptions/sub_NOT-VALID", headers=AUTH)).status_code == 422


async def test_silences_create_list_get_delete(settings: Settings) -> None:
    async with running_api(webhook_settings(settings)) as client:
        until = datetime.now(UTC) + timedelta(hours=2)
        created = await client.post(
            "/v1/silences",
            json={"country": "IRN", "until": until.isoformat(), "comment": "drill"},
            headers=AUTH,
        )
        assert created.status_code == 201
        sil = created.json()
        assert sil["id"].startswith("sil_") and sil["country"] == "IRN"
        assert [s["id"] for s in (await client.get("/v1/silences", headers=AUTH)).json()["silences"]] == [
            sil["id"]
        ]
        assert (await client.get(f"/v1/silences/{sil['id']}", headers=AUTH)).json()["comment"] == "drill"
        assert (
            await client.post("/v1/silences", json={"until": until.isoformat()}, headers=AUTH)
        ).status_code == 422
        assert (await client.delete(f"/v1/silences/{sil['id']}", headers=AUTH)).status_code == 204
        assert (await client.get("/v1/silences", headers=AUTH)).json()["silences"] == []


async def test_health_readiness_metrics_and_openapi(settings: Settings) -> None:
    async with running_api(webhook_settings(settings)) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).status_code == 200
        await client.get("/v1/subscriptions", headers=AUTH)
        metrics = (await client.get("/metrics")).text
        assert 'brink_api_requests_total{method="GET",route="/v1/subscriptions",status="200"}' in metrics
        paths = (await client.get("/openapi.json")).json()["paths"]
        assert {
            "/v1/subscriptions",
            "/v1/subscriptions/{subscription_id}/rotate-secret",
            "/v1/alerts",
        } <= set(paths)


async def test_a_422_does_not_echo_a_huge_value_back(settings: Settings) -> None:
    """A client that sends a 30 KB URL gets told what is wrong, not its 30 KB back (nor of any
    other field): values repeated in an error are cut short."""
    huge = "https://example.com/" + "a" * 30_000
    async with running_api(webhook_settings(settings)) as client:
        for path, method in (("/v1/subscriptions", "post"), ("/v1/subscriptions/sub_abc", "patch")):
            bad = await client.request(
                method.upper(), path, json={"url": huge, "format": "x" * 30_000}, headers=AUTH
            )
            assert bad.status_code == 422, bad.status_code
            assert len(bad.content) < 4_000, len(bad.content)
            errors = bad.json()["detail"]
            assert {tuple(e["loc"]) for e in errors} >= {("body", "url"), ("body", "format")}
            assert all(e["msg"] for e in errors)
            assert all(len(str(e.get("input", ""))) < 200 for e in errors)
        short = await client.post("/v1/subscriptions", json={"url": HOOK, "format": "xml"}, headers=AUTH)
        assert short.status_code == 422
        (error,) = short.json()["detail"]
        assert error["loc"] == ["body", "format"] and error["input"] == "xml"  # a short value is kept
