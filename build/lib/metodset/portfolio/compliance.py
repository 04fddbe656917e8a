"""The portfolio facts of the compliance check (regulations app, rule `portfolio`)."""

from django.utils import timezone

from metodset.portfolio.models import Portfolio, PortfolioStatus
from metodset.regulations.facts import FactsBatch

NOT_STARTED = {"status": None, "submitted_on": None, "accepted_on": None, "returned": False}


def portfolio_provider(batch: FactsBatch) -> dict[int, dict]:
    """Every association of the batch gets an entry: its portfolio of the year, or NOT_STARTED
    (so that a deadline passed without a portfolio reads «нарушено», not «нет данных»)."""
    found = {}
    for p in Portfolio.objects.filter(
        association_id__in=list(batch.associations), school_year=batch.year.start_year
    ).only("association_id", "status", "submitted_at", "reviewed_at"):
        found[p.association_id] = {
            "status": p.status,
            "submitted_on": timezone.localdate(p.submitted_at)
            if p.submitted_at and p.status != PortfolioStatus.DRAFT
            else None,
            "accepted_on": timezone.localdate(p.reviewed_at)
            if p.status == PortfolioStatus.ACCEPTED
            else None,
            "returned": p.status == PortfolioStatus.RETURNED,
        }
    return {pk: found.get(pk, NOT_STARTED) for pk in batch.associations}
