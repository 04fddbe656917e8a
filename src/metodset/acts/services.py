from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.acts.models import Order
from metodset.core.access import require_perm
from metodset.core.files import private_storage
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user

# What holds an order, in the words of the refusal.
CREATED = gettext_lazy("creation of associations")
LIQUIDATED = gettext_lazy("liquidation of associations")
APPOINTED = gettext_lazy("appointments of heads")
APPROVED = gettext_lazy("approved regulation versions")


def _discard_file_on_commit(name: str | None) -> None:
    """Remove a stored file once the change that dropped it is committed.

    On rollback the file stays, since the order still refers to it.
    """
    if name and not Order.objects.filter(file=name).exists():
        transaction.on_commit(lambda: private_storage.delete(name))


@transaction.atomic
def order_create(*, user, municipality: Municipality, **fields) -> Order:
    """Register an order of the authority.

    The issuer defaults to the municipality's education authority. The model
    refuses a number already used in the municipality that year and a file that
    is not a real PDF, DOCX, DOC, ODT, JPG or PNG of at most 10 MB; nothing is
    saved then.
    """
    require_perm(user, "acts.add_order", municipality)
    if not (fields.get("issuer") or "").strip():
        fields["issuer"] = municipality.authority_name
    if fields.get("file") is False:  # "clear" ticked on a form for a new order
        fields["file"] = ""
    return model_create(Order, user=user, municipality=municipality, **fields)


@transaction.atomic
def order_update(*, user, order: Order, data: dict) -> Order:
    """Change an order; an empty issuer means the authority, a new file replaces the old one."""
    require_perm(user, "acts.change_order", order)
    data = dict(data)
    if "issuer" in data and not (data["issuer"] or "").strip():
        data["issuer"] = order.municipality.authority_name
    if data.get("file") is False:  # the form's "clear" box
        data["file"] = ""
    old_file = Order.objects.filter(pk=order.pk).values_list("file", flat=True).get()
    order, _changed = model_update(order, user=user, data=data)
    if old_file and order.file.name != old_file:
        _discard_file_on_commit(old_file)
    return order


def _holders(order: Order, protected) -> str:
    counts: Counter[str] = Counter()
    for obj in protected:
        label = obj._meta.label_lower
        if label == "associations.association":
            counts[str(CREATED if obj.creation_order_id == order.pk else LIQUIDATED)] += 1
        elif label == "associations.headappointment":
            counts[str(APPOINTED)] += 1
        elif label == "regulations.regulationversion":
            counts[str(APPROVED)] += 1
        else:
            counts[str(obj._meta.verbose_name_plural)] += 1
    return "; ".join(f"{name}: {n}" for name, n in sorted(counts.items()))


@transaction.atomic
def order_delete(*, user, order: Order) -> None:
    """Delete an order nothing refers to, with its file; otherwise say what holds it."""
    require_perm(user, "acts.delete_order", order)
    file_name = order.file.name
    try:
        with transaction.atomic():
            with_history_user(order, user).delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "The order cannot be deleted: records refer to it (%(records)s). "
                "They are listed on the order's page."
            )
            % {"records": _holders(order, error.protected_objects)},
            code="protected",
        ) from error
    _discard_file_on_commit(file_name)
