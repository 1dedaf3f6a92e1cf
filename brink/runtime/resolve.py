"""Resolving a URL's host and checking every address it resolves to under the address policy
(``brink.webhooks.ssrf``, which is pure and resolves nothing): shared by the subscriptions API (webhook URLs)
and the feed poller (links in feeds).

``resolve_checked`` also returns the addresses it checked, so that a caller can connect to exactly
those (the feed poller does): resolving the name again to connect would let a second DNS answer,
a private one, slip past the check (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

from brink.webhooks.ssrf import AddressPolicy, IPAddress, Target, UnsafeUrlError

# host, port → the addresses it resolves to (OSError when it does not)
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The addresses the operating system's resolver gives for ``host`` (in its order, no repeats)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: dict[IPAddress, None] = {}
    for info in infos:
        found.setdefault(ipaddress.ip_address(str(info[4][0]).split("%")[0]), None)
    return list(found)


async def resolve_checked(
    policy: AddressPolicy, url: str, resolver: Resolver = system_resolver
) -> tuple[Target, list[IPAddress]]:
    """Check ``url`` and every address its host resolves to now; return the target and those
    addresses (an IP literal's own; a host on the allow-list's, unchecked). UnsafeUrlError with the
    reason otherwise."""
    target = policy.check_url(url)
    literal = target.literal_address
    if literal is not None:
        return target, [literal]
    try:
        addresses = await resolver(target.host, target.port)
    except OSError as exc:
        raise UnsafeUrlError(f"{target.host} does not resolve ({exc}); check the host name") from exc
    if not addresses:
        raise UnsafeUrlError(f"{target.host} resolves to no address; check the host name")
    if not policy.host_allowed(target.host):
        policy.check_addresses(target.host, sorted(addresses, key=str), target.port)
    return target, addresses


async def resolve_and_check(policy: AddressPolicy, url: str) -> Target:
    """Check ``url`` and every address its host resolves to now; raise UnsafeUrlError with the reason."""
    target = policy.check_url(url)
    if target.literal_address is not None or policy.host_allowed(target.host):
        return target
    checked, _ = await resolve_checked(policy, url)
    return checked
