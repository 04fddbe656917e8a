import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_of, is_platform_admin

# The head writes his association's analysis and takes it to a meeting; the methodist writes
# the service's (is_head_of is false for it: it has no association) and reviews every one.
# The external evaluation is organised by the methodical service, which records it (000 §5.9).
composes = is_platform_admin | is_methodist_of | is_head_of
reviews = is_platform_admin | is_methodist_of

rules.add_perm("analysis.add_analysis", composes)  # object: an unsaved analysis
rules.add_perm("analysis.change_analysis", composes)
rules.add_perm("analysis.review_analysis", reviews)
rules.add_perm("analysis.record_evaluation", reviews)  # object: the association
