import rules

from metodset.core.predicates import can_create_in_municipality, can_manage_municipality

rules.add_perm("acts.add_order", can_create_in_municipality)
rules.add_perm("acts.change_order", can_manage_municipality)
rules.add_perm("acts.delete_order", can_manage_municipality)
