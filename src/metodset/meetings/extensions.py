"""What the meetings app contributes to the extension points (metodset.core.extensions).

COMPLIANCE_FACTS: meetings held, meetings without minutes and questions without a
decision in the school year (rules `min_meetings`, `minutes_required`,
`decisions_required`), read in two queries per batch.
"""

from metodset.meetings.compliance import provider

COMPLIANCE_FACTS = {
    "meetings_held": provider("held"),
    "meetings_without_minutes": provider("without_minutes"),
    "questions_without_decision": provider("questions_without_decision"),
}
