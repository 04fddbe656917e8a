"""What the plans app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "plan", the association's work plan of the year (rule `annual_plan`).
"""

from metodset.plans.compliance import plan_provider

COMPLIANCE_FACTS = {"plan": plan_provider}
