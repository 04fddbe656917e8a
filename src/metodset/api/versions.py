"""Optimistic locking over HTTP: `ETag` on a record's GET, `If-Match` on its PUT.

The entity tag is the edit token the web forms carry (core/concurrency.py): a digest of
each field the PUT writes. A PUT with `If-Match` hands that token to the service, and
`core.services.model_update` compares it with the row under `select_for_update`, inside
the service's transaction — the same check, the same Russian message and the same
field-level rule as the forms: a field someone else changed since the client's GET and
that this PUT would set to another value refuses the write (412, api/errors.py); a field
both set to the same value is no conflict.

`If-Match` is optional (no 428): existing clients that PUT without it keep working and
keep «last write wins»; `If-Match: *` means the same. docs/api.md says so.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.http import HttpResponse
from ninja import Header
from ninja import Schema as NinjaSchema

from metodset.core.concurrency import EDIT_TOKEN, EditConflict, edit_token

IF_MATCH_DESCRIPTION = (
    "ETag записи из её последнего GET. Если запись с тех пор изменил кто-то другой "
    "и запрос перезаписал бы его изменения, ответ 412 с перечнем полей. "
    "Не передан или «*» — запись сохраняется без проверки."
)
IfMatch = Header(None, alias="If-Match", description=IF_MATCH_DESCRIPTION)

_ETAG_HEADER = {
    "ETag": {
        "description": "Версия записи: передайте её в If-Match при PUT",
        "schema": {"type": "string"},
    }
}
# Merged into the operations' OpenAPI (ninja's openapi_extra): the header on 200 and on 412.
ETAG_OPENAPI = {"responses": {200: {"headers": _ETAG_HEADER}}}
ETAG_PUT_OPENAPI = {"responses": {200: {"headers": _ETAG_HEADER}, 412: {"headers": _ETAG_HEADER}}}


class PreconditionFailed(Exception):
    """If-Match names no version of this record's fields (a garbled or foreign tag)."""

    def __init__(self, etag: str):
        super().__init__(etag)
        self.etag = etag


class VersionConflict(Exception):
    """Someone else's save since the client's GET: `changes` name the fields as the API does."""

    def __init__(self, conflict: EditConflict, api_names: list[str]):
        super().__init__(conflict.token)
        self.etag = f'"{conflict.token}"'
        self.changes = [
            {"field": api_name, "label": label, "theirs": theirs, "yours": yours}
            for api_name, (label, theirs, yours) in zip(api_names, conflict.changes, strict=True)
        ]


class Versioned:
    """The fields of `model` that the PUT schema `schema` writes: model name → API name.

    `organisation_id` in the API is the model's `organisation`, `subject_ids` its
    `subjects`; fields the model has no column for (none today) are not versioned.
    """

    def __init__(self, model: type[models.Model], schema: type[NinjaSchema]):
        names = {f.name for f in model._meta.get_fields() if f.concrete}
        self.fields: dict[str, str] = {}
        for api_name in schema.model_fields:
            for name in (api_name, api_name.removesuffix("_id"), api_name[:-4] + "s"):
                if name in names:
                    self.fields[name] = api_name
                    break

    def etag(self, instance: models.Model) -> str:
        return f'"{edit_token(instance, self.fields)}"'

    def tag(self, response: HttpResponse, instance: models.Model) -> None:
        response["ETag"] = self.etag(instance)

    def expect(self, data: dict[str, Any], if_match: str | None, instance: models.Model) -> dict:
        """`data` for the service, carrying the version If-Match names (if any)."""
        if if_match is None or if_match.strip() == "*":
            return data
        current = self.etag(instance)
        tags = [tag.strip() for tag in if_match.split(",")]
        if current in tags:  # still checked in the service: someone may save in between
            return {**data, EDIT_TOKEN: current[1:-1]}
        for tag in tags:
            if len(tag) > 1 and tag[0] == tag[-1] == '"':  # a strong tag; W/"…" never matches
                token = tag[1:-1]
                names = {part.partition("=")[0] for part in token.split(";") if part}
                if names == set(self.fields):
                    return {**data, EDIT_TOKEN: token}
        raise PreconditionFailed(current)

    @contextmanager
    def conflicts(self) -> Iterator[None]:
        """Around the service call: its EditConflict answers 412 with the API's field names."""
        try:
            yield
        except EditConflict as conflict:
            names = [self.fields.get(name, name) for name in conflict.names]
            raise VersionConflict(conflict, names) from conflict
