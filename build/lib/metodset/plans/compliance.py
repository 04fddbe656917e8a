"""The work-plan facts of the compliance check (regulations app, rule `annual_plan`)."""

from metodset.plans.selectors import plan_facts
from metodset.regulations.facts import FactsBatch

NO_PLAN = {
    "exists": False,
    "status": None,
    "adopted": False,
    "agreed": False,
    "approved": False,
    "published": False,
}


def plan_provider(batch: FactsBatch) -> dict[int, dict]:
    """Every association of the batch gets an entry: its plan of the year, or NO_PLAN."""
    found = plan_facts(batch.associations, batch.year)
    return {
        pk: {"exists": True, **found[pk]} if pk in found else NO_PLAN for pk in batch.associations
    }
