import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import (
    can_create_in_municipality,
    can_manage_municipality,
)

rules.add_perm("associations.add_association", can_create_in_municipality)
# The head edits his own association and its members; creating, liquidating and
# appointing heads is the authority's, through the methodist.
rules.add_perm("associations.change_association", can_manage_municipality | is_head_of)
rules.add_perm("associations.manage_members", can_manage_municipality | is_head_of)
rules.add_perm("associations.liquidate_association", can_manage_municipality)
rules.add_perm("associations.appoint_head", can_manage_municipality)
