"""Every API error is JSON: a machine-readable `code` and a Russian `message`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from metodset.api.versions import PreconditionFailed, VersionConflict


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
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            field = field_name(error.get("loc", ()))
            errors.setdefault(field, []).append(field_message(error))
        return _error(
            api, request, 422, "invalid", _("The request does not match the schema."), errors=errors
        )

    @api.exception_handler(VersionConflict)
    def version_conflict(request, exc: VersionConflict):
        message = _(
            "Someone else changed this record after you read it, and nothing was saved: "
            "read it again, apply your change and send its new ETag in If-Match."
        )
        response = _error(api, request, 412, "edit_conflict", message, changes=exc.changes)
        response["ETag"] = exc.etag
        return response

    @api.exception_handler(PreconditionFailed)
    def precondition_failed(request, exc: PreconditionFailed):
        message = _("If-Match names no version of this record: send the ETag of its last GET.")
        response = _error(api, request, 412, "precondition_failed", message, changes=[])
        response["ETag"] = exc.etag
        return response

    @api.exception_handler(OverflowError)
    def overflow(request, exc):
        # An id or number beyond 64 bits cannot be in the database (SQLite raises this).
        return _error(api, request, 422, "invalid", _("A number is out of range."))

    @api.exception_handler(DataError)
    def data_error(request, exc):
        return _error(api, request, 422, "invalid", _("A number is out of range."))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if exc.status_code == 400:  # ninja's "Cannot parse request body"
            return _error(api, request, 400, "malformed", _("The request body is not valid JSON."))
        if exc.status_code == 403 and "CSRF" in str(exc):  # a browser session without its token
            return _error(
                api,
                request,
                403,
                "csrf",
                _("The CSRF check failed: send the X-CSRFToken header, or use a personal token."),
            )
        return _error(api, request, exc.status_code, "error", str(exc))


def field_name(loc) -> str:
    """("body", "payload", "date") → "date": the field as the client wrote it."""
    parts = list(loc[1:])
    if loc and loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]  # the view's parameter name ("payload") is not in the JSON
    return ".".join(str(p) for p in parts) or "__all__"


def field_message(error: dict) -> str:
    """A Russian sentence for one of pydantic's errors (its own are English)."""
    kind = error.get("type", "")
    if kind in {"date_format", "time_format"}:  # ours, already translated (api/schemas.py)
        return error.get("msg", "")
    if kind == "value_error":  # a validator's own message
        return str(error.get("msg", "")).removeprefix("Value error, ")
    for prefix, message in _MESSAGES:
        if kind.startswith(prefix):
            return str(message)
    return _("The value is not valid.")


_MESSAGES = [
    ("missing", gettext_lazy("This field is required.")),
    ("int_", gettext_lazy("Enter a whole number.")),
    ("float_", gettext_lazy("Enter a number.")),
    ("bool_", gettext_lazy("Enter true or false.")),
    ("string_too_short", gettext_lazy("The text is too short.")),
    ("string_too_long", gettext_lazy("The text is too long.")),
    ("string_", gettext_lazy("Enter text.")),
    ("greater_than", gettext_lazy("The number is out of range.")),
    ("less_than", gettext_lazy("The number is out of range.")),
    ("date", gettext_lazy("There is no such date; write it as YYYY-MM-DD.")),
    ("time", gettext_lazy("There is no such time; write it as HH:MM.")),
    ("enum", gettext_lazy("Choose one of the allowed values.")),
    ("literal_error", gettext_lazy("Choose one of the allowed values.")),
    ("too_long", gettext_lazy("Too many items.")),
    ("too_short", gettext_lazy("Too few items.")),
    ("list_type", gettext_lazy("A list is expected.")),
    ("model_", gettext_lazy("An object is expected.")),
    ("dict_type", gettext_lazy("An object is expected.")),
]
