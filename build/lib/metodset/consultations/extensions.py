"""What the consultations app contributes to the extension points (metodset.core.extensions).

NOTIFICATION_KINDS: a new question for whoever handles it, the answer for the asker
(notices.py).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind

NOTIFICATION_KINDS = [
    NotificationKind("consultation_new", _("A new question for a consultation")),
    NotificationKind("consultation_answered", _("The answer to my question")),
]
