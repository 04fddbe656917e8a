import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import (
    can_manage_municipality,
    is_methodist,
    is_own_municipality,
    is_platform_admin,
)


@rules.predicate
def is_member_of(user, association) -> bool:
    """The user's teacher card is a member of the association today."""
    teacher_id = getattr(user, "teacher_id", None)
    if teacher_id is None or association is None:
        return False
    return association.memberships.current().filter(teacher_id=teacher_id).exists()


# The head speaks for his association upward (000 §6.5–6.8). Object: the association.
rules.add_perm("proposals.submit", is_platform_admin | is_head_of)
# The methodical service decides. Object: the proposal.
rules.add_perm("proposals.decide", can_manage_municipality)
# Drafts of acts: the methodist opens them (object: none or the municipality), members and
# the head comment in the name of their association, the head compiles its position
# (object: the association); the service exports all positions (object: the draft).
rules.add_perm("proposals.open_draft", is_platform_admin | (is_methodist & is_own_municipality))
rules.add_perm("proposals.comment_draft", is_platform_admin | is_head_of | is_member_of)
rules.add_perm("proposals.compile_position", is_platform_admin | is_head_of)
rules.add_perm("proposals.export_positions", can_manage_municipality)
