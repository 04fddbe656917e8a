"""The year's numbers of an analysis, section by section, with last year's beside them.

Everything is read from the records the other apps keep (plans, meetings, events,
indicators, growth) in a fixed number of aggregate queries per section, whatever the
number of members, meetings or events. The result is a snapshot: plain lists of rows
{label, value, previous, unit, target, url} and short lines, stored in the analysis's
sections, so that the adopted text keeps the numbers it was adopted with.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.documents.context import fmt
from metodset.events.models import (
    CompetitionEntry,
    Event,
    EventStatus,
    Outcome,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    StudentResult,
)
from metodset.growth.models import (
    Attestation,
    Diagnostic,
    PDCourse,
    Practice,
    Publication,
    TeacherNeed,
)
from metodset.indicators.catalogue import CATALOGUE
from metodset.indicators.compute import for_associations, for_municipalities, members_during
from metodset.indicators.selectors import targets_of
from metodset.meetings.models import Attendance, Meeting
from metodset.people.models import Category, Teacher
from metodset.plans.models import ItemStatus, Plan

# (code, title) in the order of the document; the meetings section is an association's only.
SECTIONS = [
    ("plan", gettext_lazy("Carrying out the work plan")),
    ("meetings", gettext_lazy("Meetings of the association")),
    ("events", gettext_lazy("Events and participation")),
    ("indicators", gettext_lazy("Effectiveness indicators")),
    ("practices", gettext_lazy("Practices and publications")),
    ("competitions", gettext_lazy("Competitions and olympiads")),
    ("growth", gettext_lazy("Professional development and attestation")),
    ("needs", gettext_lazy("Needs and deficits")),
]
NO_MEETINGS = {"meetings"}  # sections the methodical service does not have


@dataclass
class Drafted:
    code: str
    title: str
    numbers: list[dict] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def row(label, value, previous=None, *, unit: str = "", target=None, url: str = "") -> dict:
    return {
        "label": str(label),
        "value": value,
        "previous": previous,
        "unit": unit,
        "target": target,
        "url": url,
    }


@dataclass(frozen=True)
class Subject:
    """Whose year is analysed: an association, or the municipality's methodical service."""

    municipality: Municipality
    association: Association | None
    year: SchoolYear

    @property
    def on(self) -> dt.date:
        """Meetings and events count once they have taken place: up to today within the year."""
        return min(timezone.localdate(), self.year.ends_on)

    def teachers(self, year: SchoolYear):
        """The teachers whose records count: the members during the year, or the
        municipality's working teachers for the service."""
        if self.association is not None:
            return (
                members_during(year)
                .filter(association=self.association)
                .values("teacher_id")
                .distinct()
            )
        return Teacher.objects.filter(municipality=self.municipality, is_active=True).values("pk")

    def plan(self, year: SchoolYear) -> Plan | None:
        plans = Plan.objects.filter(school_year=year.start_year)
        if self.association is not None:
            return plans.filter(association=self.association).first()
        return plans.filter(municipality=self.municipality, association__isnull=True).first()

    def events(self, year: SchoolYear):
        start, end = _bounds(year)
        events = Event.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(
            status=EventStatus.CANCELLED
        )
        if self.association is not None:
            return events.filter(association=self.association)
        return events.filter(municipality=self.municipality, association__isnull=True)

    @property
    def page(self) -> str:
        if self.association is not None:
            return self.association.get_absolute_url()
        return reverse("plans:list")


def _bounds(year: SchoolYear) -> tuple[dt.datetime, dt.datetime]:
    from metodset.indicators.catalogue import year_bounds

    return year_bounds(year)


def _in_year(year: SchoolYear) -> tuple[dt.date, dt.date]:
    return (year.starts_on, year.ends_on)


# --- Sections ------------------------------------------------------------------------------


def _plan_counts(plan: Plan | None) -> dict[str, int] | None:
    if plan is None:
        return None
    counts = dict(plan.items.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in ItemStatus.values} | {
        "total": sum(counts.values())
    }


def plan_section(subject: Subject) -> Drafted:
    """Plan items done, moved and cancelled (with their reasons), against last year's."""
    drafted = Drafted("plan", "")
    plan = subject.plan(subject.year)
    now = _plan_counts(plan)
    before = _plan_counts(subject.plan(subject.year.previous)) or {}
    if now is None:
        drafted.lines.append(_("There is no work plan for %(year)s.") % {"year": subject.year})
        return drafted
    url = plan.get_absolute_url()
    labels = [
        ("total", _("Items in the plan")),
        (ItemStatus.DONE, _("done")),
        (ItemStatus.MOVED, _("moved")),
        (ItemStatus.CANCELLED, _("cancelled")),
        (ItemStatus.PLANNED, _("not marked yet")),
    ]
    for key, label in labels:
        drafted.numbers.append(row(label, now[key], before.get(key), url=url))
    share = round(100 * now[ItemStatus.DONE] / now["total"], 1) if now["total"] else None
    share_before = (
        round(100 * before[ItemStatus.DONE] / before["total"], 1) if before.get("total") else None
    )
    drafted.numbers.append(row(_("Share of items done"), share, share_before, unit="%", url=url))
    for item in plan.items.filter(status__in=[ItemStatus.MOVED, ItemStatus.CANCELLED]):
        if item.status == ItemStatus.MOVED:
            where = (
                _("moved to %(date)s") % {"date": fmt(item.moved_to)}
                if item.moved_to
                else _("moved")
            )
        else:
            where = _("cancelled")
        drafted.lines.append(f"«{item}» ({item.when_label}) — {where}: {item.status_reason}")
    return drafted


def _meeting_counts(subject: Subject, year: SchoolYear) -> dict:
    on = min(subject.on, year.ends_on)
    held = Meeting.objects.filter(
        association=subject.association, school_year=year.start_year, date__lte=on
    )
    counts = held.aggregate(held=Count("pk"), signed=Count("pk", filter=Q(signed_at__isnull=False)))
    attendance = Attendance.objects.filter(meeting__in=held).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(present=True))
    )
    counts["attendance"] = (
        round(100 * attendance["present"] / attendance["total"], 1) if attendance["total"] else None
    )
    return counts


def required_meetings(association: Association, on: dt.date) -> int | None:
    """The minimum of meetings a school year the regulation in force asks for, if it does."""
    from metodset.regulations.checks import rules_for, versions_in_force

    counts = [
        rule.params.get("count")
        for rule, _regulation in rules_for(
            association, versions_in_force([association.municipality_id], on)
        )
        if rule.kind == "min_meetings"
    ]
    counts = [c for c in counts if isinstance(c, int)]
    return max(counts) if counts else None


def meetings_section(subject: Subject) -> Drafted:
    """Meetings held against the regulation's minimum, minutes signed, attendance."""
    drafted = Drafted("meetings", "")
    now = _meeting_counts(subject, subject.year)
    before = _meeting_counts(subject, subject.year.previous)
    url = reverse("meetings:association", args=[subject.association.pk])
    required = required_meetings(subject.association, subject.on)
    drafted.numbers += [
        row(_("Meetings held"), now["held"], before["held"], target=required, url=url),
        row(_("Minutes of meetings signed"), now["signed"], before["signed"], url=url),
        row(
            _("Attendance of the meetings"),
            now["attendance"],
            before["attendance"],
            unit="%",
            url=url,
        ),
    ]
    drafted.numbers += _decision_rows(subject, url)
    if required is not None and now["held"] < required:
        drafted.lines.append(
            _("The regulation asks for %(required)s meetings a year; %(held)s were held.")
            % {"required": required, "held": now["held"]}
        )
    return drafted


def _decision_rows(subject: Subject, url: str) -> list[dict]:
    """Decisions of the year's meetings followed to completion: carried out, overdue, still
    being carried out (as of the analysis' day), beside last year's."""
    from metodset.meetings.selectors import DecisionCounts, decision_counts

    pk = subject.association.pk
    none = DecisionCounts(0, 0, 0, 0)
    now = decision_counts([pk], subject.year, subject.on).get(pk, none)
    before = decision_counts([pk], subject.year.previous, subject.year.previous.ends_on).get(
        pk, none
    )
    if not (now.followed or before.followed):
        return []
    return [
        row(_("Decisions carried out"), now.done, before.done, url=url),
        row(_("Decisions overdue"), now.overdue, before.overdue, url=url),
        row(_("Decisions being carried out"), now.open, before.open, url=url),
    ]


def _event_counts(subject: Subject, year: SchoolYear) -> dict:
    events = subject.events(year)
    organised = events.aggregate(n=Count("pk"))["n"]
    # Who came, as marked (the indicator `event_participation_share` counts the same way).
    taking_part = Participation.objects.filter(event__in=events, attended=True).exclude(
        status=ParticipationStatus.CANCELLED
    )
    start, end = _bounds(year)
    members = Participation.objects.filter(
        teacher_id__in=subject.teachers(year),
        event__starts_at__gte=start,
        event__starts_at__lt=end,
        attended=True,
    ).exclude(status=ParticipationStatus.CANCELLED)
    return {
        "organised": organised,
        "participants": taking_part.aggregate(n=Count("teacher_id", distinct=True))["n"],
        "members": members.aggregate(n=Count("teacher_id", distinct=True))["n"],
        "shared": members.filter(
            role__in=[ParticipationRole.SPEAKER, ParticipationRole.MASTER]
        ).aggregate(n=Count("teacher_id", distinct=True))["n"],
    }


def events_section(subject: Subject) -> Drafted:
    """Events organised and their participants; members at any event, speakers among them."""
    drafted = Drafted("events", "")
    now = _event_counts(subject, subject.year)
    before = _event_counts(subject, subject.year.previous)
    url = subject.page
    labels = [
        ("organised", _("Events organised")),
        ("participants", _("Teachers who took part in them")),
        ("members", _("Members who took part in any event")),
        ("shared", _("Members who spoke or led a master class")),
    ]
    for key, label in labels:
        drafted.numbers.append(row(label, now[key], before[key], url=url))
    by_form = Counter(subject.events(subject.year).values_list("form", flat=True))
    from metodset.events.models import EventForm

    for form, n in sorted(by_form.items(), key=lambda pair: (-pair[1], pair[0])):
        drafted.lines.append(f"{EventForm(form).label}: {n}")
    return drafted


def indicators_section(subject: Subject) -> Drafted:
    """Every indicator with data: its value, last year's and the municipality's target."""
    drafted = Drafted("indicators", "")
    if subject.association is not None:
        pk = subject.association.pk
        now = for_associations([pk], subject.year).get(pk, {})
        before = for_associations([pk], subject.year.previous).get(pk, {})
        href = reverse("indicators:drill", args=["CODE", pk])
    else:
        pk = subject.municipality.pk
        now = for_municipalities([pk], subject.year).get(pk, {})
        before = for_municipalities([pk], subject.year.previous).get(pk, {})
        href = reverse("indicators:drill_municipality", args=["CODE", pk])
    targets = targets_of(subject.municipality)
    for code, indicator in CATALOGUE.items():
        value = now.get(code).value if now.get(code) is not None else None
        previous = before.get(code).value if before.get(code) is not None else None
        if value is None and previous is None:
            continue
        target = targets.get(code)
        drafted.numbers.append(
            row(
                indicator.name,
                value,
                previous,
                unit=str(indicator.unit),
                target=float(target) if target is not None else None,
                url=href.replace("CODE", code) + f"?year={subject.year.start_year}",
            )
        )
    return drafted


def practices_section(subject: Subject) -> Drafted:
    """Practices accepted for dissemination and publications of the year, with titles."""
    drafted = Drafted("practices", "")
    teachers = subject.teachers(subject.year)
    before_teachers = subject.teachers(subject.year.previous)
    year, previous = subject.year, subject.year.previous
    practices = Practice.objects.filter(
        teacher_id__in=teachers, accepted_on__range=_in_year(year)
    ).select_related("teacher")
    publications = Publication.objects.filter(
        teacher_id__in=teachers, published_on__range=_in_year(year)
    ).select_related("teacher")
    practices, publications = list(practices), list(publications)
    practices_before = Practice.objects.filter(
        teacher_id__in=before_teachers, accepted_on__range=_in_year(previous)
    ).count()
    publications_before = Publication.objects.filter(
        teacher_id__in=before_teachers, published_on__range=_in_year(previous)
    ).count()
    suffix = f"?year={year.start_year}"
    if subject.association is not None:
        pk = subject.association.pk
        practice_url = reverse("indicators:drill", args=["dissemination_units", pk]) + suffix
        publication_url = reverse("indicators:drill", args=["publications", pk]) + suffix
    else:
        pk = subject.municipality.pk
        practice_url = (
            reverse("indicators:drill_municipality", args=["dissemination_units", pk]) + suffix
        )
        publication_url = (
            reverse("indicators:drill_municipality", args=["publications", pk]) + suffix
        )
    drafted.numbers += [
        row(
            _("Practices accepted for dissemination"),
            len(practices),
            practices_before,
            url=practice_url,
        ),
        row(
            _("Publications in the year"),
            len(publications),
            publications_before,
            url=publication_url,
        ),
    ]
    for practice in sorted(practices, key=lambda p: (p.accepted_on, p.title)):
        drafted.lines.append(
            _("Practice «%(title)s», %(teacher)s (%(level)s, %(date)s)")
            % {
                "title": practice.title,
                "teacher": practice.teacher.short_name,
                "level": practice.get_level_display(),
                "date": fmt(practice.accepted_on),
            }
        )
    for publication in sorted(publications, key=lambda p: (p.published_on, p.title)):
        drafted.lines.append(
            _("Publication «%(title)s», %(teacher)s (%(venue)s, %(date)s)")
            % {
                "title": publication.title,
                "teacher": publication.teacher.short_name,
                "venue": publication.venue,
                "date": fmt(publication.published_on),
            }
        )
    return drafted


def _competition_counts(subject: Subject, year: SchoolYear) -> dict:
    start, end = _bounds(year)
    entries = CompetitionEntry.objects.filter(
        teacher_id__in=subject.teachers(year),
        nomination__event__starts_at__gte=start,
        nomination__event__starts_at__lt=end,
    ).aggregate(
        entries=Count("pk"),
        winners=Count("pk", filter=Q(outcome=Outcome.WINNER)),
        prize_winners=Count("pk", filter=Q(outcome=Outcome.PRIZE_WINNER)),
    )
    students = StudentResult.objects.filter(event__in=subject.events(year)).aggregate(
        participants=Sum("participants"),
        winners=Sum("winners"),
        prize_winners=Sum("prize_winners"),
    )
    return entries | {f"students_{k}": v or 0 for k, v in students.items()}


def competitions_section(subject: Subject) -> Drafted:
    """Members' professional competitions; students' olympiads the association organised."""
    drafted = Drafted("competitions", "")
    now = _competition_counts(subject, subject.year)
    before = _competition_counts(subject, subject.year.previous)
    url = subject.page
    labels = [
        ("entries", _("Members' entries in professional competitions")),
        ("winners", _("winners")),
        ("prize_winners", _("prize-winners")),
        ("students_participants", _("Students in the olympiads and competitions organised")),
        ("students_winners", _("student winners")),
        ("students_prize_winners", _("student prize-winners")),
    ]
    for key, label in labels:
        drafted.numbers.append(row(label, now[key], before[key], url=url))
    start, end = _bounds(subject.year)
    awarded = (
        CompetitionEntry.objects.filter(
            teacher_id__in=subject.teachers(subject.year),
            nomination__event__starts_at__gte=start,
            nomination__event__starts_at__lt=end,
            outcome__in=[Outcome.WINNER, Outcome.PRIZE_WINNER],
        )
        .select_related("teacher", "nomination__event")
        .order_by("nomination__event__starts_at", "teacher__last_name")
    )
    for entry in awarded:
        drafted.lines.append(
            f"{entry.nomination.event.title}, «{entry.nomination.name}»: "
            f"{entry.teacher.short_name} — {entry.get_outcome_display()}"
        )
    return drafted


def _growth_counts(subject: Subject, year: SchoolYear) -> dict:
    teachers = subject.teachers(year)
    courses = PDCourse.objects.filter(
        teacher_id__in=teachers, ends_on__range=_in_year(year)
    ).aggregate(
        courses=Count("pk"), teachers=Count("teacher_id", distinct=True), hours=Sum("hours")
    )
    attestations = Attestation.objects.filter(
        teacher_id__in=teachers, assigned_on__range=_in_year(year)
    ).aggregate(
        attested=Count("pk"),
        highest=Count("pk", filter=Q(category=Category.HIGHEST)),
        first=Count("pk", filter=Q(category=Category.FIRST)),
    )
    return courses | {"hours": courses["hours"] or 0} | attestations


def growth_section(subject: Subject) -> Drafted:
    """PD courses finished in the year and categories assigned."""
    drafted = Drafted("growth", "")
    now = _growth_counts(subject, subject.year)
    before = _growth_counts(subject, subject.year.previous)
    courses_url = reverse("growth:courses")
    attestation_url = reverse("growth:attestation")
    drafted.numbers += [
        row(
            _("Teachers who finished PD courses"),
            now["teachers"],
            before["teachers"],
            url=courses_url,
        ),
        row(_("PD courses finished"), now["courses"], before["courses"], url=courses_url),
        row(_("Hours of PD courses"), now["hours"], before["hours"], url=courses_url),
        row(_("Categories assigned"), now["attested"], before["attested"], url=attestation_url),
        row(_("of them the highest"), now["highest"], before["highest"], url=attestation_url),
        row(_("of them the first"), now["first"], before["first"], url=attestation_url),
    ]
    return drafted


def needs_section(subject: Subject) -> Drafted:
    """Needs the members named for the year and deficits found by diagnostics."""
    drafted = Drafted("needs", "")
    year = subject.year
    teachers = subject.teachers(year)
    needs = TeacherNeed.objects.filter(teacher_id__in=teachers, school_year=year.start_year)
    named = Counter(
        name or text for name, text in needs.values_list("need__name", "text").order_by()
    )
    before = TeacherNeed.objects.filter(
        teacher_id__in=subject.teachers(year.previous), school_year=year.previous.start_year
    ).aggregate(n=Count("teacher_id", distinct=True))["n"]
    with_deficits = Diagnostic.objects.filter(
        teacher_id__in=teachers, date__range=_in_year(year)
    ).exclude(deficits="")
    deficits = Counter(
        line.strip()
        for text in with_deficits.values_list("deficits", flat=True)
        for line in text.splitlines()
        if line.strip()
    )
    url = reverse("growth:needs")
    drafted.numbers += [
        row(
            _("Teachers who named their needs"),
            needs.aggregate(n=Count("teacher_id", distinct=True))["n"],
            before,
            url=url,
        ),
        row(
            _("Teachers with deficits found by diagnostics"),
            with_deficits.aggregate(n=Count("teacher_id", distinct=True))["n"],
            None,
            url=url,
        ),
    ]
    for name, n in sorted(named.items(), key=lambda pair: (-pair[1], pair[0])):
        drafted.lines.append(_("Need: %(name)s — %(n)s") % {"name": name, "n": n})
    for name, n in sorted(deficits.items(), key=lambda pair: (-pair[1], pair[0])):
        drafted.lines.append(_("Deficit: %(name)s — %(n)s") % {"name": name, "n": n})
    return drafted


BUILDERS = {
    "plan": plan_section,
    "meetings": meetings_section,
    "events": events_section,
    "indicators": indicators_section,
    "practices": practices_section,
    "competitions": competitions_section,
    "growth": growth_section,
    "needs": needs_section,
}


def draft_sections(subject: Subject) -> list[Drafted]:
    """Every section of the subject's analysis, numbers and lines, in the document's order."""
    drafted = []
    for code, title in SECTIONS:
        if subject.association is None and code in NO_MEETINGS:
            continue
        section = BUILDERS[code](subject)
        section.title = str(title)
        drafted.append(section)
    return drafted
