"""The fast form renderer writes the same markup as Django's widget templates (issue #19)."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from metodset.core.renderers import FastTemplates
from metodset.people.models import Category


class Everything(forms.Form):
    text = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": '"<x>&'}))
    required = forms.CharField(max_length=10)
    number = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"step": 1}))
    email = forms.EmailField(required=False)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(required=False)
    password = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    flag = forms.BooleanField(required=False)
    search = forms.CharField(required=False, widget=forms.SearchInput)
    file = forms.FileField(required=False, widget=forms.FileInput)
    category = forms.ChoiceField(required=False, choices=[("", "—"), *Category.choices])
    grouped = forms.ChoiceField(
        choices=[
            ("Школы", [("1", "Школа № 1 «Радуга»"), ("2", "Лицей & гимназия")]),
            ("3", "Другая <организация>"),
            ("Пусто", []),
        ],
        widget=forms.Select(attrs={"disabled": False, "data-x": True}),
    )
    many = forms.MultipleChoiceField(
        required=False, choices=[(1, 1), (2, mark_safe("<b>два</b>")), (2025, dt.date(2025, 9, 1))]
    )
    numbered = forms.TypedChoiceField(choices=[(1, "один"), (2, "два")], coerce=int)
    radio = forms.ChoiceField(required=False, choices=[("a", "A")], widget=forms.RadioSelect)
    area = forms.CharField(required=False, widget=forms.Textarea)


BOUND = {
    "text": 'a "quoted" <value> & more',
    "required": "",
    "number": "12",
    "email": "x@example.ru",
    "date": "2025-09-01",
    "when": "2025-09-01 10:00",
    "password": "секрет",
    "hidden": "<h>",
    "flag": "on",
    "search": "Иванова",
    "category": Category.choices[1][0],
    "grouped": "2",
    "many": ["1", "2025"],
    "numbered": "2",
    "radio": "a",
    "area": "x",
}


@pytest.mark.parametrize("data", [None, BOUND], ids=["unbound", "bound"])
def test_every_widget_renders_as_with_the_templates(data):
    fast, slow = (
        Everything(data, renderer=FastTemplates()),
        Everything(data, renderer=DjangoTemplates()),
    )
    for name in fast.fields:
        assert str(fast[name]) == str(slow[name]), name
    assert str(fast) == str(slow)


def test_a_select_with_options_of_another_template_goes_to_the_templates():
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    field = forms.ChoiceField(choices=[("a", "A")], widget=Special)
    form_fast = forms.Form(renderer=FastTemplates())
    form_slow = forms.Form(renderer=DjangoTemplates())
    form_fast.fields["x"] = field
    form_slow.fields["x"] = field
    assert str(form_fast["x"]) == str(form_slow["x"])
    assert "<input" in str(form_fast["x"])


def test_it_is_the_projects_renderer(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "metodset.core.renderers.FastTemplates"
    assert isinstance(get_default_renderer(), FastTemplates)
