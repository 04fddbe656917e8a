"""What the people app contributes to the extension points (metodset.core.extensions):
AUTOCOMPLETE «teachers», the picker of a colleague in every form that chooses one."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from metodset.core.autocomplete import Source, by_id, may_choose, words
from metodset.core.scoping import scope_for
from metodset.people.models import Teacher


def _rows(user) -> QuerySet | None:
    # The list a colleague is chosen from (Teacher.objects.working_in): a name and a
    # school, not a read of personal data, so not narrowed like the teachers' cards.
    if not may_choose(user):
        return None
    return (
        Teacher.objects.working()
        .in_scope(scope_for(user))
        .order_by("last_name", "first_name", "patronymic", "pk")
    )


def _match(queryset: QuerySet, text: str) -> QuerySet:
    for word in words(text):
        queryset = queryset.filter(
            Q(last_name__istartswith=word)
            | Q(first_name__istartswith=word)
            | Q(patronymic__istartswith=word)
        )
    return queryset


def _label(teacher: Teacher) -> str:
    return f"{teacher.full_name}, {teacher.organisation}"


def _members(queryset: QuerySet, value: str, user=None) -> QuerySet:
    if not value.isdigit():
        return queryset.none()
    current = Teacher.objects.filter(
        memberships__association_id=int(value), memberships__left_on__isnull=True
    ).values("pk")
    return queryset.filter(pk__in=current)


def _not_members(queryset: QuerySet, value: str, user=None) -> QuerySet:
    return queryset.exclude(pk__in=_members(Teacher.objects.all(), value).values("pk"))


def _cards(queryset: QuerySet, value: str, user=None) -> QuerySet:
    """Only the teachers whose cards the user reads (a teacher: himself, a head: also his
    members), for the forms that offer no more (a material's authors)."""
    return queryset.filter(pk__in=Teacher.objects.for_user(user).values("pk"))


def _not(queryset: QuerySet, value: str, user=None) -> QuerySet:
    return queryset.exclude(pk=int(value)) if value.isdigit() else queryset


AUTOCOMPLETE = {
    "teachers": Source(
        rows=_rows,
        match=_match,
        placeholder=gettext_lazy("Surname, first name"),
        label=_label,
        related=("organisation",),
        filters={
            "municipality": by_id("municipality_id"),
            "members_of": _members,
            "not_members_of": _not_members,
            "not": _not,
            "cards": _cards,
        },
    )
}
