"""The bank of pedagogical information: materials, practices, reviews and search.

The same access helpers and services as the pages: another municipality's record answers
404, a forbidden action 403, and nobody reviews or accepts his own practice.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from metodset.accounts.models import User
from metodset.api.pagination import Pagination
from metodset.api.schemas import ERRORS, ApiDate
from metodset.associations.models import Association
from metodset.library import access, search, services
from metodset.library.models import (
    EntryKind,
    MaterialKind,
    Practice,
    PracticeLevel,
    PracticeStatus,
    Review,
    Verdict,
    Visibility,
)
from metodset.people.models import Teacher

router = Router(tags=["Банк педагогической информации"])


class MaterialOut(Schema):
    id: int
    kind: MaterialKind
    title: str
    summary: str
    subject_id: int | None
    level: str
    age_group: str
    tags: str
    association_id: int | None
    school_year: int
    link: str
    visibility: Visibility
    author_ids: list[int] = Field(default_factory=list)
    file_ids: list[int] = Field(default_factory=list)

    @staticmethod
    def resolve_author_ids(obj):
        return [a.pk for a in obj.authors.all()]

    @staticmethod
    def resolve_file_ids(obj):
        return [f.pk for f in obj.files.all()]


class PracticeOut(MaterialOut):
    description: str
    conditions: str
    results: str
    where_to_see: str
    contact: str
    status: PracticeStatus
    acceptance_level: str
    reviewers_required: int
    review_round: int
    accepted_on: ApiDate | None


class PracticeIn(Schema):
    title: str = Field(max_length=400)
    description: str
    conditions: str = ""
    results: str = ""
    summary: str = ""
    where_to_see: str = Field("", max_length=400)
    contact: str = Field("", max_length=300)
    school_year: int = Field(ge=2000, le=2100)
    visibility: Visibility
    association_id: int | None = None
    author_ids: list[int] = Field(min_length=1, max_length=20)


class ReviewOut(Schema):
    id: int
    practice_id: int
    expert_id: int
    round: int
    status: str
    verdict: str
    opinion: str


class ExpertsIn(Schema):
    expert_ids: list[int] = Field(min_length=1, max_length=10)


class ReviewIn(Schema):
    scores: dict[int, int]
    verdict: Verdict
    opinion: str = Field(min_length=1)


class AcceptIn(Schema):
    level: PracticeLevel
    decision: str = Field("", max_length=300)
    publish: bool = False


class HitOut(Schema):
    kind: EntryKind
    id: int
    title: str
    url: str
    snippet: str
    school_year: int | None
    review_status: str


class SearchOut(Schema):
    total: int
    # True: more than `total` entries match (the count stops there); the hits are the newest.
    total_is_lower_bound: bool = False
    hits: list[HitOut]


@router.get("/materials", response={200: list[MaterialOut], **ERRORS})
@paginate(Pagination)
def material_list(request, kind: MaterialKind | None = None, year: int | None = None):
    rows = access.visible_materials(request.user).exclude(kind=MaterialKind.PRACTICE)
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(school_year=year)
    return rows.prefetch_related("authors", "files").order_by("-school_year", "title", "pk")


@router.get("/materials/{material_id}", response={200: MaterialOut, **ERRORS})
def material_get(request, material_id: int):
    return access.get_material_for_user(request.user, material_id)


@router.get("/practices", response={200: list[PracticeOut], **ERRORS})
@paginate(Pagination)
def practice_list(request, status: PracticeStatus | None = None):
    rows = access.visible_practices(request.user)
    if status:
        rows = rows.filter(status=status)
    return rows.prefetch_related("authors", "files").order_by("-school_year", "title", "pk")


@router.get("/practices/{practice_id}", response={200: PracticeOut, **ERRORS})
def practice_get(request, practice_id: int):
    return access.get_practice_for_user(request.user, practice_id)


@router.post("/practices", response={201: PracticeOut, **ERRORS})
def practice_submit(request, payload: PracticeIn):
    """Submit a practice for expert review (files are added through the page)."""
    user = request.user
    municipality = user.municipality
    if municipality is None:  # the admin submits through the page, choosing a municipality
        raise PermissionDenied
    data = payload.dict()
    association_id = data.get("association_id")
    if (
        association_id is not None
        and not Association.objects.for_user(user).filter(pk=association_id).exists()
    ):
        raise ValidationError({"association_id": _("There is no such association.")})
    authors = list(Teacher.objects.for_user(user).filter(pk__in=data.pop("author_ids")))
    practice = Practice(municipality=municipality, **data)
    return 201, services.practice_submit(user=user, practice=practice, authors=authors)


@router.post("/practices/{practice_id}/experts", response={200: list[ReviewOut], **ERRORS})
def experts_appoint(request, practice_id: int, payload: ExpertsIn):
    practice = access.get_practice_for_user(
        request.user, practice_id, perm="library.decide_practice"
    )
    experts = list(User.objects.filter(pk__in=payload.expert_ids))
    services.experts_appoint(user=request.user, practice=practice, experts=experts)
    return list(practice.reviews.filter(round=practice.review_round))


@router.post("/practices/{practice_id}/accept", response={200: PracticeOut, **ERRORS})
def practice_accept(request, practice_id: int, payload: AcceptIn):
    practice = access.get_practice_for_user(
        request.user, practice_id, perm="library.decide_practice"
    )
    return services.practice_accept(user=request.user, practice=practice, **payload.dict())


@router.get("/reviews", response={200: list[ReviewOut], **ERRORS})
@paginate(Pagination)
def review_list(request):
    """The user's own reviews."""
    return Review.objects.filter(expert=request.user).order_by("-appointed_at", "pk")


@router.post("/reviews/{review_id}", response={200: ReviewOut, **ERRORS})
def review_submit(request, review_id: int, payload: ReviewIn):
    review = access.get_review_for_user(request.user, review_id)
    return services.review_submit(
        user=request.user,
        review=review,
        scores=payload.scores,
        verdict=payload.verdict,
        opinion=payload.opinion,
    )


class SearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=200)
    entry: EntryKind | None = None
    kind: MaterialKind | None = None
    year: int | None = None
    status: PracticeStatus | None = None
    association_id: int | None = None
    page: int = Field(1, ge=1, le=10_000)


@router.get("/search", response={200: SearchOut, **ERRORS})
def search_entries(request, params: Query[SearchIn]):
    """Full-text search in Russian (any word form; «ё» = «е»), best first, 20 per page; over
    1000 matches the total is 1000 with `total_is_lower_bound` and the newest come first."""
    q, entry, kind, year = params.q, params.entry, params.kind, params.year
    status, association_id, page = params.status, params.association_id, params.page
    entries = access.visible_entries(request.user)
    filters = {
        "entry_kind": entry,
        "kind": kind,
        "school_year": year,
        "review_status": status,
        "association_id": association_id,
    }
    entries = entries.filter(**{k: v for k, v in filters.items() if v})
    result = search.search(entries, q, offset=(page - 1) * 20, limit=20)
    return {
        "total": result.total,
        "total_is_lower_bound": result.capped,
        "hits": [
            {
                "kind": h.entry.entry_kind,
                "id": h.entry.object_id,
                "title": h.entry.title,
                "url": h.entry.url,
                "snippet": str(h.snippet),
                "school_year": h.entry.school_year,
                "review_status": h.entry.review_status,
            }
            for h in result.hits
        ],
    }
