"""What the analysis app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "analysis", the association's annual analysis of the year (rule
`annual_analysis`), and "external_evaluation", the latest external evaluation of the school
year (rule `external_evaluation`).
"""

from metodset.analysis.compliance import analysis_provider, evaluation_provider

COMPLIANCE_FACTS = {"analysis": analysis_provider, "external_evaluation": evaluation_provider}
