"""What the events app contributes to the extension points (metodset.core.extensions).

NOTIFICATION_KINDS: a teacher on the waiting list gets a seat (notices.py).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind

NOTIFICATION_KINDS = [NotificationKind("waitlist_seat", _("A seat from the waiting list"))]
