"""Reads for documents: the data of the order drafts, the template a municipality uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from metodset.associations.models import Association, HeadAppointment
from metodset.documents.context import PLACEHOLDERS
from metodset.documents.models import DocumentKind, DocumentTemplate
from metodset.meetings.selectors import Person
from metodset.orgs.selectors import authority_head_on


@dataclass
class OrderDocument:
    """What a draft order on an association prints, as plain values."""

    municipality: str
    region: str
    authority: str
    service: str
    association: str
    association_kind_code: str
    association_kind: str
    area: str
    teacher_category: str
    founded_on: dt.date
    order_number: str = ""
    order_date: dt.date | None = None
    head: Person | None = None
    head_starts_on: dt.date | None = None
    head_ends_on: dt.date | None = None
    place_of_issue: str = ""  # the settlement where the authority sits: «с. Чоя»
    # The head of the education authority in office on the order's date (a draft: today),
    # «И.О. Фамилия»; both empty when nobody is recorded for that day.
    signer_position: str = ""
    signer_name: str = ""

    @property
    def has_signer(self) -> bool:
        return bool(self.signer_name)


def _order_document(association: Association, appointment: HeadAppointment | None, order):
    municipality = association.municipality
    signer = authority_head_on(municipality.pk, order.date if order else timezone.localdate())
    return OrderDocument(
        municipality=municipality.name,
        region=municipality.region.name,
        authority=municipality.authority_name,
        service=municipality.service_name,
        association=association.name,
        association_kind_code=association.kind,
        association_kind=association.get_kind_display(),
        area=association.area,
        teacher_category=association.teacher_category,
        founded_on=association.founded_on,
        order_number=order.number if order else "",
        order_date=order.date if order else None,
        head=Person.of(appointment.teacher) if appointment else None,
        head_starts_on=appointment.starts_on if appointment else None,
        head_ends_on=appointment.ends_on if appointment else None,
        place_of_issue=municipality.place,
        signer_position=signer.position if signer else "",
        signer_name=signer.signature if signer else "",
    )


def creation_order_data(association: Association) -> OrderDocument:
    """The association, its creation order if recorded, and its first head if appointed.

    Three queries: the association with its municipality, region and order; the earliest
    head appointment with the teacher and his organisation; the signatory.
    """
    association = Association.objects.select_related("municipality__region", "creation_order").get(
        pk=association.pk
    )
    first_head = (
        HeadAppointment.objects.filter(association=association)
        .select_related("teacher__organisation")
        .order_by("starts_on", "pk")
        .first()
    )
    return _order_document(association, first_head, association.creation_order)


def head_order_data(appointment: HeadAppointment) -> OrderDocument:
    """The appointment with its teacher, association and order, in one query; the
    signatory in a second."""
    appointment = HeadAppointment.objects.select_related(
        "teacher__organisation", "association__municipality__region", "order"
    ).get(pk=appointment.pk)
    return _order_document(appointment.association, appointment, appointment.order)


def template_for(municipality_id: int, kind: str) -> DocumentTemplate | None:
    """The municipality's own template of `kind`, or None for the built-in one."""
    return DocumentTemplate.objects.filter(municipality_id=municipality_id, kind=kind).first()


@dataclass(frozen=True)
class TemplateLine:
    kind: str
    label: str
    custom: DocumentTemplate | None
    fields: list[tuple[str, str]]


def template_overview(municipality_id: int) -> list[TemplateLine]:
    """Every kind with the municipality's own template, if any, in one query."""
    custom = {
        t.kind: t
        for t in DocumentTemplate.objects.filter(municipality_id=municipality_id).select_related(
            "uploaded_by"
        )
    }
    return [
        TemplateLine(kind, str(label), custom.get(kind), sorted(PLACEHOLDERS[kind].items()))
        for kind, label in DocumentKind.choices
    ]


def template_history(municipality_id: int, limit: int = 20) -> list:
    """Uploads, replacements and reverts of the municipality's templates, newest first."""
    return list(
        DocumentTemplate.history.filter(municipality_id=municipality_id)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


@dataclass
class AwardOrderDocument:
    """A draft order «о поощрении» from a granted petition, as plain values."""

    municipality: str
    region: str
    authority: str
    service: str
    association: str
    association_kind_code: str
    teacher: Person
    award: str
    grounds: str
    records: list[str]
    petition_date: dt.date
    place_of_issue: str = ""
    signer_position: str = ""
    signer_name: str = ""


def award_order_data(proposal) -> AwardOrderDocument:
    """The petition with its teacher, association and municipality in one query; the
    signatory (the head of the authority in office today) in a second."""
    from metodset.proposals.models import Proposal

    proposal = Proposal.objects.select_related(
        "teacher__organisation", "association", "municipality__region"
    ).get(pk=proposal.pk)
    municipality = proposal.municipality
    signer = authority_head_on(municipality.pk, timezone.localdate())
    return AwardOrderDocument(
        municipality=municipality.name,
        region=municipality.region.name,
        authority=municipality.authority_name,
        service=municipality.service_name,
        association=proposal.association.name,
        association_kind_code=proposal.association.kind,
        teacher=Person.known(proposal.teacher),
        award=proposal.award,
        grounds=proposal.grounds,
        records=[line for line in proposal.records.splitlines() if line.strip()],
        petition_date=timezone.localdate(proposal.submitted_at),
        place_of_issue=municipality.place,
        signer_position=signer.position if signer else "",
        signer_name=signer.signature if signer else "",
    )
