"""The API's anonymous limit, checked before authentication.

Ninja runs its throttles after authentication, and a request that fails authentication
ends there with 401: a limit on anonymous requests never saw them, so guessing tokens was
free. Here every request without a logged-in session is checked against the per-address
count first, and counted afterwards unless a token authenticated it (401s and the public
schema pages count). An address past the limit gets 429 before its token is even looked
at, so a guess answers the same whether it was right or not; logged-in users (who passed
the login lockout) are limited per user by ninja after authentication.
"""

import time
from functools import wraps

from django.conf import settings
from django.utils.translation import gettext as _

from metodset.core.dates import time_label
from metodset.core.network import client_ip
from metodset.core.ratelimit import RateLimit


def anonymous_limit() -> RateLimit:
    return RateLimit.parse("api-anonymous", settings.METODSET_API_ANON_RATE)


def limit_anonymous(view, *, api):
    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        limit, address = anonymous_limit(), client_ip(request)
        if limit.exceeded(address):
            retry_at = limit.retry_at(address)
            response = api.create_response(
                request,
                {
                    "code": "rate_limited",
                    "message": _("Too many requests; try again after %(time)s.")
                    % {"time": time_label(retry_at)},
                },
                status=429,
            )
            response["Retry-After"] = str(max(1, int(retry_at.timestamp() - time.time()) + 1))
            return response
        try:
            return view(request, *args, **kwargs)
        finally:  # counted after the view, which sets request.auth when a token passes
            if getattr(request, "auth", None) is None:
                limit.hit(address)

    return limited
