"""What the regulations app contributes to the extension points (metodset.core.extensions).

RULE_KINDS: the built-in kinds of rules a regulation may state (kinds/). Each reads the
facts it needs (facts.py) and says in `remind_on` which statuses the daily reminders
announce. Another app adds a kind by listing its class in its own extensions.py.
"""

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

RULE_KINDS = [
    HeadAppointed,
    HeadTermMax,
    HeadQualification,
    HeadRenewal,
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
]
