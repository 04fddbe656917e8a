"""What the regulations app contributes to the extension points (metodset.core.extensions).

RULE_KINDS: the built-in kinds of rules a regulation may state (kinds/). Each reads the
facts it needs (facts.py) and says in `remind_on` which statuses the daily reminders
announce. Another app adds a kind by listing its class in its own extensions.py.

NOTIFICATION_KINDS: the daily compliance reminders (reminders.py).
"""

from django.utils.translation import gettext_lazy as _

from metodset.core.notifications import NotificationKind
from metodset.regulations.creation import check_creation
from metodset.regulations.kinds.council import CouncilChair, CouncilComposition
from metodset.regulations.kinds.founding import (
    FoundingActIssuer,
    HeadSelection,
    MinTeachersForCreation,
)
from metodset.regulations.kinds.heads import (
    HeadAppointed,
    HeadQualification,
    HeadRenewal,
    HeadTermMax,
)
from metodset.regulations.kinds.meetings import DecisionsRequired, MinMeetings, MinutesRequired
from metodset.regulations.kinds.members import MinMembers
from metodset.regulations.kinds.plan import AnnualPlan
from metodset.regulations.kinds.reporting import (
    AnnualAnalysis,
    ExternalEvaluation,
    Indicators,
    Passport,
    Portfolio,
)

# The regulation's preconditions for creating an association (min_teachers_for_creation).
ASSOCIATION_CREATION_CHECKS = [check_creation]

RULE_KINDS = [
    HeadAppointed,
    HeadTermMax,
    HeadQualification,
    HeadRenewal,
    HeadSelection,
    FoundingActIssuer,
    MinTeachersForCreation,
    MinMeetings,
    MinutesRequired,
    DecisionsRequired,
    MinMembers,
    AnnualPlan,
    Passport,
    Portfolio,
    AnnualAnalysis,
    ExternalEvaluation,
    Indicators,
    CouncilChair,
    CouncilComposition,
]

NOTIFICATION_KINDS = [
    NotificationKind("compliance", _("Reminders of the regulation: terms, rules at risk")),
]
