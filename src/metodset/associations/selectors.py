import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from metodset.associations.access import get_association_for_user
from metodset.associations.models import (
    Association,
    AssociationKind,
    CompositionApproval,
    HeadAppointment,
    Membership,
)
from metodset.people.models import Teacher


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
# What the page's members tables show of a membership, its teacher and organisation, and
# what the access log records of the teacher: the other columns of 50 teachers are not read
# (issue #19). A field read beyond these would cost a query per row: the page's tests count
# its queries for 10 and for 1,000 members.
MEMBER_ROW_FIELDS = (
    "teacher",
    "joined_on",
    "left_on",
    "teacher__last_name",
    "teacher__first_name",
    "teacher__patronymic",
    "teacher__position",
    "teacher__municipality",
    "teacher__user",
    "teacher__organisation",
    "teacher__organisation__name",
    "teacher__organisation__short_name",
)


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
        "members": Paginator(
            members_on(association, on).only(*MEMBER_ROW_FIELDS), per_page
        ).get_page(members_page),
        "former": Paginator(
            former_members(association, on).only(*MEMBER_ROW_FIELDS), per_page
        ).get_page(former_page),
        "appointments": appointments,
        "head": current_head,
        "head_days_left": (current_head.effective_end - on).days if current_head else None,
        "children": children[:CHILDREN_SHOWN],
        "more_children": len(children) > CHILDREN_SHOWN,
    }


@dataclass
class CompositionState:
    """The council's composition against the one its latest order approved (004 §3.7)."""

    approval: CompositionApproval | None
    joined_ids: set[int] = field(default_factory=set)  # members now, not approved
    left_ids: set[int] = field(default_factory=set)  # approved, no longer members
    joined: list[Teacher] = field(default_factory=list)
    left: list[Teacher] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return self.approval is not None and not (self.joined_ids or self.left_ids)


def composition_states(
    association_ids: Iterable[int], *, on: dt.date
) -> dict[int, CompositionState]:
    """For each council among `association_ids`, its latest approved composition and how
    the members in force on `on` differ from it, in three queries whatever their number.
    Other kinds of association get no entry."""
    councils = list(
        Association.objects.filter(
            pk__in=list(association_ids), kind=AssociationKind.COUNCIL
        ).values_list("pk", flat=True)
    )
    if not councils:
        return {}
    latest: dict[int, CompositionApproval] = {}
    for approval in CompositionApproval.objects.filter(association_id__in=councils).select_related(
        "order", "chair"
    ):  # newest order first (Meta.ordering)
        latest.setdefault(approval.association_id, approval)
    approved: dict[int, set[int]] = {a.pk: set() for a in latest.values()}
    through = CompositionApproval.members.through
    for approval_id, teacher_id in through.objects.filter(
        compositionapproval_id__in=list(approved)
    ).values_list("compositionapproval_id", "teacher_id"):
        approved[approval_id].add(teacher_id)
    current: dict[int, set[int]] = {pk: set() for pk in councils}
    for association_id, teacher_id in (
        Membership.objects.in_force(on)
        .filter(association_id__in=councils)
        .values_list("association_id", "teacher_id")
    ):
        current[association_id].add(teacher_id)
    states = {}
    for pk in councils:
        found = latest.get(pk)
        if found is None:
            states[pk] = CompositionState(None)
            continue
        members = approved[found.pk]
        states[pk] = CompositionState(
            found, joined_ids=current[pk] - members, left_ids=members - current[pk]
        )
    return states


def composition_state(association: Association, *, on: dt.date | None = None) -> CompositionState:
    """The council's composition state with the names of who joined and left since the
    order (two more queries); an empty state for another kind."""
    on = on or timezone.localdate()
    state = composition_states([association.pk], on=on).get(association.pk)
    if state is None:
        return CompositionState(None)
    names = Teacher.objects.in_bulk(state.joined_ids | state.left_ids)
    state.joined = sorted((names[i] for i in state.joined_ids), key=lambda t: t.full_name)
    state.left = sorted((names[i] for i in state.left_ids), key=lambda t: t.full_name)
    return state


def composition_approvals(association: Association) -> QuerySet[CompositionApproval]:
    """Every approval of the council's composition, the newest order first."""
    return CompositionApproval.objects.filter(association=association).select_related(
        "order", "chair"
    )
