from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from metodset.api.pagination import Pagination, audited
from metodset.api.schemas import ERRORS, PUT_ERRORS, ApiDate
from metodset.api.versions import ETAG_OPENAPI, ETAG_PUT_OPENAPI, IfMatch, Versioned
from metodset.core.access import get_for_user, require_perm
from metodset.people import services
from metodset.people.models import Category, EducationLevel, Gender, Subject, Teacher
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind

router = Router(tags=["Педагоги"])


class TeacherOut(Schema):
    id: int
    municipality_id: int
    organisation_id: int
    last_name: str
    first_name: str
    patronymic: str
    gender: Gender
    birth_date: ApiDate
    email: str
    phone: str
    position: str
    education_level: EducationLevel
    education_institution: str
    specialty: str
    subjects: list[str]
    subject_ids: list[int]
    teaching_since: ApiDate
    working_since: ApiDate
    teaching_years: int
    category: Category
    category_assigned_on: ApiDate | None
    awards: str
    honorary_titles: str
    is_active: bool
    is_young: bool

    @staticmethod
    def resolve_subjects(obj: Teacher) -> list[str]:
        return [s.name for s in obj.subjects.all()]

    @staticmethod
    def resolve_subject_ids(obj: Teacher) -> list[int]:
        return [s.pk for s in obj.subjects.all()]

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


class SubjectOut(Schema):
    id: int
    name: str
    municipality_id: int | None = Field(
        description="Пусто у общего (встроенного) предмета; иначе муниципалитет, добавивший его"
    )


@router.get("/subjects/", response={200: list[SubjectOut], **ERRORS})
@paginate(Pagination, page_size=50)
def subject_list(request):
    """Subjects a teacher may be given: the built-in ones and those of the user's scope."""
    return Subject.objects.for_user(request.user).order_by("name", "pk")


def _log_read(request, teachers) -> None:
    privacy.access_record(request=request, people=teachers, kind=AccessKind.API)


@router.get("/", response={200: list[TeacherOut], **ERRORS})
@paginate(audited(_log_read), page_size=50)
def teacher_list(request, filters: Query[TeacherFilter]):
    return filters.filter(_teachers(request.user)).order_by("last_name", "first_name", "pk")


@router.get("/{pk}", response={200: TeacherOut, **ERRORS}, openapi_extra=ETAG_OPENAPI)
def teacher_get(request, response: HttpResponse, pk: int):
    teacher = get_for_user(_teachers(request.user), request.user, pk)
    _log_read(request, [teacher])
    VERSION.tag(response, teacher)
    return teacher


class TeacherIn(Schema):
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    patronymic: str = Field("", max_length=100)
    gender: Gender
    birth_date: ApiDate
    email: str = ""
    phone: str = Field("", max_length=60)
    organisation_id: int
    position: str = Field(min_length=1, max_length=200)
    education_level: EducationLevel
    education_institution: str = Field("", max_length=300)
    specialty: str = Field("", max_length=300)
    teaching_since: ApiDate
    working_since: ApiDate
    category: Category = Category.NONE
    category_assigned_on: ApiDate | None = None
    awards: str = ""
    honorary_titles: str = ""
    is_active: bool = True
    subject_ids: list[int] | None = Field(
        None, description="Предметы (id из /teachers/subjects/); не передан — не меняются"
    )


VERSION = Versioned(Teacher, TeacherIn)


def _fields(request, payload: TeacherIn) -> dict:
    from metodset.orgs.models import Organisation

    data = payload.dict()
    data["organisation"] = get_object_or_404(
        Organisation.objects.for_user(request.user), pk=data.pop("organisation_id")
    )
    subject_ids = data.pop("subject_ids")
    if subject_ids is not None:
        wanted = set(subject_ids)
        subjects = list(
            Subject.objects.available_in(data["organisation"].municipality).filter(pk__in=wanted)
        )
        unknown = sorted(wanted - {s.pk for s in subjects})
        if unknown:
            raise ValidationError(
                {
                    "subject_ids": _("No such subject in the municipality: %(ids)s.")
                    % {"ids": ", ".join(map(str, unknown))}
                }
            )
        data["subjects"] = subjects
    return data


@router.post("/", response={201: TeacherOut, **ERRORS})
def teacher_create(request, payload: TeacherIn):
    require_perm(request.user, "people.add_teacher")
    data = _fields(request, payload)
    teacher = services.teacher_create(
        user=request.user, municipality=data["organisation"].municipality, **data
    )
    return 201, _teachers(request.user).get(pk=teacher.pk)


@router.put("/{pk}", response={200: TeacherOut, **PUT_ERRORS}, openapi_extra=ETAG_PUT_OPENAPI)
def teacher_update(
    request, response: HttpResponse, pk: int, payload: TeacherIn, if_match: str | None = IfMatch
):
    teacher = get_for_user(Teacher.objects.all(), request.user, pk, perm="people.manage_teacher")
    data = VERSION.expect(_fields(request, payload), if_match, teacher)
    with VERSION.conflicts():
        services.teacher_update(user=request.user, teacher=teacher, data=data)
    teacher = _teachers(request.user).get(pk=pk)
    VERSION.tag(response, teacher)
    return teacher


@router.delete("/{pk}", response={204: None, **ERRORS})
def teacher_delete(request, pk: int):
    teacher = get_for_user(Teacher.objects.all(), request.user, pk, perm="people.delete_teacher")
    services.teacher_delete(user=request.user, teacher=teacher)
    return 204, None
