from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.consultations import selectors, services
from metodset.consultations.access import get_request_for_user
from metodset.consultations.filters import RequestFilter
from metodset.consultations.forms import AnswerForm, AskForm, DeclineForm, LogForm
from metodset.core.access import require_perm
from metodset.core.forms import add_service_errors
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.models import Municipality
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.privacy.models import ConsentPurpose, ConsentText
from metodset.privacy.services import client_address

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Received"), lambda r: r.created_at.date()),
    XlsxColumn(gettext_lazy("Topic"), lambda r: r.topic, 50),
    XlsxColumn(gettext_lazy("Who asks"), lambda r: r.get_asker_display()),
    XlsxColumn(gettext_lazy("Source"), lambda r: r.get_source_display()),
    XlsxColumn(gettext_lazy("To whom"), lambda r: r.handler_name, 30),
    XlsxColumn(gettext_lazy("Status"), lambda r: r.get_status_display()),
    XlsxColumn(gettext_lazy("Answered by"), lambda r: r.get_way_display()),
    XlsxColumn(
        gettext_lazy("Answered on"), lambda r: r.answered_at.date() if r.answered_at else None
    ),
]


def request_list(request):
    """The log: the requests the user handles (per association, per methodist) or asked."""
    user = request.user
    return render_list(
        request,
        queryset=selectors.request_list(user=user),
        filterset_class=RequestFilter,
        template="consultations/request_list.html",
        sort_fields={"received": ("created_at",), "topic": ("topic",), "status": ("status",)},
        default_sort="-received",
        export=(_("Consultations"), EXPORT_COLUMNS),
        context={
            "can_ask": user.has_perm("consultations.ask"),
            "can_log": user.has_perm("consultations.log"),
        },
    )


def _consent_text() -> ConsentText | None:
    return ConsentText.objects.current(ConsentPurpose.CONSULTATION)


def request_ask(request):
    user = request.user
    require_perm(user, "consultations.ask")
    if user.municipality_id is None:  # the platform admin (a superuser) asks nobody
        raise PermissionDenied
    form = AskForm(request.POST or None, municipality_id=user.municipality_id)
    text = _consent_text()

    def save():
        data = form.cleaned_data
        return services.request_submit(
            user=user,
            association=data["association"],
            asker=data["asker"],
            topic=data["topic"],
            question=data["question"],
            phone=data["phone"],
            consent_text=text,
            address=client_address(request),
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("Ask for a consultation"),
        cancel_url=reverse("consultations:list"),
        success_message=_("Your question is sent. The answer will come here and by e-mail."),
        submit_label=_("Send the question"),
        template="consultations/ask.html",
        extra={"consent_text": text},
    )


def request_detail(request, pk: int):
    item = get_request_for_user(request.user, pk)
    can_answer = request.user.has_perm("consultations.answer", item)
    return render(
        request,
        "consultations/request_detail.html",
        {
            "item": item,
            "can_answer": can_answer,
            "history": history_for(item) if can_answer else [],
        },
    )


def request_answer(request, pk: int):
    item = get_request_for_user(request.user, pk, perm="consultations.answer")
    form = AnswerForm(request.POST or None, initial={"way": "written"})
    return form_page(
        request,
        form,
        save=lambda: services.request_answer(user=request.user, request=item, **form.cleaned_data),
        title=_("Answer: %(topic)s") % {"topic": item.topic},
        cancel_url=item.get_absolute_url(),
        success_message=_("The answer is sent to the asker."),
        submit_label=_("Send the answer"),
        template="consultations/answer.html",
        extra={"item": item},
    )


def request_decline(request, pk: int):
    item = get_request_for_user(request.user, pk, perm="consultations.answer")
    form = DeclineForm(request.POST or None)
    return confirm_page(
        request,
        action=lambda: services.request_decline(
            user=request.user, request=item, reason=form.cleaned_data["reason"]
        ),
        title=_("Decline the request"),
        question=_("Decline the request «%(topic)s»?") % {"topic": item.topic},
        consequences=_("The asker gets the reason by e-mail."),
        confirm_label=_("Decline"),
        cancel_url=item.get_absolute_url(),
        success_url=item.get_absolute_url(),
        success_message=_("The request is declined."),
        form=form,
    )


def request_close(request, pk: int):
    item = get_request_for_user(request.user, pk, perm="consultations.answer")
    return confirm_page(
        request,
        action=lambda: services.request_close(user=request.user, request=item),
        title=_("The consultation has been given"),
        question=_("Mark the consultation «%(topic)s» as given?") % {"topic": item.topic},
        confirm_label=_("It has been given"),
        cancel_url=item.get_absolute_url(),
        success_url=item.get_absolute_url(),
        success_message=_("The consultation is marked as given."),
    )


def consultation_log(request):
    user = request.user
    require_perm(user, "consultations.log")
    if user.municipality_id is None:  # the platform admin (a superuser) logs no consultation
        raise PermissionDenied
    form = LogForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.consultation_log(
                user=user,
                municipality=Municipality.objects.get(pk=user.municipality_id),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consultation is logged."))
            return redirect(item.get_absolute_url())
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Log a consultation given"),
            "cancel_url": reverse("consultations:list"),
            "submit_label": _("Log"),
        },
        status=400 if form.errors else 200,
    )
