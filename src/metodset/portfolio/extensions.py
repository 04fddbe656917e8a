"""What the portfolio app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "portfolio", the association's portfolio of the school year (rule
`portfolio`): every association gets an entry, so a passed deadline reads «нарушено».
"""

from metodset.portfolio.compliance import portfolio_provider

COMPLIANCE_FACTS = {"portfolio": portfolio_provider}
