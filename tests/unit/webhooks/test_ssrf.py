from __future__ import annotations

import ipaddress

import pytest

from brink.webhooks.ssrf import AddressPolicy, UnsafeUrlError

DEFAULT = AddressPolicy()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://10.0.0.1/hook", "private"),
        ("http://192.168.1.10/hook", "private"),
        ("http://[::1]/hook", "loopback"),
        ("http://[::ffff:127.0.0.1]/hook", "loopback"),
        ("http://0.0.0.0/hook", "unspecified"),
        ("http://224.0.0.1/hook", "multicast"),
        ("http://169.254.10.10/hook", "link-local"),
        ("http://100.64.0.1/hook", "globally routable"),
        ("ftp://example.com/hook", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://user:pw@example.com/hook", "credentials"),
        ("http:///nohost", "no host"),
    ],
)
def test_unsafe_urls_are_refused_with_the_reason(url: str, reason: str) -> None:
    with pytest.raises(UnsafeUrlError, match=reason):
        DEFAULT.check_url(url)


def test_public_urls_pass_and_default_ports_are_filled() -> None:
    assert DEFAULT.check_url("https://hooks.example.com/x").port == 443
    assert DEFAULT.check_url("http://93.184.216.34:8080/x").port == 8080


def test_allow_listed_network_lets_loopback_through() -> None:
    policy = AddressPolicy.from_lists([], ["127.0.0.0/8"])
    policy.check_url("http://127.0.0.1:9000/hook")
    with pytest.raises(UnsafeUrlError):
        policy.check_url("http://10.0.0.1/hook")


def test_allow_listed_host_skips_the_address_check() -> None:
    policy = AddressPolicy.from_lists(["receiver.internal"], [])
    policy.check_address("receiver.internal", ipaddress.ip_address("10.1.2.3"))
    with pytest.raises(UnsafeUrlError, match="WEBHOOK_ALLOWED_HOSTS"):
        policy.check_address("other.internal", ipaddress.ip_address("10.1.2.3"))


def test_metadata_address_needs_an_exact_allow_list_entry() -> None:
    broad = AddressPolicy.from_lists([], ["169.254.0.0/16"])
    broad.check_url("http://169.254.1.1/")
    with pytest.raises(UnsafeUrlError, match="metadata"):
        broad.check_url("http://169.254.169.254/")
    AddressPolicy.from_lists([], ["169.254.169.254/32"]).check_url("http://169.254.169.254/")


def test_one_refused_address_among_public_ones_refuses_the_host() -> None:
    addresses = [ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("127.0.0.1")]
    with pytest.raises(UnsafeUrlError, match="loopback"):
        DEFAULT.check_addresses("rebind.example", addresses)


def test_bad_allow_list_entry_says_which() -> None:
    with pytest.raises(ValueError, match="not-a-net"):
        AddressPolicy.from_lists([], ["not-a-net"])


def test_allow_list_entry_with_a_port_lets_only_that_port_through() -> None:
    policy = AddressPolicy.from_lists([], ["127.0.0.1:8099"])
    assert policy.check_url("http://127.0.0.1:8099/brink").port == 8099
    # the Redis or broker port on the same address stays refused, and the message says why
    with pytest.raises(UnsafeUrlError, match="only on port 8099, not 6379"):
        policy.check_url("http://127.0.0.1:6379/")
    with pytest.raises(UnsafeUrlError, match="loopback"):
        policy.check_url("http://127.0.0.2:8099/")


def test_a_resolved_host_is_checked_with_the_port_it_will_be_connected_on() -> None:
    policy = AddressPolicy.from_lists([], ["10.1.0.0/16:443"])
    inside = [ipaddress.ip_address("10.1.2.3")]
    assert policy.check_addresses("hooks.internal", inside, 443) == inside
    with pytest.raises(UnsafeUrlError, match="only on port 443"):
        policy.check_addresses("hooks.internal", inside, 80)
    with pytest.raises(UnsafeUrlError):  # the port unknown: only an every-port entry would do
        policy.check_addresses("hooks.internal", inside)


def test_ipv6_allow_list_entries_take_a_bracketed_port() -> None:
    policy = AddressPolicy.from_lists([], ["[::1]:8099", "fd00::/8"])
    policy.check_url("http://[::1]:8099/hook")
    policy.check_url("http://[fd00::5]:1234/hook")  # a network without a port: every port
    with pytest.raises(UnsafeUrlError, match="not 8100"):
        policy.check_url("http://[::1]:8100/hook")


@pytest.mark.parametrize("entry", ["127.0.0.1:http", "127.0.0.1:0", "127.0.0.1:70000", "[::1]8099", "[::1"])
def test_allow_list_entry_with_a_bad_port_says_which(entry: str) -> None:
    with pytest.raises(ValueError, match=r"WEBHOOK_ALLOWED_NETWORKS entry"):
        AddressPolicy.from_lists([], [entry])


def test_the_policy_describes_itself_in_one_line() -> None:
    assert DEFAULT.describe() == "public addresses only; allowed besides: nothing else"
    policy = AddressPolicy.from_lists(["receiver.internal"], ["127.0.0.1:8099", "10.0.0.0/8", "[::1]:9"])
    assert policy.describe() == (
        "public addresses only; allowed besides: 127.0.0.1:8099, 10.0.0.0/8, [::1]:9, receiver.internal"
    )
