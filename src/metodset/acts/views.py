from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.acts import selectors, services
from metodset.acts.filters import OrderFilter
from metodset.acts.forms import OrderForm
from metodset.acts.models import Order
from metodset.core.access import get_for_user, require_perm
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Number"), lambda o: o.number, 12),
    XlsxColumn(gettext_lazy("Date"), lambda o: o.date, 14),
    XlsxColumn(gettext_lazy("Kind"), lambda o: o.get_kind_display(), 30),
    XlsxColumn(gettext_lazy("Title"), lambda o: o.title, 60),
    XlsxColumn(gettext_lazy("Issued by"), lambda o: o.issuer, 40),
]


def _order(request, pk: int, *, write: bool = False) -> Order:
    return get_for_user(
        Order.objects.all(), request.user, pk, perm="acts.change_order" if write else None
    )


def order_list(request):
    return render_list(
        request,
        queryset=selectors.order_list(user=request.user),
        filterset_class=OrderFilter,
        template="acts/order_list.html",
        sort_fields={"date": ("date",), "number": ("number",), "kind": ("kind", "-date")},
        default_sort="-date",
        export=(_("Orders"), EXPORT_COLUMNS),
    )


def order_detail(request, pk: int):
    order = _order(request, pk)
    return render(
        request,
        "acts/order_detail.html",
        {
            "order": order,
            "can_edit": request.user.has_perm("acts.change_order", order),
            "history": history_for(order),
            **selectors.order_subjects(order),
        },
    )


def order_create(request):
    require_perm(request.user, "acts.add_order")
    form = OrderForm(request.POST or None, request.FILES or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.order_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New order"),
        cancel_url=reverse("acts:list"),
        success_message=_("The order has been registered."),
    )


def order_edit(request, pk: int):
    order = _order(request, pk, write=True)
    form = OrderForm(request.POST or None, request.FILES or None, instance=order, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.order_update(user=request.user, order=order, data=form.model_data()),
        title=_("Edit: %(name)s") % {"name": order},
        cancel_url=order.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def order_delete(request, pk: int):
    order = _order(request, pk, write=True)
    require_perm(request.user, "acts.delete_order", order)
    return confirm_page(
        request,
        action=lambda: services.order_delete(user=request.user, order=order),
        title=_("Delete order"),
        question=_("Delete %(order)s?") % {"order": order},
        consequences=_("This cannot be undone. The change history is kept."),
        confirm_label=_("Delete"),
        cancel_url=order.get_absolute_url(),
        success_url=reverse("acts:list"),
        success_message=_("The order has been deleted."),
    )


def order_file(request, pk: int):
    """The attached file, served only to those who may see the order."""
    order = _order(request, pk)
    if not order.file:
        raise Http404
    return FileResponse(
        order.file.open("rb"), as_attachment=True, filename=order.file.name.rsplit("/", 1)[-1]
    )
