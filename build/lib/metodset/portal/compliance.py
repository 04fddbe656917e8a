"""The passport fact of the compliance check (regulations app, rule `passport`)."""

from metodset.portal.selectors import passports_published
from metodset.regulations.facts import FactsBatch


def passport_provider(batch: FactsBatch) -> dict[int, dict]:
    """Every association of the batch gets an entry; never published is not published."""
    published = passports_published(batch.associations, on=batch.on)
    return {pk: {"published": pk in published} for pk in batch.associations}
