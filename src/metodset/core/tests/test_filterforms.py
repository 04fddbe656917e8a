"""The filter form of a list page is cached under everything it is drawn from (issue #19):
the cached form is the one the template draws, keeps the user's values, follows the choices
as they are now, the user's scope and the language."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from metodset.core.filterforms import TEMPLATE, filter_form
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people import selectors
from metodset.people.filters import TeacherFilter
from metodset.people.models import Subject


def _filterset(user, query: str = ""):
    request = RequestFactory().get(f"/teachers/?{query}")
    request.user = user
    return TeacherFilter(
        request.GET or None, queryset=selectors.teacher_list(user=user), request=request
    )


def _drawn(user, query: str = "", sort: str = "name") -> str:
    return str(filter_form(_filterset(user, query), sort))


def _template(user, query: str = "", sort: str = "name") -> str:
    return render_to_string(TEMPLATE, {"filter": _filterset(user, query), "sort": sort})


def _keys() -> int:
    return len([k for k in cache._cache if "filterform:" in k])  # locmem in tests


@pytest.mark.django_db
class TestFilterFormCache:
    def test_it_is_what_the_template_draws_and_is_drawn_once(self, methodist, municipality):
        Subject.objects.create(name="Астрономия", municipality=municipality)
        for query in ("", "category=first&q=Ив", "young=1&is_active=0&subject=999999"):
            assert _drawn(methodist, query) == _template(methodist, query), query
        first = _drawn(methodist, "category=first")
        keys = _keys()
        again = _drawn(methodist, "category=first")
        assert _keys() == keys  # the second time from the cache
        assert first == again == _template(methodist, "category=first")

    def test_the_same_queries_whether_cached_or_not(self, methodist):
        with CaptureQueriesContext(connection) as cold:
            _drawn(methodist, "category=first")
        with CaptureQueriesContext(connection) as warm:
            _drawn(methodist, "category=first")
        assert len(cold) == len(warm)

    def test_it_keeps_the_users_values(self, methodist):
        chosen = _drawn(methodist, "category=first&q=Петрова&sort=-name", sort="-name")
        plain = _drawn(methodist)
        assert '<option value="first" selected>' in chosen and 'value="Петрова"' in chosen
        assert 'name="sort" value="-name"' in chosen
        assert '<option value="" selected>' in plain.split('name="category"')[1]
        assert '<option value="first" selected>' not in plain
        assert 'value="Петрова"' not in plain and 'value="name"' in plain

    def test_a_subject_added_or_renamed_shows_at_once(self, methodist, municipality):
        before = _drawn(methodist)
        subject = Subject.objects.create(name="Робототехника", municipality=municipality)
        assert "Робототехника" not in before and "Робототехника" in _drawn(methodist)
        Subject.objects.filter(pk=subject.pk).update(name="Мехатроника")  # no signal at all
        after = _drawn(methodist)
        assert "Мехатроника" in after and "Робототехника" not in after

    def test_each_municipality_sees_its_own_subjects(
        self, methodist, methodist_other, municipality, other_municipality
    ):
        Subject.objects.create(name="Краеведение Бийска", municipality=municipality)
        Subject.objects.create(name="Краеведение Твери", municipality=other_municipality)
        mine, theirs = _drawn(methodist), _drawn(methodist_other)
        assert "Краеведение Бийска" in mine and "Краеведение Твери" not in mine
        assert "Краеведение Твери" in theirs and "Краеведение Бийска" not in theirs

    def test_each_language_has_its_form(self, methodist):
        russian = _drawn(methodist)
        with translation.override("en"):
            english = _drawn(methodist)
        assert "Категория" in russian and "Category" in english

    def test_a_chosen_organisation_is_drawn_afresh(self, methodist, municipality):
        school = OrganisationFactory(municipality=municipality, name="Гимназия № 1")
        query = f"organisation={school.pk}"
        keys = _keys()
        assert _drawn(methodist, query) == _template(methodist, query)
        school.name = "Лицей № 2"
        school.save()
        assert _drawn(methodist, query) == _template(methodist, query)
        assert _keys() == keys  # never cached: the picker reads the chosen row

    def test_a_wrong_value_is_marked_as_the_template_marks_it(self, methodist):
        query = "category=nonsense"
        assert _drawn(methodist, query) == _template(methodist, query)
        assert _drawn(methodist, query) != _drawn(methodist, "category=first")
