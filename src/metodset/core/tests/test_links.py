"""Record links from one reverse per view (core.links, issue #19) and choice labels from a
dict made once per field (core.models.choice_label) give what Django gives."""

import pytest
from django.db import models
from django.urls import reverse, set_script_prefix
from django.utils import translation

from metodset.core.links import object_url
from metodset.people.models import Category, Teacher


@pytest.mark.parametrize("view", ["people:detail", "events:detail", "associations:detail"])
def test_object_url_is_reverse(view):
    for pk in (1, 42, 10**9):
        assert object_url(view, pk) == reverse(view, args=[pk])


def test_object_url_follows_the_script_prefix():
    try:
        set_script_prefix("/metodset/")
        assert (
            object_url("people:detail", 7)
            == "/metodset/teachers/7/"
            == reverse("people:detail", args=[7])
        )
    finally:
        set_script_prefix("/")
    assert object_url("people:detail", 7) == "/teachers/7/"


def test_object_url_refuses_a_view_without_one_integer():
    with pytest.raises(Exception):  # noqa: B017 — reverse() or the check refuses it
        object_url("people:list", 1)


def test_choice_labels_are_djangos_in_each_language():
    field = Teacher._meta.get_field("category")
    for language in ("ru", "en"):
        with translation.override(language):
            for value in [*Category.values, "", None, "unknown"]:
                teacher = Teacher(category=value)
                assert teacher.get_category_display() == models.Model._get_FIELD_display(
                    teacher, field
                ), (language, value)
    with translation.override("en"):
        english = Teacher(category=Category.values[1]).get_category_display()
    assert english != Teacher(category=Category.values[1]).get_category_display()
