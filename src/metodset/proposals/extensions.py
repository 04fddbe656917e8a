"""What the proposals app contributes to the extension points (metodset.core.extensions).

NOTIFICATION_KINDS: a proposal handed in (the methodists), its decision (the head who
submitted it), a draft act opened for discussion (the heads and members of the chosen
associations).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind

NOTIFICATION_KINDS = [
    NotificationKind("proposal_submitted", _("A proposal of an association to decide")),
    NotificationKind("proposal_decided", _("The decision on my proposal")),
    NotificationKind("draft_opened", _("A draft act open for discussion")),
]
