from axes.handlers.proxy import AxesProxyHandler
from django.db import transaction

from metodset.accounts.lockout import login_username
from metodset.accounts.sessions import sessions_end
from metodset.accounts.signals import credentials_changed


@transaction.atomic
def password_changed(*, user, keep_session_key: str | None = None) -> None:
    """After a new password (changed, reset by e-mail, set by an administrator): the API tokens
    and the other sessions that the old one opened end, and the account's failed logins are
    forgotten (a reset by e-mail proves the person). `keep_session_key`: the session in which
    the user changed it himself."""
    credentials_changed.send(sender=password_changed, user=user)
    sessions_end(user=user, keep_session_key=keep_session_key)
    AxesProxyHandler.reset_attempts(username=login_username(None, {"username": user.email}))
