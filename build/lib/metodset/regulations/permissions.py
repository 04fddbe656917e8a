import rules

from metodset.core.predicates import can_create_in_municipality, can_manage_municipality

rules.add_perm("regulations.add_regulation", can_create_in_municipality)
rules.add_perm("regulations.change_regulation", can_manage_municipality)
