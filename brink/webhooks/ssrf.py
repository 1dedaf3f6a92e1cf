"""Which webhook URLs and addresses Brink may connect to (server-side request forgery guard).

A URL must be http(s) with a host and no credentials. Every address its host resolves to must be
globally routable: loopback, private, link-local, multicast, reserved, unspecified, shared (CGNAT)
and the cloud metadata addresses are refused, unless the host is in ``allowed_hosts`` or the
address and port in ``allowed_networks``. An allow-list entry is a network (every port:
``10.1.0.0/16``) or a network or address with one port (``127.0.0.1:8099``, ``[::1]:8099``,
``10.1.0.0/16:443``): ``brink run`` allows its local sink's port and nothing else on loopback. The
metadata addresses need an allow-list entry naming exactly them: a broad network such as
169.254.0.0/16 does not let them through.

This module only decides; resolving names is the caller's job (the API checks at creation, the
dispatcher again on every new connection, connecting only to the addresses it checked).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
MAX_URL_LENGTH = 2048
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeUrlError(ValueError):
    """The URL or an address it resolves to is not allowed; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """A checked URL's parts; ``host`` is lower-case, without brackets for IPv6."""

    url: str
    scheme: str
    host: str
    port: int

    @property
    def literal_address(self) -> IPAddress | None:
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None


def _refusal(address: IPAddress) -> str | None:
    if address in METADATA_ADDRESSES:
        return "the cloud metadata address"
    if isinstance(address, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address are judged by the address they carry.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = _refusal(embedded)
            return f"an IPv6 form of {inner}" if inner else None
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attribute, phrase in checks:
        if getattr(address, attribute):
            return phrase
    if not address.is_global:
        return "not a globally routable address"
    return None


@dataclass(frozen=True)
class AllowedNetwork:
    """One allow-list entry: a network, and the one port allowed on it (None: every port)."""

    network: IPNetwork
    port: int | None = None

    @classmethod
    def parse(cls, text: str) -> AllowedNetwork:
        """``10.1.0.0/16``, ``127.0.0.1:8099``, ``10.1.0.0/16:443``, ``::1``, ``[::1]:8099``."""
        entry = text.strip()
        network, port = entry, None
        if entry.startswith("["):
            network, bracket, rest = entry[1:].partition("]")
            if not bracket or (rest and not rest.startswith(":")):
                raise ValueError(f"WEBHOOK_ALLOWED_NETWORKS entry {text!r}: write an IPv6 port as [::1]:8099")
            port = rest[1:] or None
        elif entry.count(":") == 1:  # IPv4 with a port; IPv6 without brackets has several colons
            network, _, port = entry.partition(":")
        try:
            parsed = ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            raise ValueError(
                f"WEBHOOK_ALLOWED_NETWORKS entry {text!r} is not a network, or an address or network with "
                "a port (e.g. 10.1.0.0/16, 127.0.0.1:8099)"
            ) from exc
        if port is None:
            return cls(parsed)
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"WEBHOOK_ALLOWED_NETWORKS entry {text!r}: {port!r} is not a port (1-65535)")
        return cls(parsed, int(port))

    def admits(self, address: IPAddress, port: int | None) -> bool:
        """``address`` is in the network and, if this entry names a port, ``port`` is that one."""
        return address in self.network and (self.port is None or port == self.port)

    def __str__(self) -> str:
        if self.port is None:
            return str(self.network)
        shown = str(self.network.network_address) if self.network.num_addresses == 1 else str(self.network)
        if self.network.version == 6:
            shown = f"[{shown}]"
        return f"{shown}:{self.port}"


@dataclass(frozen=True)
class AddressPolicy:
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    allowed_networks: tuple[AllowedNetwork, ...] = ()

    @classmethod
    def from_lists(cls, hosts: Iterable[str], networks: Iterable[str]) -> AddressPolicy:
        parsed = tuple(AllowedNetwork.parse(text) for text in networks if text.strip())
        return cls(frozenset(h.strip().lower().rstrip(".") for h in hosts if h.strip()), parsed)

    def describe(self) -> str:
        """One readable line: what webhooks may target."""
        extra = [*(str(n) for n in self.allowed_networks), *sorted(self.allowed_hosts)]
        allowed = ", ".join(extra) if extra else "nothing else"
        return f"public addresses only; allowed besides: {allowed}"

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.allowed_hosts

    def check_url(self, url: str) -> Target:
        """Parse and check everything about ``url`` that does not need DNS."""
        if len(url) > MAX_URL_LENGTH:
            raise UnsafeUrlError(f"the URL is longer than {MAX_URL_LENGTH} characters")
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise UnsafeUrlError(f"the URL does not parse: {exc}") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeUrlError(f"only http and https URLs are allowed, not {scheme or 'no scheme'!r}")
        if parts.username is not None or parts.password is not None:
            raise UnsafeUrlError("credentials in the URL are not allowed; put a token in the path instead")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise UnsafeUrlError("the URL has no host")
        if any(c.isspace() for c in url):
            raise UnsafeUrlError("the URL contains whitespace")
        target = Target(url=url, scheme=scheme, host=host, port=port or (443 if scheme == "https" else 80))
        literal = target.literal_address
        if literal is not None:
            self.check_address(host, literal, target.port)
        return target

    def check_address(self, host: str, address: IPAddress, port: int | None = None) -> None:
        """Raise UnsafeUrlError when ``host`` may not be reached at ``address`` (on ``port``).

        ``port`` None (unknown) passes only entries that allow every port."""
        if self.host_allowed(host):
            return
        reason = _refusal(address)
        if reason is None:
            return
        entries = self.allowed_networks
        if address in METADATA_ADDRESSES:
            entries = tuple(entry for entry in entries if entry.network.num_addresses == 1)
        if any(entry.admits(address, port) for entry in entries):
            return
        shown = host if host == str(address) else f"{host} ({address})"
        other_ports = sorted({str(e.port) for e in entries if e.port is not None and address in e.network})
        if other_ports:
            raise UnsafeUrlError(
                f"{shown} is {reason}, allow-listed only on port {', '.join(other_ports)}, not {port}; to "
                "allow it, add the address with this port to WEBHOOK_ALLOWED_NETWORKS"
            )
        raise UnsafeUrlError(
            f"{shown} is {reason}; webhooks may only target public addresses. To allow it, add the "
            "host to WEBHOOK_ALLOWED_HOSTS or the address to WEBHOOK_ALLOWED_NETWORKS"
        )

    def check_addresses(
        self, host: str, addresses: Iterable[IPAddress], port: int | None = None
    ) -> list[IPAddress]:
        """Check every address ``host`` resolved to; one refused address refuses the host."""
        checked = list(addresses)
        if not checked:
            raise UnsafeUrlError(f"{host} resolved to no address")
        for address in checked:
            self.check_address(host, address, port)
        return checked
