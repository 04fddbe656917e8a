from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from metodset.core.access import require_perm
from metodset.core.forms import add_service_errors
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn, xlsx_response
from metodset.privacy import services as privacy
from metodset.surveys import selectors, services
from metodset.surveys.access import (
    CHANGE,
    get_question_for_user,
    get_survey_for_user,
)
from metodset.surveys.forms import (
    AnswerForm,
    InvitationForm,
    QuestionForm,
    SurveyFilter,
    SurveyForm,
)
from metodset.surveys.models import AnonymousToken, Invitation, Survey, token_hash

DETAIL = "surveys/survey_detail.html"
SORT_FIELDS = {
    "opens_on": ("opens_on",),
    "title": ("title",),
    "status": ("status", "-opens_on"),
}
EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Survey"), lambda s: s.title, 45),
    XlsxColumn(gettext_lazy("Kind"), lambda s: s.get_kind_display(), 25),
    XlsxColumn(gettext_lazy("Addressed to"), lambda s: str(s.association or s.event or ""), 35),
    XlsxColumn(gettext_lazy("Open from"), lambda s: s.opens_on, 12),
    XlsxColumn(gettext_lazy("Open until"), lambda s: s.closes_on, 12),
    XlsxColumn(gettext_lazy("Status"), lambda s: s.get_status_display(), 12),
    XlsxColumn(gettext_lazy("Responses"), lambda s: s.response_count, 10),
]


# --- List and builder -------------------------------------------------------------------


def survey_index(request):
    """Surveys the user builds or reads, and those addressed to him."""
    return render_list(
        request,
        queryset=selectors.survey_list(user=request.user),
        filterset_class=SurveyFilter,
        template="surveys/survey_list.html",
        sort_fields=SORT_FIELDS,
        default_sort="-opens_on",
        context={"can_add": request.user.has_perm("surveys.add_survey")},
        export=(_("Surveys"), EXPORT_COLUMNS),
    )


def survey_create(request):
    require_perm(request.user, "surveys.add_survey")
    initial = {}
    if request.GET.get("association", "").isdigit():
        initial = {"association": request.GET["association"], "audience": "association"}
    form = SurveyForm(request.POST or None, user=request.user, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.survey_create(
            user=request.user,
            municipality=form.municipality(),
            from_blueprint=form.from_blueprint(),
            **form.model_data(),
        ),
        title=_("New survey"),
        cancel_url=reverse("surveys:list"),
        success_message=_("The survey is created as a draft. Check its questions and open it."),
    )


def _detail_context(request: HttpRequest, survey: Survey, **extra) -> dict:
    user = request.user
    can_change = user.has_perm(CHANGE, survey)
    response_count = survey.responses.count()
    frozen = response_count > 0
    context = {
        "survey": survey,
        "can_change": can_change,
        "frozen": frozen,
        "response_count": response_count,
        "questions": list(survey.questions.prefetch_related("choices")),
        "history": history_for(survey),
        "public_link": request.build_absolute_uri(survey.public_url),
    }
    if can_change:
        # Names of the addressees are personal data: for the survey's builders only.
        context["sheet"] = selectors.addressee_sheet(survey)
        if not frozen:
            context["question_form"] = QuestionForm(survey=survey, auto_id="id_new_%s")
    return context | extra


def survey_detail(request, pk: int):
    survey = get_survey_for_user(request.user, pk)
    return render(request, DETAIL, _detail_context(request, survey))


def survey_edit(request, pk: int):
    survey = get_survey_for_user(request.user, pk, perm=CHANGE)
    form = SurveyForm(request.POST or None, instance=survey, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.survey_update(
            user=request.user, survey=survey, data=form.model_data()
        )[0],
        title=_("Edit: %(name)s") % {"name": survey},
        cancel_url=survey.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def survey_delete(request, pk: int):
    survey = get_survey_for_user(request.user, pk, perm=CHANGE)
    return confirm_page(
        request,
        action=lambda: services.survey_delete(user=request.user, survey=survey),
        title=_("Delete the survey"),
        question=_("Delete the survey «%(name)s»?") % {"name": survey},
        consequences=_("Its questions go with it. A survey with answers cannot be deleted."),
        confirm_label=_("Delete"),
        cancel_url=survey.get_absolute_url(),
        success_url=reverse("surveys:list"),
        success_message=_("The survey has been deleted."),
    )


def survey_open(request, pk: int):
    survey = get_survey_for_user(request.user, pk, perm=CHANGE)
    return confirm_page(
        request,
        action=lambda: services.survey_open(user=request.user, survey=survey),
        title=_("Open the survey"),
        question=_("Open «%(name)s» for answers from %(start)s to %(end)s?")
        % {
            "name": survey,
            "start": survey.opens_on.strftime("%d.%m.%Y"),
            "end": survey.closes_on.strftime("%d.%m.%Y"),
        },
        consequences=_("Once someone answers, the questions can no longer change."),
        confirm_label=_("Open"),
        cancel_url=survey.get_absolute_url(),
        success_url=survey.get_absolute_url(),
        success_message=_("The survey is open. Send its link to the addressees."),
    )


def survey_close(request, pk: int):
    survey = get_survey_for_user(request.user, pk, perm=CHANGE)
    return confirm_page(
        request,
        action=lambda: services.survey_close(user=request.user, survey=survey),
        title=_("Close the survey"),
        question=_("Close «%(name)s»? Answers will no longer be accepted.") % {"name": survey},
        consequences=_(
            "The results become final; a closed satisfaction survey counts in the indicator."
        ),
        confirm_label=_("Close"),
        cancel_url=survey.get_absolute_url(),
        success_url=survey.get_absolute_url(),
        success_message=_("The survey is closed."),
    )


# --- Questions (HTMX rows) --------------------------------------------------------------


def _questions_section(request, survey: Survey, form=None, notice: str = ""):
    extra = {"notice": notice}
    if form is not None:
        extra["question_form"] = form
    return render(request, f"{DETAIL}#questions", _detail_context(request, survey, **extra))


def _back(request, survey: Survey, notice: str = "", error: str = ""):
    if request.htmx:
        return _questions_section(request, survey, notice=error or notice)
    if error:
        messages.error(request, error)
    elif notice:
        messages.success(request, notice)
    return redirect(survey.get_absolute_url() + "#questions")


@require_POST
def question_add(request, pk: int):
    survey = get_survey_for_user(request.user, pk, perm=CHANGE)
    form = QuestionForm(request.POST, survey=survey, auto_id="id_new_%s")
    if form.is_valid():
        try:
            services.question_add(
                user=request.user, survey=survey, choices=form.choices(), **form.model_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        if request.htmx:
            return _questions_section(request, survey, form=form)
        return _back(
            request, survey, error=" ".join(e for errs in form.errors.values() for e in errs)
        )
    return _back(request, survey, notice=_("The question is added."))


def _row(request, question, form=None):
    survey = question.survey
    return render(
        request,
        f"{DETAIL}#question",
        {
            "survey": survey,
            "q": question,
            "edit_form": form,
            "can_change": request.user.has_perm(CHANGE, survey),
            "frozen": survey.responses.exists(),
        },
    )


def question_row(request, pk: int):
    question = get_question_for_user(request.user, pk)
    if not request.htmx:
        return redirect(question.survey.get_absolute_url() + f"#question-{question.pk}")
    return _row(request, question)


def question_edit(request, pk: int):
    question = get_question_for_user(request.user, pk, write=True)
    survey = question.survey
    form = QuestionForm(
        request.POST or None, instance=question, survey=survey, auto_id=f"id_q{pk}_%s"
    )

    def save():
        services.question_update(
            user=request.user, question=question, data=form.model_data(), choices=form.choices()
        )
        return survey

    if not request.htmx:
        return form_page(
            request,
            form,
            save=save,
            title=_("Question %(number)s") % {"number": question.position},
            cancel_url=survey.get_absolute_url(),
            success_url=survey.get_absolute_url() + f"#question-{question.pk}",
            success_message=_("Changes saved."),
        )
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            question.refresh_from_db()
            return _row(request, question)
    return _row(request, question, form)


@require_POST
def question_move(request, pk: int, direction: str):
    if direction not in ("up", "down"):
        raise Http404
    question = get_question_for_user(request.user, pk, write=True)
    try:
        services.question_move(user=request.user, question=question, up=direction == "up")
    except ValidationError as error:
        return _back(request, question.survey, error=" ".join(error.messages))
    return _back(request, question.survey)


@require_POST
def question_delete(request, pk: int):
    question = get_question_for_user(request.user, pk, write=True)
    survey = question.survey
    try:
        services.question_delete(user=request.user, question=question)
    except ValidationError as error:
        return _back(request, survey, error=" ".join(error.messages))
    return _back(request, survey, notice=_("The question is removed."))


# --- Personal links ---------------------------------------------------------------------


def survey_links(request, pk: int):
    """Issue one-time links to addressees of an anonymous survey: a page to print or a file."""
    survey = get_survey_for_user(request.user, pk, perm=CHANGE)
    if not survey.anonymous:
        messages.info(request, _("This survey is answered after login: send its public link."))
        return redirect(survey)
    invited = set(Invitation.objects.filter(survey=survey).values_list("teacher_id", flat=True))
    waiting = [t for t in selectors.addressees(survey) if t.pk not in invited]
    form = InvitationForm(request.POST or None, waiting=waiting)
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["teachers"]}
        try:
            issued = services.invitations_issue(
                user=request.user, survey=survey, teachers=[t for t in waiting if t.pk in chosen]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            base = request.build_absolute_uri(survey.public_url)
            links = [
                {"teacher": t, "url": f"{base}?t={token}"}
                for t, token in sorted(issued, key=lambda p: p[0].full_name)
            ]
            if form.cleaned_data["fmt"] == "xlsx":
                return xlsx_response(
                    f"survey-{survey.pk}-links-{timezone.localdate():%Y%m%d}.xlsx",
                    _("Personal links"),
                    [
                        XlsxColumn(_("Teacher"), lambda r: r["teacher"].full_name, 35),
                        XlsxColumn(_("Personal link"), lambda r: r["url"], 80),
                    ],
                    links,
                )
            return render(request, "surveys/links_issued.html", {"survey": survey, "links": links})
    return render(
        request,
        "surveys/links.html",
        {"survey": survey, "form": form, "waiting": waiting, "invited": len(invited)},
        status=400 if form.errors else 200,
    )


# --- Results ----------------------------------------------------------------------------


def survey_results(request, pk: int):
    survey = get_survey_for_user(request.user, pk)
    summary = selectors.results(survey)
    if request.GET.get("export") == "xlsx":
        rows = []
        for result in summary["questions"]:
            title = f"{result.question.position}. {result.question.text}"
            rows += [[title, r["label"], r["count"], r["percent"]] for r in result.rows]
            if result.mean is not None:
                rows.append([title, _("mean"), result.mean, ""])
            rows += [[title, text, "", ""] for text in result.texts]
        return xlsx_response(
            f"survey-{survey.pk}-results-{timezone.localdate():%Y%m%d}.xlsx",
            _("Results"),
            [
                XlsxColumn(_("Question"), lambda r: r[0], 50),
                XlsxColumn(_("Answer"), lambda r: r[1], 50),
                XlsxColumn(_("Count"), lambda r: r[2], 10),
                XlsxColumn(_("Per cent"), lambda r: r[3], 10),
            ],
            rows,
        )
    return render(request, "surveys/results.html", {"survey": survey, **summary})


# --- Answering --------------------------------------------------------------------------


def _notice(request, survey: Survey, text: str, status: int = 200):
    return render(request, "surveys/answer.html", {"survey": survey, "notice": text}, status=status)


@login_not_required
def survey_answer(request, slug: str):
    """The public page of a survey: answered after login or through a one-time link."""
    survey = get_object_or_404(Survey.objects.select_related("association", "event"), slug=slug)
    token = (request.POST.get("t") or request.GET.get("t") or "").strip() or None
    user = request.user
    teacher = getattr(user, "teacher_profile", None) if user.is_authenticated else None
    if token and survey.anonymous:
        if not AnonymousToken.objects.filter(
            survey=survey, token_hash=token_hash(token), used=False
        ).exists():
            return _notice(
                request,
                survey,
                _("This personal link has already been used or is not valid for this survey."),
                403,
            )
    else:
        token = None
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if teacher is None or not selectors.is_addressee(survey, teacher.pk):
            return _notice(request, survey, _("The survey is not addressed to you."), 403)
        if survey.anonymous and survey.invitations.filter(teacher=teacher).exists():
            return _notice(
                request,
                survey,
                _(
                    "You have already answered this survey or received a personal link to it. "
                    "One answer per person."
                ),
            )
        if not survey.anonymous and survey.responses.filter(teacher=teacher).exists():
            return _notice(request, survey, _("You have already answered this survey."))
    try:
        services.check_can_answer(survey)
    except ValidationError as error:
        return _notice(request, survey, " ".join(error.messages))
    questions = list(survey.questions.prefetch_related("choices"))
    # An empty POST (nothing ticked) is still a submission: bind it to show what is missing.
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        survey=survey,
        questions=questions,
        # An identified answer is personal data the person enters: his consent is asked.
        consent_user=None if token or survey.anonymous else user,
    )
    if request.method == "POST" and form.is_valid():
        submit = privacy.consent_saving(
            request,
            form,
            lambda: services.response_submit(
                survey=survey,
                answers=form.answers(),
                teacher=None if token else teacher,
                token=token,
            ),
        )
        try:
            submit()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "surveys/answer.html", {"survey": survey, "thanks": True})
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "token": token},
        status=400 if form.errors else 200,
    )
