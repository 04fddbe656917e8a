"""The annual analysis as DOCX (and PDF) through the documents app, kind `analysis`.

`analysis_document(analysis)` is what the portfolio puts in its ZIP; the municipality's
own template of the kind is used if it has one (documents app), else the built-in one.
"""

from __future__ import annotations

from django.utils import timezone

from metodset.analysis.models import Analysis, AnalysisStatus
from metodset.documents import context as ctx

# integration: the documents app's filling and naming helpers (private there today).
from metodset.documents.services import Generated, _fill, _safe
from metodset.meetings.selectors import Person
from metodset.plans.selectors import head_on


def number(value) -> str:
    """12 → «12», 85.5 → «85,5», None → «—»."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def with_unit(value, unit: str) -> str:
    """«50 %», «2 шт.», «—» for no value."""
    shown = number(value)
    return f"{shown} {unit}" if unit and shown != "—" else shown


def change(value, previous) -> str:
    """The change against last year, signed: «+3», «−1,5», «0»; blank without both."""
    if not isinstance(value, int | float) or not isinstance(previous, int | float):
        return ""
    delta = round(value - previous, 1)
    if delta == 0:
        return "0"
    shown = number(abs(delta) if isinstance(delta, float) else abs(int(delta)))
    return f"+{shown}" if delta > 0 else f"−{shown}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _signature(user) -> str:
    """«М.П. Иванова» (ГОСТ Р 7.0.97: initials before the surname under a signature)."""
    initials = "".join(f"{p[0]}." for p in (user.first_name, user.patronymic) if p)
    return f"{initials} {user.last_name}".strip()


def analysis_context(analysis: Analysis) -> dict:
    """The placeholders of the analysis (documents.context.PLACEHOLDERS["analysis"])."""
    analysis = (
        Analysis.objects.select_related(
            "association", "municipality__region", "adoption_decision__meeting", "reviewed_by"
        )
        .prefetch_related("sections")
        .get(pk=analysis.pk)
    )
    municipality = analysis.municipality
    head = None
    if analysis.association_id:
        on = min(timezone.localdate(), analysis.year.ends_on)
        appointment = head_on(analysis.association, on)
        head = Person.of(appointment.teacher) if appointment else None
    meeting = analysis.adoption_decision.meeting if analysis.adoption_decision_id else None
    accepted = analysis.status == AnalysisStatus.ACCEPTED
    return {
        "authority": municipality.authority_name,
        "service": municipality.service_name,
        "municipality": municipality.name,
        "place_city": municipality.place or municipality.name,
        "region": municipality.region.name,
        "today": ctx.fmt(timezone.localdate()),
        "association": analysis.owner_name,
        "association_kind": (
            analysis.association.get_kind_display() if analysis.association_id else ""
        ),
        "school_year": str(analysis.year),
        "status": analysis.get_status_display(),
        "document_date": ctx.fmt(analysis.adopted_on),
        "head": ctx.person(head),
        "signer_position": ("Руководитель объединения" if analysis.association_id else "Методист"),
        "sections": [
            {
                "number": index,
                "title": section.title,
                "numbers": [
                    {
                        "label": row["label"],
                        "value": with_unit(row["value"], row["unit"]),
                        "previous": with_unit(row["previous"], row["unit"]),
                        # «—» where there is nothing to show: no blank cell in the table.
                        "change": change(row["value"], row["previous"]) or "—",
                        "unit": row["unit"],
                        "target": with_unit(row["target"], row["unit"]),
                    }
                    for row in section.numbers
                ],
                "lines": list(section.lines),
                "conclusions": _lines(section.conclusions),
                "tasks": _lines(section.tasks),
            }
            for index, section in enumerate(
                sorted(analysis.sections.all(), key=lambda s: s.position), start=1
            )
        ],
        "adopted": meeting is not None,
        "adoption_meeting_number": meeting.number if meeting else "",
        "adoption_meeting_date": ctx.fmt(meeting.date if meeting else None),
        "accepted": accepted,
        "accepted_by": (
            _signature(analysis.reviewed_by) if accepted and analysis.reviewed_by else ""
        ),
        "accepted_date": ctx.fmt(analysis.reviewed_at) if accepted else "",
    }


def analysis_document(analysis: Analysis) -> Generated:
    """The analysis as DOCX: «Анализ работы «…» за 2025/2026 учебный год»."""
    context = analysis_context(analysis)
    content = _fill("analysis", analysis.municipality_id, context)
    return Generated(
        content,
        _safe(f"Анализ работы «{context['association']}» за {context['school_year']} учебный год"),
    )
