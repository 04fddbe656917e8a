"""Shared API schemas: the error body, and dates and times exactly as the schema says.

pydantic's lax mode would read `0` as 01.01.1970 and `"10:00+03:00"` as a time with an
offset that neither the model nor SQLite can hold; the API accepts only the written forms
its schema documents, and answers anything else with 422.
"""

import datetime as dt
import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError


class ErrorOut(Schema):
    code: str
    message: str
    errors: dict[str, list[str]] | None = None


# 400: a body that is not JSON; the others as their names say.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class ChangeOut(Schema):
    field: str
    label: str
    theirs: str
    yours: str


class ConflictOut(ErrorOut):
    """412: the record changed since the client's GET (api/versions.py)."""

    changes: list[ChangeOut] = []


# A PUT with If-Match may also answer 412.
PUT_ERRORS = {**ERRORS, 412: ConflictOut}

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# A meeting's time of day is local time (Europe/Moscow for the whole deployment): no offset.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def _written_date(value: Any) -> Any:
    if isinstance(value, dt.date):  # a model's value on the way out
        return value
    if not isinstance(value, str) or not re.match(DATE_PATTERN, value):
        raise PydanticCustomError("date_format", _("Write a date as a string YYYY-MM-DD."))
    return value


def _written_time(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str) or not re.match(TIME_PATTERN, value):
        raise PydanticCustomError(
            "time_format", _("Write a time as a string HH:MM or HH:MM:SS, without a time zone.")
        )
    return value


ApiDate = Annotated[dt.date, BeforeValidator(_written_date)]
ApiTime = Annotated[
    dt.time,
    BeforeValidator(_written_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "example": "15:30",
            "description": "Местное время ЧЧ:ММ[:СС], без часового пояса",
        }
    ),
]
