"""Which linked pages the feed poller may fetch (``fetch_links: true``).

The operator chose the feed's URL, but an entry's link (and where it redirects) is chosen by whoever
writes the feed: it must not make ingest fetch internal addresses, such as the cloud metadata
service or a neighbour on the private network, and publish what they answer as an article (server-side
request forgery). A link is fetched when it is on the feed's own host (the operator trusts that
host), or when it passes the webhooks' address policy with no allow-list (``brink.webhooks.ssrf``:
http(s), every address the host resolves to globally routable). Each redirect hop is checked the
same way, also of the feed's own URL (its host may send the poller elsewhere); at most
``MAX_REDIRECTS`` are followed.

The addresses are checked when the host is resolved here; the HTTP client resolves again when it
connects, so a DNS answer that changes in between (rebinding) is not caught.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from brink.runtime.resolve import resolve_and_check
from brink.webhooks.ssrf import AddressPolicy, UnsafeUrlError

MAX_REDIRECTS = 5
PUBLIC_ONLY = AddressPolicy()


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


async def check_link(url: str, feed_url: str, policy: AddressPolicy = PUBLIC_ONLY) -> None:
    """Raise UnsafeUrlError, saying why, when the poller may not fetch ``url`` linked from ``feed_url``."""
    try:
        await _check(url, feed_url, policy)
    except UnsafeUrlError as exc:
        # The policy's own advice is about webhook allow-lists: say what applies to links instead.
        reason = str(exc).partition(";")[0]
        raise UnsafeUrlError(
            f"{reason}; a feed's links and redirects are followed only to public addresses or the feed's "
            "own host"
        ) from exc


async def _check(url: str, feed_url: str, policy: AddressPolicy) -> None:
    same_host = _host(url) == _host(feed_url) != ""
    if same_host and urlsplit(url).scheme.lower() in ("http", "https"):
        return
    await resolve_and_check(policy, url)  # scheme, credentials, length, IP literals, resolved addresses
