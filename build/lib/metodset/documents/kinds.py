"""The registry of generated documents: DOCUMENT_KINDS of every app's extensions.py."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from metodset.core.extensions import Registry, keyed


@dataclass(frozen=True)
class DocumentSource:
    """How a kind of document is made: `get(user, pk)` fetches the record it is made from
    (404 out of scope, 403 without the right), `make(record)` returns the DOCX
    (`make(record, viewer=user)` with `for_viewer`); `path` is its URL segment."""

    get: Callable[[Any, int], Any]
    make: Callable[..., Any]
    path: str
    for_viewer: bool = False


DOCUMENTS: Registry = Registry(lambda: keyed("DOCUMENT_KINDS", lambda item: item[0]))
