"""The questionnaires shipped with the product: a survey can start from one and be edited.

The satisfaction questionnaire's first question is the overall satisfaction on a 1–5
scale that feeds the indicator (000 §3.5). The needs questionnaire offers the municipality's
own list of professional needs (growth app) when the methodical service keeps one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from metodset.surveys.models import QuestionKind, SurveyKind


@dataclass(frozen=True)
class QuestionDraft:
    kind: str
    text: str
    required: bool = True
    choices: tuple[str, ...] = ()
    is_overall: bool = False


@dataclass(frozen=True)
class Blueprint:
    kind: str
    title: str
    description: str
    questions: tuple[QuestionDraft, ...] = field(default_factory=tuple)


# Used when the municipality keeps no list of needs of its own (growth.Need).
DEFAULT_NEEDS = (
    _("Updated federal standards (ФГОС) and federal curricula"),
    _("Functional literacy of pupils"),
    _("Digital tools and remote teaching"),
    _("Pupils with special educational needs"),
    _("Preparing pupils for the state exams"),
    _("Educational work and class teaching"),
    _("Assessment of learning outcomes"),
    _("Preparing for attestation"),
)

BLUEPRINTS: dict[str, Blueprint] = {
    SurveyKind.SATISFACTION: Blueprint(
        SurveyKind.SATISFACTION,
        _("Satisfaction with the association's work"),
        _(
            "Please rate the work of the methodical association this school year. "
            "The results help the head plan next year."
        ),
        (
            QuestionDraft(
                QuestionKind.SCALE5,
                _("Overall, how satisfied are you with the association's work this year?"),
                is_overall=True,
            ),
            QuestionDraft(
                QuestionKind.SCALE5,
                _("How useful were the meetings and events for your practice?"),
            ),
            QuestionDraft(
                QuestionKind.MULTIPLE,
                _("Which forms of work were most useful?"),
                required=False,
                choices=(
                    _("meetings"),
                    _("seminars and workshops"),
                    _("master classes"),
                    _("open lessons"),
                    _("consultations"),
                    _("sharing experience with colleagues"),
                ),
            ),
            QuestionDraft(
                QuestionKind.SINGLE,
                _("Did you take part in preparing the association's events?"),
                choices=(_("yes, several times"), _("yes, once"), _("no")),
            ),
            QuestionDraft(
                QuestionKind.TEXT,
                _("What should the association change next year?"),
                required=False,
            ),
        ),
    ),
    SurveyKind.NEEDS: Blueprint(
        SurveyKind.NEEDS,
        _("Professional needs of teachers"),
        _("Mark the topics you would like support in; the methodical service plans by them."),
        (
            QuestionDraft(
                QuestionKind.MULTIPLE,
                _("In which areas do you need methodical support?"),
                choices=DEFAULT_NEEDS,
            ),
            QuestionDraft(
                QuestionKind.SINGLE,
                _("Which form of support suits you best?"),
                choices=(
                    _("a course of professional development"),
                    _("a seminar or workshop"),
                    _("an individual consultation"),
                    _("mentoring"),
                    _("self-education with materials"),
                ),
            ),
            QuestionDraft(QuestionKind.TEXT, _("Other needs in your own words"), required=False),
        ),
    ),
    SurveyKind.EVENT_FEEDBACK: Blueprint(
        SurveyKind.EVENT_FEEDBACK,
        _("Feedback on the event"),
        _("Thank you for taking part. Your feedback helps us improve our events."),
        (
            QuestionDraft(QuestionKind.SCALE10, _("How would you rate the event overall?")),
            QuestionDraft(
                QuestionKind.SINGLE,
                _("Will you use what you learnt in your work?"),
                choices=(_("yes"), _("partly"), _("no")),
            ),
            QuestionDraft(QuestionKind.TEXT, _("What was most valuable?"), required=False),
            QuestionDraft(QuestionKind.TEXT, _("What should be improved?"), required=False),
        ),
    ),
}
