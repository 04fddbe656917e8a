import rules

from metodset.core.predicates import (
    is_methodist,
    is_methodist_of,
    is_own_municipality,
    is_own_profile,
    is_platform_admin,
)


@rules.predicate
def owns_record(user, record) -> bool:
    return record is not None and is_own_profile(user, record.teacher)


@rules.predicate
def is_methodist_of_record(user, record) -> bool:
    return record is not None and is_methodist_of(user, record.teacher)


# A teacher keeps his own growth records; the methodist keeps everybody's in his municipality.
rules.add_perm("growth.keep_records", is_platform_admin | is_methodist_of | is_own_profile)
# The list of needs is the municipality's (a menu asks without an object).
rules.add_perm("growth.manage_needs", is_platform_admin | (is_methodist & is_own_municipality))
rules.add_perm("growth.change_record", is_platform_admin | is_methodist_of_record | owns_record)
