from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from metodset.acts.files import check_upload
from metodset.acts.models import Order
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user


def _checked(fields: dict) -> dict:
    uploaded = fields.get("file")
    if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
        try:
            check_upload(uploaded)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    return fields


@transaction.atomic
def order_create(*, user, municipality: Municipality, **fields) -> Order:
    """Register an order of the authority; the issuer defaults to the authority's name."""
    fields.setdefault("issuer", "")
    if not fields["issuer"]:
        fields["issuer"] = municipality.authority_name
    return model_create(Order, user=user, municipality=municipality, **_checked(fields))


@transaction.atomic
def order_update(*, user, order: Order, data: dict) -> Order:
    if "issuer" in data and not data["issuer"]:
        data = {**data, "issuer": order.municipality.authority_name}
    order, _changed = model_update(order, user=user, data=_checked(data))
    return order


@transaction.atomic
def order_delete(*, user, order: Order) -> None:
    try:
        with_history_user(order, user).delete()
    except ProtectedError as error:
        raise ValidationError(
            _("The order cannot be deleted: associations or appointments refer to it.")
        ) from error
