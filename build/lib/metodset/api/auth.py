from ninja.security import APIKeyCookie, HttpBearer

from metodset.api.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ms_…` with a personal token."""

    openapi_description = "Персональный токен: Authorization: Bearer ms_…"

    def authenticate(self, request, token: str):
        record = (
            ApiToken.objects.active()
            .select_related("user", "user__municipality", "user__region")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if record is None:
            return None
        record.touch()
        request.user = record.user
        return record.user


class SessionAuth(APIKeyCookie):
    """The browser's session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def __init__(self):
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def _get_key(self, request):
        # No session, no CSRF check: an anonymous write answers 401 (log in), not 403 (CSRF).
        if not getattr(getattr(request, "user", None), "is_authenticated", False):
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None
