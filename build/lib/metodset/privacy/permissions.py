import rules

from metodset.core.predicates import (
    can_manage_municipality,
    is_methodist,
    is_own_profile,
    is_platform_admin,
)

# The access log: the platform admin reads all of it, a methodist his municipality's.
rules.add_perm("privacy.view_accesslog", is_platform_admin | is_methodist)
# Everything held about a person: for the methodist of his municipality, the platform admin
# and the person himself (152-ФЗ art. 14).
rules.add_perm("privacy.export_teacher", can_manage_municipality | is_own_profile)
rules.add_perm("privacy.anonymise_teacher", can_manage_municipality)
