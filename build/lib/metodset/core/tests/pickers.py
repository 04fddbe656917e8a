"""Test helpers for the search pickers (core.autocomplete)."""

from django.test import Client

from metodset.core.autocomplete import search_url


def picker_options(client: Client, form, name: str, q: str = "") -> str:
    """The options the picker of `form`'s field `name` proposes for the text `q`, as the
    page's htmx request asks for them."""
    widget = form.fields[name].widget
    url = search_url(widget.kind, widget.filters)
    response = client.get(url, {f"{name}__search": q})
    assert response.status_code == 200, response.status_code
    return response.text
