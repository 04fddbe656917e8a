"""{% sort_th %} is written in Python (issue #19): it must give the markup the template
components/sort_th.html gave, for every state of the column and with any query string."""

import pytest
from django.template import Context, Engine, Template
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# The template the tag replaced, as it was.
TEMPLATE = (
    '<th scope="col"{% if css_class %} class="{{ css_class }}"{% endif %}'
    '{% if aria_sort %} aria-sort="{{ aria_sort }}"{% endif %}>'
    '<a href="{{ href }}" class="sort{% if active %} sort--active{% endif %}">{{ label }}'
    '{% if active %}<span aria-hidden="true">{% if descending %} ▼{% else %} ▲{% endif %}'
    "</span>{% endif %}</a></th>\n"
)


def _before(request, sort: str, field: str, label, css_class: str = "") -> str:
    current = sort
    active = current.lstrip("-") == field
    descending = current.startswith("-")
    params = request.GET.copy()
    params["sort"] = f"-{field}" if active and not descending else field
    params.pop("page", None)
    context = {
        "href": f"?{params.urlencode()}",
        "label": label,
        "active": active,
        "descending": descending,
        "aria_sort": ("descending" if descending else "ascending") if active else "",
        "css_class": css_class,
    }
    return Template(TEMPLATE, engine=Engine.get_default()).render(Context(context))


@pytest.mark.parametrize("sort", ["", "name", "-name", "category", "-category"])
@pytest.mark.parametrize("query", ["", "q=Иванова&page=3", "q=a%26b%3C&sort=name", "x=1&x=2"])
@pytest.mark.parametrize("css_class", ["", "hide-sm", 'a"b'])
def test_same_markup_as_the_template(sort, query, css_class):
    request = RequestFactory().get(f"/teachers/?{query}")
    tag = Template(
        '{% load metodset %}{% sort_th "name" _("Full name") css_class=css_class %}'
        '{% sort_th "name" label css_class=css_class %}',
        engine=Engine.get_default(),
    )
    for label in ["Full name", "A < B & «C»", mark_safe("<b>safe</b>")]:
        drawn = tag.render(
            Context({"request": request, "sort": sort, "css_class": css_class, "label": label})
        )
        assert drawn == _before(request, sort, "name", gettext("Full name"), css_class) + _before(
            request, sort, "name", label, css_class
        )
