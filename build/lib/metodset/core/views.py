from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from metodset.core import health, notifications
from metodset.core.forms import add_service_errors


def next_url(request: HttpRequest) -> str | None:
    """The page a form was opened from (`?next=`), if it is a path of this site."""
    target = request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def form_page(
    request: HttpRequest,
    form,
    *,
    save: Callable[[], Model | None],
    title: str,
    cancel_url: str,
    success_message: str,
    success_url: str | Callable[[Model], str] | None = None,
    submit_label: str | None = None,
    template: str = "components/form_page.html",
    extra: dict | None = None,
) -> HttpResponse:
    """Validate a bound form, call a service, map its ValidationError back onto the form.

    The service validates the model as a whole (full_clean), so errors a form
    cannot see on its own (a duplicate, another municipality's record) are
    shown next to the field they concern and nothing is saved.
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            if callable(success_url):
                return redirect(success_url(obj))
            return redirect(success_url or obj.get_absolute_url())
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "submit_label": submit_label or _("Save"),
        **(extra or {}),
    }
    return render(request, template, context, status=400 if form.errors else 200)


def confirm_page(
    request: HttpRequest,
    *,
    action: Callable[[], object],
    title: str,
    question: str,
    confirm_label: str,
    cancel_url: str,
    success_url: str,
    success_message: str,
    consequences: str = "",
    form=None,
) -> HttpResponse:
    """A confirmation step for a destructive action; the action runs on POST only."""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            action()
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(cancel_url)
            add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    return render(
        request,
        "components/confirm.html",
        {
            "title": title,
            "question": question,
            "consequences": consequences,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first."""
    return render(
        request,
        "core/notifications.html",
        {"notifications": notifications.notification_list(user=request.user)},
    )


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications.notifications_read(user=request.user)
    return redirect("core:notifications")


@login_not_required
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For monitoring (docs/operations.md): 200 when the service works, 503 when not."""
    result = health.report()
    return JsonResponse(result.as_dict(), status=200 if result.healthy else 503)


def autocomplete(request: HttpRequest, kind: str) -> HttpResponse:
    """The options of a search picker (core.autocomplete): at most LIMIT rows the user may
    choose from, matching the typed text. A kind the user may not search is 403; another
    municipality's rows are never among them."""
    from metodset.core.autocomplete import LIMIT, SEARCH, SOURCES

    source = SOURCES.get(kind)
    if source is None:
        raise Http404
    rows = source.rows(request.user)
    if rows is None:
        raise PermissionDenied
    text = request.GET.get("q") or next(
        (value for key, value in request.GET.items() if key.endswith(SEARCH)), ""
    )
    found = source.search(source.narrow(rows, request.GET, request.user), text)
    return render(
        request,
        "core/autocomplete_options.html",
        {
            "options": [(row.pk, source.label(row)) for row in found[:LIMIT]],
            "more": len(found) > LIMIT,
            "limit": LIMIT,
        },
    )


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; `open` goes on to the page it links to."""
    notification = notifications.notification_read(user=request.user, pk=pk)
    if notification is None:
        raise Http404
    if request.POST.get("open") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("core:notifications")


def notification_settings(request: HttpRequest) -> HttpResponse:
    """Each kind of notification: in the app and/or by e-mail, as the user chooses."""
    rows = notifications.preferences(user=request.user)
    if request.method == "POST":
        notifications.preferences_save(
            user=request.user,
            choices={
                kind.code: (
                    request.POST.get(f"{kind.code}-in_app") == "on",
                    request.POST.get(f"{kind.code}-email") == "on",
                )
                for kind, _in_app, _email in rows
            },
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("core:notification_settings")
    return render(
        request,
        "core/notification_settings.html",
        {"rows": rows, "email": request.user.email},
    )
