"""The one rule for the client's address, behind our reverse proxies or not."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from groundswell.core.clientaddr import UNKNOWN, client_address, rate_key_address

PROXY = "10.0.0.1"


def request_from(remote: str | None = PROXY, **headers: str):
    request = RequestFactory().get("/", headers=headers)
    if remote is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote
    return request


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    request = request_from("198.51.100.7", x_forwarded_for="203.0.113.9")
    assert client_address(request) == "198.51.100.7"


def test_behind_one_proxy_the_forwarded_address_is_the_client(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(x_forwarded_for="203.0.113.9")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        (1, "192.0.2.66, 203.0.113.9"),  # the client sent its own X-Forwarded-For
        (1, "192.0.2.66,203.0.113.9"),
        (2, "192.0.2.66, 203.0.113.9, 10.0.0.2"),  # two proxies: ours added the last two
    ],
)
def test_a_forged_leftmost_entry_does_not_change_the_address(settings, proxies, forwarded) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from(x_forwarded_for=forwarded)) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", ["not-an-address", "203.0.113.9, <script>", "", " , "])
def test_an_unusable_forwarded_entry_falls_back_to_remote_addr(settings, forwarded) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(x_forwarded_for=forwarded)) == PROXY


def test_fewer_entries_than_proxies_uses_the_leftmost_which_a_proxy_added(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from(x_forwarded_for="203.0.113.9")) == "203.0.113.9"


def test_a_trusted_header_names_the_client_first(settings) -> None:
    settings.TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.TRUSTED_PROXY_COUNT = 0
    request = request_from(x_real_ip="203.0.113.9", x_forwarded_for="192.0.2.66")
    assert client_address(request) == "203.0.113.9"
    assert client_address(request_from(x_real_ip="garbage")) == PROXY
    assert client_address(request_from()) == PROXY


def test_the_trusted_header_is_ignored_unless_configured(settings) -> None:
    settings.TRUSTED_CLIENT_IP_HEADER = ""
    assert client_address(request_from(x_real_ip="203.0.113.9")) == PROXY


@pytest.mark.parametrize(
    ("forwarded", "address"),
    [
        ("203.0.113.9:5678", "203.0.113.9"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("fe80::1%eth0", "fe80::1"),
    ],
)
def test_addresses_come_back_in_one_form(settings, forwarded, address) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(x_forwarded_for=forwarded)) == address


def test_no_address_at_all_reads_as_unknown(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(None)) == UNKNOWN
    assert client_address(request_from("")) == UNKNOWN
    assert rate_key_address(request_from(None)) == UNKNOWN


def test_rate_limits_count_an_ipv6_address_per_64(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    one = request_from(x_forwarded_for="2001:db8:1:2:aaaa::1")
    same_64 = request_from(x_forwarded_for="2001:db8:1:2:bbbb::9")
    next_64 = request_from(x_forwarded_for="2001:db8:1:3::1")
    assert rate_key_address(one) == rate_key_address(same_64) == "2001:db8:1:2::"
    assert rate_key_address(next_64) == "2001:db8:1:3::"
    assert client_address(one) == "2001:db8:1:2:aaaa::1"  # the full address elsewhere
    assert rate_key_address(request_from(x_forwarded_for="203.0.113.9")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("env", "count"),
    [
        ({}, 0),
        ({"TRUSTED_PROXY_COUNT": "2"}, 2),
        ({"API_TRUSTED_PROXIES": "1"}, 1),  # the old name still works
        ({"API_TRUSTED_PROXIES": "1", "TRUSTED_PROXY_COUNT": "2"}, 2),
    ],
)
def test_the_proxy_count_is_read_from_the_environment(env, count) -> None:
    """Settings are read in a fresh interpreter, as a server would start."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TRUSTED_PROXY_COUNT)"
    )
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TRUSTED_PROXY_COUNT", "API_TRUSTED_PROXIES"}
    }
    environ |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    out = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    assert int(out.stdout) == count
