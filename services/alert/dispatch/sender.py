"""One HTTP attempt of a webhook delivery, through the address guard, without redirects."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import aiohttp

from brink.settings import Settings
from brink.webhooks.retry import RETRY_AFTER_STATUSES, parse_retry_after
from brink.webhooks.ssrf import AddressPolicy, UnsafeUrlError
from services.alert.netguard import GuardedResolver, RefusedAddressError

USER_AGENT = "Brink-Webhooks/1"
MAX_SHOWN_LOCATION = 200  # characters of a redirect's Location kept in the error


@dataclass(frozen=True)
class AttemptResult:
    status: int | None  # None: no HTTP response (refused address, connection error, timeout)
    error: str | None
    retry_after: float | None = None
    duration: float | None = None  # None when no request was sent


def _error_of(response: aiohttp.ClientResponse) -> str | None:
    """None for a 2xx; otherwise what went wrong. The body is never read (a receiver could send
    gigabytes), and a redirect is never followed (its target was not checked): say where it pointed."""
    if 200 <= response.status < 300:
        return None
    if 300 <= response.status < 400:
        location = response.headers.get("Location", "")[:MAX_SHOWN_LOCATION] or "nowhere"
        return (
            f"HTTP {response.status}: redirect to {location} not followed; "
            "update the subscription's URL to the final address"
        )
    return f"HTTP {response.status}"


class WebhookSender:
    def __init__(self, settings: Settings, policy: AddressPolicy) -> None:
        self.settings = settings
        self.policy = policy
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(self.policy),
            limit=self.settings.webhook_max_in_flight,
            ttl_dns_cache=10,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),  # receivers must not see each other's cookies
            trust_env=False,  # no proxies from the environment: we connect to what we checked
            auto_decompress=False,
            headers={"User-Agent": USER_AGENT},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, url: str, body: bytes, headers: dict[str, str]) -> AttemptResult:
        if self._session is None:
            raise RuntimeError("WebhookSender.start() was not awaited")
        try:
            # IP literals never reach the resolver, so check the URL itself on every attempt.
            self.policy.check_url(url)
        except UnsafeUrlError as exc:
            return AttemptResult(None, f"refused: {exc}")
        timeout = aiohttp.ClientTimeout(total=self.settings.webhook_timeout_seconds)
        started = time.monotonic()
        try:
            async with self._session.post(
                url,
                data=body,
                headers={**headers, "Content-Type": "application/json"},
                allow_redirects=False,
                timeout=timeout,
            ) as response:
                duration = time.monotonic() - started
                retry_after = None
                if response.status in RETRY_AFTER_STATUSES:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                return AttemptResult(response.status, _error_of(response), retry_after, duration)
        except TimeoutError:
            return AttemptResult(
                None,
                f"timed out after {self.settings.webhook_timeout_seconds:g}s",
                None,
                time.monotonic() - started,
            )
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, RefusedAddressError):
                return AttemptResult(None, f"refused: {exc.os_error}")
            return AttemptResult(None, f"cannot connect: {exc.os_error}", None, time.monotonic() - started)
        except (aiohttp.ClientError, asyncio.IncompleteReadError, OSError) as exc:
            return AttemptResult(None, f"{type(exc).__name__}: {exc}", None, time.monotonic() - started)
