"""Who may write what in the bank. Reading is decided by `access.visible_*` (visibility)."""

import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist, is_methodist_of, is_platform_admin


@rules.predicate
def is_teacher_with_profile(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_teacher and bool(user.teacher_id)


@rules.predicate
def is_author_or_creator(user, material) -> bool:
    if material is None or not user.is_authenticated:
        return False
    if material.created_by_id == user.pk:
        return True
    return bool(user.teacher_id) and any(a.pk == user.teacher_id for a in material.authors.all())


@rules.predicate
def is_any_head(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_head


@rules.predicate
def is_expert_of(user, review) -> bool:
    return review is not None and review.expert_id == user.pk


manages = is_platform_admin | is_methodist_of
rules.add_perm("library.add_material", is_platform_admin | is_methodist | is_teacher_with_profile)
rules.add_perm("library.change_material", manages | is_head_of | is_author_or_creator)
rules.add_perm("library.publish_public", manages | is_head_of)
rules.add_perm(
    "library.submit_practice", is_platform_admin | is_methodist | is_teacher_with_profile
)
# Appointing experts, accepting and publishing: the methodical service of the municipality.
rules.add_perm("library.decide_practice", manages)
rules.add_perm("library.do_review", is_expert_of)
rules.add_perm("library.manage_criteria", is_platform_admin | is_methodist)
rules.add_perm("library.add_news", is_platform_admin | is_methodist | is_any_head)
rules.add_perm("library.change_news", manages | is_head_of)
