"""Every API error is JSON: a machine-readable `code` and a Russian `message`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError


def _error(api: NinjaAPI, request, status: int, code: str, message: str, **extra):
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return _error(api, request, 403, "forbidden", _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        return _error(api, request, 401, "unauthorized", _("Log in or pass a valid API token."))

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        return _error(api, request, 429, "rate_limited", _("Too many requests; try again later."))

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return _error(api, request, 422, "invalid", _("The data is not valid."), errors=fields)

    @api.exception_handler(NinjaValidationError)
    def malformed(request, exc: NinjaValidationError):
        errors = {
            ".".join(str(p) for p in error.get("loc", [])[1:]) or "__all__": [error.get("msg", "")]
            for error in exc.errors
        }
        return _error(
            api, request, 422, "invalid", _("The request does not match the schema."), errors=errors
        )

    @api.exception_handler(OverflowError)
    def overflow(request, exc):
        # An id or number beyond 64 bits cannot be in the database (SQLite raises this).
        return _error(api, request, 422, "invalid", _("A number is out of range."))

    @api.exception_handler(DataError)
    def data_error(request, exc):
        return _error(api, request, 422, "invalid", _("A number is out of range."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return _error(api, request, exc.status_code, "error", str(exc))
