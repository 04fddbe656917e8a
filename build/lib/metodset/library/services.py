"""Every write of the bank: each service checks the user's permission itself.

The review flow of a best practice (000 §5.7, 003 §3.3):
submitted → (the methodist appoints experts) under review → each expert scores the
municipality's criteria and gives a verdict → one «return» sends it back with comments
(returned), the author fixes it and the same experts review the new round → when the
required number of experts recommend it, the methodist accepts it at a level → published.
Nobody reviews or accepts a practice he wrote or submitted.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.core.files import LIBRARY_FILE, check_upload
from metodset.core.services import with_history_user
from metodset.library import indexing
from metodset.library.models import (
    Material,
    MaterialFile,
    MaterialKind,
    News,
    Practice,
    PracticeLevel,
    PracticeStatus,
    Review,
    ReviewCriterion,
    ReviewScore,
    ReviewSettings,
    ReviewStatus,
    Verdict,
    Visibility,
)

DEFAULT_REVIEWERS = 2
# The review form a municipality starts with; its methodist edits it (rules are data).
DEFAULT_CRITERIA = [
    ("Актуальность и соответствие ФГОС", 3),
    ("Новизна опыта", 3),
    ("Результативность (подтверждённые результаты)", 3),
    ("Технологичность и воспроизводимость", 3),
    ("Качество оформления материалов", 3),
]


def criteria_for(municipality) -> list[ReviewCriterion]:
    """The municipality's criteria in use; the standard ones on first use if it has none."""
    rows = ReviewCriterion.objects.filter(municipality=municipality)
    if not rows.exists():
        ReviewCriterion.objects.bulk_create(
            ReviewCriterion(municipality=municipality, name=name, max_score=top, position=n)
            for n, (name, top) in enumerate(DEFAULT_CRITERIA, 1)
        )
    return list(rows.filter(is_active=True))


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _check_authors(material: Material, authors: Iterable) -> list:
    authors = list(authors)
    if any(a.municipality_id != material.municipality_id for a in authors):
        raise ValidationError({"authors": _("An author works in another municipality.")})
    return authors


def _add_files(material: Material, uploads: Iterable) -> None:
    for uploaded in uploads:
        try:
            check_upload(uploaded, LIBRARY_FILE)
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
        MaterialFile.objects.create(
            material=material,
            file=uploaded,
            original_name=uploaded.name[:255],
            size=uploaded.size or 0,
        )


def _check_public(user, material: Material) -> None:
    if material.visibility == Visibility.PUBLIC and not user.has_perm(
        "library.publish_public", material
    ):
        raise ValidationError(
            {"visibility": _("Only the methodical service or the head may open it to everyone.")}
        )


@transaction.atomic
def material_save(
    *,
    user,
    material: Material,
    authors: Iterable,
    uploads: Iterable = (),
) -> Material:
    """Create or change a material (not a practice) with its authors and new files."""
    if material.pk:
        _require(user, "library.change_material", material)
    else:
        _require(user, "library.add_material")
        material.created_by = user
    if material.kind == MaterialKind.PRACTICE:
        raise ValidationError({"kind": _("A best practice is submitted for review.")})
    material.full_clean()
    authors = _check_authors(material, authors)
    _check_public(user, material)
    with_history_user(material, user).save()
    material.authors.set(authors)
    _add_files(material, uploads)
    indexing.index_material(material)
    return material


@transaction.atomic
def material_delete(*, user, material: Material) -> None:
    _require(user, "library.change_material", material)
    names = [(f.file.name, f.file.storage) for f in material.files.all() if f.file.name]
    with_history_user(material, user).delete()

    def remove_files() -> None:
        for name, storage in names:
            storage.delete(name)

    transaction.on_commit(remove_files)


# --- Best practices --------------------------------------------------------------------------


def reviewers_required(municipality) -> int:
    settings_row = ReviewSettings.objects.filter(municipality=municipality).first()
    return settings_row.reviewers_required if settings_row else DEFAULT_REVIEWERS


@transaction.atomic
def practice_submit(*, user, practice: Practice, authors: Iterable, uploads: Iterable = ()):
    """A teacher, a head or the methodist submits a practice for expert review."""
    _require(user, "library.submit_practice")
    practice.kind = MaterialKind.PRACTICE
    practice.status = PracticeStatus.SUBMITTED
    practice.submitted_by = user
    practice.created_by = user
    practice.submitted_at = timezone.now()
    practice.reviewers_required = reviewers_required(practice.municipality)
    practice.full_clean()
    authors = _check_authors(practice, authors)
    if not authors:
        raise ValidationError({"authors": _("Name at least one author.")})
    with_history_user(practice, user).save()
    practice.authors.set(authors)
    _add_files(practice, uploads)
    indexing.index_material(practice)
    return practice


@transaction.atomic
def practice_revise(*, user, practice: Practice, authors: Iterable, uploads: Iterable = ()):
    """The author fixes a submitted or returned practice; a returned one goes back to the
    same experts for a new round."""
    if practice.status not in (PracticeStatus.SUBMITTED, PracticeStatus.RETURNED):
        raise ValidationError(_("The practice is not open for changes now."))
    if user.pk not in practice.author_user_ids() and not user.has_perm(
        "library.decide_practice", practice
    ):
        raise PermissionDenied
    practice.full_clean()
    authors = _check_authors(practice, authors)
    if not authors:
        raise ValidationError({"authors": _("Name at least one author.")})
    if practice.status == PracticeStatus.RETURNED:
        # Every expert of the round, including those whose review the return cancelled.
        experts = list(
            practice.reviews.filter(round=practice.review_round).values_list("expert_id", flat=True)
        )
        practice.review_round += 1
        practice.status = PracticeStatus.UNDER_REVIEW if experts else PracticeStatus.SUBMITTED
        practice.submitted_at = timezone.now()
        Review.objects.bulk_create(
            Review(practice=practice, expert_id=e, round=practice.review_round, appointed_by=user)
            for e in dict.fromkeys(experts)
        )
    with_history_user(practice, user).save()
    practice.authors.set(authors)
    _add_files(practice, uploads)
    indexing.index_material(practice)
    return practice


def _not_own(user, practice: Practice, message: str) -> None:
    if user.pk in practice.author_user_ids():
        raise ValidationError(message)


@transaction.atomic
def experts_appoint(*, user, practice: Practice, experts: Iterable) -> list[Review]:
    """The methodist appoints experts for the current round (added to those already there)."""
    _require(user, "library.decide_practice", practice)
    if practice.status not in (PracticeStatus.SUBMITTED, PracticeStatus.UNDER_REVIEW):
        raise ValidationError(_("Experts are appointed to a submitted practice."))
    experts = list(experts)
    own = practice.author_user_ids()
    errors = []
    for expert in experts:
        if expert.pk in own:
            errors.append(_("%(name)s is an author of the practice.") % {"name": expert})
        elif expert.municipality_id != practice.municipality_id or not expert.is_active:
            errors.append(_("%(name)s cannot review here.") % {"name": expert})
    if errors:
        raise ValidationError({"experts": errors})
    current = practice.reviews.filter(round=practice.review_round).exclude(
        status=ReviewStatus.CANCELLED
    )
    already = set(current.values_list("expert_id", flat=True))
    if len(already | {e.pk for e in experts}) < practice.reviewers_required:
        raise ValidationError(
            {"experts": _("Appoint at least %(n)s experts.") % {"n": practice.reviewers_required}}
        )
    created = [
        Review.objects.create(
            practice=practice, expert=e, round=practice.review_round, appointed_by=user
        )
        for e in experts
        if e.pk not in already
    ]
    criteria_for(practice.municipality)
    practice.status = PracticeStatus.UNDER_REVIEW
    with_history_user(practice, user).save(update_fields=["status", "updated_at"])
    indexing.index_material(practice)
    return created


@transaction.atomic
def review_submit(
    *, user, review: Review, scores: dict[int, int], verdict: str, opinion: str
) -> Review:
    """An expert scores each criterion, gives a verdict and a written opinion."""
    _require(user, "library.do_review", review)
    practice = Practice.objects.select_for_update().get(pk=review.practice_id)
    _not_own(user, practice, _("Nobody reviews his own work."))
    if review.status != ReviewStatus.PENDING or practice.status != PracticeStatus.UNDER_REVIEW:
        raise ValidationError(_("This review is closed."))
    criteria = criteria_for(practice.municipality)
    errors = {}
    for criterion in criteria:
        score = scores.get(criterion.pk)
        if score is None or not 0 <= score <= criterion.max_score:
            errors[f"score_{criterion.pk}"] = _("Score from 0 to %(max)s.") % {
                "max": criterion.max_score
            }
    if verdict not in Verdict.values:
        errors["verdict"] = _("Choose a verdict.")
    if not opinion.strip():
        errors["opinion"] = _("Write the opinion.")
    if errors:
        raise ValidationError(errors)
    ReviewScore.objects.bulk_create(
        ReviewScore(review=review, criterion=c, score=scores[c.pk]) for c in criteria
    )
    review.verdict, review.opinion = verdict, opinion.strip()
    review.status, review.done_at = ReviewStatus.DONE, timezone.now()
    with_history_user(review, user).save()
    if verdict == Verdict.RETURN:
        practice.reviews.filter(round=review.round, status=ReviewStatus.PENDING).update(
            status=ReviewStatus.CANCELLED
        )
        practice.status = PracticeStatus.RETURNED
        with_history_user(practice, user).save(update_fields=["status", "updated_at"])
        indexing.index_material(practice)
    return review


def recommendations(practice: Practice) -> int:
    """Experts of the current round who recommend acceptance."""
    return practice.reviews.filter(
        round=practice.review_round, status=ReviewStatus.DONE, verdict=Verdict.ACCEPT
    ).count()


def ready_to_accept(practice: Practice) -> bool:
    return (
        practice.status == PracticeStatus.UNDER_REVIEW
        and recommendations(practice) >= practice.reviewers_required
        and not practice.reviews.filter(
            round=practice.review_round, status=ReviewStatus.PENDING
        ).exists()
    )


@transaction.atomic
def practice_accept(
    *, user, practice: Practice, level: str, decision: str = "", publish: bool = False
) -> Practice:
    """The methodist accepts a reviewed practice for dissemination at a level."""
    _require(user, "library.decide_practice", practice)
    _not_own(user, practice, _("Nobody accepts his own work."))
    if not ready_to_accept(practice):
        raise ValidationError(
            _("The practice needs %(n)s recommending reviews of this round first.")
            % {"n": practice.reviewers_required}
        )
    if level not in PracticeLevel.values:
        raise ValidationError({"level": _("Choose the level.")})
    practice.status = PracticeStatus.ACCEPTED
    practice.acceptance_level = level
    practice.decision = decision
    practice.accepted_on = timezone.localdate()
    practice.accepted_by = user
    if publish:
        practice.status = PracticeStatus.PUBLISHED
        practice.published_at = timezone.now()
    with_history_user(practice, user).save()
    indexing.index_material(practice)
    return practice


@transaction.atomic
def practice_publish(*, user, practice: Practice) -> Practice:
    _require(user, "library.decide_practice", practice)
    if practice.status != PracticeStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted practice is published."))
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = timezone.now()
    with_history_user(practice, user).save()
    indexing.index_material(practice)
    return practice


# --- Review form and news -------------------------------------------------------------------


@transaction.atomic
def criterion_save(*, user, criterion: ReviewCriterion) -> ReviewCriterion:
    _require(user, "library.manage_criteria")
    if not user.is_platform_admin and criterion.municipality_id != user.municipality_id:
        raise PermissionDenied
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def review_settings_save(*, user, municipality, reviewers: int) -> ReviewSettings:
    _require(user, "library.manage_criteria")
    if not user.is_platform_admin and municipality.pk != user.municipality_id:
        raise PermissionDenied
    row, _created = ReviewSettings.objects.get_or_create(municipality=municipality)
    row.reviewers_required = reviewers
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def news_save(*, user, news: News) -> News:
    """Write a news item or an announcement (a head: for his association only)."""
    if news.pk:
        if not (news.author_id == user.pk or user.has_perm("library.change_news", news)):
            raise PermissionDenied
    else:
        _require(user, "library.add_news")
        news.author = user
    if user.is_teacher and not user.has_perm("library.change_news", news):
        raise ValidationError({"association": _("Choose an association you head.")})
    news.full_clean()
    with_history_user(news, user).save()
    return news
