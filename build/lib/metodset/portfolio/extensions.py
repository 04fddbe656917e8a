"""What the portfolio app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: "portfolio", the association's portfolio of the school year (rule
`portfolio`): every association gets an entry, so a passed deadline reads «нарушено».

NOTIFICATION_KINDS: the portfolio handed in (the methodist), returned or accepted
and the reminders of it (the head).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind
from metodset.portfolio.compliance import portfolio_provider

COMPLIANCE_FACTS = {"portfolio": portfolio_provider}

NOTIFICATION_KINDS = [
    NotificationKind("portfolio_submitted", _("A portfolio handed in")),
    NotificationKind("portfolio_returned", _("A portfolio returned or accepted")),
    NotificationKind("portfolio_reminder", _("Reminders of the portfolio")),
]
