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
# Network groups (004 §3.3.2): their structure is the authority's; the result report is
# written by the head or the methodist once the work ends.
rules.add_perm("associations.change_network", can_manage_municipality)
rules.add_perm("associations.report_network", can_manage_municipality | is_head_of)
# The council's composition is approved by the authority's order (004 §3.7).
rules.add_perm("associations.approve_composition", can_manage_municipality)
