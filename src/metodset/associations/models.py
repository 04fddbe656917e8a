import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from metodset.core.files import NETWORK_REPORT, extension_of, private_file_field
from metodset.core.links import object_url
from metodset.core.models import MunicipalityOwned, actor_field
from metodset.core.scoping import ScopedQuerySet, scoped_queryset


class AssociationKind(models.TextChoices):
    MMO = "mmo", _("Municipal methodical association (ММО)")
    MPOP = "mpop", _("Municipal professional association (МПОП)")
    RMO = "rmo", _("District methodical association (РМО)")
    SHMO = "shmo", _("School methodical association (ШМО)")
    NETWORK = "network", _("Network group")
    COUNCIL = "council", _("Methodical council")


class NetworkSubtype(models.TextChoices):
    """The network structures of 004 §3.3.2: temporary subjects on the base of schools."""

    VIRTUAL = "virtual", _("Virtual methodical association")
    DISCUSSION = "discussion", _("Discussion platform")
    RESOURCE_CENTRE = "resource_centre", _("Resource centre")
    PROJECT = "project", _("Creative or project group")
    TEMPORARY = "temporary", _("Temporary group")


class AssociationStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    LIQUIDATED = "liquidated", _("liquidated")


class AssociationQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status=AssociationStatus.ACTIVE)


class Association(MunicipalityOwned):
    kind = models.CharField(_("kind"), max_length=16, choices=AssociationKind.choices)
    name = models.CharField(pgettext_lazy("not a person", "name"), max_length=400)
    area = models.CharField(
        _("subject or area"), max_length=300, help_text=_("E.g. mathematics, class teachers.")
    )
    teacher_category = models.CharField(
        _("category of teachers"),
        max_length=300,
        blank=True,
        help_text=_("Who the members are, e.g. teachers of additional education."),
    )
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent association"),
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="associations",
        verbose_name=_("organisation"),
        help_text=_("The school of a school association (ШМО)."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssociationStatus.choices,
        default=AssociationStatus.ACTIVE,
        editable=False,
    )
    founded_on = models.DateField(_("created on"))
    liquidated_on = models.DateField(_("liquidated on"), null=True, blank=True, editable=False)
    creation_order = models.ForeignKey(
        "acts.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="created_associations",
        verbose_name=_("order of creation"),
    )
    liquidation_order = models.ForeignKey(
        "acts.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liquidated_associations",
        verbose_name=_("order of liquidation"),
        editable=False,
    )
    # A network group (kind NETWORK, 004 §3.3.2): its subtype, the schools it works on the
    # base of and with, the task it is created for, when it is to end and what it achieved.
    network_subtype = models.CharField(
        _("network structure"), max_length=32, choices=NetworkSubtype.choices, blank=True
    )
    base_organisations = models.ManyToManyField(
        "orgs.Organisation",
        blank=True,
        related_name="network_bases",
        verbose_name=_("base organisations"),
    )
    partner_organisations = models.ManyToManyField(
        "orgs.Organisation",
        blank=True,
        related_name="network_partnerships",
        verbose_name=_("partner organisations"),
    )
    task = models.TextField(
        _("task"), blank=True, help_text=_("The pedagogical or managerial task it is created for.")
    )
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    result_report = models.TextField(_("result report"), blank=True)
    result_file = private_file_field(
        NETWORK_REPORT,
        _("report file"),
        blank=True,
        help_text=_("PDF, DOCX, ODT, PPTX or an image, up to 20 MB."),
    )
    history = HistoricalRecords()

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        constraints = [
            models.CheckConstraint(
                condition=Q(liquidated_on__isnull=True)
                | Q(liquidated_on__gte=models.F("founded_on")),
                name="association_liquidated_after_founded",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return object_url("associations:detail", self.pk)

    @property
    def is_active(self) -> bool:
        return self.status == AssociationStatus.ACTIVE

    @property
    def is_network(self) -> bool:
        return self.kind == AssociationKind.NETWORK

    @property
    def is_council(self) -> bool:
        return self.kind == AssociationKind.COUNCIL

    @property
    def result_file_extension(self) -> str:
        return extension_of(self.result_file.name) if self.result_file else ""

    def network_ended(self, day: dt.date) -> bool:
        """Its work is over by `day`: liquidated, or its planned end has passed."""
        return not self.is_active or (self.planned_end is not None and self.planned_end <= day)

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = _("An association cannot be its own parent.")
            elif self.parent.municipality_id != self.municipality_id:
                errors["parent"] = _("The parent association belongs to another municipality.")
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            errors["organisation"] = _("The organisation belongs to another municipality.")
        if self.kind == AssociationKind.SHMO and not self.organisation_id:
            errors["organisation"] = _("A school association needs its school.")
        if self.kind != AssociationKind.NETWORK and (
            self.network_subtype or self.task or self.planned_end or self.result_report
        ):
            errors["kind"] = _("Only a network group has a network structure, task and end.")
        if self.planned_end and self.founded_on and self.planned_end < self.founded_on:
            errors["planned_end"] = _("The planned end cannot be before the group was created.")
        if self.creation_order_id:
            order = self.creation_order
            if order.municipality_id != self.municipality_id:
                errors["creation_order"] = _("The order belongs to another municipality.")
            elif self.founded_on and order.date > self.founded_on:
                errors["founded_on"] = _("The association cannot be created before its order.")
        if errors:
            raise ValidationError(errors)


def in_force_q(day: dt.date, prefix: str = "") -> Q:
    """A membership in force on `day` (join date inclusive, leave date exclusive); `prefix`
    reaches memberships through a relation, e.g. "memberships__" from Association."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day})
    )


class MembershipQuerySet(scoped_queryset("association__municipality")):
    def in_force(self, day: dt.date):
        """Memberships in force on `day` (join date inclusive, leave date exclusive)."""
        return self.filter(in_force_q(day))

    def current(self):
        return self.in_force(timezone.localdate())

    def during(self, starts_on: dt.date, ends_on: dt.date):
        """Memberships in force on at least one day of [starts_on, ends_on]."""
        return self.filter(joined_on__lte=ends_on).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=starts_on)
        )


class Membership(models.Model):
    """A teacher's membership in an association. Leaving closes it; rows are never deleted."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="memberships"
    )
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("teacher"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["teacher__last_name", "teacher__first_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("The leave date cannot be before the join date."),
            ),
            models.UniqueConstraint(
                fields=["association", "teacher"],
                condition=Q(left_on__isnull=True),
                name="uniq_open_membership",
                violation_error_message=_("The teacher is already a member."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.association}"

    @property
    def end_url(self) -> str:
        """Where a member is removed (a link per row of the members: one reverse in all)."""
        return object_url("associations:membership_end", self.pk)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.joined_on <= today and (self.left_on is None or self.left_on > today)

    def clean(self):
        super().clean()
        errors = {}
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            errors["left_on"] = _("The leave date cannot be before the join date.")
        if self.association_id and self.teacher_id:
            association = self.association
            if self.teacher.municipality_id != association.municipality_id:
                errors["teacher"] = _("The teacher works in another municipality.")
            if self.joined_on and self.joined_on < association.founded_on:
                errors["joined_on"] = _("The association did not exist yet on this date.")
            overlapping = (
                Membership.objects.filter(
                    association_id=self.association_id, teacher_id=self.teacher_id
                )
                .exclude(pk=self.pk)
                .filter(Q(left_on__isnull=True) | Q(left_on__gt=self.joined_on or dt.date.min))
            )
            if self.left_on:
                overlapping = overlapping.filter(joined_on__lt=self.left_on)
            if "teacher" not in errors and overlapping.exists():
                errors["teacher"] = _("The teacher is already a member for these dates.")
        if errors:
            raise ValidationError(errors)


class HeadAppointmentQuerySet(scoped_queryset("association__municipality")):
    def on(self, day: dt.date):
        return self.filter(starts_on__lte=day, ends_on__gte=day).filter(
            Q(terminated_on__isnull=True) | Q(terminated_on__gt=day)
        )

    def current(self):
        return self.on(timezone.localdate())


class HeadAppointment(models.Model):
    """A head appointed by order for a term (срок полномочий)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="head_appointments"
    )
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="head_appointments",
        verbose_name=_("head"),
    )
    order = models.ForeignKey(
        "acts.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="head_appointments",
        verbose_name=_("order of appointment"),
    )
    # integration: the act of an election (regulations' `head_selection: elected`): the
    # minutes of the general meeting of the association that elected the head.
    minutes = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="head_elections",
        verbose_name=_("minutes of the election"),
        help_text=_("Where the regulation has the head elected by the general meeting."),
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    terminated_on = models.DateField(
        _("terminated early on"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    objects = HeadAppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("head appointment")
        verbose_name_plural = _("head appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="head_term_ends_after_start",
                violation_error_message=_("The end of the term must be after its start."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.teacher} — {self.association}"

    @property
    def effective_end(self) -> dt.date:
        """The last day of the term."""
        if self.terminated_on:
            return min(self.ends_on, self.terminated_on - dt.timedelta(days=1))
        return self.ends_on

    def is_current_on(self, day: dt.date) -> bool:
        """The same rule as HeadAppointmentQuerySet.on(), for one row in memory."""
        if self.terminated_on and self.terminated_on <= day:
            return False
        return self.starts_on <= day <= self.ends_on

    @property
    def is_current(self) -> bool:
        return self.is_current_on(timezone.localdate())

    @property
    def term_status(self) -> str:
        """Where the term stands today: upcoming, current, ended, terminated or cancelled."""
        today = timezone.localdate()
        if self.terminated_on and self.terminated_on <= self.starts_on:
            return "cancelled"  # terminated before its first day: never in force
        if self.starts_on > today:
            return "upcoming"
        if self.is_current_on(today):
            return "current"
        if self.terminated_on and self.terminated_on <= self.ends_on:
            return "terminated"
        return "ended"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end of the term must be after its start.")
        if (
            self.association_id
            and self.teacher_id
            and self.teacher.municipality_id != self.association.municipality_id
        ):
            errors["teacher"] = _("The teacher works in another municipality.")
        if self.association_id and self.starts_on and self.starts_on < self.association.founded_on:
            errors["starts_on"] = _("The association did not exist yet on this date.")
        if self.order_id and self.association_id:
            if self.order.municipality_id != self.association.municipality_id:
                errors["order"] = _("The order belongs to another municipality.")
            elif self.starts_on and self.order.date > self.starts_on:
                errors["starts_on"] = _("The term cannot start before the order is signed.")
        if self.minutes_id and self.association_id:
            if self.minutes.association_id != self.association_id:
                errors["minutes"] = _("The meeting is of another association.")
            elif self.starts_on and self.minutes.date > self.starts_on:
                errors["starts_on"] = _("The term cannot start before the meeting that elected.")
        if errors:
            raise ValidationError(errors)


class CompositionApproval(models.Model):
    """The council's composition as an order approved it (004 §3.7): the members on record
    when the order was registered here, to compare with the council as it is now."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="composition_approvals",
        verbose_name=_("council"),
    )
    order = models.ForeignKey(
        "acts.Order",
        on_delete=models.PROTECT,
        related_name="approved_compositions",
        verbose_name=_("approving order"),
    )
    chair = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    members = models.ManyToManyField("people.Teacher", related_name="+", verbose_name=_("members"))
    recorded_by = actor_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    objects = scoped_queryset("association__municipality").as_manager()

    class Meta:
        ordering = ["-order__date", "-pk"]
        verbose_name = _("approved composition")
        verbose_name_plural = _("approved compositions")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "order"],
                name="uniq_composition_order",
                violation_error_message=_("This order is already recorded for the council."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.order}"

    def clean(self):
        super().clean()
        errors = {}
        if self.association_id and self.association.kind != AssociationKind.COUNCIL:
            errors["association"] = _("Only a methodical council has an approved composition.")
        if self.association_id and self.order_id:
            from metodset.acts.models import OrderKind

            if self.order.municipality_id != self.association.municipality_id:
                errors["order"] = _("The order belongs to another municipality.")
            elif self.order.kind not in (OrderKind.COUNCIL, OrderKind.OTHER):
                errors["order"] = _("Choose an order on the approval of the council composition.")
        if errors:
            raise ValidationError(errors)
