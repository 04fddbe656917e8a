"""Subjects: the built-in ones are shared; those a municipality adds stay in it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.people import services
from metodset.people.forms import OwnProfileForm, TeacherForm
from metodset.people.models import Subject
from metodset.people.tests.factories import TeacherFactory

API = "/api/v1"


@pytest.fixture
def subjects(municipality, sibling_municipality, other_municipality):
    return {
        "builtin": Subject.objects.create(name="Математика"),
        "mine": Subject.objects.create(name="Робототехника", municipality=municipality),
        "sibling": Subject.objects.create(name="Шахматы", municipality=sibling_municipality),
        "theirs": Subject.objects.create(name="Краеведение", municipality=other_municipality),
    }


def names(queryset) -> set[str]:
    return {s.name for s in queryset}


@pytest.mark.django_db
class TestScope:
    def test_it_shows_each_user_the_builtin_and_his_scope(
        self, subjects, methodist, coordinator, platform_admin, teacher_user
    ):
        assert names(Subject.objects.for_user(methodist)) == {"Математика", "Робототехника"}
        assert names(Subject.objects.for_user(teacher_user)) == {"Математика", "Робототехника"}
        assert names(Subject.objects.for_user(coordinator)) == {
            "Математика",
            "Робототехника",
            "Шахматы",
        }
        assert len(Subject.objects.for_user(platform_admin)) == 4

    def test_a_name_repeats_across_municipalities_but_not_within_one(
        self, municipality, other_municipality
    ):
        Subject.objects.create(name="Робототехника", municipality=municipality)
        Subject.objects.create(name="Робототехника", municipality=other_municipality)
        Subject.objects.create(name="Робототехника")
        with pytest.raises(IntegrityError):
            Subject.objects.create(name="Робототехника", municipality=municipality)

    def test_two_builtin_subjects_cannot_share_a_name(self, db):
        Subject.objects.create(name="Физика")
        with pytest.raises(IntegrityError):
            Subject.objects.create(name="Физика")


@pytest.mark.django_db
class TestForms:
    def test_the_teacher_form_offers_the_builtin_and_own_subjects(self, subjects, methodist):
        offered = TeacherForm(user=methodist).fields["subjects"].queryset
        assert names(offered) == {"Математика", "Робототехника"}

    def test_a_card_offers_its_own_municipality_to_the_platform_admin(
        self, subjects, platform_admin, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        offered = TeacherForm(instance=teacher, user=platform_admin).fields["subjects"].queryset
        assert names(offered) == {"Математика", "Робототехника"}

    def test_the_own_profile_offers_the_same(self, subjects, teacher_user):
        form = OwnProfileForm(instance=teacher_user.teacher_profile, user=teacher_user)
        assert names(form.fields["subjects"].queryset) == {"Математика", "Робототехника"}

    def test_the_teacher_list_filters_by_the_users_subjects(self, subjects, client_as, methodist):
        page = client_as(methodist).get(reverse("people:list")).text
        assert "Робототехника" in page and "Математика" in page
        assert "Краеведение" not in page and "Шахматы" not in page

    def test_the_form_refuses_another_municipalitys_subject(
        self, subjects, client_as, methodist, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(methodist).post(
            reverse("people:edit", args=[teacher.pk]),
            {"subjects": [subjects["theirs"].pk]},
        )
        assert response.status_code == 400
        assert not teacher.subjects.exists()


@pytest.mark.django_db
class TestServices:
    def test_it_refuses_another_municipalitys_subject(self, subjects, platform_admin):
        teacher = TeacherFactory(organisation__municipality=subjects["mine"].municipality)
        with pytest.raises(ValidationError) as error:
            services.teacher_update(
                user=platform_admin,
                teacher=teacher,
                data={"subjects": [subjects["builtin"], subjects["theirs"]]},
            )
        assert "Краеведение" in str(error.value.message_dict["subjects"])
        services.teacher_update(
            user=platform_admin,
            teacher=teacher,
            data={"subjects": [subjects["builtin"], subjects["mine"]]},
        )
        assert names(teacher.subjects.all()) == {"Математика", "Робототехника"}


@pytest.mark.django_db
class TestApi:
    def test_it_lists_the_subjects_a_teacher_may_be_given(
        self, subjects, client_as, methodist, django_assert_num_queries
    ):
        client = client_as(methodist)
        # session, user, count, page
        with django_assert_num_queries(4):
            items = client.get(f"{API}/teachers/subjects/").json()["items"]
        assert [(i["name"], i["municipality_id"]) for i in items] == [
            ("Математика", None),
            ("Робототехника", methodist.municipality_id),
        ]

    def test_it_sets_subjects_of_the_municipality_only(self, subjects, client_as, methodist):
        teacher = TeacherFactory(organisation__municipality=methodist.municipality)
        payload = {
            "last_name": teacher.last_name,
            "first_name": teacher.first_name,
            "gender": "f",
            "birth_date": "1980-03-15",
            "organisation_id": teacher.organisation_id,
            "position": "учитель",
            "education_level": "higher",
            "teaching_since": "2003-09-01",
            "working_since": "2002-09-01",
        }
        client = client_as(methodist)
        url = f"{API}/teachers/{teacher.pk}"
        foreign = payload | {"subject_ids": [subjects["builtin"].pk, subjects["theirs"].pk]}
        response = client.put(url, foreign, content_type="application/json")
        assert response.status_code == 422
        assert "subject_ids" in response.json()["errors"]
        own = payload | {"subject_ids": [subjects["builtin"].pk, subjects["mine"].pk]}
        response = client.put(url, own, content_type="application/json")
        assert response.status_code == 200
        assert set(response.json()["subjects"]) == {"Математика", "Робототехника"}
        # Without subject_ids the subjects stay as they are.
        response = client.put(url, payload, content_type="application/json")
        assert len(response.json()["subject_ids"]) == 2

    def test_a_methodist_of_another_municipality_does_not_see_them(
        self, subjects, client_as, other_municipality
    ):
        stranger = UserFactory(role=Role.METHODIST, municipality=other_municipality)
        items = client_as(stranger).get(f"{API}/teachers/subjects/").json()["items"]
        assert {i["name"] for i in items} == {"Математика", "Краеведение"}
