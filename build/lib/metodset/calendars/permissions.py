import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_of, is_platform_admin

# The methodist keeps the municipality's feed and every association's; the head his own
# association's (is_head_of is false for a municipality feed: it has no association).
rules.add_perm("calendars.regenerate_feed", is_platform_admin | is_methodist_of | is_head_of)
