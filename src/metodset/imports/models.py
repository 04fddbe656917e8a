from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from metodset.core.files import IMPORT_FILE, download_name, private_file_field
from metodset.core.models import MunicipalityOwned


class ImportKind(models.TextChoices):
    TEACHERS = "teachers", _("Teachers")
    ORGANISATIONS = "organisations", _("Organisations")
    # integration: the schools app (issue #17).
    RESULTS = "results", _("Results of assessment procedures")
    BIAS = "bias", _("Schools with signs of biased results")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued for checking")
    CHECKING = "checking", _("checking")
    CHECKED = "checked", _("checked")
    INVALID = "invalid", _("has errors")
    APPLYING = "applying", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("failed")


class ImportJob(MunicipalityOwned):
    """One uploaded file: checked row by row first, written all-or-nothing on request."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    # Private, with no URL: imports:file serves it to those who may see the import.
    file = private_file_field(IMPORT_FILE, _("file"))
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    # The outcome of every row is kept for the preview: [row, outcome, label, [[column, message]]]
    outcomes = models.JSONField(default=list, blank=True)
    # How the file was understood (imports/layout.py): {"header_rows": [5, 6], "derived": [...],
    # "columns": [[index, header, field, how, field without the methodist's choice], ...]}
    layout = models.JSONField(default=dict, blank=True)
    # The methodist's choices on the preview: {"header_row": 5, "columns": {"3": "full_name"}}
    mapping = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    # The worker that runs a step holds it until lease_until and renews the lease as rows go
    # by; a lease that ran out means the worker died (imports/services.py, import_watchdog).
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("imports:detail", args=[self.pk])

    def download_name(self) -> str:
        return download_name(PurePath(self.original_name).stem, self.file.name)

    @property
    def is_busy(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.APPLYING}

    @property
    def can_remap(self) -> bool:
        """Checked, not imported: the methodist may still say what the columns mean."""
        return self.status in {ImportStatus.CHECKED, ImportStatus.INVALID}

    @property
    def can_retry(self) -> bool:
        return self.status == ImportStatus.FAILED and self.applied_at is None

    @property
    def progress(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
