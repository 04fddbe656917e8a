"""What the portal app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "passport", whether the association's passport is published (rule
`passport`).
"""

from metodset.portal.compliance import passport_provider

COMPLIANCE_FACTS = {"passport": passport_provider}
