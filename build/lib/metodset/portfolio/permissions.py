import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_of, is_platform_admin

# The head assembles and hands in his association's portfolio and keeps its programmes;
# the methodist of the municipality reviews it and reminds. Reading follows the scope
# (portfolio/access.py): the head, the methodist, the coordinator and the admin.
rules.add_perm("portfolio.assemble", is_head_of)
rules.add_perm("portfolio.review", is_platform_admin | is_methodist_of)
rules.add_perm("portfolio.remind", is_methodist_of)
rules.add_perm("portfolio.keep_curricula", is_platform_admin | is_methodist_of | is_head_of)
