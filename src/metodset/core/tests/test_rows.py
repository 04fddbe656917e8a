"""core.rows.shown gives what the template's {{ value }} gives, for every kind of value,
with and without the thousand separator, in Russian and in English."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Engine
from django.test import override_settings
from django.utils import translation

from metodset.core.rows import shown

VALUES = [
    0,
    7,
    -7,
    999,
    -999,
    1000,
    -1000,
    12345,
    1234567,
    None,
    True,
    False,
    1.5,
    1234.5,
    Decimal("1234.50"),
    dt.date(2026, 9, 1),
    "Иванова <b>&</b>",
    "",
]


@pytest.mark.parametrize("grouping", [False, True])
@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_shown_is_what_the_template_shows(value, language, grouping):
    template = Engine(autoescape=True).from_string("{{ value }}")
    with override_settings(USE_THOUSAND_SEPARATOR=grouping), translation.override(language):
        assert shown(value) == template.render(Context({"value": value}))


def test_a_thousand_is_grouped_where_the_format_says_so():
    """The fast path stops below a thousand: the first number the separator changes."""
    with override_settings(USE_THOUSAND_SEPARATOR=True), translation.override("ru"):
        assert shown(1000) == "1\xa0000"
        assert shown(999) == "999"
