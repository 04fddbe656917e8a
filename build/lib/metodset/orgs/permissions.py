import rules

from metodset.core.predicates import can_create_in_municipality, can_manage_municipality

rules.add_perm("orgs.add_organisation", can_create_in_municipality)
rules.add_perm("orgs.change_organisation", can_manage_municipality)
rules.add_perm("orgs.delete_organisation", can_manage_municipality)
rules.add_perm("orgs.add_authorityhead", can_create_in_municipality)
rules.add_perm("orgs.change_authorityhead", can_manage_municipality)
rules.add_perm("orgs.delete_authorityhead", can_manage_municipality)
