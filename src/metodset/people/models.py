import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear, full_years_between, years_ago
from metodset.core.links import object_url
from metodset.core.models import MunicipalityOwned
from metodset.people.querysets import SubjectQuerySet, TeacherQuerySet

YOUNG_TEACHER_MAX_AGE = 35  # DOMAIN.md: under 35 …
YOUNG_TEACHER_MAX_YEARS = 3  # … or within the first three years of teaching


class Gender(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")


class EducationLevel(models.TextChoices):
    HIGHER = "higher", _("Higher")
    HIGHER_PEDAGOGICAL = "higher_pedagogical", _("Higher pedagogical")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational")
    SECONDARY_VOCATIONAL_PEDAGOGICAL = (
        "secondary_vocational_pedagogical",
        _("Secondary vocational pedagogical"),
    )
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    HIGHEST = "highest", _("Highest category")
    FIRST = "first", _("First category")
    CONFORMITY = "conformity", _("Conformity with the position held")
    NONE = "none", _("No category")


class Subject(models.Model):
    """A school subject or area of work (математика, дополнительное образование…).

    A built-in subject (no municipality) is shared by every municipality; one a
    municipality adds (by an import) stays in that municipality's forms and filters.
    """

    name = models.CharField(pgettext_lazy("not a person", "name"), max_length=150)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Empty for a built-in subject that every municipality shares."),
    )
    history = HistoricalRecords()

    objects = SubjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="uniq_subject_name_in_municipality"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(municipality__isnull=True),
                name="uniq_builtin_subject_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Teacher(MunicipalityOwned):
    """A record of the teacher bank (банк данных о педагогах)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teacher_profile",
        verbose_name=_("user account"),
    )
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="teachers",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=200)
    education_level = models.CharField(
        _("education"), max_length=40, choices=EducationLevel.choices
    )
    education_institution = models.CharField(
        _("educational institution"), max_length=300, blank=True
    )
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    specialty = models.CharField(_("specialty by diploma"), max_length=300, blank=True)
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="teachers", verbose_name=_("subjects taught")
    )
    teaching_since = models.DateField(
        _("teaching experience since"),
        help_text=_("The date teaching experience counts from; years are derived."),
    )
    working_since = models.DateField(
        _("total experience since"),
        help_text=_("The date total work experience counts from."),
    )
    category = models.CharField(
        _("qualification category"), max_length=20, choices=Category.choices, default=Category.NONE
    )
    category_assigned_on = models.DateField(_("category assigned on"), null=True, blank=True)
    awards = models.TextField(_("awards"), blank=True, help_text=_("One per line."))
    honorary_titles = models.TextField(
        _("honorary titles"), blank=True, help_text=_("One per line.")
    )
    is_active = models.BooleanField(_("works now"), default=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[subjects])

    objects = TeacherQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "patronymic"]
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        indexes = [models.Index(fields=["municipality", "last_name"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return object_url("people:detail", self.pk)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def by_gender(self, masculine: str, feminine: str) -> str:
        """The form of a sentence about this teacher that agrees with her or his gender:
        «включён» / «включена». Callers pass pgettext("masculine"/"feminine", …)."""
        return feminine if self.gender == Gender.FEMALE else masculine

    @property
    def short_name(self) -> str:
        if self.anonymised_at:  # «Педагог № 15», not «Педагог №.»
            return self.full_name
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}"

    # What anonymisation leaves of the person (152-ФЗ): no name, contacts, education or
    # awards; the birth year stays for the age-based aggregates (young teachers).
    IDENTIFYING_FIELDS = (
        "last_name",
        "first_name",
        "patronymic",
        "birth_date",
        "email",
        "phone",
        "education_institution",
        "graduation_year",
        "specialty",
        "awards",
        "honorary_titles",
    )

    def neutral_values(self) -> dict:
        """The values anonymisation writes over IDENTIFYING_FIELDS, here and in the history."""
        with translation.override(settings.LANGUAGE_CODE):
            last_name = pgettext("the last name of an anonymised teacher", "Teacher")
        return {
            "last_name": last_name,
            "first_name": f"№ {self.pk}",
            "patronymic": "",
            "birth_date": dt.date(self.birth_date.year, 1, 1),
            "email": "",
            "phone": "",
            "education_institution": "",
            "graduation_year": None,
            "specialty": "",
            "awards": "",
            "honorary_titles": "",
        }

    def _today(self) -> dt.date:
        """Today, read once per loaded record: a list row asks for the age, the experience
        and the young-teacher badge, and timezone.localdate() is not free (issue #19)."""
        today = self.__dict__.get("_today_cache")
        if today is None:
            today = self.__dict__["_today_cache"] = timezone.localdate()
        return today

    def age(self, on: dt.date | None = None) -> int:
        return full_years_between(self.birth_date, on or self._today())

    def teaching_years(self, on: dt.date | None = None) -> int:
        return full_years_between(self.teaching_since, on or self._today())

    def total_years(self, on: dt.date | None = None) -> int:
        return full_years_between(self.working_since, on or self._today())

    def is_young(self, on: dt.date | None = None) -> bool:
        on = on or self._today()
        return (
            self.age(on) < YOUNG_TEACHER_MAX_AGE
            or self.teaching_years(on) < YOUNG_TEACHER_MAX_YEARS
        )

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.birth_date:
            if self.birth_date > today:
                errors["birth_date"] = _("The date of birth cannot be in the future.")
            elif self.birth_date > years_ago(today, 16):
                errors["birth_date"] = _("A teacher must be at least 16 years old.")
            elif self.birth_date < years_ago(today, 100):
                errors["birth_date"] = _("Check the date of birth: more than 100 years ago.")
        for field in ("teaching_since", "working_since", "category_assigned_on"):
            value = getattr(self, field)
            if value and value > today:
                errors[field] = _("The date cannot be in the future.")
            elif value and self.birth_date and value < self.birth_date:
                errors[field] = _("The date cannot be before the date of birth.")
        if (
            self.teaching_since
            and self.working_since
            and "teaching_since" not in errors
            and self.teaching_since < self.working_since
        ):
            errors["teaching_since"] = _(
                "Teaching experience cannot start before total work experience."
            )
        if self.category in (Category.HIGHEST, Category.FIRST, Category.CONFORMITY):
            if not self.category_assigned_on and "category_assigned_on" not in errors:
                errors["category_assigned_on"] = _("State when the category was assigned.")
        elif self.category_assigned_on:
            errors["category_assigned_on"] = _(
                "A teacher without a category has no assignment date."
            )
        if (
            self.organisation_id
            and self.municipality_id
            and self.organisation.municipality_id != self.municipality_id
        ):
            errors["organisation"] = _("The organisation belongs to another municipality.")
        if errors:
            raise ValidationError(errors)


class SelfEducationTheme(models.Model):
    """A teacher's self-education theme (тема самообразования) for one school year."""

    teacher = models.ForeignKey(
        Teacher, on_delete=models.CASCADE, related_name="self_education_themes"
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        help_text=_("The year the school year starts in, e.g. 2025 for 2025/2026."),
    )
    theme = models.CharField(_("theme"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year"]
        verbose_name = _("self-education theme")
        verbose_name_plural = _("self-education themes")
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "school_year"],
                name="uniq_theme_per_year",
                violation_error_message=_("The teacher already has a theme for this school year."),
            )
        ]

    def __str__(self) -> str:
        return self.theme

    @property
    def school_year_label(self) -> str:
        return str(SchoolYear(self.school_year))
