"""Demo data of the PD order: the municipality's competence list (the diagnostics' free-text
deficits linked to it), the first association's request and the municipality's for the current
school year, their lines chosen from the proposal as a methodist would, and a course planned
against the first line with teachers enrolled, two of whom have completed it."""

from __future__ import annotations

import datetime as dt

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.growth.models import Competence, Diagnostic, PDCourse
from metodset.pdorders import selectors, services
from metodset.pdorders.models import PDRequest

# (code, title, the words of the free-text deficits of the demo's diagnostics)
COMPETENCES = [
    ("1.1", "Формирующее оценивание образовательных результатов", "формирующее оценивание"),
    ("1.2", "Обучение детей с ОВЗ в условиях инклюзии", "работа с детьми с ОВЗ"),
    ("2.1", "Цифровые инструменты в обучении", "цифровые инструменты"),
    ("2.2", "Организация проектной деятельности обучающихся", "проектная деятельность"),
    ("3.1", "Формирование функциональной грамотности", ""),
]
HOURS = {"need": 36, "deficit": 72, "renewal": 72}


def _competences(municipality: Municipality) -> None:
    for code, title, words in COMPETENCES:
        competence = Competence.objects.create(municipality=municipality, code=code, title=title)
        if not words:
            continue
        found = Diagnostic.objects.filter(
            teacher__municipality=municipality, deficits__contains=words
        )
        competence.diagnostics.add(*found)


def _choose(request: PDRequest, count: int) -> None:
    """The lines a methodist would tick: the first proposals with most teachers."""
    proposals = sorted(selectors.proposal(request), key=lambda p: -len(p.teachers))[:count]
    competences = {c.pk: c for c in Competence.objects.filter(municipality=request.municipality)}
    services.pd_request_lines_add(
        user=None,
        request=request,
        lines=[
            services.ChosenLine(
                topic=p.topic,
                hours=p.hours or HOURS.get(p.source, 36),
                places=max(p.places, 1),
                source=p.source,
                competence=competences.get(p.competence_id) if p.competence_id else None,
                teachers=p.teachers[:5] if index == 0 else [],
                note=p.reason[:400],
            )
            for index, p in enumerate(proposals)
        ],
    )


def _provider(municipality: Municipality) -> str:
    """A provider the municipality's teachers already took courses with (the region's own
    institute in the demo), else the federal academy."""
    taken = (
        PDCourse.objects.filter(teacher__municipality=municipality)
        .order_by("provider")
        .values_list("provider", flat=True)
        .first()
    )
    return taken or "ФГАОУ ДПО «Академия Минпросвещения России»"


def pdorders_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    year = SchoolYear.of(today)
    for municipality in Municipality.objects.filter(slug__in=slugs).order_by("pk"):
        if Competence.objects.filter(municipality=municipality).exists():
            continue
        _competences(municipality)
        association = (
            Association.objects.filter(municipality=municipality).active().order_by("pk").first()
        )
        if association is not None:
            own = services.pd_request_create(
                user=None,
                municipality=municipality,
                association=association,
                school_year=year.start_year,
            )
            _choose(own, 4)
        common = services.pd_request_create(
            user=None, municipality=municipality, association=None, school_year=year.start_year
        )
        _choose(common, 6)
        line = common.lines.filter(competence__isnull=False).order_by("pk").first()
        if line is None:
            continue
        starts = year.starts_on + dt.timedelta(days=30 + seed % 7)
        course = services.planned_course_create(
            user=None,
            municipality=municipality,
            title=line.topic,
            provider=_provider(municipality),
            hours=line.hours,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=14),
            places=min(line.places, 25),
            line=line,
        )
        listeners = list(line.teachers.all()) or list(selectors.request_teachers(common)[:3])
        for index, teacher in enumerate(listeners[: course.places]):
            services.enrolment_add(user=None, course=course, teacher=teacher)
            if index < 2 and course.ends_on < today:
                PDCourse.objects.create(
                    teacher=teacher,
                    program=course.title,
                    provider=course.provider,
                    hours=course.hours,
                    starts_on=course.starts_on,
                    ends_on=course.ends_on,
                )
