"""The search pickers (core.autocomplete): the options endpoint and the widgets."""

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.associations.models import Membership
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.autocomplete import LIMIT, autocomplete
from metodset.core.tests.pickers import picker_options
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def _teachers(municipality, n: int, last_name: str = "Иванова") -> list[Teacher]:
    school = OrganisationFactory(municipality=municipality)
    return Teacher.objects.bulk_create(
        TeacherFactory.build(organisation=school, last_name=f"{last_name}{i:03d}") for i in range(n)
    )


def _search(client, kind: str, **params):
    return client.get(reverse("autocomplete:search", args=[kind]), params)


class TestSearch:
    def test_it_finds_by_the_beginnings_of_the_name_parts(self, client_as, methodist):
        anna = TeacherFactory(
            organisation__municipality=methodist.municipality,
            last_name="Сидорова",
            first_name="Анна",
            patronymic="Петровна",
        )
        client = client_as(methodist)
        for text in ("сидор", "Анна Сид", "сидорова петр"):
            assert f'data-value="{anna.pk}"' in _search(client, "teachers", q=text).text
        assert f'data-value="{anna.pk}"' not in _search(client, "teachers", q="идор").text
        assert "Ничего не найдено" in _search(client, "teachers", q="Кузнецова").text

    def test_it_never_answers_another_municipalitys_rows(
        self, client_as, methodist, other_municipality
    ):
        theirs = TeacherFactory(organisation__municipality=other_municipality, last_name="Орлова")
        client = client_as(methodist)
        assert f'data-value="{theirs.pk}"' not in _search(client, "teachers", q="Орлова").text
        # not even when the form's filter names the other municipality
        response = _search(client, "teachers", q="Орлова", municipality=other_municipality.pk)
        assert f'data-value="{theirs.pk}"' not in response.text

    def test_it_proposes_at_most_the_limit_and_says_there_are_more(self, client_as, methodist):
        _teachers(methodist.municipality, LIMIT + 5)
        response = _search(client_as(methodist), "teachers", q="иванова")
        assert response.text.count("data-value=") == LIMIT
        assert f"Показаны только первые {LIMIT}" in response.text

    def test_its_queries_do_not_grow_with_the_matches(self, client_as, methodist):
        client = client_as(methodist)
        _teachers(methodist.municipality, 3)
        _search(client, "teachers", q="иванова")  # the session and the user, once read
        with CaptureQueriesContext(connection) as few:
            _search(client, "teachers", q="иванова")
        _teachers(methodist.municipality, 200, last_name="Иванова-")
        with CaptureQueriesContext(connection) as many:
            _search(client, "teachers", q="иванова")
        assert len(few) == len(many)

    def test_a_form_filter_narrows_what_is_proposed(self, client_as, methodist, association):
        member = MembershipFactory(association=association).teacher
        client = client_as(methodist)
        proposed = _search(client, "teachers", q=member.last_name, not_members_of=association.pk)
        assert f'data-value="{member.pk}"' not in proposed.text
        venue = OrganisationFactory(municipality=methodist.municipality, is_venue=True)
        school = OrganisationFactory(municipality=methodist.municipality, is_venue=False)
        venues = _search(client, "organisations", venue=1).text
        assert f'data-value="{venue.pk}"' in venues and f'data-value="{school.pk}"' not in venues

    def test_an_unknown_kind_is_404(self, client_as, methodist):
        assert _search(client_as(methodist), "pupils", q="а").status_code == 404


class TestMemberPicker:
    """The member picker of the association's page, end to end."""

    def _add(self, client, association, data):
        return client.post(reverse("associations:member_add", args=[association.pk]), data)

    def test_the_page_renders_no_choice_of_every_teacher(self, client_as, methodist, association):
        _teachers(association.municipality, 30, last_name="Коллегова")
        page = client_as(methodist).get(association.get_absolute_url())
        assert "Коллегова" not in page.text
        assert 'role="combobox"' in page.text and 'role="listbox"' in page.text
        assert '<label for="id_teacher">' in page.text
        options = picker_options(
            client_as(methodist), page.context["member_form"], "teacher", "Коллегова"
        )
        assert options.count("data-value=") == LIMIT

    def test_a_chosen_id_is_added(self, client_as, methodist, association):
        teacher = _teachers(association.municipality, 1)[0]
        response = self._add(
            client_as(methodist),
            association,
            {
                "teacher": teacher.pk,
                "teacher__search": teacher.full_name,
                "teacher__shown": teacher.full_name,
                "joined_on": "2025-11-20",
            },
        )
        assert response.status_code == 302
        assert Membership.objects.filter(association=association, teacher=teacher).exists()

    def test_an_id_out_of_scope_is_refused_in_russian(
        self, client_as, methodist, association, other_municipality
    ):
        theirs = TeacherFactory(organisation__municipality=other_municipality)
        response = self._add(
            client_as(methodist), association, {"teacher": theirs.pk, "joined_on": "2025-11-20"}
        )
        assert response.status_code == 400
        assert "Такого варианта здесь нет" in response.text
        assert not Membership.objects.filter(teacher=theirs).exists()

    def test_without_javascript_a_unique_name_is_taken(self, client_as, methodist, association):
        teacher = TeacherFactory(
            organisation__municipality=association.municipality, last_name="Единственная"
        )
        response = self._add(
            client_as(methodist),
            association,
            {"teacher": "", "teacher__search": "единственная", "joined_on": "2025-11-20"},
        )
        assert response.status_code == 302
        assert Membership.objects.filter(association=association, teacher=teacher).exists()

    def test_without_javascript_several_matches_are_offered_to_choose(
        self, client_as, methodist, association
    ):
        _first, second = _teachers(association.municipality, 2, last_name="Двойникова")
        client = client_as(methodist)
        response = self._add(
            client,
            association,
            {"teacher": "", "teacher__search": "Двойникова", "joined_on": "2025-11-20"},
        )
        assert response.status_code == 400
        assert not Membership.objects.filter(association=association).exists()
        assert "Найдено; выберите один вариант:" in response.text
        assert f'type="radio" name="teacher__pick" value="{second.pk}"' in response.text
        response = self._add(
            client,
            association,
            {
                "teacher__search": "Двойникова",
                "teacher__pick": second.pk,
                "joined_on": "2025-11-20",
            },
        )
        assert response.status_code == 302
        assert Membership.objects.get(association=association).teacher == second

    def test_a_changed_text_is_searched_again_not_the_old_id(
        self, client_as, methodist, association
    ):
        old = TeacherFactory(
            organisation__municipality=association.municipality, last_name="Старая"
        )
        new = TeacherFactory(organisation__municipality=association.municipality, last_name="Новая")
        response = self._add(
            client_as(methodist),
            association,
            {
                "teacher": old.pk,
                "teacher__shown": old.full_name,
                "teacher__search": "Новая",
                "joined_on": "2025-11-20",
            },
        )
        assert response.status_code == 302
        assert Membership.objects.get(association=association).teacher == new


class TestMultiplePicker:
    def _form(self, municipality, data=None):
        class PeopleForm(forms.Form):
            people = forms.ModelMultipleChoiceField(Teacher.objects.working_in(municipality))

        form = PeopleForm(data)
        autocomplete(form.fields["people"], "teachers", filters={"municipality": municipality.pk})
        return form

    def test_chosen_people_are_ticked_and_nobody_else_is_rendered(self, municipality):
        chosen, other = _teachers(municipality, 2)
        html = str(self._form(municipality, QueryDict(f"people={chosen.pk}"))["people"])
        assert f'name="people" value="{chosen.pk}" checked' in html
        assert other.last_name not in html

    def test_a_unique_typed_name_is_added_and_an_ambiguous_one_refused(self, municipality):
        a, b = _teachers(municipality, 2)
        form = self._form(municipality, QueryDict(f"people={a.pk}&people__search={b.last_name}"))
        assert form.is_valid(), form.errors
        assert set(form.cleaned_data["people"]) == {a, b}
        form = self._form(municipality, QueryDict("people__search=Иванова"))
        assert not form.is_valid()
        html = str(form["people"])
        assert f'type="checkbox" name="people" value="{a.pk}"' in html  # offered, not ticked
        assert "Такого варианта здесь нет" in str(form.errors)

    def test_an_id_of_another_municipality_is_refused(self, municipality, other_municipality):
        theirs = _teachers(other_municipality, 1)[0]
        form = self._form(municipality, QueryDict(f"people={theirs.pk}"))
        assert not form.is_valid()
        assert "Такого варианта здесь нет" in str(form.errors)
