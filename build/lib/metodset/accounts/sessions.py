"""Sessions end after `SESSION_COOKIE_AGE` without a request, and on a new password.

Django extends a session only when it is saved. `SESSION_SAVE_EVERY_REQUEST` would save it
on every request (a write per page view, per API call); instead the middleware marks the
session modified when it was last renewed more than `RENEW_AFTER` ago, so the idle limit
holds to within that margin.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.dispatch import receiver
from django.utils import timezone
from django.utils.module_loading import import_string

RENEWED = "_renewed_at"
RENEW_AFTER = 300  # seconds


class SessionIdleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        # Only a session the request has read (a public feed never loads it) and logged in.
        if session.accessed and session.get(SESSION_KEY) is not None:
            now = int(time.time())
            renew_after = min(RENEW_AFTER, settings.SESSION_COOKIE_AGE // 2)
            if now - session.get(RENEWED, 0) >= renew_after:
                session[RENEWED] = now  # SessionMiddleware saves it with a new expiry
        return response


@receiver(user_logged_in)
def _stamp_new_session(sender, request, user, **kwargs):
    # A fresh login is a renewal: its first requests need not write the session again.
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED] = int(time.time())


def sessions_end(*, user, keep_session_key: str | None = None) -> int:
    """Delete the user's sessions but `keep_session_key`; returns how many ended.

    Sessions are not indexed by user: the live ones are read once. This runs on a password
    change only. Other engines than the database have nothing to scan; there, the session
    hash that Django checks on every request (it follows the password) ends them.
    """
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    if not issubclass(store, DatabaseSessionStore):
        return 0
    model = store.get_model_class()
    user_id = str(user.pk)
    ended = [
        session.session_key
        for session in model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.session_key != keep_session_key
        and session.get_decoded().get(SESSION_KEY) == user_id
    ]
    model.objects.filter(session_key__in=ended).delete()
    return len(ended)
