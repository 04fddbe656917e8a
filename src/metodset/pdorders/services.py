"""Writes of the PD order: requests, the lines a person chose, planned courses, enrolment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.growth.models import Competence
from metodset.pdorders.models import Enrolment, PDRequest, PDRequestLine, PlannedCourse
from metodset.people.models import Teacher


@dataclass(frozen=True)
class ChosenLine:
    """A line a person chose for the request (from the proposal or typed by hand)."""

    topic: str
    hours: int
    places: int
    source: str
    competence: Competence | None = None
    teachers: list[Teacher] = field(default_factory=list)
    note: str = ""


@transaction.atomic
def pd_request_create(
    *, user, municipality: Municipality, association: Association | None, school_year: int
) -> PDRequest:
    """Open the request of an association (its head or the methodist) or of the municipality
    (the methodist) for a school year; it starts empty: its lines are chosen by a person."""
    if association is not None:
        require_perm(user, "pdorders.change_request", association)
    else:
        require_perm(user, "pdorders.add_course", municipality)
        own = getattr(user, "municipality_id", None)
        if own is not None and own != municipality.pk:
            raise ValidationError(_("The request is of another municipality."))
    return model_create(
        PDRequest,
        user=user,
        municipality=municipality,
        association=association,
        school_year=school_year,
    )


@transaction.atomic
def pd_request_lines_add(
    *, user, request: PDRequest, lines: Iterable[ChosenLine]
) -> list[PDRequestLine]:
    """Add the lines a person chose to the request."""
    require_perm(user, "pdorders.change_request", request)
    added = []
    for chosen in lines:
        teachers = list(chosen.teachers)
        if any(t.municipality_id != request.municipality_id for t in teachers):
            raise ValidationError(_("The teacher works in another municipality."))
        line = model_create(
            PDRequestLine,
            user=user,
            request=request,
            topic=chosen.topic.strip()[:400],
            competence=chosen.competence,
            hours=chosen.hours,
            places=chosen.places,
            source=chosen.source,
            note=chosen.note,
        )
        line.teachers.set(teachers)
        added.append(line)
    return added


@transaction.atomic
def pd_request_line_update(*, user, line: PDRequestLine, data: dict) -> PDRequestLine:
    """Change a line: its topic, hours, places, the teachers agreed."""
    require_perm(user, "pdorders.change_request", line.request)
    teachers = data.get("teachers")
    if teachers is not None and any(
        t.municipality_id != line.request.municipality_id for t in teachers
    ):
        raise ValidationError({"teachers": _("The teacher works in another municipality.")})
    line, _changed = model_update(line, user=user, data=data)
    return line


@transaction.atomic
def pd_request_line_delete(*, user, line: PDRequestLine) -> None:
    """Take a line out of the request; courses planned against it stay, unlinked."""
    require_perm(user, "pdorders.change_request", line.request)
    with_history_user(line, user).delete()


@transaction.atomic
def planned_course_create(*, user, municipality: Municipality, **fields) -> PlannedCourse:
    """Record a course offered against the request, with its number of places."""
    require_perm(user, "pdorders.add_course", municipality)
    return model_create(PlannedCourse, user=user, municipality=municipality, **fields)


@transaction.atomic
def planned_course_update(*, user, course: PlannedCourse, data: dict) -> PlannedCourse:
    require_perm(user, "pdorders.change_course", course)
    if "places" in data and data["places"] < course.enrolments.count():
        raise ValidationError({"places": _("More teachers are enrolled than this.")})
    course, _changed = model_update(course, user=user, data=data)
    return course


@transaction.atomic
def enrolment_add(*, user, course: PlannedCourse, teacher: Teacher) -> Enrolment:
    """Enrol a teacher on a course while places remain."""
    require_perm(user, "pdorders.change_course", course)
    # Lock the course so two enrolments at once do not take the last place twice.
    PlannedCourse.objects.select_for_update().filter(pk=course.pk).first()
    return model_create(Enrolment, user=user, course=course, teacher=teacher)


@transaction.atomic
def enrolment_remove(*, user, enrolment: Enrolment) -> None:
    require_perm(user, "pdorders.change_course", enrolment.course)
    with_history_user(enrolment, user).delete()
