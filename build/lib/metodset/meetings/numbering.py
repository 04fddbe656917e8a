"""The numbers of a school year's meetings: by date, and signed minutes keep theirs.

A pure function, shared by the services and the data migration that renumbered the
meetings entered before numbering followed the date.

Signed minutes carry their number in print: it never changes. The other meetings of the
year take the remaining numbers in the order of their dates (then time, then the order
they were entered in). While no meeting is entered before already signed minutes, this is
plain date order; a meeting entered later with an earlier date than signed minutes takes
the first number those minutes left free, so the year still has no gap.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Protocol


class Numbered(Protocol):
    @property
    def pk(self) -> int | None: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def starts_at(self) -> dt.time | None: ...
    @property
    def number(self) -> int: ...
    @property
    def signed_at(self) -> dt.datetime | None: ...


def _order(meeting: Numbered) -> tuple:
    # A meeting not saved yet (pk None) was entered last.
    return (meeting.date, meeting.starts_at or dt.time.min, meeting.pk or math.inf)


def numbers_by_date(meetings: Sequence[Numbered]) -> list[int]:
    """The number of each of `meetings` (one association, one school year), in their order.

    Signed minutes keep their number; the unsigned meetings, in date order, take the
    smallest numbers the signed ones leave free.
    """
    signed = {m.number for m in meetings if m.signed_at is not None}
    slots = max([len(meetings), *signed])
    free = iter(n for n in range(1, slots + 1) if n not in signed)
    unsigned = sorted((m for m in meetings if m.signed_at is None), key=_order)
    assigned = {id(m): next(free) for m in unsigned}
    return [m.number if m.signed_at is not None else assigned[id(m)] for m in meetings]


def stranded(meetings: Sequence[Numbered]) -> list[int]:
    """Numbers of signed minutes beyond the count of `meetings`: a gap nothing can fill."""
    return sorted(
        m.number for m in meetings if m.signed_at is not None and m.number > len(meetings)
    )
