import datetime as dt

from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from metodset.associations.models import Association, HeadAppointment, Membership


def association_list(*, user, on: dt.date | None = None) -> QuerySet[Association]:
    """Associations in scope with today's member count and head, in a fixed number of queries."""
    on = on or timezone.localdate()
    members = (
        Membership.objects.on(on)
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


def association_card(association: Association, *, on: dt.date | None = None) -> dict:
    on = on or timezone.localdate()
    memberships = list(
        association.memberships.select_related("teacher", "teacher__organisation").order_by(
            "teacher__last_name", "teacher__first_name"
        )
    )
    appointments = list(association.head_appointments.select_related("teacher", "order"))
    current_head = next((a for a in appointments if a.is_current_on(on)), None)
    return {
        "members": [
            m for m in memberships if m.joined_on <= on and (m.left_on is None or m.left_on > on)
        ],
        "former": [m for m in memberships if m.left_on is not None and m.left_on <= on],
        "appointments": appointments,
        "head": current_head,
        "head_days_left": (current_head.effective_end - on).days if current_head else None,
        "children": list(association.children.all()),
    }
