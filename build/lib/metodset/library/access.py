"""Who sees which record of the bank, and fetch-and-check helpers.

Scope first (core.scoping: another municipality's record answers 404), then visibility:
the methodical service, the platform admin and the region's coordinator see every record of
their scope; a teacher sees what is open to his municipality, what is open to the members
of an association he belongs to or heads, and his own work. A practice that is not
published yet is seen by the service, its authors, its submitter and its appointed experts.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from metodset.library.models import (
    Audience,
    EntryAccess,
    Material,
    News,
    Practice,
    PracticeStatus,
    Review,
    SearchEntry,
    Visibility,
)


def sees_everything_in_scope(user) -> bool:
    return user.is_platform_admin or user.is_methodist or user.is_regional_coordinator


def association_ids_of(user) -> set[int]:
    """Associations whose member or head the user is today."""
    from metodset.associations.models import Membership

    if not user.is_authenticated or not user.teacher_id:
        return set()
    members = Membership.objects.current().filter(teacher_id=user.teacher_id)
    return set(members.values_list("association_id", flat=True)) | set(user.headed_association_ids)


def _visible_q(user, *, is_practice: str | None, status: str) -> Q:
    own = Q(created_by=user)
    if user.teacher_id:
        own |= Q(authors=user.teacher_id)
    reviewed = Q(pk__in=Review.objects.filter(expert=user).values("practice_id"))
    open_to_him = Q(visibility__in=[Visibility.MUNICIPALITY, Visibility.PUBLIC]) | Q(
        visibility=Visibility.ASSOCIATION, association_id__in=association_ids_of(user)
    )
    published = Q(**{status: PracticeStatus.PUBLISHED})
    if is_practice:
        published |= Q(**{is_practice: True})
    return (open_to_him & published) | own | reviewed


def visible_materials(user) -> QuerySet[Material]:
    """Materials and practices (as materials) the user may open."""
    scoped = Material.objects.for_user(user)
    if sees_everything_in_scope(user):
        return scoped
    ids = scoped.filter(
        _visible_q(user, is_practice="practice__isnull", status="practice__status")
    ).values("pk")
    return scoped.filter(pk__in=ids)


def visible_practices(user) -> QuerySet[Practice]:
    scoped = Practice.objects.for_user(user)
    if sees_everything_in_scope(user):
        return scoped
    ids = scoped.filter(_visible_q(user, is_practice=None, status="status")).values("pk")
    return scoped.filter(pk__in=ids)


def visible_entries(user) -> QuerySet[SearchEntry]:
    """Search entries the user may find (plans and events: as he sees them in the office)."""
    if not user.is_authenticated:
        return SearchEntry.objects.filter(access=EntryAccess.PUBLIC)
    scoped = SearchEntry.objects.for_user(user)
    if sees_everything_in_scope(user):
        return scoped
    return scoped.filter(
        Q(access__in=[EntryAccess.MUNICIPALITY, EntryAccess.PUBLIC])
        | Q(access=EntryAccess.ASSOCIATION, association_id__in=association_ids_of(user))
    )


def visible_news(user, now) -> QuerySet[News]:
    """Published news for the user; drafts only for those who may edit them."""
    scoped = News.objects.for_user(user)
    if sees_everything_in_scope(user):
        return scoped.published(now)
    return scoped.published(now).filter(
        Q(audience__in=[Audience.MUNICIPALITY, Audience.PUBLIC])
        | Q(audience=Audience.MEMBERS, association_id__in=association_ids_of(user))
    )


def get_material_for_user(user, pk, *, write: bool = False) -> Material:
    material = get_object_or_404(visible_materials(user), pk=pk)
    if write and not user.has_perm("library.change_material", material):
        raise PermissionDenied
    return material


def get_practice_for_user(user, pk, *, perm: str | None = None) -> Practice:
    practice = get_object_or_404(
        visible_practices(user).select_related("subject", "association", "submitted_by"), pk=pk
    )
    if perm and not user.has_perm(perm, practice):
        raise PermissionDenied
    return practice


def get_review_for_user(user, pk) -> Review:
    """An expert's own review (404 for everybody else but the service of its municipality)."""
    review = get_object_or_404(
        Review.objects.for_user(user).select_related("practice", "expert"), pk=pk
    )
    if review.expert_id != user.pk and not user.has_perm(
        "library.decide_practice", review.practice
    ):
        raise PermissionDenied
    return review


def can_edit_news(user, news: News) -> bool:
    return news.author_id == user.pk or user.has_perm("library.change_news", news)


def get_news_for_user(user, pk, *, write: bool = False) -> News:
    """A news item: drafts and unpublished items only for who may edit them (else 403)."""
    from django.utils import timezone

    news = get_object_or_404(News.objects.for_user(user).select_related("association"), pk=pk)
    if can_edit_news(user, news):
        return news
    if write or not visible_news(user, timezone.now()).filter(pk=pk).exists():
        raise PermissionDenied
    return news
