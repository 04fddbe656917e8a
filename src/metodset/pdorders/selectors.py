"""Reads of the PD order: the proposal of a request's lines from the data, the requests in
scope, the fulfilment of each line, the courses and a teacher's own enrolments."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from metodset.associations.models import Membership
from metodset.growth.models import PD_YEARS, Diagnostic, PDCourse, TeacherNeed
from metodset.growth.selectors import pd_renewal_due
from metodset.pdorders.models import Enrolment, PDRequest, PDRequestLine, PlannedCourse, Source
from metodset.people.models import Teacher


@dataclass
class Proposal:
    """A line the data suggest; it enters the request only if a person chooses it."""

    key: str
    topic: str
    source: str
    reason: str
    competence_id: int | None = None
    hours: int | None = None
    teachers: list[Teacher] = field(default_factory=list)
    places: int = 0
    in_request: bool = False

    @property
    def source_label(self) -> str:
        return str(Source(self.source).label)


def request_teachers(request: PDRequest) -> QuerySet[Teacher]:
    """Whose needs the request answers: the association's members during the school year,
    or every working teacher of the municipality for its own request."""
    year = request.year
    if request.association_id:
        members = Membership.objects.during(year.starts_on, year.ends_on).filter(
            association_id=request.association_id
        )
        return Teacher.objects.filter(pk__in=members.values("teacher_id"))
    return Teacher.objects.working_in(request.municipality_id)


def _need_proposals(request: PDRequest, teachers: QuerySet[Teacher]) -> list[Proposal]:
    """One line per need of the municipality's list stated for the year, with who stated it."""
    rows = (
        TeacherNeed.objects.filter(
            teacher__in=teachers.values("pk"),
            school_year=request.school_year,
            need__isnull=False,
        )
        .select_related("need", "teacher__organisation")
        .order_by("need__name", "teacher__last_name", "teacher__first_name")
    )
    grouped: dict[int, Proposal] = {}
    for row in rows:
        need = row.need
        if need is None:  # filtered out above; for the type checker
            continue
        proposal = grouped.setdefault(
            need.pk,
            Proposal(
                key=f"need-{need.pk}",
                topic=need.name,
                source=Source.NEED,
                reason=_("stated as a need"),
            ),
        )
        if row.teacher not in proposal.teachers:
            proposal.teachers.append(row.teacher)
    return list(grouped.values())


def _deficit_proposals(request: PDRequest, teachers: QuerySet[Teacher]) -> list[Proposal]:
    """One line per competence found lacking by diagnostics of the year and the one before."""
    year = request.year
    links = (
        Diagnostic.competences.through.objects.filter(
            diagnostic__teacher__in=teachers.values("pk"),
            diagnostic__date__gte=year.previous.starts_on,
            diagnostic__date__lte=year.ends_on,
        )
        .select_related("competence", "diagnostic__teacher__organisation")
        .order_by("competence__code", "competence__title", "diagnostic__teacher__last_name")
    )
    grouped: dict[int, Proposal] = {}
    for link in links:
        competence = link.competence
        proposal = grouped.setdefault(
            competence.pk,
            Proposal(
                key=f"deficit-{competence.pk}",
                topic=competence.title,
                source=Source.DEFICIT,
                reason=_("a deficit found by diagnostics"),
                competence_id=competence.pk,
            ),
        )
        teacher = link.diagnostic.teacher
        if teacher not in proposal.teachers:
            proposal.teachers.append(teacher)
    return list(grouped.values())


def _renewal_proposal(request: PDRequest, teachers: QuerySet[Teacher]) -> list[Proposal]:
    """The teachers whose PD runs out under the three-year rule by the end of the year."""
    due = list(pd_renewal_due(teachers, request.year.ends_on).select_related("organisation"))
    if not due:
        return []
    return [
        Proposal(
            key="renewal",
            topic=_("PD course (renewal under the three-year rule)"),
            source=Source.RENEWAL,
            reason=_("the last PD course is more than %(n)s years old by %(date)s, or none")
            % {"n": PD_YEARS, "date": f"{request.year.ends_on:%d.%m.%Y}"},
            teachers=due,
        )
    ]


def _association_proposals(request: PDRequest) -> list[Proposal]:
    """For the municipality's request: the associations' lines of the year, the same topic,
    competence and hours summed into one."""
    lines = (
        PDRequestLine.objects.filter(
            request__municipality_id=request.municipality_id,
            request__school_year=request.school_year,
            request__association__isnull=False,
        )
        .select_related("request__association")
        .prefetch_related("teachers__organisation")
        .order_by("pk")
    )
    grouped: dict[tuple, Proposal] = {}
    for line in lines:
        key = (" ".join(line.topic.lower().split()), line.competence_id, line.hours)
        proposal = grouped.setdefault(
            key,
            Proposal(
                key=f"association-{line.pk}",
                topic=line.topic,
                source=Source.ASSOCIATION,
                reason="",
                competence_id=line.competence_id,
                hours=line.hours,
            ),
        )
        proposal.places += line.places
        names = [proposal.reason] if proposal.reason else []
        proposal.reason = ", ".join([*names, str(line.request.association)])
        for teacher in line.teachers.all():
            if teacher not in proposal.teachers:
                proposal.teachers.append(teacher)
    return list(grouped.values())


def proposal(request: PDRequest) -> list[Proposal]:
    """The lines the data suggest for the request, each with the teachers behind it and its
    reason; those whose topic is already in the request are marked (a person still decides)."""
    teachers = request_teachers(request)
    proposals = []
    if request.association_id is None:
        proposals += _association_proposals(request)
    proposals += _need_proposals(request, teachers)
    proposals += _deficit_proposals(request, teachers)
    proposals += _renewal_proposal(request, teachers)
    present = {" ".join(t.lower().split()) for t in request.lines.values_list("topic", flat=True)}
    for item in proposals:
        if not item.places:
            item.places = len(item.teachers)
        item.in_request = " ".join(item.topic.lower().split()) in present
    return proposals


def requests_for_user(user, school_year: int | None = None) -> QuerySet[PDRequest]:
    """The requests the user may read: the service's in its scope, a head's of his
    associations; with the number of lines and places."""
    requests = PDRequest.objects.for_user(user)
    if not user.has_perm("pdorders.view_courses"):  # not of the service: a head
        requests = requests.filter(association_id__in=user.headed_association_ids)
    if school_year:
        requests = requests.filter(school_year=school_year)
    return (
        requests.select_related("association", "municipality")
        .annotate(line_count=Count("lines", distinct=True))
        .order_by("-school_year", "municipality__name", "association__name", "pk")
    )


def _completed() -> Exists:
    """The enrolled teacher has a PD record of the course's programme from its start on."""
    return Exists(
        PDCourse.objects.filter(
            teacher=OuterRef("teacher"),
            program__iexact=OuterRef("course__title"),
            ends_on__gte=OuterRef("course__starts_on"),
        )
    )


def request_lines(request: PDRequest) -> list[PDRequestLine]:
    """The request's lines, each with `enrolled` and `completed`: its fulfilment by the courses
    planned against it. Three queries whatever the number of lines."""
    lines = list(
        request.lines.select_related("competence").prefetch_related("teachers__organisation")
    )
    enrolled: dict[int, int] = defaultdict(int)
    completed: dict[int, int] = defaultdict(int)
    rows = (
        Enrolment.objects.filter(course__line__request=request)
        .annotate(done=_completed())
        .values_list("course__line_id", "done")
    )
    for line_id, done in rows:
        enrolled[line_id] += 1
        completed[line_id] += bool(done)
    for line in lines:
        line.enrolled = enrolled[line.pk]  # type: ignore[attr-defined]
        line.completed = completed[line.pk]  # type: ignore[attr-defined]
    return lines


def courses_for_user(user) -> QuerySet[PlannedCourse]:
    return (
        PlannedCourse.objects.for_user(user)
        .select_related("municipality", "line__request__association")
        .annotate(enrolled=Count("enrolments", distinct=True))
        .order_by("-starts_on", "title", "pk")
    )


def course_enrolments(course: PlannedCourse) -> QuerySet[Enrolment]:
    return (
        course.enrolments.select_related("teacher__organisation")
        .annotate(completed=_completed())
        .order_by("teacher__last_name", "teacher__first_name", "pk")
    )


def own_enrolments(user) -> QuerySet[Enrolment]:
    """The courses the user's own teacher card is enrolled on."""
    return (
        Enrolment.objects.filter(teacher__user_id=user.pk)
        .select_related("course")
        .annotate(completed=_completed())
        .order_by("-course__starts_on", "pk")
    )
