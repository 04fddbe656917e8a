"""What the acts app contributes to the extension points (metodset.core.extensions):
AUTOCOMPLETE «orders», the picker of an order (appointment, creation, approval…)."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from metodset.acts.forms import order_choice_label
from metodset.acts.models import Order, OrderKind
from metodset.core.autocomplete import Source, by_id, may_choose_orders, words
from metodset.core.scoping import scope_for


def _rows(user) -> QuerySet | None:
    if not may_choose_orders(user):
        return None
    return Order.objects.in_scope(scope_for(user)).order_by("-date", "-pk")


def _match(queryset: QuerySet, text: str) -> QuerySet:
    for word in words(text.replace("№", " ")):
        queryset = queryset.filter(Q(number__istartswith=word) | Q(title__icontains=word))
    return queryset


def _kinds(queryset: QuerySet, value: str, user=None) -> QuerySet:
    kinds = [k for k in value.split(",") if k in OrderKind.values]
    return queryset.filter(kind__in=kinds)


def _since(queryset: QuerySet, value: str, user=None) -> QuerySet:
    try:
        return queryset.filter(date__gte=dt.date.fromisoformat(value))
    except ValueError:
        return queryset.none()


AUTOCOMPLETE = {
    "orders": Source(
        rows=_rows,
        match=_match,
        placeholder=gettext_lazy("Number or words of the title"),
        label=order_choice_label,
        filters={"municipality": by_id("municipality_id"), "kinds": _kinds, "since": _since},
    )
}
