"""The client's address: the one place that reads it (login lockout, rate limits)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address the request came from.

    With no trusted proxy (`TRUSTED_PROXIES=0`, the default) this is the peer of the
    connection, and `X-Forwarded-For` is ignored: anyone can send it. Behind N proxies of
    ours, each appends the address it received the request from, so the client is the N-th
    entry from the right; entries further left were written by the client himself. A request
    whose header is shorter than that, or not an address, did not pass through our proxies:
    it gets the peer's address.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.METODSET_TRUSTED_PROXIES
    if proxies <= 0:
        return peer
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return peer
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer
