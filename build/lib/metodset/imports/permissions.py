import rules

from metodset.core.predicates import can_create_in_municipality, can_manage_municipality

rules.add_perm("imports.add_importjob", can_create_in_municipality)
rules.add_perm("imports.view_importjob", can_manage_municipality)
