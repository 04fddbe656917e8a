"""Garbage in every page's query parameters never answers a server error.

Each page of the permission matrix that a user may open is fetched once; the names of
its GET forms' fields (the filters, the sort, the search) and the common ones (page,
year, municipality, sort, q) are then filled with values a hostile or careless user
sends: words for numbers, numbers beyond 64 bits, impossible dates, a NUL character
(PostgreSQL refuses it in any string). The answer may be 200, a redirect, 400 or 404;
never 5xx.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.test_permission_matrix import MATRIX

COMMON = ["page", "year", "municipality", "association", "sort", "q", "status", "school_year"]
GARBAGE = ["abc", "99999999999999999999", "2026-13-45", "\x00"]


class _GetFormFields(HTMLParser):
    """The names of the fields of the page's GET forms (a form without method is GET)."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in {"input", "select", "textarea"} and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _field_names(html: str) -> set[str]:
    parser = _GetFormFields()
    parser.feed(html)
    return parser.names - {"csrfmiddlewaretoken"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["methodist", "coordinator"])
def test_garbage_query_parameters_never_answer_5xx(client, world, role):
    client.force_login(world["users"][role])
    failures = []
    for name, key, expected in MATRIX:
        if expected[role] != 200:
            continue
        url = reverse(name, args=[world["objects"][key].pk] if key else [])
        first = client.get(url)
        if first.status_code != 200 or "html" not in first.get("Content-Type", ""):
            continue
        fields = _field_names(first.content.decode())
        if key and not fields:
            continue  # a record's page without filters
        names = sorted(fields | set(COMMON))
        for value in GARBAGE:
            try:
                status = client.get(url, dict.fromkeys(names, value)).status_code
            except Exception as error:  # the test client re-raises the view's exception
                status = f"{type(error).__name__}: {error}"[:200]
            if not isinstance(status, int) or status >= 500:
                failures.append(f"{url}?…={value!r}: {status}")
    assert failures == [], "\n".join(failures)
