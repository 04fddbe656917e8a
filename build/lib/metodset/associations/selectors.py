import datetime as dt

from django.core.paginator import Paginator
from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from metodset.associations.access import get_association_for_user
from metodset.associations.models import Association, HeadAppointment, Membership


def association_list(*, user, on: dt.date | None = None) -> QuerySet[Association]:
    """Associations in scope with the member count and head on `on` (today), in one query.

    The count and the head are correlated subqueries rather than joins, so a page
    of the list costs the same whatever the number of members and past heads.
    """
    on = on or timezone.localdate()
    members = (
        Membership.objects.in_force(on)
        .filter(association=OuterRef("pk"))
        .order_by()
        .values("association")
        .annotate(n=Count("pk"))
        .values("n")
    )
    head = HeadAppointment.objects.on(on).filter(association=OuterRef("pk")).order_by("-starts_on")
    return (
        Association.objects.for_user(user)
        .select_related("municipality", "parent")
        .annotate(
            member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0),
            head_name=Subquery(
                head.annotate(
                    name=Concat(
                        "teacher__last_name",
                        Value(" "),
                        "teacher__first_name",
                        Value(" "),
                        "teacher__patronymic",
                        output_field=CharField(),
                    )
                ).values("name")[:1]
            ),
            head_ends_on=Subquery(head.values("ends_on")[:1]),
        )
    )


def association_get(*, user, pk: int) -> Association:
    """One association the user may see, with what its card shows beside it (else 404)."""
    return get_association_for_user(user, pk)


def members_on(association: Association, on: dt.date | None = None) -> QuerySet[Membership]:
    """Members on a date (today by default): joined on or before it, not yet left."""
    return (
        Membership.objects.in_force(on or timezone.localdate())
        .filter(association=association)
        .select_related("teacher", "teacher__organisation")
        .order_by("teacher__last_name", "teacher__first_name", "pk")
    )


def former_members(association: Association, on: dt.date | None = None) -> QuerySet[Membership]:
    """Memberships that had ended by a date (today by default), latest leavers first."""
    return (
        association.memberships.filter(left_on__lte=on or timezone.localdate())
        .select_related("teacher", "teacher__organisation")
        .order_by("-left_on", "teacher__last_name", "pk")
    )


def head_appointments(association: Association) -> QuerySet[HeadAppointment]:
    """Every head appointment of the association, the latest term first."""
    return association.head_appointments.select_related("teacher", "order").order_by(
        "-starts_on", "-pk"
    )


def association_card(association: Association, *, on: dt.date | None = None) -> dict:
    """What the association's page shows about its people on a date (today by default)."""
    on = on or timezone.localdate()
    appointments = list(head_appointments(association))
    current_head = next((a for a in appointments if a.is_current_on(on)), None)
    return {
        "members": list(members_on(association, on)),
        "former": list(former_members(association, on)),
        "appointments": appointments,
        "head": current_head,
        "head_days_left": (current_head.effective_end - on).days if current_head else None,
        "children": list(association.children.order_by("name")),
    }


MEMBERS_PER_PAGE = 50
CHILDREN_SHOWN = 20


def association_people(
    association: Association,
    *,
    members_page: str | int | None = 1,
    former_page: str | int | None = 1,
    on: dt.date | None = None,
    per_page: int = MEMBERS_PER_PAGE,
) -> dict:
    """The association's page about its people, a page of each list at a time: the page
    costs the same for 10 members as for 1,000 (a count and a slice per list)."""
    on = on or timezone.localdate()
    appointments = list(head_appointments(association))
    current_head = next((a for a in appointments if a.is_current_on(on)), None)
    children = list(association.children.order_by("name")[: CHILDREN_SHOWN + 1])
    return {
        "members": Paginator(members_on(association, on), per_page).get_page(members_page),
        "former": Paginator(former_members(association, on), per_page).get_page(former_page),
        "appointments": appointments,
        "head": current_head,
        "head_days_left": (current_head.effective_end - on).days if current_head else None,
        "children": children[:CHILDREN_SHOWN],
        "more_children": len(children) > CHILDREN_SHOWN,
    }
