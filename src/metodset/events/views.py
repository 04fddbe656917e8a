from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from metodset.core.access import get_for_user, require_perm
from metodset.core.downloads import attachment
from metodset.core.files import file_response
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import form_page
from metodset.core.xlsx import XlsxColumn
from metodset.events import selectors, services
from metodset.events.certificates import certificate_name, certificate_pdf
from metodset.events.filters import EventFilter
from metodset.events.forms import EventForm, MaterialForm, RegisterMemberForm
from metodset.events.models import (
    Event,
    EventMaterial,
    Outcome,
    Participation,
    ParticipationStatus,
)
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Title"), lambda e: e.title, 50),
    XlsxColumn(gettext_lazy("Form"), lambda e: e.get_form_display()),
    XlsxColumn(gettext_lazy("Level"), lambda e: e.get_level_display()),
    XlsxColumn(gettext_lazy("Starts"), lambda e: e.starts_at.date()),
    XlsxColumn(gettext_lazy("Organiser"), lambda e: str(e.association or "")),
    XlsxColumn(gettext_lazy("Venue"), lambda e: str(e.venue or e.online_url)),
    XlsxColumn(gettext_lazy("Registered"), lambda e: e.registered_count, 12),
    XlsxColumn(gettext_lazy("Capacity"), lambda e: e.capacity, 12),
]


PARTICIPANTS_PER_PAGE = 50


def _event(request, pk: int, perm: str | None = None) -> Event:
    queryset = Event.objects.select_related("association", "venue", "municipality", "stage_of")
    return get_for_user(queryset, request.user, pk, perm=perm)


def event_list(request):
    return render_list(
        request,
        queryset=selectors.event_list(user=request.user),
        filterset_class=EventFilter,
        template="events/event_list.html",
        sort_fields={
            "starts": ("starts_at",),
            "title": ("title",),
            "registered": ("registered_count",),
        },
        default_sort="-starts",
        export=(_("Events"), EXPORT_COLUMNS),
    )


def event_detail(request, pk: int):
    event = _event(request, pk)
    user = request.user
    can_manage = user.has_perm("events.manage_participants", event)
    mine = None
    if user.teacher_id:
        mine = event.participations.filter(teacher_id=user.teacher_id).first()
    context = {
        "event": event,
        "can_manage": can_manage,
        "can_register": user.has_perm("events.register_self", event)
        and not event.has_ended
        and (mine is None or mine.status == ParticipationStatus.CANCELLED),
        "mine": mine,
        # One page of the participants at a time: the page costs the same for 10 and 1,000.
        "participants": (
            Paginator(selectors.participants(event=event), PARTICIPANTS_PER_PAGE).get_page(
                request.GET.get("participants")
            )
            if can_manage
            else None
        ),
        "member_form": RegisterMemberForm(user=user, event=event) if can_manage else None,
        "history": history_for(event) if can_manage else [],
        "materials": list(event.materials.all()),
        "material_form": MaterialForm() if can_manage else None,
    }
    # The participants' names and organisations are personal data: log who saw them.
    privacy.access_record(
        request=request,
        people=[p.teacher for p in context["participants"] or ()],
        kind=AccessKind.LIST,
    )
    return render(request, "events/event_detail.html", context)


def event_create(request):
    require_perm(request.user, "events.add_event")
    form = EventForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.event_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New event"),
        cancel_url=reverse("events:list"),
        success_message=_("The event has been announced."),
    )


def event_edit(request, pk: int):
    event = _event(request, pk, perm="events.change_event")
    form = EventForm(request.POST or None, instance=event, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.event_update(user=request.user, event=event, data=form.model_data()),
        title=_("Edit: %(name)s") % {"name": event},
        cancel_url=event.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def _done(request, event, call, success: str):
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(event)


@require_POST
def register_self(request, pk: int):
    event = _event(request, pk, perm="events.register_self")
    teacher = request.user.teacher_profile
    return _done(
        request,
        event,
        lambda: services.participation_register(user=request.user, event=event, teacher=teacher),
        _("You are registered. If the event is full, you are on the waiting list."),
    )


@require_POST
def register_member(request, pk: int):
    event = _event(request, pk, perm="events.manage_participants")
    form = RegisterMemberForm(request.POST, user=request.user, event=event)
    if not form.is_valid():
        messages.error(request, _("Choose a teacher and a role."))
        return redirect(event)
    teacher = form.cleaned_data["teacher"]
    return _done(
        request,
        event,
        lambda: services.participation_register(
            user=request.user, event=event, teacher=teacher, role=form.cleaned_data["role"]
        ),
        teacher.by_gender(
            pgettext("masculine", "%(name)s is registered."),
            pgettext("feminine", "%(name)s is registered."),
        )
        % {"name": teacher.full_name},
    )


@require_POST
def participation_cancel(request, pk: int):
    participation = get_for_user(Participation.objects.select_related("event"), request.user, pk)
    event = participation.event
    return _done(
        request,
        event,
        lambda: services.participation_cancel(user=request.user, participation=participation),
        _("The registration is cancelled."),
    )


@require_POST
def attendance(request, pk: int):
    event = _event(request, pk, perm="events.manage_participants")
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
    # The form shows one page of the participants: only those rows are marked.
    shown = {int(v) for v in request.POST.getlist("shown") if v.isdigit()}
    return _done(
        request,
        event,
        lambda: services.attendance_mark(
            user=request.user,
            event=event,
            present_ids=present,
            shown_ids=shown if "shown" in request.POST else None,
        ),
        _("Attendance saved."),
    )


def certificate(request, pk: int):
    participation = get_for_user(
        Participation.objects.select_related(
            "event__municipality", "teacher__organisation", "event__venue", "event__association"
        ),
        request.user,
        pk,
    )
    require_perm(request.user, "events.change_participation", participation)
    try:
        services.certificate_issue(user=request.user, participation=participation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(participation.event)
    pdf = certificate_pdf(participation, base_url=request.build_absolute_uri("/"))
    return attachment(pdf, certificate_name(participation), "pdf", "application/pdf")


@login_not_required
def verify(request):
    """Public: anyone holding a certificate can check its code."""
    # A NUL cannot be in a code, and PostgreSQL refuses it in a query.
    code = request.GET.get("code", "").replace("\x00", "").strip()
    participation = selectors.certificate_get(code=code) if code else None
    return render(request, "events/verify.html", {"code": code, "participation": participation})


def competition(request, pk: int):
    """Nominations, entries and results of a competition; student results by school and grade."""
    from metodset.events.forms import EntryForm, NominationForm, StudentResultForm

    event = _event(request, pk)
    can_manage = request.user.has_perm("events.manage_participants", event)
    can_enter = can_manage or request.user.has_perm("events.enter_competition", event)
    context = {
        "event": event,
        "can_manage": can_manage,
        "can_enter": can_enter,
        "entries": list(selectors.competition_entries(event=event)),
        "student_results": list(event.student_results.select_related("organisation")),
        "outcomes": Outcome.choices,
    }
    if can_manage:
        context |= {
            "nomination_form": NominationForm(),
            "student_form": StudentResultForm(event=event),
        }
    if can_enter:
        context["entry_form"] = EntryForm(user=request.user, event=event, own_only=not can_manage)
    return render(request, "events/competition.html", context)


@require_POST
def competition_update(request, pk: int, action: str):
    from metodset.events.forms import EntryForm, NominationForm, StudentResultForm

    # A head may put his members forward (entry); everything else is the organisers'.
    perm = "events.enter_competition" if action == "entry" else "events.manage_participants"
    event = _event(request, pk, perm=perm)
    own_only = not request.user.has_perm("events.manage_participants", event)
    back = reverse("events:competition", args=[event.pk])
    try:
        if action == "nomination":
            form = NominationForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Name the nomination."))
            services.nomination_add(user=request.user, event=event, name=form.cleaned_data["name"])
        elif action == "entry":
            form = EntryForm(request.POST, user=request.user, event=event, own_only=own_only)
            if not form.is_valid():
                raise ValidationError(_("Choose a nomination and a teacher."))
            services.entry_add(user=request.user, **form.cleaned_data)
        elif action == "results":
            outcomes = {
                int(key.removeprefix("outcome-")): value
                for key, value in request.POST.items()
                if key.startswith("outcome-") and key.removeprefix("outcome-").isdigit()
            }
            services.results_set(user=request.user, event=event, outcomes=outcomes)
        elif action == "students":
            form = StudentResultForm(request.POST, event=event)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.student_result_save(user=request.user, result=form.instance)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


@require_POST
def material_add(request, pk: int):
    event = _event(request, pk, perm="events.manage_participants")
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(event)
    return _done(
        request,
        event,
        lambda: services.material_add(user=request.user, event=event, **form.cleaned_data),
        _("The material is attached."),
    )


def material_file(request, pk: int):
    """A material, served to those who may see its event: it has no public address."""
    material = get_for_user(EventMaterial.objects.all(), request.user, pk)
    return file_response(material.file, material.download_name())
