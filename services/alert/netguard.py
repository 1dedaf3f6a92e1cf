"""Resolving webhook hosts under the address policy (``brink.webhooks.ssrf``).

The API checks a URL when a subscription is created or changed (``brink.runtime.resolve``); the
dispatcher checks again on every new connection through ``GuardedResolver``: aiohttp connects only
to the addresses this resolver returned, which are exactly the ones checked, so a DNS answer that
changes between the check and the connection (rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from brink.webhooks.ssrf import AddressPolicy, UnsafeUrlError


class RefusedAddressError(OSError):
    """Raised inside aiohttp's connector (which expects OSError from resolvers)."""


class GuardedResolver(AbstractResolver):
    """aiohttp resolver that returns a host's addresses only when every one passes the policy."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._inner = ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self.policy.host_allowed(host):
            return results
        try:
            self.policy.check_addresses(
                host, [ipaddress.ip_address(r["host"].split("%")[0]) for r in results], port
            )
        except UnsafeUrlError as exc:
            raise RefusedAddressError(str(exc)) from exc
        return results

    async def close(self) -> None:
        await self._inner.close()
