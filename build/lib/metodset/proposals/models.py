"""Proposals upward and the discussion of draft acts.

A head of an association speaks for it upward (000 §6.5–6.8; 003 §4.7): a petition to
reward an active member, a nomination for a professional competition, a proposal on a
teacher's attestation, each with grounds drawn from the member's records. The methodist
decides (granted or refused with a reason); a granted petition gives a draft order «о
поощрении» and writes the award to the teacher's card.

Draft acts (000 §5.1; 003 §4.2): the methodist opens a regional or municipal draft for
chosen associations until a deadline; members comment on it clause by clause, the head
compiles the association's position and a meeting adopts it.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.files import private_file_field
from metodset.core.models import MunicipalityOwned
from metodset.core.scoping import ScopedQuerySet, scoped_queryset
from metodset.people.models import Category
from metodset.proposals.files import DRAFT_ACT_FILE


class ProposalKind(models.TextChoices):
    PETITION = "petition", _("petition to reward")
    NOMINATION = "nomination", _("nomination for a competition")
    ATTESTATION = "attestation", _("proposal on attestation")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("under consideration")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class ProposalQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(status=ProposalStatus.SUBMITTED)


class Proposal(MunicipalityOwned):
    """A head's petition, nomination or attestation proposal about a member."""

    kind = models.CharField(_("kind"), max_length=16, choices=ProposalKind.choices)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("association"),
    )
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("teacher"),
    )
    award = models.CharField(
        _("award asked for"),
        max_length=300,
        blank=True,
        help_text=_("E.g. a letter of thanks of the education authority."),
    )
    nomination = models.ForeignKey(
        "events.Nomination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("competition nomination"),
    )
    category = models.CharField(
        _("qualification category proposed"),
        max_length=16,
        choices=[(c, label) for c, label in Category.choices if c in ("highest", "first")],
        blank=True,
    )
    records = models.TextField(
        _("records from the teacher's card"), blank=True, help_text=_("One per line.")
    )
    grounds = models.TextField(_("grounds"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("date of the decision"), null=True, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    history = HistoricalRecords()

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.teacher}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == ProposalStatus.SUBMITTED

    @property
    def has_order(self) -> bool:
        """A granted petition gives a draft order «о поощрении»."""
        return self.kind == ProposalKind.PETITION and self.status == ProposalStatus.GRANTED

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == ProposalKind.PETITION and not self.award.strip():
            errors["award"] = _("Say what award the petition asks for.")
        if self.kind == ProposalKind.NOMINATION and not self.nomination_id:
            errors["nomination"] = _("Choose the competition nomination.")
        if self.kind == ProposalKind.ATTESTATION and not self.category:
            errors["category"] = _("Choose the qualification category proposed.")
        if self.kind != ProposalKind.NOMINATION and self.nomination_id:
            errors["nomination"] = _("A nomination is for a competition proposal only.")
        if (
            self.association_id
            and self.municipality_id
            and self.association.municipality_id != self.municipality_id
        ):
            errors["association"] = _("The association belongs to another municipality.")
        if (
            self.teacher_id
            and self.municipality_id
            and self.teacher.municipality_id != self.municipality_id
        ):
            errors["teacher"] = _("The teacher works in another municipality.")
        if self.status == ProposalStatus.REFUSED and not self.decision_reason.strip():
            errors["decision_reason"] = _("Give the reason for the refusal.")
        if errors:
            raise ValidationError(errors)


class DraftLevel(models.TextChoices):
    REGIONAL = "regional", _("regional")
    MUNICIPAL = "municipal", _("municipal")


class DraftAct(MunicipalityOwned):
    """A draft act opened by the methodist for the associations' discussion."""

    title = models.CharField(_("title"), max_length=400)
    level = models.CharField(_("level"), max_length=16, choices=DraftLevel.choices)
    summary = models.TextField(_("summary"))
    file = private_file_field(DRAFT_ACT_FILE, _("file of the draft"))
    original_name = models.CharField(max_length=255, editable=False, blank=True)
    deadline = models.DateField(
        _("comments until"), help_text=_("The last day for comments and positions.")
    )
    associations = models.ManyToManyField(
        "associations.Association",
        related_name="draft_acts",
        verbose_name=_("associations discussing it"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    history = HistoricalRecords(m2m_fields=[associations])

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("draft act")
        verbose_name_plural = _("draft acts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:draft", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return timezone.localdate() <= self.deadline

    @property
    def filename(self) -> str:
        return self.original_name or PurePath(self.file.name).name


class DraftComment(models.Model):
    """A member's comment on one clause of a draft, in the name of his association."""

    draft = models.ForeignKey(DraftAct, on_delete=models.CASCADE, related_name="comments")
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("association"),
    )
    author = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    clause = models.CharField(
        _("clause"), max_length=50, help_text=_("E.g. 2.3, or «general» for the whole draft.")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    history = HistoricalRecords()

    objects = scoped_queryset("draft__municipality").as_manager()

    class Meta:
        ordering = ["clause", "created_at", "pk"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")

    def __str__(self) -> str:
        return f"{self.clause}: {self.text[:60]}"


class PositionStatus(models.TextChoices):
    COMPILED = "compiled", _("compiled by the head")
    ADOPTED = "adopted", _("adopted by a meeting")


class DraftPosition(models.Model):
    """The association's position on a draft: compiled by the head, adopted by a meeting."""

    draft = models.ForeignKey(DraftAct, on_delete=models.CASCADE, related_name="positions")
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("association"),
    )
    text = models.TextField(_("text of the position"))
    status = models.CharField(
        _("status"), max_length=16, choices=PositionStatus.choices, default=PositionStatus.COMPILED
    )
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compiled by"),
    )
    compiled_at = models.DateTimeField(_("compiled"), auto_now=True)
    adopted_by = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_positions",
        verbose_name=_("adopted by the decision"),
    )
    history = HistoricalRecords()

    objects = scoped_queryset("draft__municipality").as_manager()

    class Meta:
        ordering = ["association__name", "pk"]
        verbose_name = _("position on a draft")
        verbose_name_plural = _("positions on drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "association"],
                name="uniq_draft_position",
                violation_error_message=_("The association has a position on this draft."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.draft}"

    def clean(self):
        super().clean()
        if self.status == PositionStatus.ADOPTED and not self.adopted_by_id:
            raise ValidationError({"adopted_by": _("Choose the decision that adopted it.")})
