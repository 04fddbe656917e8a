from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.files import DOCUMENT_TEMPLATE, private_file_field
from metodset.core.models import actor_field
from metodset.core.scoping import ScopedQuerySet


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Work plan")
    MINUTES = "minutes", _("Minutes of a meeting")
    NOTICE = "notice", _("Meeting notice")
    ORDER_CREATION = "order_creation", _("Draft order on the creation of an association")
    ORDER_HEAD = "order_head", _("Draft order on the appointment of a head")
    # integration: the analysis app's document (analysis/documents.py).
    ANALYSIS = "analysis", _("Annual analysis of the work")
    # integration: a granted petition of the proposals app (issue #16).
    ORDER_AWARD = "order_award", _("Draft order on rewarding")
    # integration: the schools app's form (documents/schools.py, issue #17).
    OBSERVATION = "observation", _("Lesson observation form")
    # integration: the council's composition (associations, issue #17; documents/council.py).
    ORDER_COUNCIL = "order_council", _("Draft order approving the council's composition")


class DocumentTemplate(models.Model):
    """An authority's own DOCX template for one kind of document, in place of the built-in."""

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("document"), max_length=32, choices=DocumentKind.choices)
    file = private_file_field(DOCUMENT_TEMPLATE, _("template"))
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    uploaded_by = actor_field(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="uniq_document_template_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.municipality}"
