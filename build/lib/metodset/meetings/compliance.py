"""The meeting and minutes facts of the compliance check (rules `min_meetings`,
`minutes_required`, `decisions_required`), read in two queries per batch."""

from metodset.meetings.selectors import meeting_facts
from metodset.regulations.facts import FactsBatch


def _facts(batch: FactsBatch) -> dict[int, dict[str, int]]:
    return batch.once(
        "meetings", lambda: meeting_facts(batch.associations, batch.year, on=batch.on)
    )


def provider(key: str):
    def provide(batch: FactsBatch) -> dict[int, int]:
        return {pk: values[key] for pk, values in _facts(batch).items()}

    return provide
