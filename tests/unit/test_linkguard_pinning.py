"""The pinned form of a linked page's GET: the checked address in the URL, the link's host in the
Host header and as the TLS server name."""

from __future__ import annotations

import ipaddress

import pytest

from brink.runtime.resolve import resolve_checked
from brink.webhooks.ssrf import AddressPolicy, IPAddress, UnsafeUrlError
from services.ingest.linkguard import check_link, pinned


def test_pinned_keeps_path_query_port_and_host_and_brackets_ipv6() -> None:
    v4 = pinned("https://News.Example.org:8443/a/b?c=1#top", ipaddress.ip_address("93.184.215.14"))
    assert v4.url == "https://93.184.215.14:8443/a/b?c=1#top"
    assert (v4.host_header, v4.server_name) == ("News.Example.org:8443", "news.example.org")
    v6 = pinned("http://news.example.org/x", ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))
    assert v6.url == "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/x"
    assert v6.host_header == "news.example.org"


async def test_check_link_returns_the_addresses_it_checked_and_refuses_any_private_one() -> None:
    async def answers(host: str, port: int) -> list[IPAddress]:
        table = {"public.example": ["93.184.215.14"], "mixed.example": ["93.184.215.14", "10.1.2.3"]}
        return [ipaddress.ip_address(a) for a in table[host]]

    feed = "https://feeds.example.net/world.rss"
    assert await check_link("https://public.example/a", feed, resolver=answers) == [
        ipaddress.ip_address("93.184.215.14")
    ]
    with pytest.raises(UnsafeUrlError, match="private"):
        await check_link("https://mixed.example/a", feed, resolver=answers)
    assert await check_link("https://feeds.example.net/story", feed, resolver=answers) is None  # by name


async def test_a_name_that_resolves_to_nothing_is_refused() -> None:
    async def nothing(host: str, port: int) -> list[IPAddress]:
        return []

    with pytest.raises(UnsafeUrlError, match="no address"):
        await resolve_checked(AddressPolicy(), "https://empty.example/", nothing)
