"""The client address: X-Forwarded-For only as far as our own proxies wrote it."""

import pytest
from django.test import RequestFactory

from metodset.core.network import client_ip


def request(xff: str | None = None, remote: str = "192.168.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


class TestClientIp:
    def test_it_ignores_the_header_without_a_trusted_proxy(self, settings):
        settings.METODSET_TRUSTED_PROXIES = 0
        assert client_ip(request("6.6.6.6")) == "192.168.0.1"
        assert client_ip(request()) == "192.168.0.1"

    @pytest.mark.parametrize(
        ("xff", "expected"),
        [
            ("203.0.113.5", "203.0.113.5"),  # what our proxy wrote
            ("6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client's own entry is ignored
            ("6.6.6.6,203.0.113.5 ", "203.0.113.5"),
            ("2001:db8::1", "2001:db8::1"),
            (None, "192.168.0.1"),  # not through the proxy: the peer
            ("", "192.168.0.1"),
            ("6.6.6.6, not-an-address", "192.168.0.1"),
        ],
    )
    def test_it_takes_the_entry_of_one_trusted_proxy(self, settings, xff, expected):
        settings.METODSET_TRUSTED_PROXIES = 1
        assert client_ip(request(xff)) == expected

    def test_it_counts_entries_from_the_right_behind_two_proxies(self, settings):
        settings.METODSET_TRUSTED_PROXIES = 2
        assert client_ip(request("6.6.6.6, 203.0.113.5, 10.0.0.7")) == "203.0.113.5"
        assert client_ip(request("10.0.0.7")) == "192.168.0.1"  # shorter than the chain
