import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_of, is_platform_admin

# The head composes his association's plan and takes it to a meeting (000 §9.1); the
# methodical service agrees, approves and publishes it (002 §3.2, 004 §3.8, 001 §1.3).
# Whether the plan's state allows a step is the services' check, with its own message.
composes = is_platform_admin | is_methodist_of | is_head_of
reviews = is_platform_admin | is_methodist_of

rules.add_perm("plans.add_plan", composes)  # object: the association
rules.add_perm("plans.change_plan", composes)
rules.add_perm("plans.adopt_plan", composes)
rules.add_perm("plans.mark_items", composes)
rules.add_perm("plans.review_plan", reviews)
