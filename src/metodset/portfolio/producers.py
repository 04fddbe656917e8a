"""What each portfolio item is produced from: a registry of producers keyed by the source
the regulation names (regulations.kinds.reporting.PORTFOLIO_SOURCES).

A producer says cheaply whether the records it needs exist (`ready`: a line describing
them, "" when there are none) and builds the files (`build`). An item whose producer has
no data (or whose source is "upload") is uploaded by the head; an upload also replaces a
produced file.

The annual analysis is produced by the `analysis` app: it is looked up lazily, so that
until that app is installed the item reads «нет данных» and is uploaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.dates import SchoolYear
from metodset.core.files import download_name, extension_of
from metodset.portfolio import databank


@dataclass(frozen=True)
class File:
    name: str  # with its extension: what the ZIP and the download call it
    content: bytes


@dataclass(frozen=True)
class Producer:
    ready: Callable[[Association, SchoolYear], str]
    build: Callable[[Association, SchoolYear, object], list[File]]


PRODUCERS: dict[str, Producer] = {}
# source -> function(association_ids, year) -> {association_id: status}: the year-end view's
# columns besides the portfolio (the analysis registers «analysis»). Statuses are those of
# models.PortfolioStatus: draft, submitted, returned, accepted.
STATES: dict[str, Callable[[list[int], SchoolYear], dict[int, str]]] = {}


def register(source: str, ready, build) -> None:
    PRODUCERS[source] = Producer(ready, build)


def _load_lazily(source: str) -> None:
    # integration: the `analysis` app (issue #14, item 1) registers PRODUCERS["analysis"]
    # and STATES["analysis"] from its module `analysis/portfolio.py` (or its ready());
    # until it is installed the analysis item is uploaded and the year-end column is empty.
    if source == "analysis" and apps.is_installed("metodset.analysis"):
        try:
            import_module("metodset.analysis.portfolio")
        except ModuleNotFoundError as error:  # registered elsewhere, or not at all
            if error.name != "metodset.analysis.portfolio":
                raise


def producer_for(source: str) -> Producer | None:
    if source not in PRODUCERS:
        _load_lazily(source)
    return PRODUCERS.get(source)


def state_lookup(source: str):
    if source not in STATES:
        _load_lazily(source)
    return STATES.get(source)


def _day(year: SchoolYear) -> dt.date:
    return min(max(timezone.localdate(), year.starts_on), year.ends_on)


def file_name(title: str, extension: str) -> str:
    return download_name(title, f"x.{extension}")


# --- DOCX written here (a regulation's text, the theme, the passport) ---------------------


def docx_bytes(title: str, subtitle: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A plain document in the house layout: a title, a subtitle, headed sections of lines."""
    from metodset.documents.builtin import CENTER, JUSTIFY, _new_document, para

    doc = _new_document()
    para(doc, title, align=CENTER, bold=True, after=6)
    if subtitle:
        para(doc, subtitle, align=CENTER, after=12)
    for heading, lines in sections:
        if heading:
            para(doc, heading, bold=True, before=12, after=6, keep=True, align=JUSTIFY)
        for line in lines:
            para(doc, line, indent=True, after=3)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- The appointment order --------------------------------------------------------------


def _appointment(association, year):
    return (
        HeadAppointment.objects.on(_day(year))
        .filter(association=association)
        .select_related("order", "teacher")
        .order_by("-starts_on")
        .first()
    )


def _order_ready(association, year) -> str:
    appointment = _appointment(association, year)
    if appointment is None:
        return ""
    if appointment.order_id:
        return str(appointment.order)
    return _("draft order for %(head)s") % {"head": appointment.teacher.short_name}


def _order_build(association, year, user) -> list[File]:
    appointment = _appointment(association, year)
    if appointment is None:
        return []
    order = appointment.order
    if order is not None and order.file:
        with order.file.open("rb") as handle:
            content = handle.read()
        return [File(file_name(str(order), extension_of(order.file.name)), content)]
    from metodset.documents.services import order_head_document

    generated = order_head_document(appointment)
    return [File(file_name(generated.name, "docx"), generated.content)]


# --- The regulation -----------------------------------------------------------------------


def _regulation_version(association, year):
    from metodset.regulations.checks import versions_in_force

    for version in versions_in_force([association.municipality_id], _day(year)):
        if version.regulation.applies_to_kind(association.kind):
            return version
    return None


def _regulation_ready(association, year) -> str:
    version = _regulation_version(association, year)
    return str(version.regulation) if version else ""


def _regulation_build(association, year, user) -> list[File]:
    version = _regulation_version(association, year)
    if version is None:
        return []
    approved = ""
    if version.order_number or version.order_id:
        number = version.order.number if version.order_id else version.order_number
        date = version.order.date if version.order_id else version.order_date
        approved = _("approved by order No. %(number)s of %(date)s") % {
            "number": number,
            "date": f"{date:%d.%m.%Y}" if date else "—",
        }
    text = _lines(version.source_text) or _lines(version.document)
    content = docx_bytes(version.regulation.title, approved, [("", text)])
    return [File(file_name(version.regulation.title, "docx"), content)]


# --- The plan and its theme ---------------------------------------------------------------


def _plans(association, year):
    from metodset.plans.models import Plan

    return list(
        Plan.objects.filter(
            association=association, school_year__in=[year.start_year, year.start_year + 1]
        ).order_by("school_year")
    )


def _plan_ready(association, year) -> str:
    return "; ".join(str(p) for p in _plans(association, year))


def _plan_build(association, year, user) -> list[File]:
    from metodset.documents.services import plan_document

    files = []
    for plan in _plans(association, year):
        generated = plan_document(plan)
        files.append(File(file_name(generated.name, "docx"), generated.content))
    return files


def _theme_plan(association, year):
    """The theme for the new school year: next year's plan if there is one, else this year's."""
    plans = [p for p in _plans(association, year) if p.theme]
    return plans[-1] if plans else None


def _theme_ready(association, year) -> str:
    plan = _theme_plan(association, year)
    return plan.theme if plan else ""


def _theme_build(association, year, user) -> list[File]:
    plan = _theme_plan(association, year)
    if plan is None:
        return []
    sections = [
        (_("Methodical theme"), [plan.theme]),
        (_("Goal"), _lines(plan.goal)),
        (_("Priority directions"), _lines(plan.priorities)),
        (_("Tasks"), [f"{n}. {t}" for n, t in enumerate(_lines(plan.tasks), start=1)]),
    ]
    title = _("Methodical theme, goal, priorities and tasks for the school year %(year)s") % {
        "year": plan.year
    }
    content = docx_bytes(title, str(association), [s for s in sections if s[1]])
    return [File(file_name(title, "docx"), content)]


# --- The signed minutes ---------------------------------------------------------------------


def _signed_meetings(association, year):
    from metodset.meetings.models import Meeting

    return (
        Meeting.objects.filter(association=association)
        .of_year(year)
        .signed()
        .order_by("date", "number")
    )


def _minutes_ready(association, year) -> str:
    count = _signed_meetings(association, year).count()
    if not count:
        return ""
    from django.utils.translation import ngettext

    return ngettext("%(n)s signed minutes", "%(n)s signed minutes", count) % {"n": count}


def _minutes_build(association, year, user) -> list[File]:
    from metodset.documents.models import DocumentKind
    from metodset.documents.selectors import template_for

    template = template_for(association.municipality_id, DocumentKind.MINUTES)
    return [
        _minutes_file(meeting, user, template) for meeting in _signed_meetings(association, year)
    ]


MINUTES_CACHE_SECONDS = 60 * 60 * 24 * 30


@lru_cache(maxsize=16)
def _builtin_digest(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _minutes_file(meeting, user, template) -> File:
    """The DOCX of one signed meeting's minutes, from the cache when the same data was filled
    into the same template before: the key is a hash of the template and of every placeholder's
    value, so a correction of the minutes, another viewer's view of absence reasons or a new
    template make a new key. Rendering is most of the ZIP's time (bench/portfolio_zip.py)."""
    from metodset.documents import context as ctx
    from metodset.documents import render
    from metodset.documents.models import DocumentKind
    from metodset.meetings.selectors import minutes_document_data

    data = minutes_document_data(meeting, viewer=user)
    context = ctx.minutes_context(data)
    if template is None:
        path = render.builtin_path(DocumentKind.MINUTES)
        source = _builtin_digest(str(path), path.stat().st_mtime_ns)
    else:
        source = f"own:{template.pk}:{template.file.name}"
    payload = json.dumps([source, context], sort_keys=True, default=str, ensure_ascii=False)
    key = "portfolio:minutes:" + hashlib.sha256(payload.encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        if template is None:
            content = render.render_docx(path, context)
        else:
            with template.file.open("rb") as handle:
                content = render.render_docx(handle, context)
        cache.set(key, content, MINUTES_CACHE_SECONDS)
    return File(file_name(f"Протокол № {data.number} от {ctx.fmt(data.date)}", "docx"), content)


# --- The data bank and its parts ------------------------------------------------------------


def _members_ready(association, year) -> str:
    count = Membership.objects.in_force(_day(year)).filter(association=association).count()
    if not count:
        return ""
    from django.utils.translation import ngettext

    return ngettext("%(n)s member", "%(n)s members", count) % {"n": count}


def _sheet_build(title: str, pick):
    """A workbook of the data bank's sheets that `pick` chooses (by index)."""

    def build(association, year, user) -> list[File]:
        on = _day(year)
        indexes = pick
        # The programmes alone need no member query.
        teachers = [] if indexes == [4] else list(databank.members(association, on))
        sheets = databank.databank_sheets(association, on, teachers)
        content = databank.workbook_bytes([sheets[i] for i in indexes])
        return [File(file_name(f"{title} — {association}", "xlsx"), content)]

    return build


def _curricula_ready(association, year) -> str:
    count = association.curricula.count()
    if not count:
        return ""
    from django.utils.translation import ngettext

    return ngettext("%(n)s programme or УМК", "%(n)s programmes or УМК", count) % {"n": count}


# --- The passport ---------------------------------------------------------------------------


def _passport_ready(association, year) -> str:
    return str(association)


def _passport_build(association, year, user) -> list[File]:
    """The passport with the year's results, as the portal downloads it."""
    from metodset.portal import results, selectors
    from metodset.portal.documents import passport_docx

    public = selectors.passport_association_get(association.municipality, association.pk)
    content = passport_docx(public, year, results.passport_results(public, year))
    title = _("Passport of the association")
    return [File(file_name(f"{title} — {association}", "docx"), content)]


register("appointment_order", _order_ready, _order_build)
register("regulation", _regulation_ready, _regulation_build)
register("plan", _plan_ready, _plan_build)
register("theme", _theme_ready, _theme_build)
register("minutes", _minutes_ready, _minutes_build)
register("databank", _members_ready, _sheet_build("Банк данных", [0, 1, 2, 3, 4]))
register(
    "self_education",
    _members_ready,
    _sheet_build("Темы самообразования", [2]),
)
register("needs", _members_ready, _sheet_build("Профессиональные потребности", [3]))
register("curricula", _curricula_ready, _sheet_build("Учебные программы и УМК", [4]))
register("passport", _passport_ready, _passport_build)
