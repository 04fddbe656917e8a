import datetime as dt

from django.db.models import Q
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from metodset.api.schemas import ERRORS
from metodset.core.access import get_for_user
from metodset.people.models import Category, EducationLevel, Gender, Teacher

router = Router(tags=["Педагоги"])


class TeacherOut(Schema):
    id: int
    municipality_id: int
    organisation_id: int
    last_name: str
    first_name: str
    patronymic: str
    gender: Gender
    birth_date: dt.date
    email: str
    phone: str
    position: str
    education_level: EducationLevel
    education_institution: str
    specialty: str
    subjects: list[str]
    teaching_since: dt.date
    working_since: dt.date
    teaching_years: int
    category: Category
    category_assigned_on: dt.date | None
    awards: str
    honorary_titles: str
    is_active: bool
    is_young: bool

    @staticmethod
    def resolve_subjects(obj: Teacher) -> list[str]:
        return [s.name for s in obj.subjects.all()]

    @staticmethod
    def resolve_teaching_years(obj: Teacher) -> int:
        return obj.teaching_years()

    @staticmethod
    def resolve_is_young(obj: Teacher) -> bool:
        return obj.is_young()


class TeacherFilter(FilterSchema):
    q: str | None = Field(None, description="Поиск по ФИО, e-mail, должности")
    organisation_id: int | None = None
    category: Category | None = None
    is_active: bool | None = None

    def filter_q(self, value):
        if not value:
            return Q()
        return (
            Q(last_name__icontains=value)
            | Q(first_name__icontains=value)
            | Q(email__icontains=value)
            | Q(position__icontains=value)
        )


def _teachers(user):
    return Teacher.objects.for_user(user).prefetch_related("subjects")


@router.get("/", response={200: list[TeacherOut], **ERRORS})
@paginate(PageNumberPagination, page_size=50)
def teacher_list(request, filters: Query[TeacherFilter]):
    return filters.filter(_teachers(request.user)).order_by("last_name", "first_name", "pk")


@router.get("/{pk}", response={200: TeacherOut, **ERRORS})
def teacher_get(request, pk: int):
    return get_for_user(_teachers(request.user), request.user, pk)
