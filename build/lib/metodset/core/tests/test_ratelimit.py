import datetime as dt

import pytest
import time_machine

from metodset.core.ratelimit import RateLimit

START = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)


class TestRateLimit:
    @pytest.mark.parametrize(
        ("rate", "count", "period"),
        [("60/min", 60, 60), ("3/hour", 3, 3600), ("10/15min", 10, 900), ("5/s", 5, 1)],
    )
    def test_it_parses_rates(self, rate, count, period):
        assert RateLimit.parse("x", rate) == RateLimit("x", count, period)

    @pytest.mark.parametrize("rate", ["60", "60/fortnight", "x/min", "1/0.5min"])
    def test_it_refuses_a_malformed_rate(self, rate):
        with pytest.raises(ValueError, match="N/unit"):
            RateLimit.parse("x", rate)

    def test_it_allows_count_events_per_sliding_window(self):
        limit = RateLimit.parse("test", "2/min")
        with time_machine.travel(START, tick=False) as clock:
            limit.hit("a")
            clock.shift(30)
            limit.hit("a")
            assert limit.exceeded("a")
            assert not limit.exceeded("b")
            assert limit.retry_at("a") == START + dt.timedelta(seconds=60)
            clock.shift(31)  # the first event has left the window
            assert not limit.exceeded("a")
