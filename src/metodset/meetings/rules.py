import rules

from metodset.core.predicates import is_head_of, is_methodist_of, is_platform_admin


@rules.predicate
def is_council(user, obj) -> bool:
    from metodset.associations.models import AssociationKind

    association = getattr(obj, "association", obj)
    return association is not None and association.kind == AssociationKind.COUNCIL


keeps_minutes = is_platform_admin | is_methodist_of | is_head_of

rules.add_perm("meetings.add_meeting", keeps_minutes)  # object: the association
rules.add_perm("meetings.change_meeting", keeps_minutes)
rules.add_perm("meetings.delete_meeting", keeps_minutes)
# The head chairs and signs (000 §9.2); the council is chaired by the head of the
# methodical office (004 §3.6), who may work as a methodist without a teacher card.
rules.add_perm(
    "meetings.sign_minutes", is_head_of | is_platform_admin | (is_methodist_of & is_council)
)
