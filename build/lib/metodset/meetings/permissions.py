import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import (
    is_methodist,
    is_methodist_of,
    is_own_municipality,
    is_platform_admin,
)


@rules.predicate
def is_council(user, obj) -> bool:
    from metodset.associations.models import AssociationKind

    association = getattr(obj, "association", obj)
    return association is not None and association.kind == AssociationKind.COUNCIL


@rules.predicate
def chairs_or_takes_minutes(user, meeting) -> bool:
    """The user is the chair or the secretary of this meeting."""
    teacher_id = getattr(user, "teacher_id", None)
    return teacher_id is not None and teacher_id in (meeting.chair_id, meeting.secretary_id)


@rules.predicate
def is_responsible_for(user, item) -> bool:
    """The user is the member responsible for carrying out this decision."""
    teacher_id = getattr(user, "teacher_id", None)
    return item is not None and teacher_id is not None and item.responsible_id == teacher_id


keeps_minutes = is_platform_admin | is_methodist_of | is_head_of

rules.add_perm("meetings.add_meeting", keeps_minutes)  # object: the association
rules.add_perm("meetings.change_meeting", keeps_minutes)
rules.add_perm("meetings.delete_meeting", keeps_minutes)
# The head chairs and signs (000 §9.2); the council is chaired by the head of the
# methodical office (004 §3.6), who may work as a methodist without a teacher card.
rules.add_perm(
    "meetings.sign_minutes", is_head_of | is_platform_admin | (is_methodist_of & is_council)
)
# Reasons for absence may be health data: the chair, the secretary, whoever keeps the
# minutes (the head enters them) and the methodists see them; a member sees his own only
# (selectors.attendance_sheet). Everyone else reads what the minutes print instead.
rules.add_perm("meetings.view_absence_reasons", keeps_minutes | chairs_or_takes_minutes)
# What the municipality's minutes print for a reason of absence: its methodical service
# decides (the page edits the methodist's own municipality).
rules.add_perm("meetings.configure_minutes", is_methodist & is_own_municipality)


# A decision followed to completion: whoever keeps the minutes names the responsible member
# and the deadline; he or they report it carried out. Object: the agenda item.
@rules.predicate
def keeps_minutes_of(user, item) -> bool:
    """The user keeps the minutes of the meeting this agenda item belongs to."""
    return item is not None and keeps_minutes.test(user, item.meeting)


rules.add_perm("meetings.follow_decision", keeps_minutes_of)
rules.add_perm("meetings.report_decision", keeps_minutes_of | is_responsible_for)
