"""What the orgs app contributes to the extension points (metodset.core.extensions):
AUTOCOMPLETE «organisations», the picker of a school or a venue."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from metodset.core.autocomplete import Source, by_id, may_choose, words
from metodset.core.scoping import scope_for
from metodset.orgs.models import Organisation


def _rows(user) -> QuerySet | None:
    if not may_choose(user):
        return None
    return Organisation.objects.in_scope(scope_for(user)).order_by("name", "pk")


def _match(queryset: QuerySet, text: str) -> QuerySet:
    for word in words(text):
        queryset = queryset.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    return queryset


def _venues(queryset: QuerySet, value: str, user=None) -> QuerySet:
    return queryset.filter(is_venue=True) if value == "1" else queryset


AUTOCOMPLETE = {
    "organisations": Source(
        rows=_rows,
        match=_match,
        placeholder=gettext_lazy("Words of the name"),
        filters={"municipality": by_id("municipality_id"), "venue": _venues},
    )
}
