"""What the analysis app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "analysis", the association's annual analysis of the year (rule
`annual_analysis`), and "external_evaluation", the latest external evaluation of the school
year (rule `external_evaluation`).

DOCUMENT_KINDS: "analysis", the analysis as DOCX and PDF (documents:analysis_docx, _pdf),
with the authority's own template if it has one.
"""

from metodset.analysis.access import get_analysis_for_user
from metodset.analysis.compliance import analysis_provider, evaluation_provider
from metodset.analysis.documents import analysis_document
from metodset.documents.kinds import DocumentSource

COMPLIANCE_FACTS = {"analysis": analysis_provider, "external_evaluation": evaluation_provider}

DOCUMENT_KINDS = {
    "analysis": DocumentSource(get_analysis_for_user, analysis_document, "analysis"),
}
