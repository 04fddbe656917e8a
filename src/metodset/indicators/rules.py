import rules

from metodset.core.predicates import is_methodist

rules.add_perm("indicators.set_targets", is_methodist)
