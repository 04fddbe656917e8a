"""Publishing and withdrawing an association's passport."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.access import require_perm
from metodset.core.services import with_history_user
from metodset.portal.models import Passport


def _locked_passport(association: Association) -> Passport | None:
    return Passport.objects.select_for_update().filter(association=association).first()


def _save(passport: Passport, *, user) -> Passport:
    passport.full_clean()
    with_history_user(passport, user)
    if passport.pk:
        passport.save(update_fields=["published_at", "published_by"])
    else:
        passport.save()  # the first publication: the history starts with it
    return passport


@transaction.atomic
def passport_publish(*, user, association: Association) -> Passport:
    """Put the association's passport on the public portal, dated and signed by `user`."""
    require_perm(user, "portal.publish_passport", association)
    if not association.is_active:
        raise ValidationError(_("A liquidated association has no passport to publish."))
    passport = _locked_passport(association) or Passport(association=association)
    if passport.is_published:
        raise ValidationError(_("The passport is already published."))
    passport.published_at = timezone.now()
    passport.published_by = user if getattr(user, "is_authenticated", False) else None
    return _save(passport, user=user)


@transaction.atomic
def passport_unpublish(*, user, association: Association) -> Passport:
    """Take the passport off the portal; the history keeps who published and who withdrew it."""
    require_perm(user, "portal.publish_passport", association)
    passport = _locked_passport(association)
    if passport is None or not passport.is_published:
        raise ValidationError(_("The passport is not published."))
    passport.published_at = None
    passport.published_by = None
    return _save(passport, user=user)
