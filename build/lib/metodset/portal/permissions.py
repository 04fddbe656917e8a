import rules

from metodset.associations.predicates import is_head_of
from metodset.core.predicates import is_methodist_of, is_platform_admin

# The passport is the association's public face (000 §1.6, §5.10): its head or the
# methodical service publishes it and takes it down. Object: the association.
rules.add_perm("portal.publish_passport", is_platform_admin | is_methodist_of | is_head_of)
