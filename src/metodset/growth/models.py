"""The professional growth of a teacher: PD courses, attestation, diagnostics, ИОМ,
mentoring, regional methodist status and professional needs (DOMAIN.md, 001 §4.1)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from metodset.core.dates import years_later
from metodset.core.files import PD_CERTIFICATE, download_name, private_file_field
from metodset.core.models import MunicipalityOwned
from metodset.core.scoping import ScopedQuerySet, scope_for
from metodset.people.models import Category

ATTESTATION_YEARS = 5  # a category is assigned for five years (Order 196 of the Ministry)
PD_YEARS = 3  # a teacher renews his PD at least every three years (273-ФЗ, ст. 47)


class TeacherRecordQuerySet(ScopedQuerySet):
    """Growth records are personal data: visible exactly as their teacher is."""

    municipality_path = "teacher__municipality"

    def for_user(self, user):
        from metodset.people.models import Teacher

        if scope_for(user).empty:
            return self.none()
        return self.filter(teacher__in=Teacher.objects.for_user(user).values("pk"))


class TeacherRecord(models.Model):
    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="+", verbose_name=_("teacher")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeacherRecordQuerySet.as_manager()

    class Meta:
        abstract = True


class PDCourse(TeacherRecord):
    """A course of further professional education (повышение квалификации)."""

    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        related_name="pd_courses",
        verbose_name=_("teacher"),
    )
    program = models.CharField(_("programme"), max_length=400)
    provider = models.CharField(_("provider"), max_length=300)
    hours = models.PositiveIntegerField(_("hours"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    in_federal_registry = models.BooleanField(
        _("in the federal registry of programmes"), default=False
    )
    after_diagnostics = models.BooleanField(_("chosen after diagnostics"), default=False)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    # Private, with no URL: growth:certificate serves it to those who may see the teacher.
    certificate = private_file_field(
        PD_CERTIFICATE,
        _("certificate file"),
        blank=True,
        help_text=_("PDF, JPG or PNG, up to 10 MB."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-ends_on"]
        verbose_name = _("PD course")
        verbose_name_plural = _("PD courses")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="pd_course_hours_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="pd_course_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.program

    def download_name(self) -> str:
        """«Удостоверение о ПК, Иванова М. П., Функциональная грамотность.pdf»."""
        title = _("PD certificate, %(teacher)s, %(programme)s") % {
            "teacher": self.teacher.short_name,
            "programme": self.program,
        }
        return download_name(title, self.certificate.name)

    def clean(self):
        super().clean()
        if self.hours is not None and self.hours <= 0:
            raise ValidationError({"hours": _("A course has at least one hour.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A course cannot end before it starts.")})


class Attestation(TeacherRecord):
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        related_name="attestations",
        verbose_name=_("teacher"),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=[c for c in Category.choices if c[0] != Category.NONE]
    )
    assigned_on = models.DateField(_("assigned on"))
    expires_on = models.DateField(_("valid until"))
    next_planned_on = models.DateField(_("next attestation planned for"), null=True, blank=True)
    basis = models.CharField(_("order"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assigned_on"]
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("assigned_on")),
                name="attestation_expires_after_assignment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.assigned_on:%d.%m.%Y})"

    def clean(self):
        super().clean()
        if self.assigned_on and not self.expires_on:
            self.expires_on = years_later(self.assigned_on, ATTESTATION_YEARS)
        if self.assigned_on and self.expires_on and self.expires_on <= self.assigned_on:
            raise ValidationError(
                {"expires_on": _("The category cannot expire before it is assigned.")}
            )
        if self.assigned_on and self.assigned_on > timezone.localdate():
            raise ValidationError({"assigned_on": _("The date cannot be in the future.")})


class Competence(MunicipalityOwned):
    """An item of the list of professional competencies the municipality keeps: the deficits
    a diagnostic finds are recorded against it, and the PD order is grouped by it."""

    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "title"]
        verbose_name = _("competence")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="competence_code_unique_in_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}" if self.code else self.title


class Diagnostic(TeacherRecord):
    """A diagnostic of professional competencies and the deficits it found: competencies of
    the municipality's list (`competences`); the free text stays as a note."""

    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        related_name="diagnostics",
        verbose_name=_("teacher"),
    )
    date = models.DateField(_("date"))
    instrument = models.CharField(_("instrument"), max_length=300)
    result = models.CharField(_("result"), max_length=200, blank=True)
    deficits = models.TextField(_("deficits found"), blank=True, help_text=_("One per line."))
    competences = models.ManyToManyField(
        Competence,
        blank=True,
        related_name="diagnostics",
        verbose_name=_("deficits by competence"),
        help_text=_("Competencies of the municipality's list the diagnostic found lacking."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("diagnostic")
        verbose_name_plural = _("diagnostics")

    def __str__(self) -> str:
        return f"{self.instrument} ({self.date:%d.%m.%Y})"


class RouteStatus(models.TextChoices):
    ACTIVE = "active", _("in progress")
    COMPLETED = "completed", _("completed")
    ABANDONED = "abandoned", _("abandoned")


class Route(TeacherRecord):
    """An individual educational route (ИОМ), built from the deficits of a diagnostic."""

    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="routes", verbose_name=_("teacher")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    title = models.CharField(_("title"), max_length=300)
    diagnostic = models.ForeignKey(
        Diagnostic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routes",
        verbose_name=_("based on the diagnostic"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RouteStatus.choices, default=RouteStatus.ACTIVE
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "title"]
        verbose_name = _("individual route")
        verbose_name_plural = _("individual routes")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.status == RouteStatus.COMPLETED and not self.completed_on:
            raise ValidationError({"completed_on": _("State when the route was completed.")})


class RouteStep(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=400)
    deadline = models.DateField(_("deadline"))
    evidence = models.CharField(_("evidence"), max_length=400, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")

    def __str__(self) -> str:
        return self.title


class Mentoring(TeacherRecord):
    """A mentoring pair: an experienced teacher supports a young one."""

    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        related_name="mentored_by",
        verbose_name=_("mentee"),
    )
    mentor = models.ForeignKey(
        "people.Teacher",
        on_delete=models.PROTECT,
        related_name="mentoring",
        verbose_name=_("mentor"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    plan = models.TextField(_("plan"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("teacher")), name="mentoring_not_self"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.teacher}"

    def clean(self):
        super().clean()
        if self.mentor_id and self.mentor_id == self.teacher_id:
            raise ValidationError({"mentor": _("A teacher cannot mentor himself.")})
        if (
            self.mentor_id
            and self.teacher_id
            and self.mentor.municipality_id != self.teacher.municipality_id
        ):
            raise ValidationError({"mentor": _("The mentor works in another municipality.")})
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


class RegionalMethodistStatus(TeacherRecord):
    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        related_name="regional_methodist_statuses",
        verbose_name=_("teacher"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("regional methodist status")
        verbose_name_plural = _("regional methodist statuses")

    def __str__(self) -> str:
        return str(self.teacher)

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


class Need(MunicipalityOwned):
    """An item of the list of professional needs the methodical service keeps."""

    name = models.CharField(pgettext_lazy("not a person", "name"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("professional need")
        verbose_name_plural = _("professional needs")

    def __str__(self) -> str:
        return self.name


class TeacherNeed(TeacherRecord):
    teacher = models.ForeignKey(
        "people.Teacher", on_delete=models.CASCADE, related_name="needs", verbose_name=_("teacher")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    need = models.ForeignKey(
        Need, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("need")
    )
    text = models.CharField(_("in my own words"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year"]
        verbose_name = _("teacher's need")
        verbose_name_plural = _("teachers' needs")

    def __str__(self) -> str:
        return str(self.need or self.text)

    def clean(self):
        super().clean()
        if not self.need_id and not self.text:
            raise ValidationError(_("Choose a need from the list or describe it."))


class PracticeLevel(models.TextChoices):
    """Where a practice was accepted for dissemination."""

    SCHOOL = "school", _("school")
    MUNICIPAL = "municipal", _("municipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")


class WorkProduct(TeacherRecord):
    """A product of a teacher's work counted by the indicators of 000 §3.5, dated by `dated`."""

    teacher = models.ForeignKey(
        "people.Teacher",
        on_delete=models.CASCADE,
        related_name="%(class)ss",  # practices, publications
        verbose_name=_("teacher"),
    )
    title = models.CharField(_("title"), max_length=400)
    dated = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        day = getattr(self, self.dated)
        if day and day > timezone.localdate():
            raise ValidationError({self.dated: _("The date cannot be in the future.")})


class Practice(WorkProduct):
    """A best practice or experience unit accepted for dissemination (адрес опыта, 000 §3.5)."""

    level = models.CharField(
        _("level"), max_length=16, choices=PracticeLevel.choices, default=PracticeLevel.MUNICIPAL
    )
    accepted_on = models.DateField(_("accepted for dissemination on"))
    accepted_by = models.CharField(
        _("accepted by"),
        max_length=300,
        blank=True,
        help_text=_("The council, expert group or order that accepted it."),
    )
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()
    dated = "accepted_on"

    class Meta:
        ordering = ["-accepted_on", "title"]
        verbose_name = _("experience unit")
        verbose_name_plural = _("experience units")
        indexes = [models.Index(fields=["teacher", "accepted_on"])]


class Publication(WorkProduct):
    """A member's publication on a site or in a collection (000 §3.5)."""

    venue = models.CharField(_("where published"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    published_on = models.DateField(_("published on"))
    history = HistoricalRecords()
    dated = "published_on"

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["teacher", "published_on"])]
