from ninja import Router, Schema

from metodset.api.schemas import ERRORS, ApiDate
from metodset.core.access import get_for_user
from metodset.growth.models import RouteStatus
from metodset.people.models import Teacher
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind

router = Router(tags=["Профессиональный рост"])


class CourseOut(Schema):
    id: int
    program: str
    provider: str
    hours: int
    starts_on: ApiDate
    ends_on: ApiDate
    in_federal_registry: bool
    after_diagnostics: bool


class AttestationOut(Schema):
    id: int
    category: str
    assigned_on: ApiDate
    expires_on: ApiDate
    next_planned_on: ApiDate | None


class DiagnosticOut(Schema):
    id: int
    date: ApiDate
    instrument: str
    result: str
    deficits: str


class RouteOut(Schema):
    id: int
    school_year: int
    title: str
    status: RouteStatus
    completed_on: ApiDate | None


class GrowthOut(Schema):
    teacher_id: int
    courses: list[CourseOut]
    attestations: list[AttestationOut]
    diagnostics: list[DiagnosticOut]
    routes: list[RouteOut]


@router.get("/{teacher_id}", response={200: GrowthOut, **ERRORS})
def teacher_growth(request, teacher_id: int):
    """A teacher's growth records, visible as his personal data is."""
    teacher = get_for_user(Teacher.objects.all(), request.user, teacher_id)
    privacy.access_record(request=request, people=[teacher], kind=AccessKind.API)
    return {
        "teacher_id": teacher.pk,
        "courses": list(teacher.pd_courses.all()),
        "attestations": list(teacher.attestations.all()),
        "diagnostics": list(teacher.diagnostics.all()),
        "routes": list(teacher.routes.all()),
    }
