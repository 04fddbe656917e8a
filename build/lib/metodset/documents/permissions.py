import rules

from metodset.core.predicates import is_methodist, is_methodist_of, is_platform_admin


@rules.predicate
def is_methodist_of_municipality(user, municipality) -> bool:
    return (
        municipality is not None
        and is_methodist(user)
        and user.municipality_id == getattr(municipality, "pk", None)
    )


# Orders are the authority's: its methodical service drafts them (004 §3), heads do not.
rules.add_perm("documents.draft_order", is_platform_admin | is_methodist_of)  # object: association
rules.add_perm(
    "documents.manage_templates", is_platform_admin | is_methodist_of_municipality
)  # object: the municipality
