"""What the plans app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "plan", the association's work plan of the year (rule `annual_plan`).

NOTIFICATION_KINDS: the head is told that his plan is returned or agreed (notices.py).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind
from metodset.plans.compliance import plan_provider

COMPLIANCE_FACTS = {"plan": plan_provider}

NOTIFICATION_KINDS = [
    NotificationKind("plan_returned", _("A work plan returned for rework")),
    NotificationKind("plan_agreed", _("A work plan agreed")),
]
