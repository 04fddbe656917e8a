"""Search folds the case of Cyrillic letters on SQLite as on PostgreSQL."""

import pytest

from metodset.core.sqlite import like
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory


@pytest.mark.django_db
def test_icontains_finds_a_name_whatever_its_case(municipality):
    TeacherFactory(last_name="Иванова", organisation__municipality=municipality)
    TeacherFactory(last_name="Ёлкина", organisation__municipality=municipality)
    assert Teacher.objects.filter(last_name__icontains="иванова").count() == 1
    assert Teacher.objects.filter(last_name__icontains="ИВАН").count() == 1
    assert Teacher.objects.filter(last_name__icontains="ёлк").count() == 1
    assert Teacher.objects.filter(last_name__icontains="петров").count() == 0


def test_like_keeps_wildcards_and_escapes():
    assert like("%ова%", "Иванова М.П.")
    assert like("и_анова", "Иванова")
    assert not like("и_анова", "Ииванова")
    assert like(r"50\%%", "50% скидка", "\\")
    assert not like(r"50\%%", "500 скидка", "\\")
    assert like("%", None) is None
