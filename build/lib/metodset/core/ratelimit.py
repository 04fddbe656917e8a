"""Sliding-window limits kept in the shared cache (every web process sees the same counts).

`RateLimit.parse("password-reset", "3/hour")` allows three events an hour per identity
(an e-mail, a client address). The check and the count are separate calls, so that a caller
may check before doing the work and count only what actually happened (the API counts a
request as anonymous once authentication has failed).
"""

import datetime as dt
import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class RateLimit:
    scope: str
    count: int
    period: int  # seconds

    @classmethod
    def parse(cls, scope: str, rate: str) -> "RateLimit":
        """`N/unit` or `N/Kunit`: `60/min`, `3/hour`, `10/15min`."""
        count, _, per = rate.strip().partition("/")
        digits = per.rstrip("abcdefghijklmnopqrstuvwxyz")
        unit = per[len(digits) :]
        if not count.isdigit() or unit not in PERIODS or (digits and not digits.isdigit()):
            raise ValueError(f"a rate is N/unit (60/min, 3/hour, 10/15min), not {rate!r}")
        return cls(scope=scope, count=int(count), period=int(digits or 1) * PERIODS[unit])

    def _key(self, ident: str) -> str:
        return f"ratelimit:{self.scope}:{hashlib.sha256(ident.encode()).hexdigest()}"

    def _recent(self, ident: str, now: float) -> list[float]:
        return [t for t in cache.get(self._key(ident), []) if t > now - self.period]

    def exceeded(self, ident: str) -> bool:
        """True when `ident` has used up the limit: the next event must wait."""
        return len(self._recent(ident, time.time())) >= self.count

    def hit(self, ident: str) -> None:
        """Count one event. Two processes counting at once may lose one: a limit, not a ledger."""
        now = time.time()
        cache.set(self._key(ident), [*self._recent(ident, now), now], self.period)

    def retry_at(self, ident: str) -> dt.datetime:
        """When the oldest counted event leaves the window, freeing one."""
        now = time.time()
        recent = sorted(self._recent(ident, now))
        oldest = recent[-self.count] if len(recent) >= self.count else now - self.period
        return dt.datetime.fromtimestamp(oldest + self.period, tz=dt.UTC)
