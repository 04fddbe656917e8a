"""The draft order «Об утверждении состава методического совета» (kind `order_council`,
004 §3.7): the council's members today, its chair first, in an appendix to the order.

The signatory is the head of the education authority in office today, as in the other
draft orders; the order it replaces, if one is recorded, is named as no longer in force.
"""

from __future__ import annotations

from django.utils import timezone

from metodset.associations.models import Association, AssociationKind, HeadAppointment
from metodset.associations.selectors import composition_approvals, members_on
from metodset.core.access import get_for_user
from metodset.documents import context as ctx
from metodset.documents.access import DRAFT_ORDER
from metodset.documents.models import DocumentKind
from metodset.documents.selectors import _order_document
from metodset.documents.services import Generated, _fill, _safe
from metodset.meetings.selectors import Person

CHAIR, MEMBER = "председатель совета", "член совета"


def get_council_for_order(user, pk: int) -> Association:
    """A council the user may draft orders for (404 out of scope or another kind, 403 else)."""
    return get_for_user(
        Association.objects.filter(kind=AssociationKind.COUNCIL), user, pk, perm=DRAFT_ORDER
    )


def order_council_context(association: Association) -> dict:
    """The placeholders of the draft (documents.context.PLACEHOLDERS["order_council"])."""
    today = timezone.localdate()
    association = Association.objects.select_related("municipality__region").get(pk=association.pk)
    head = (
        HeadAppointment.objects.on(today)
        .filter(association=association)
        .select_related("teacher__organisation")
        .first()
    )
    data = _order_document(association, head, None)
    chair_id = head.teacher_id if head else None
    memberships = sorted(
        members_on(association, today),
        key=lambda m: (m.teacher_id != chair_id, m.teacher.full_name),
    )
    members = [
        {
            "number": index,
            "name": m.teacher.full_name,
            "position": m.teacher.position,
            "organisation": str(m.teacher.organisation),
            "role": CHAIR if m.teacher_id == chair_id else MEMBER,
        }
        for index, m in enumerate(memberships, start=1)
    ]
    previous = composition_approvals(association).first()
    context = ctx._order(data)
    genitive = context["association_kind_genitive"]
    clauses = [f"Утвердить состав {genitive} «{data.association}» (приложение)."]
    if head is not None:
        chair = ctx.person(Person.known(head.teacher))
        clauses.append(
            f"Председателю {genitive} {chair.dative} организовать работу совета "
            "в соответствии с положением о методическом совете и планом работы на учебный год."
        )
    if previous is not None:
        order = previous.order
        clauses.append(
            f"Признать утратившим силу приказ от {ctx.fmt(order.date)} № {order.number} "
            f"«{order.title}» в части состава {genitive}."
        )
    clauses.append("Контроль за исполнением настоящего приказа оставляю за собой.")
    return context | {
        "preamble": (
            "В соответствии с положением о муниципальной методической службе, в целях "
            "координации методической работы на муниципальном уровне"
        ),
        "clauses": clauses,
        "members": members,
        "member_count": len(members),
    }


def order_council_document(association: Association) -> Generated:
    """The draft order approving the council's composition as DOCX."""
    content = _fill(
        DocumentKind.ORDER_COUNCIL, association.municipality_id, order_council_context(association)
    )
    return Generated(content, _safe("Проект приказа об утверждении состава методического совета"))
