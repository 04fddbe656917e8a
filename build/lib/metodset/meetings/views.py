import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from metodset.associations.access import get_association_for_user
from metodset.core.access import require_perm
from metodset.core.files import file_response
from metodset.core.forms import add_service_errors
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.meetings import selectors, services
from metodset.meetings.access import (
    get_agenda_item_for_user,
    get_attachment_for_user,
    get_guest_for_user,
    get_meeting_for_user,
)
from metodset.meetings.filters import AssociationMeetingFilter, MeetingFilter
from metodset.meetings.forms import (
    AgendaItemForm,
    AttachmentForm,
    DecisionForm,
    GuestForm,
    MeetingForm,
    MinutesSettingsForm,
    ReasonForm,
)
from metodset.meetings.models import Meeting

DETAIL = "meetings/meeting_detail.html"
CHANGE = "meetings.change_meeting"

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Association"), lambda m: m.association.name, 45),
    XlsxColumn(gettext_lazy("School year"), lambda m: str(m.year), 12),
    XlsxColumn(gettext_lazy("No."), lambda m: m.number, 6),
    XlsxColumn(gettext_lazy("Date"), lambda m: m.date, 12),
    XlsxColumn(gettext_lazy("Place"), lambda m: str(m.venue) if m.venue else m.online_url, 30),
    XlsxColumn(gettext_lazy("Questions"), lambda m: m.question_count, 10),
    XlsxColumn(gettext_lazy("Without a decision"), lambda m: m.undecided_count, 12),
    XlsxColumn(gettext_lazy("Present"), lambda m: m.present_count, 10),
    XlsxColumn(gettext_lazy("Absent"), lambda m: m.absent_count, 10),
    XlsxColumn(
        gettext_lazy("Minutes signed"), lambda m: m.signed_at.date() if m.signed_at else "", 14
    ),
]
SORT_FIELDS = {
    "date": ("date", "number"),
    "association": ("association__name", "-date"),
    "number": ("school_year", "number"),
}


def _done(request: HttpRequest, meeting: Meeting, call, success: str, anchor: str = ""):
    """Run a service for a POST without its own page; report in a message, back to the meeting."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(meeting.get_absolute_url() + anchor)


# --- Lists ------------------------------------------------------------------------------


def meeting_index(request):
    """Meetings of every association the user may see."""
    return render_list(
        request,
        queryset=selectors.meeting_list(user=request.user),
        filterset_class=MeetingFilter,
        template="meetings/meeting_list.html",
        sort_fields=SORT_FIELDS,
        default_sort="-date",
        export=(_("Meetings"), EXPORT_COLUMNS),
    )


def association_meetings(request, pk: int):
    association = get_association_for_user(request.user, pk)
    return render_list(
        request,
        queryset=selectors.meeting_list(user=request.user, association=association),
        filterset_class=AssociationMeetingFilter,
        template="meetings/meeting_list.html",
        sort_fields=SORT_FIELDS,
        default_sort="-date",
        context={
            "association": association,
            "can_add": request.user.has_perm("meetings.add_meeting", association)
            and association.is_active,
        },
        export=(_("Meetings"), EXPORT_COLUMNS),
    )


# --- One meeting ------------------------------------------------------------------------


def _can_sign(user, meeting: Meeting) -> bool:
    """Signing is offered for a meeting held and not signed yet, to those who sign."""
    return (
        meeting.has_taken_place
        and not meeting.is_signed
        and user.has_perm("meetings.sign_minutes", meeting)
    )


def _detail_context(request: HttpRequest, meeting: Meeting, sheet=None) -> dict:
    user = request.user
    can_change = user.has_perm(CHANGE, meeting)
    questions = selectors.agenda(meeting)
    if sheet is None:
        sheet = selectors.attendance_sheet(meeting, viewer=user)
    context = {
        "meeting": meeting,
        "association": meeting.association,
        "can_change": can_change,
        "can_sign": _can_sign(user, meeting),
        "sheet": sheet,
        "attendance": selectors.attendance_count(sheet),
        "attendance_form": selectors.attendance_planned(sheet),
        "guests": list(meeting.guests.all()),
        "questions": questions,
        "attachments": list(meeting.attachments.all()),
        "plan_items": list(meeting.plan_items.select_related("plan")),
        "to_control": selectors.decisions_to_control(meeting),
        "adopted_plans": [plan for q in questions for plan in q.adopted_plans.all()],
        "problems": [] if meeting.is_signed else services.minutes_problems(meeting),
        "corrections": selectors.minutes_corrections(meeting),
        "history": history_for(meeting),
        # A teacher's card is personal data: link it only for those who may open it.
        "link_teachers": not user.is_teacher or can_change,
    }
    if can_change:
        context |= {
            "reason_form": ReasonForm(meeting=meeting, auto_id="id_attendance_%s"),
            "guest_form": GuestForm(meeting=meeting, auto_id="id_guest_%s"),
            "attachment_form": AttachmentForm(auto_id="id_attachment_%s"),
        }
        if not meeting.is_signed:
            context["agenda_form"] = AgendaItemForm(meeting=meeting, auto_id="id_new_%s")
    return context


def meeting_detail(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, DETAIL, _detail_context(request, meeting))


def meeting_create(request, pk: int):
    association = get_association_for_user(request.user, pk, perm="meetings.add_meeting")
    if not association.is_active:
        messages.info(request, _("The association is liquidated."))
        return redirect(association)
    form = MeetingForm(request.POST or None, user=request.user, association=association)
    return form_page(
        request,
        form,
        save=lambda: services.meeting_schedule(
            user=request.user,
            association=association,
            agenda=form.agenda_lines(),
            **form.model_data(),
        ),
        title=_("New meeting: %(name)s") % {"name": association},
        cancel_url=reverse("meetings:association", args=[association.pk]),
        success_message=_("The meeting is scheduled. Its number is assigned automatically."),
    )


def meeting_edit(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk, perm=CHANGE)
    form = MeetingForm(
        request.POST or None, instance=meeting, user=request.user, association=meeting.association
    )
    return form_page(
        request,
        form,
        save=lambda: services.meeting_update(
            user=request.user, meeting=meeting, data=form.model_data(), reason=form.reason()
        ),
        title=_("Edit: %(name)s") % {"name": meeting},
        cancel_url=meeting.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def meeting_delete(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk, perm="meetings.delete_meeting")
    return confirm_page(
        request,
        action=lambda: services.meeting_delete(user=request.user, meeting=meeting),
        title=_("Delete the meeting"),
        question=_("Delete %(meeting)s of «%(association)s»?")
        % {"meeting": meeting, "association": meeting.association},
        consequences=_(
            "Its agenda and attendance go with it. The unsigned meetings of the school year "
            "are numbered by date again, so the numbering has no gap."
        ),
        confirm_label=_("Delete"),
        cancel_url=meeting.get_absolute_url(),
        success_url=reverse("meetings:association", args=[meeting.association_id]),
        success_message=_("The meeting has been deleted."),
    )


def minutes_sign(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk, perm="meetings.sign_minutes")
    if meeting.is_signed:
        messages.info(request, _("The minutes are already signed."))
        return redirect(meeting)
    if not meeting.has_taken_place:
        messages.info(
            request,
            _("The meeting of %(date)s has not taken place yet: its minutes cannot be signed.")
            % {"date": meeting.date.strftime("%d.%m.%Y")},
        )
        return redirect(meeting)
    problems = services.minutes_problems(meeting)
    return confirm_page(
        request,
        action=lambda: services.minutes_sign(user=request.user, meeting=meeting),
        title=_("Sign the minutes"),
        question=_("Sign the minutes of %(meeting)s?") % {"meeting": meeting},
        consequences=" ".join(problems)
        if problems
        else _(
            "Signed minutes are final: questions can no longer be added, removed or "
            "reordered, and every later correction needs a reason kept in the history."
        ),
        confirm_label=_("Sign"),
        cancel_url=meeting.get_absolute_url(),
        success_url=meeting.get_absolute_url(),
        success_message=_("The minutes are signed."),
    )


# --- Attendance and guests --------------------------------------------------------------


MARKS = {"present": True, "absent": False, "": None}
MARK_FIELD = re.compile(r"mark-(\d+)")


def _posted_marks(request: HttpRequest, sheet) -> dict[int, tuple[bool | None, str]]:
    """Each member's choice (present, absent, not marked) and typed reason, as posted."""
    marks = {}
    for line in sheet:
        teacher_id = line.teacher.pk
        line.choice = request.POST.get(f"mark-{teacher_id}", "")
        if line.choice not in MARKS:
            line.choice = ""
        line.typed_reason = request.POST.get(f"reason-{teacher_id}", "").strip()[:300]
        marks[teacher_id] = (MARKS[line.choice], line.typed_reason)
    for name, value in request.POST.items():
        match = MARK_FIELD.fullmatch(name)
        if match and int(match[1]) not in marks and MARKS.get(value) is not None:
            marks[int(match[1])] = (MARKS[value], "")  # not a member: the service names him
    return marks


@require_POST
def attendance_save(request, pk: int):
    """One submit for every member on the date: present, absent or not marked, each as the
    head chose; a typed reason makes a member absent. Says what was saved."""
    meeting = get_meeting_for_user(request.user, pk, perm=CHANGE)
    sheet = selectors.attendance_sheet(meeting, viewer=request.user)
    marks = _posted_marks(request, sheet)
    try:
        services.attendance_record(
            user=request.user, meeting=meeting, marks=marks, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        # The form comes back with what the head chose, so nothing typed is lost.
        context = _detail_context(request, meeting, sheet=sheet)
        context["attendance_errors"] = error.messages
        context["reason_form"] = ReasonForm(
            request.POST, meeting=meeting, auto_id="id_attendance_%s"
        )
        return render(request, DETAIL, context, status=400)
    count = selectors.attendance_count(selectors.attendance_sheet(meeting))
    message = _(
        "Attendance saved. Present: %(present)s, absent: %(absent)s, not marked: %(unmarked)s."
    ) % {"present": count.present, "absent": count.absent, "unmarked": count.unmarked}
    (messages.warning if count.unmarked else messages.success)(request, message)
    return redirect(meeting.get_absolute_url() + "#attendance")


@require_POST
def guest_add(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk, perm=CHANGE)
    form = GuestForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(meeting.get_absolute_url() + "#guests")
    return _done(
        request,
        meeting,
        lambda: services.guest_add(
            user=request.user, meeting=meeting, **form.model_data(), reason=form.reason()
        ),
        _("The guest is added."),
        "#guests",
    )


def guest_remove(request, pk: int):
    guest = get_guest_for_user(request.user, pk, write=True)
    meeting = guest.meeting
    form = ReasonForm(request.POST or None, meeting=meeting)
    return confirm_page(
        request,
        action=lambda: services.guest_remove(user=request.user, guest=guest, reason=form.reason()),
        title=_("Remove a guest"),
        question=_("Remove %(name)s from the invited guests?") % {"name": guest.name},
        confirm_label=_("Remove"),
        cancel_url=meeting.get_absolute_url(),
        success_url=meeting.get_absolute_url() + "#guests",
        success_message=_("The guest is removed."),
        form=form if form.fields else None,
    )


# --- Agenda -----------------------------------------------------------------------------


def _agenda_section(request: HttpRequest, meeting: Meeting, form=None, notice: str = ""):
    context = _detail_context(request, meeting)
    if form is not None:
        context["agenda_form"] = form
    context["notice"] = notice
    context["oob"] = True  # the sign-off panel follows the agenda out of band
    return render(request, f"{DETAIL}#agenda", context)


@require_POST
def agenda_add(request, pk: int):
    """Add a question; HTMX swaps the agenda section, without it the page reloads."""
    meeting = get_meeting_for_user(request.user, pk, perm=CHANGE)
    form = AgendaItemForm(request.POST, meeting=meeting, auto_id="id_new_%s")
    if form.is_valid():
        try:
            services.agenda_item_add(user=request.user, meeting=meeting, **form.model_data())
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        if request.htmx:
            return _agenda_section(request, meeting, form=form)
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(meeting.get_absolute_url() + "#agenda")
    if request.htmx:
        return _agenda_section(request, meeting, notice=_("The question is added."))
    messages.success(request, _("The question is added."))
    return redirect(meeting.get_absolute_url() + "#agenda")


def _question_context(request: HttpRequest, question, form=None, *, saved=False) -> dict:
    meeting = question.meeting
    context = {
        "meeting": meeting,
        "q": question,
        "question_form": form,
        "can_change": request.user.has_perm(CHANGE, meeting),
    }
    if saved:
        # A decision recorded may be the last thing the sign-off waited for.
        context |= {
            "question_oob": True,
            "problems": [] if meeting.is_signed else services.minutes_problems(meeting),
            "can_sign": _can_sign(request.user, meeting),
        }
    return context


def agenda_row(request, pk: int):
    """One question as shown on the page (HTMX: back from its edit form)."""
    question = get_agenda_item_for_user(request.user, pk)
    if not request.htmx:
        return redirect(question.meeting.get_absolute_url() + f"#question-{question.pk}")
    return render(request, f"{DETAIL}#question", _question_context(request, question))


def agenda_edit(request, pk: int):
    """Edit a question in place (HTMX) or on a page of its own."""
    question = get_agenda_item_for_user(request.user, pk, write=True)
    meeting = question.meeting
    form = AgendaItemForm(
        request.POST or None, instance=question, meeting=meeting, auto_id=f"id_q{pk}_%s"
    )
    if not request.htmx:
        return form_page(
            request,
            form,
            save=lambda: services.agenda_item_update(
                user=request.user, item=question, data=form.model_data(), reason=form.reason()
            ),
            title=_("Question %(number)s of %(meeting)s")
            % {"number": question.position, "meeting": meeting},
            cancel_url=meeting.get_absolute_url(),
            success_url=meeting.get_absolute_url() + f"#question-{question.pk}",
            success_message=_("Changes saved."),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(
                user=request.user, item=question, data=form.model_data(), reason=form.reason()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            question.refresh_from_db()
            return render(
                request, f"{DETAIL}#question", _question_context(request, question, saved=True)
            )
    return render(request, f"{DETAIL}#question", _question_context(request, question, form))


@require_POST
def agenda_move(request, pk: int, direction: str):
    if direction not in ("up", "down"):
        raise Http404
    question = get_agenda_item_for_user(request.user, pk, write=True)
    meeting = question.meeting
    try:
        services.agenda_item_move(user=request.user, item=question, up=direction == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return _agenda_section(request, meeting)
    return redirect(meeting.get_absolute_url() + "#agenda")


@require_POST
def agenda_delete(request, pk: int):
    question = get_agenda_item_for_user(request.user, pk, write=True)
    meeting = question.meeting
    notice = ""
    try:
        services.agenda_item_delete(user=request.user, item=question)
    except ValidationError as error:
        if not request.htmx:
            messages.error(request, " ".join(error.messages))
        notice = " ".join(error.messages)
    else:
        notice = _("The question is removed.")
        if not request.htmx:
            messages.success(request, notice)
    if request.htmx:
        return _agenda_section(request, meeting, notice=notice)
    return redirect(meeting.get_absolute_url() + "#agenda")


# --- Attachments ------------------------------------------------------------------------


@require_POST
def attachment_add(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk, perm=CHANGE)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(meeting.get_absolute_url() + "#attachments")
    return _done(
        request,
        meeting,
        lambda: services.attachment_add(user=request.user, meeting=meeting, **form.cleaned_data),
        _("The file is attached."),
        "#attachments",
    )


def attachment_file(request, pk: int):
    """An attachment, served only to those who may see its meeting."""
    attachment = get_attachment_for_user(request.user, pk)
    return file_response(attachment.file, attachment.filename)


@require_POST
def attachment_delete(request, pk: int):
    attachment = get_attachment_for_user(request.user, pk, write=True)
    return _done(
        request,
        attachment.meeting,
        lambda: services.attachment_delete(user=request.user, attachment=attachment),
        _("The file is removed."),
        "#attachments",
    )


# --- Settings of the municipality's minutes -------------------------------------------


def minutes_settings(request):
    """The methodist chooses what the municipality's minutes print for a reason of absence."""
    require_perm(request.user, "meetings.configure_minutes")
    municipality = request.user.municipality
    if municipality is None:  # a municipality's setting; its methodists make it
        raise Http404
    form = MinutesSettingsForm(request.POST or None, instance=municipality)
    return form_page(
        request,
        form,
        save=lambda: services.minutes_settings_update(
            user=request.user, municipality=municipality, data=form.cleaned_data
        ),
        title=_("Minutes of %(municipality)s") % {"municipality": municipality},
        cancel_url=reverse("meetings:list"),
        success_url=reverse("meetings:settings"),
        success_message=_("Settings saved."),
    )


# --- Decisions followed to completion ----------------------------------------------------


def decision_follow(request, pk: int):
    """Name the responsible member, the deadline and the status of a question's decision."""
    question = get_agenda_item_for_user(request.user, pk)
    require_perm(request.user, "meetings.follow_decision", question)
    meeting = question.meeting
    form = DecisionForm(request.POST or None, instance=question, meeting=meeting)
    back = meeting.get_absolute_url() + f"#question-{question.pk}"
    return form_page(
        request,
        form,
        save=lambda: services.decision_follow(
            user=request.user,
            item=question,
            responsible=form.cleaned_data["responsible"],
            due_on=form.cleaned_data["due_on"],
            status=form.cleaned_data["decision_status"],
        ),
        title=_("Execution of the decision on question %(number)s of %(meeting)s")
        % {"number": question.position, "meeting": meeting},
        cancel_url=back,
        success_url=lambda _item: back,
        success_message=_("Changes saved."),
    )


@require_POST
def decision_report(request, pk: int):
    """The responsible member reports the decision carried out (or takes it back)."""
    question = get_agenda_item_for_user(request.user, pk)
    require_perm(request.user, "meetings.report_decision", question)
    done = request.POST.get("done", "1") == "1"
    try:
        services.decision_report(user=request.user, item=question, done=done)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The decision is marked carried out.")
            if done
            else _("The decision is being carried out again."),
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(question.meeting.get_absolute_url() + f"#question-{question.pk}")
