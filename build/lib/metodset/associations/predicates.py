"""Predicates about associations for the rules.py of the apps built on them."""

import rules

from metodset.associations.models import Association


@rules.predicate
def is_head_of(user, obj) -> bool:
    """The user heads this association (or the association of this record) today."""
    if not (user.is_authenticated and user.is_active) or obj is None:
        return False
    association_id = (
        obj.pk if isinstance(obj, Association) else getattr(obj, "association_id", None)
    )
    return association_id in user.headed_association_ids
