"""The facts the compliance check reads from this app (rules `annual_analysis`,
`external_evaluation`), one query per batch each."""

from metodset.analysis.selectors import analysis_facts, evaluation_facts
from metodset.regulations.facts import PROVIDERS, FactsBatch


def analysis_provider(batch: FactsBatch) -> dict[int, dict]:
    return analysis_facts(batch.associations, batch.year)


def evaluation_provider(batch: FactsBatch) -> dict[int, dict]:
    return evaluation_facts(batch.associations, batch.year)


def register() -> None:
    # integration: the registries move into one extensions.py per app (issue #13).
    PROVIDERS["analysis"] = analysis_provider
    PROVIDERS["external_evaluation"] = evaluation_provider
