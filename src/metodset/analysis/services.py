"""Every write about annual analyses and external evaluations.

Workflow: draft → adopted at a meeting → submitted → accepted, or returned with comments
(then edited and adopted again). Each service checks the user's role itself (keyword-only
`user`; None is the system: demo, tests) and the analysis's state, and refuses in words.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.analysis.generate import Subject, draft_sections
from metodset.analysis.models import (
    EDITABLE,
    Analysis,
    AnalysisStatus,
    ExternalEvaluation,
    Owner,
    Section,
)
from metodset.associations.models import Association
from metodset.core.concurrency import EDIT_TOKEN
from metodset.core.dates import SchoolYear
from metodset.core.models import Municipality
from metodset.core.services import model_create, model_update, with_history_user
from metodset.meetings.models import AgendaItem


def _require(user, perm: str, obj, message: str) -> None:
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied(message)


def _save(analysis: Analysis, user, fields: list[str], reason: str = "") -> Analysis:
    analysis.full_clean()
    with_history_user(analysis, user)
    analysis._change_reason = reason or None  # type: ignore[attr-defined]
    analysis.save(update_fields=[*fields, "status", "updated_at"])
    return analysis


def _subject(analysis: Analysis) -> Subject:
    return Subject(analysis.municipality, analysis.association, analysis.year)


@transaction.atomic
def analysis_generate(
    *,
    user,
    school_year: int,
    association: Association | None = None,
    municipality: Municipality | None = None,
) -> Analysis:
    """Draft the analysis of an association (or, without one, of the municipality's
    methodical service) for a school year from the year's records, section by section."""
    if association is not None:
        municipality, owner = association.municipality, Owner.ASSOCIATION
    else:
        owner = Owner.SERVICE
    analysis = Analysis(
        municipality=municipality, owner=owner, association=association, school_year=school_year
    )
    _require(
        user,
        "analysis.add_analysis",
        analysis,
        _("Only the head of the association or the methodist writes its analysis."),
    )
    if association is not None and SchoolYear(school_year).ends_on < association.founded_on:
        raise ValidationError(
            {"school_year": _("The association did not exist yet in this school year.")}
        )
    analysis.generated_at = timezone.now()
    analysis.full_clean()
    with_history_user(analysis, user).save()
    for position, drafted in enumerate(draft_sections(_subject(analysis)), start=1):
        Section.objects.create(
            analysis=analysis,
            code=drafted.code,
            position=position,
            title=drafted.title,
            numbers=drafted.numbers,
            lines=drafted.lines,
        )
    return analysis


def _require_editable(analysis: Analysis) -> None:
    if analysis.status not in EDITABLE:
        raise ValidationError(
            _("The analysis is %(status)s: only a draft or a returned analysis can be changed.")
            % {"status": analysis.get_status_display()}
        )


@transaction.atomic
def analysis_refresh(*, user, analysis: Analysis) -> Analysis:
    """Take the numbers again from today's records; the conclusions and tasks stay."""
    _require(user, "analysis.change_analysis", analysis, _("You may not change this analysis."))
    _require_editable(analysis)
    existing = {s.code: s for s in analysis.sections.all()}
    for position, drafted in enumerate(draft_sections(_subject(analysis)), start=1):
        section = existing.pop(drafted.code, None)
        if section is None:
            section = Section(analysis=analysis, code=drafted.code)
        section.position, section.title = position, drafted.title
        section.numbers, section.lines = drafted.numbers, drafted.lines
        with_history_user(section, user).save()
    for stale in existing.values():
        stale.delete()
    analysis.generated_at = timezone.now()
    return _save(analysis, user, ["generated_at"])


@transaction.atomic
def section_update(
    *, user, section: Section, conclusions: str, tasks: str, edit_token: str = ""
) -> Section:
    """The head's conclusions and next year's tasks of one section; `edit_token` is the
    form's version of them (core/concurrency.py): another's save meanwhile is a conflict."""
    analysis = section.analysis
    _require(user, "analysis.change_analysis", analysis, _("You may not change this analysis."))
    _require_editable(analysis)
    data = {"conclusions": conclusions.strip(), "tasks": tasks.strip()}
    if edit_token:
        data[EDIT_TOKEN] = edit_token
    section, _changed = model_update(section, user=user, data=data)
    return section


@transaction.atomic
def analysis_delete(*, user, analysis: Analysis) -> None:
    _require(user, "analysis.change_analysis", analysis, _("You may not delete this analysis."))
    if analysis.status != AnalysisStatus.DRAFT:
        raise ValidationError(_("Only a draft can be deleted."))
    with_history_user(analysis, user).delete()


@transaction.atomic
def analysis_adopt(*, user, analysis: Analysis, decision: AgendaItem) -> Analysis:
    """Record that a held meeting adopted the analysis by a decision: a meeting of the
    association, or of the municipality's methodical council for the service's analysis."""
    _require(
        user,
        "analysis.change_analysis",
        analysis,
        _("Only the head of the association or the methodist records the adoption."),
    )
    _require_editable(analysis)
    meeting = decision.meeting
    if analysis.association_id:
        if meeting.association_id != analysis.association_id:
            raise ValidationError(
                {"decision": _("The analysis is adopted at a meeting of its own association.")}
            )
    elif (
        meeting.municipality_id != analysis.municipality_id or meeting.association.kind != "council"
    ):
        raise ValidationError(
            {
                "decision": _(
                    "The service's analysis is adopted at a meeting of the methodical council."
                )
            }
        )
    year = analysis.year
    if meeting.date not in year and meeting.date not in SchoolYear(year.start_year + 1):
        raise ValidationError(
            {
                "decision": _(
                    "The analysis of %(year)s is adopted at a meeting of that school year or "
                    "of the next one."
                )
                % {"year": year}
            }
        )
    if not meeting.has_taken_place:
        raise ValidationError({"decision": _("The meeting has not taken place yet.")})
    if not decision.has_decision:
        raise ValidationError(
            {"decision": _("The question has no decision («решили») yet: record it first.")}
        )
    analysis.status = AnalysisStatus.ADOPTED
    analysis.adoption_decision = decision
    analysis.adopted_on = meeting.date
    return _save(analysis, user, ["adoption_decision", "adopted_on"])


@transaction.atomic
def analysis_submit(*, user, analysis: Analysis) -> Analysis:
    """Hand the adopted analysis in to the methodical service."""
    _require(
        user,
        "analysis.change_analysis",
        analysis,
        _("Only the head of the association or the methodist submits the analysis."),
    )
    if analysis.status != AnalysisStatus.ADOPTED:
        raise ValidationError(
            _("Only an analysis adopted at a meeting can be submitted; this one is %(status)s.")
            % {"status": analysis.get_status_display()}
        )
    analysis.status = AnalysisStatus.SUBMITTED
    analysis.submitted_at = timezone.now()
    analysis.submitted_by = user if getattr(user, "is_authenticated", False) else None
    return _save(analysis, user, ["submitted_at", "submitted_by"])


@transaction.atomic
def analysis_accept(*, user, analysis: Analysis, comment: str = "") -> Analysis:
    """The methodist accepts the submitted analysis."""
    _require(
        user,
        "analysis.review_analysis",
        analysis,
        _("Only the methodist of the municipality accepts an analysis."),
    )
    if analysis.status != AnalysisStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted analysis can be accepted; this one is %(status)s.")
            % {"status": analysis.get_status_display()}
        )
    analysis.status = AnalysisStatus.ACCEPTED
    analysis.reviewed_at = timezone.now()
    analysis.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    analysis.review_comment = (comment or "").strip()
    return _save(analysis, user, ["reviewed_at", "reviewed_by", "review_comment"])


@transaction.atomic
def analysis_return(*, user, analysis: Analysis, comment: str) -> Analysis:
    """The methodist returns the analysis with comments: the head reworks it and takes it to a
    meeting again (the history keeps the earlier adoption and submission)."""
    _require(
        user,
        "analysis.review_analysis",
        analysis,
        _("Only the methodist of the municipality returns an analysis."),
    )
    if analysis.status not in (
        AnalysisStatus.ADOPTED,
        AnalysisStatus.SUBMITTED,
        AnalysisStatus.ACCEPTED,
    ):
        raise ValidationError(_("Only an adopted, submitted or accepted analysis can be returned."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what to rework.")})
    analysis.status = AnalysisStatus.RETURNED
    analysis.review_comment = comment
    analysis.reviewed_at = timezone.now()
    analysis.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    analysis.adoption_decision = None
    analysis.adopted_on = None
    analysis.submitted_at = None
    analysis.submitted_by = None
    fields = [
        "review_comment",
        "reviewed_at",
        "reviewed_by",
        "adoption_decision",
        "adopted_on",
        "submitted_at",
        "submitted_by",
    ]
    return _save(analysis, user, fields, reason=comment)


# --- External evaluation (000 §5.9) ---------------------------------------------------------


@transaction.atomic
def evaluation_record(
    *,
    user,
    association: Association,
    evaluated_on: dt.date,
    evaluator: str,
    result: str,
    summary: str = "",
) -> ExternalEvaluation:
    """Record who evaluated the association's work from outside, when, and the result."""
    _require(
        user,
        "analysis.record_evaluation",
        association,
        _("Only the methodist of the municipality records an external evaluation."),
    )
    return model_create(
        ExternalEvaluation,
        user=user,
        association=association,
        evaluated_on=evaluated_on,
        evaluator=evaluator.strip(),
        result=result,
        summary=summary.strip(),
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )


@transaction.atomic
def evaluation_delete(*, user, evaluation: ExternalEvaluation) -> None:
    _require(
        user,
        "analysis.record_evaluation",
        evaluation.association,
        _("Only the methodist of the municipality deletes an external evaluation."),
    )
    with_history_user(evaluation, user).delete()
