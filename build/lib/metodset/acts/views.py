from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.acts import selectors, services
from metodset.acts.access import get_order_for_user
from metodset.acts.filters import OrderFilter
from metodset.acts.forms import OrderForm
from metodset.acts.models import OrderKind
from metodset.core.access import require_perm
from metodset.core.files import file_response
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page, next_url
from metodset.core.xlsx import XlsxColumn

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Number"), lambda o: o.number, 12),
    XlsxColumn(gettext_lazy("Date"), lambda o: o.date, 14),
    XlsxColumn(gettext_lazy("Kind"), lambda o: o.get_kind_display(), 30),
    XlsxColumn(gettext_lazy("Title"), lambda o: o.title, 60),
    XlsxColumn(gettext_lazy("Issued by"), lambda o: o.issuer, 40),
    XlsxColumn(gettext_lazy("Municipality"), lambda o: o.municipality.name, 25),
]


def order_list(request):
    return render_list(
        request,
        queryset=selectors.order_list(user=request.user),
        filterset_class=OrderFilter,
        template="acts/order_list.html",
        sort_fields={
            "date": ("date", "number"),
            "number": ("number_value", "number", "date"),
            "kind": ("kind", "-date"),
        },
        default_sort="-date",
        export=(_("Orders"), EXPORT_COLUMNS),
    )


def order_detail(request, pk: int):
    order = selectors.order_get(user=request.user, pk=pk)
    return render(
        request,
        "acts/order_detail.html",
        {
            "order": order,
            "concerns": selectors.order_concerns(order),
            "can_edit": request.user.has_perm("acts.change_order", order),
            "can_delete": request.user.has_perm("acts.delete_order", order),
            "history": history_for(order),
        },
    )


def order_create(request):
    """Register an order; `?kind=` preselects its kind and `?next=` is the form it was
    needed for (a head's appointment): it opens again with the new order chosen."""
    require_perm(request.user, "acts.add_order")
    kind = request.GET.get("kind")
    form = OrderForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"kind": kind} if kind in OrderKind.values else None,
    )
    back = next_url(request)
    return form_page(
        request,
        form,
        save=lambda: services.order_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New order"),
        cancel_url=back or reverse("acts:list"),
        success_url=(lambda order: _with_param(back, order=order.pk)) if back else None,
        success_message=_("The order has been registered."),
    )


def _with_param(url: str, **params) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


def order_edit(request, pk: int):
    order = get_order_for_user(request.user, pk, perm="acts.change_order")
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
    order = get_order_for_user(request.user, pk, perm="acts.delete_order")
    if selectors.order_concerns(order):
        consequences = _(
            "Records refer to this order (see «Concerns» on its page): "
            "it cannot be deleted while they do."
        )
    else:
        consequences = _(
            "This cannot be undone. The attached file is deleted with the order; "
            "the change history is kept."
        )
    return confirm_page(
        request,
        action=lambda: services.order_delete(user=request.user, order=order),
        title=_("Delete order"),
        question=_("Delete order No. %(number)s of %(date)s?")
        % {"number": order.number, "date": order.date.strftime("%d.%m.%Y")},
        consequences=consequences,
        confirm_label=_("Delete"),
        cancel_url=order.get_absolute_url(),
        success_url=reverse("acts:list"),
        success_message=_("The order has been deleted."),
    )


def order_file(request, pk: int):
    """The attached file, to those who may see the order: it has no public address."""
    order = get_order_for_user(request.user, pk)
    return file_response(order.file, order.download_name())
