"""Login lockout with django-axes: separate limits per account and per address, a Russian page.

Axes records each failed login as an `AccessAttempt` (e-mail, address, browser, failures,
last failure). A row counts while its last failure is younger than the cool-off
(`AXES_COOLOFF_TIME`). Axes compares one number of failures with one limit; here an account
(`username`) and an address (`ip_address`) have limits of their own
(`METODSET_LOGIN_FAILURE_LIMITS`), so the handler reports how many of them are reached and
`AXES_FAILURE_LIMIT` is 1. Unlock: delete the attempts in the admin («Попытки доступа») or
`metodset axes_reset_username <e-mail>` / `axes_reset_ip <address>` / `axes_reset`.
"""

import datetime as dt

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.accounts.forms import LoginForm
from metodset.core.dates import time_label


def login_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The account a login names: the e-mail as typed, folded as the login folds it, so that
    «Ivanova@…» and «ivanova@…» count against one account."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return value.strip().lower() if value else None


class LoginAttemptHandler(AxesDatabaseHandler):
    def lockout_ends(
        self, request: HttpRequest, credentials: dict | None = None
    ) -> list[dt.datetime]:
        """When each limit that is reached stops being reached, with no further failure.

        The failures of a row stop counting when its last failure is a cool-off old; the
        oldest rows leave first, until the sum is below the limit again.
        """
        cool_off = get_cool_off(request)
        parameters = get_lockout_parameters(request, credentials)
        ends = []
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            limit = settings.METODSET_LOGIN_FAILURE_LIMITS[parameter]
            rows = list(
                attempts.order_by("attempt_time").values_list(
                    "attempt_time", "failures_since_start"
                )
            )
            remaining = sum(failures for _last, failures in rows)
            if remaining < limit:
                continue
            for last_failure, failures in rows:
                remaining -= failures
                if remaining < limit:
                    ends.append(last_failure + cool_off)
                    break
        return ends

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # Compared with AXES_FAILURE_LIMIT = 1: the number of limits (account, address) reached.
        return len(self.lockout_ends(request, credentials))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The login page again, with the time from which a login may be tried (429)."""
    ends = AxesProxyHandler.get_implementation().lockout_ends(request, credentials)
    until = max(ends, default=timezone.now() + get_cool_off(request))
    form = LoginForm(request, initial={"username": login_username(request, credentials)})
    context = {
        "form": form,
        "next": request.POST.get("next", ""),
        "lockout": _(
            "Too many failed login attempts. Logging in with this e-mail or from this "
            "address is blocked; try again after %(time)s. If you have forgotten the "
            "password, reset it by e-mail."
        )
        % {"time": time_label(until)},
    }
    return render(request, "registration/login.html", context, status=429)
