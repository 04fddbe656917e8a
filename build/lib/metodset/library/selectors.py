"""Reads of the bank, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from metodset.library.access import visible_news, visible_practices
from metodset.library.models import (
    Audience,
    Material,
    MaterialKind,
    News,
    Practice,
    PracticeStatus,
    Review,
    ReviewStatus,
    Visibility,
)


def practice_list(user) -> QuerySet[Practice]:
    """Practices the user may open, with the counts the list shows (one query per page)."""
    return (
        visible_practices(user)
        .select_related("association", "submitted_by")
        .annotate(
            pending=Count(
                "reviews",
                filter=Q(reviews__status=ReviewStatus.PENDING),
                distinct=True,
            )
        )
        .order_by("-submitted_at", "title")
    )


def practice_reviews(practice: Practice) -> list[Review]:
    return list(practice.reviews.select_related("expert").prefetch_related("scores__criterion"))


def review_list(user) -> QuerySet[Review]:
    """The user's own reviews, the open ones first."""
    return (
        Review.objects.filter(expert=user)
        .select_related("practice")
        .order_by("-status", "-appointed_at")
    )


def news_for_home(user, limit: int = 5) -> list[News]:
    """What a teacher reads on his home page: the latest news for him."""
    return list(
        visible_news(user, timezone.now())
        .select_related("association")
        .order_by("-publish_at", "-pk")[:limit]
    )


# --- The public portal ----------------------------------------------------------------------


def public_practices(municipality, association_id: int | None = None) -> QuerySet[Practice]:
    rows = Practice.objects.filter(
        municipality=municipality, status=PracticeStatus.PUBLISHED, visibility=Visibility.PUBLIC
    ).select_related("association", "subject")
    if association_id:
        rows = rows.filter(association_id=association_id)
    return rows.prefetch_related("authors").order_by("-accepted_on", "title")


def public_materials(municipality, association_id: int | None = None) -> QuerySet[Material]:
    rows = Material.objects.filter(municipality=municipality, visibility=Visibility.PUBLIC).exclude(
        kind=MaterialKind.PRACTICE
    )
    if association_id:
        rows = rows.filter(association_id=association_id)
    return (
        rows.select_related("association", "subject")
        .prefetch_related(Prefetch("authors"), "files")
        .order_by("-school_year", "title")
    )


def public_news(municipality, association_id: int | None = None) -> QuerySet[News]:
    rows = News.objects.filter(municipality=municipality, audience=Audience.PUBLIC).published(
        timezone.now()
    )
    if association_id:
        rows = rows.filter(association_id=association_id)
    return rows.select_related("association").order_by("-publish_at", "-pk")
