"""What the meetings app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: meetings held, meetings without minutes and questions without a
decision in the school year (rules `min_meetings`, `minutes_required`,
`decisions_required`), read in two queries per batch.

NOTIFICATION_KINDS: the head is told that minutes wait for his signature (notices.py); a
member, that a decision is put on him to carry out (services.decision_follow).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind
from metodset.meetings.compliance import provider

COMPLIANCE_FACTS = {
    "meetings_held": provider("held"),
    "meetings_without_minutes": provider("without_minutes"),
    "questions_without_decision": provider("questions_without_decision"),
}

NOTIFICATION_KINDS = [
    NotificationKind("minutes_to_sign", _("Minutes to sign")),
    NotificationKind("decision_assigned", _("A decision for me to carry out")),
]
