"""Resolving a URL's host and checking every address it resolves to under the address policy
(``brink.webhooks.ssrf``, which is pure and resolves nothing): shared by the subscriptions API (webhook URLs)
and the feed poller (links in feeds)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from brink.webhooks.ssrf import AddressPolicy, Target, UnsafeUrlError


async def resolve_and_check(policy: AddressPolicy, url: str) -> Target:
    """Check ``url`` and every address its host resolves to now; raise UnsafeUrlError with the reason."""
    target = policy.check_url(url)
    if target.literal_address is not None or policy.host_allowed(target.host):
        return target
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UnsafeUrlError(f"{target.host} does not resolve ({exc}); check the host name") from exc
    addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
    policy.check_addresses(target.host, sorted(addresses, key=str), target.port)
    return target
