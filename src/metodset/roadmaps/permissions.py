import rules

from metodset.core.predicates import can_create_in_municipality, can_manage_municipality

# The methodical service keeps the roadmaps, its own and the associations'.
rules.add_perm("roadmaps.add_roadmap", can_create_in_municipality)
rules.add_perm("roadmaps.change_roadmap", can_manage_municipality)
