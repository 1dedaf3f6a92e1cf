"""Which linked pages the feed poller may fetch (``fetch_links: true``).

The operator chose the feed's URL, but an entry's link (and where it redirects) is chosen by whoever
writes the feed: it must not make ingest fetch internal addresses, such as the cloud metadata
service or a neighbour on the private network, and publish what they answer as an article (server-side
request forgery). A link is fetched when it is on the feed's own host (the operator trusts that
host), or when it passes the webhooks' address policy with no allow-list (``brink.webhooks.ssrf``:
http(s), every address the host resolves to globally routable). Each redirect hop is checked the
same way, also of the feed's own URL (its host may send the poller elsewhere); at most
``MAX_REDIRECTS`` are followed.

The poller connects to the addresses checked here (``check_link`` returns them), not to what the
name resolves to a moment later: a DNS answer that changes in between (rebinding) cannot send it to
a private address. Links on the feed's own host are fetched by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from brink.runtime.resolve import Resolver, resolve_checked, system_resolver
from brink.webhooks.ssrf import AddressPolicy, IPAddress, UnsafeUrlError

MAX_REDIRECTS = 5
PUBLIC_ONLY = AddressPolicy()


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


async def check_link(
    url: str, feed_url: str, policy: AddressPolicy = PUBLIC_ONLY, resolver: Resolver = system_resolver
) -> list[IPAddress] | None:
    """The addresses the poller may connect to for ``url`` linked from ``feed_url`` (None: the feed's
    own host, fetched by name); UnsafeUrlError, saying why, when it may not fetch it."""
    try:
        return await _check(url, feed_url, policy, resolver)
    except UnsafeUrlError as exc:
        # The policy's own advice is about webhook allow-lists: say what applies to links instead.
        reason = str(exc).partition(";")[0]
        raise UnsafeUrlError(
            f"{reason}; a feed's links and redirects are followed only to public addresses or the feed's "
            "own host"
        ) from exc


async def _check(
    url: str, feed_url: str, policy: AddressPolicy, resolver: Resolver
) -> list[IPAddress] | None:
    same_host = _host(url) == _host(feed_url) != ""
    if same_host and urlsplit(url).scheme.lower() in ("http", "https"):
        return None
    # scheme, credentials, length, IP literals, resolved addresses
    _, addresses = await resolve_checked(policy, url, resolver)
    return addresses


@dataclass(frozen=True)
class Pinned:
    """A GET of ``url`` sent to one checked address: the URL names the address, the Host header and
    the TLS server name (certificate check included) stay those of the link."""

    url: str
    host_header: str
    server_name: str


def pinned(url: str, address: IPAddress) -> Pinned:
    parts = urlsplit(url)
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    host_header = parts.netloc.rpartition("@")[2]  # (credentials were refused by the policy already)
    return Pinned(urlunsplit(parts._replace(netloc=netloc)), host_header, parts.hostname or "")
