"""The facts the compliance check reads from this app (rules `annual_analysis`,
`external_evaluation`), one query per batch each."""

from metodset.analysis.selectors import analysis_facts, evaluation_facts
from metodset.regulations.facts import FactsBatch


def analysis_provider(batch: FactsBatch) -> dict[int, dict]:
    return analysis_facts(batch.associations, batch.year)


def evaluation_provider(batch: FactsBatch) -> dict[int, dict]:
    return evaluation_facts(batch.associations, batch.year)
