"""The client's address: the one rule that rate limits, allauth's sign-in limits and the audit log
all use.

Without a trusted reverse proxy it is REMOTE_ADDR. Behind one, REMOTE_ADDR is the proxy, and
every visitor would share one address (and one sign-in budget), so:

- `TRUSTED_CLIENT_IP_HEADER` (e.g. `X-Real-IP`, `CF-Connecting-IP`) names a header the proxy
  sets to the client's address; it is read first when set.
- `TRUSTED_PROXY_COUNT` is how many proxies we run in front of the site. Each appends the address
  it was reached from to X-Forwarded-For, so the client is the Nth entry from the right; anything
  further left came from the client and could be forged. With fewer entries than proxies (someone
  reached an inner proxy directly) the leftmost entry, which a proxy of ours added, is used.

An entry that is not an IP address falls back to REMOTE_ADDR: a garbage header must not give
anyone a fresh budget per request. Addresses come back normalised (an IPv4 address mapped into
IPv6 reads as IPv4), or as UNKNOWN when the server gave none.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(value: str) -> IPAddress | None:
    """An address from a header or REMOTE_ADDR, with any port ("[2001:db8::1]:443",
    "203.0.113.9:5678") taken off, as some proxies send one."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        # A zone ("%eth0") only means something on the proxy's own link.
        return address.ipv4_mapped or ipaddress.IPv6Address(int(address))
    return address


def _from_proxies(request: HttpRequest) -> IPAddress | None:
    header = settings.TRUSTED_CLIENT_IP_HEADER
    if header:
        address = _parse(request.headers.get(header, ""))
        if address is not None:
            return address
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return None
    # Several X-Forwarded-For headers reach us joined with commas, in order.
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if not forwarded:
        return None
    return _parse(forwarded[-min(proxies, len(forwarded))])


def client_address(request: HttpRequest) -> str:
    """The address of the person (or program) making this request, as a string; UNKNOWN when
    the server gave none."""
    address = _from_proxies(request) or _parse(request.META.get("REMOTE_ADDR") or "")
    return UNKNOWN if address is None else str(address)


def rate_key_address(request: HttpRequest) -> str:
    """The client's address as rate limits count it: an IPv6 address stands for its whole /64,
    since one device or home is given a /64 and can change address within it at will."""
    address = client_address(request)
    parsed = None if address == UNKNOWN else ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, 64), strict=False).network_address)
    return address
