import rules

from metodset.core.predicates import (
    can_create_in_municipality,
    can_manage_municipality,
    is_own_profile,
)

rules.add_perm("people.add_teacher", can_create_in_municipality)
# A teacher edits his own profile; the methodist edits every card of his municipality.
rules.add_perm("people.change_teacher", can_manage_municipality | is_own_profile)
rules.add_perm("people.manage_teacher", can_manage_municipality)
rules.add_perm("people.delete_teacher", can_manage_municipality)
