"""The bank of pedagogical information (001 §2.2, 003 direction 2, 004 §2.2).

A material is one record of the bank (a normative act, a recommendation, a lesson plan…)
with its files and links; a best practice (единица опыта, 000 §3.5, §5.3) is a material with
a description, conditions and results that goes through expert review (000 §5.7, 003 §3.3)
before it is accepted for dissemination. News are the service's and associations'
announcements. `SearchEntry` is one row per searchable record (materials, practices, plans,
events) with its text prepared for PostgreSQL full-text search and for the SQLite fallback.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metodset.core.dates import SchoolYear
from metodset.core.files import LIBRARY_FILE, download_name, private_file_field
from metodset.core.models import MunicipalityOwned, actor_field
from metodset.core.scoping import ScopedQuerySet, scoped_queryset


class MaterialKind(models.TextChoices):
    NORMATIVE_ACT = "normative_act", _("normative act")
    RECOMMENDATION = "recommendation", _("methodical recommendation")
    LESSON_PLAN = "lesson_plan", _("lesson plan")
    PROGRAMME = "programme", _("programme")
    PRESENTATION = "presentation", _("presentation")
    VIDEO = "video", _("video link")
    ARTICLE = "article", _("article")
    DIAGNOSTIC = "diagnostic", _("diagnostic tool")
    OTHER = "other", _("other")
    PRACTICE = "practice", _("best practice")


class EducationLevel(models.TextChoices):
    PRESCHOOL = "preschool", _("preschool")
    PRIMARY = "primary", _("primary general")
    BASIC = "basic", _("basic general")
    SECONDARY = "secondary", _("secondary general")
    ADDITIONAL = "additional", _("additional education")
    ALL = "all", _("all levels")


class AgeGroup(models.TextChoices):
    EARLY = "0-3", _("0–3 years")
    PRESCHOOL = "3-7", _("3–7 years")
    JUNIOR = "7-11", _("7–11 years")
    MIDDLE = "11-15", _("11–15 years")
    SENIOR = "15-18", _("15–18 years")
    ADULTS = "adults", _("adults (teachers, parents)")


class Visibility(models.TextChoices):
    ASSOCIATION = "association", _("members of the association")
    MUNICIPALITY = "municipality", _("the municipality")
    PUBLIC = "public", _("everyone (public portal)")


class PracticeStatus(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", _("not reviewed")
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under expert review")
    RETURNED = "returned", _("returned with comments")
    ACCEPTED = "accepted", _("accepted for dissemination")
    PUBLISHED = "published", _("published")


# Units that count as «prepared for dissemination» (000 §3.5): accepted after review.
COUNTED_STATUSES = (PracticeStatus.ACCEPTED, PracticeStatus.PUBLISHED)


class PracticeLevel(models.TextChoices):
    SCHOOL = "school", _("school level")
    MUNICIPAL = "municipal", _("municipal level")
    REGIONAL = "regional", _("regional level")
    FEDERAL = "federal", _("federal level")


class MaterialQuerySet(ScopedQuerySet):
    def with_lists(self):
        return self.select_related("subject", "association").prefetch_related("authors", "files")


class Material(MunicipalityOwned):
    """One record of the bank of pedagogical information."""

    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=400)
    summary = models.TextField(_("summary"), blank=True)
    subject = models.ForeignKey(
        "people.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
    )
    level = models.CharField(
        _("education level"), max_length=16, choices=EducationLevel.choices, blank=True
    )
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    tags = models.CharField(
        _("tags"), max_length=400, blank=True, help_text=_("Comma-separated keywords.")
    )
    authors = models.ManyToManyField(
        "people.Teacher", blank=True, related_name="materials", verbose_name=_("authors")
    )
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("association"),
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    link = models.URLField(_("link"), blank=True, max_length=500)
    visibility = models.CharField(_("who sees it"), max_length=16, choices=Visibility.choices)
    # For a methodical recommendation (000 §5.4): the decision that adopted it.
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=300,
        blank=True,
        help_text=_("For a recommendation: the meeting decision or council minutes."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_by = actor_field(_("added by"))
    history = HistoricalRecords(m2m_fields=[authors])

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["-school_year", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [models.Index(fields=["municipality", "kind", "school_year"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == MaterialKind.PRACTICE:
            return reverse("library:practice", args=[self.pk])
        return reverse("library:material", args=[self.pk])

    @property
    def year(self) -> SchoolYear:
        return SchoolYear(self.school_year)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    def clean(self):
        super().clean()
        errors = {}
        if self.association_id and self.association.municipality_id != self.municipality_id:
            errors["association"] = _("The association belongs to another municipality.")
        if self.visibility == Visibility.ASSOCIATION and not self.association_id:
            errors["association"] = _("Choose the association whose members see it.")
        if self.kind == MaterialKind.VIDEO and not self.link:
            errors["link"] = _("A video is given by its link.")
        if self.subject_id and self.subject.municipality_id not in (None, self.municipality_id):
            errors["subject"] = _("The subject belongs to another municipality.")
        if errors:
            raise ValidationError(errors)


class MaterialFile(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="files")
    # Private, with no URL: library:file serves it to those who may see the material.
    file = private_file_field(LIBRARY_FILE, _("file"))
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_queryset("material__municipality").as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("file of a material")
        verbose_name_plural = _("files of materials")

    def __str__(self) -> str:
        return self.original_name

    def download_name(self) -> str:
        stem = self.original_name.rsplit(".", 1)[0] if "." in self.original_name else ""
        return download_name(stem or self.material.title, self.file.name)


class Practice(Material):
    """A best practice (единица опыта) with its review state and the «address of experience»
    card (003 §8.8): what, where it can be seen, the contact."""

    description = models.TextField(_("description of the experience"))
    conditions = models.TextField(_("conditions"), blank=True)
    results = models.TextField(_("results"), blank=True)
    where_to_see = models.CharField(
        _("where it can be seen"),
        max_length=400,
        blank=True,
        help_text=_("The organisation, lessons or events where colleagues can see it."),
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    status = models.CharField(
        _("review status"), max_length=16, choices=PracticeStatus.choices, db_index=True
    )
    acceptance_level = models.CharField(
        _("level of acceptance"), max_length=16, choices=PracticeLevel.choices, blank=True
    )
    submitted_by = actor_field(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewers_required = models.PositiveSmallIntegerField(
        _("reviews required"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)
    accepted_on = models.DateField(_("accepted for dissemination on"), null=True, blank=True)
    accepted_by = actor_field(_("accepted by"))
    decision = models.CharField(
        _("decision"),
        max_length=300,
        blank=True,
        help_text=_("The council or expert group decision that accepted it."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # What a teacher once typed about himself (before review existed): kept as he wrote it.
    declared = models.CharField(_("declared by the teacher"), max_length=500, blank=True)
    legacy_record = models.OneToOneField(
        "growth.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_practice",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        indexes = [models.Index(fields=["status", "accepted_on"])]

    @property
    def counts(self) -> bool:
        return self.status in COUNTED_STATUSES

    def author_user_ids(self) -> set[int]:
        ids = {a.user_id for a in self.authors.all() if a.user_id}
        if self.submitted_by_id:
            ids.add(self.submitted_by_id)
        return ids


class ReviewCriterion(MunicipalityOwned):
    """A criterion of the review form, kept by the municipality (rules are data)."""

    name = models.CharField(_("criterion"), max_length=300)
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("order in the form"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self) -> str:
        return self.name


class ReviewSettings(MunicipalityOwned):
    """How many expert reviews a practice of the municipality needs."""

    reviewers_required = models.PositiveSmallIntegerField(
        _("reviews required"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="uniq_review_settings")
        ]


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("awaiting the review")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Verdict(models.TextChoices):
    ACCEPT = "accept", _("recommend for acceptance")
    RETURN = "return", _("return for revision")


class Review(models.Model):
    """One expert's review of a practice in one round."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="library_reviews",
        verbose_name=_("expert"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    appointed_by = actor_field(_("appointed by"))
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices, blank=True)
    opinion = models.TextField(_("written opinion"), blank=True)
    done_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    history = HistoricalRecords()

    objects = scoped_queryset("practice__municipality").as_manager()

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "expert", "round"], name="uniq_review_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practice} — {self.expert}"

    def get_absolute_url(self) -> str:
        return reverse("library:review", args=[self.pk])

    @property
    def total(self) -> int:
        return sum(s.score for s in self.scores.all())


class ReviewScore(models.Model):
    """An expert's score of one criterion."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="uniq_review_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Audience(models.TextChoices):
    MEMBERS = "members", _("members of the association")
    MUNICIPALITY = "municipality", _("the municipality")
    PUBLIC = "public", _("everyone (public portal)")


class NewsQuerySet(ScopedQuerySet):
    def published(self, now):
        return self.filter(is_draft=False, publish_at__lte=now)


class News(MunicipalityOwned):
    """A news item or announcement of the service or an association."""

    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    is_announcement = models.BooleanField(_("announcement"), default=False)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("association"),
    )
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    is_draft = models.BooleanField(_("draft"), default=True)
    publish_at = models.DateTimeField(_("publication date"), null=True, blank=True)
    author = actor_field(_("author"))
    history = HistoricalRecords()

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [models.Index(fields=["municipality", "is_draft", "publish_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:news_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.association_id and self.association.municipality_id != self.municipality_id:
            errors["association"] = _("The association belongs to another municipality.")
        if self.audience == Audience.MEMBERS and not self.association_id:
            errors["association"] = _("Choose the association whose members read it.")
        if not self.is_draft and not self.publish_at:
            errors["publish_at"] = _("State when it is published.")
        if errors:
            raise ValidationError(errors)


class EntryKind(models.TextChoices):
    MATERIAL = "material", _("material")
    PRACTICE = "practice", _("best practice")
    PLAN = "plan", _("work plan")
    EVENT = "event", _("event")


class EntryAccess(models.TextChoices):
    """Who finds an entry: the material's visibility, plus STAFF for a practice not yet
    published (its authors, experts and the methodists see it on its own page)."""

    ASSOCIATION = "association", _("members of the association")
    MUNICIPALITY = "municipality", _("the municipality")
    PUBLIC = "public", _("everyone")
    STAFF = "staff", _("the methodical service")


class SearchEntry(MunicipalityOwned):
    """One searchable record: its text, its filters and who may find it."""

    entry_kind = models.CharField(max_length=16, choices=EntryKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=600)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    access = models.CharField(max_length=16, choices=EntryAccess.choices)
    kind = models.CharField(max_length=20, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    level = models.CharField(max_length=16, blank=True)
    association_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    school_year = models.PositiveSmallIntegerField(null=True, blank=True)
    review_status = models.CharField(max_length=16, blank=True)
    # PostgreSQL: the tsvector (russian configuration, ё as е) with a GIN index (migration).
    vector = SearchVectorField(null=True)
    # Every database: « stem stem … » of the same text, for the fallback search.
    stems = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["entry_kind", "object_id"], name="uniq_search_entry")
        ]
        indexes = [
            models.Index(fields=["municipality", "access"]),
            # The bank's browsing order, also the page of a broad search (search.BROWSE_ORDER).
            models.Index(
                fields=["municipality", "-school_year", "title", "id"], name="library_entry_browse"
            ),
        ]

    def __str__(self) -> str:
        return self.title
