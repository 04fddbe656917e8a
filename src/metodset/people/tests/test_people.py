import datetime as dt

import pytest
from django.urls import reverse

from metodset.associations.tests.factories import MembershipFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory


def teacher_data(organisation, **changes):
    return {
        "last_name": "Кузнецова",
        "first_name": "Ольга",
        "patronymic": "Ивановна",
        "gender": "f",
        "birth_date": "1985-04-12",
        "organisation": organisation.pk,
        "position": "учитель начальных классов",
        "education_level": "higher_pedagogical",
        "teaching_since": "2007-09-01",
        "working_since": "2007-09-01",
        "category": "first",
        "category_assigned_on": "2022-12-15",
        "is_active": "on",
    } | changes


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"birth_date": "2030-01-01"}, "не моложе 16 лет"),
            ({"birth_date": "2015-01-01"}, "не моложе 16 лет"),
            (
                {"teaching_since": "2005-09-01", "working_since": "2007-09-01"},
                "не может начинаться раньше общего",
            ),
            ({"category_assigned_on": ""}, "Укажите дату присвоения"),
        ],
    )
    def test_it_refuses_and_saves_nothing(self, client_as, methodist, changes, message):
        school = OrganisationFactory(municipality=methodist.municipality)
        response = client_as(methodist).post(
            reverse("people:create"), teacher_data(school, **changes)
        )
        assert response.status_code == 400
        assert message in response.text
        assert not Teacher.objects.exists()

    def test_it_refuses_an_organisation_of_another_municipality(
        self, client_as, methodist, other_municipality
    ):
        theirs = OrganisationFactory(municipality=other_municipality)
        response = client_as(methodist).post(reverse("people:create"), teacher_data(theirs))
        assert response.status_code == 400
        assert not Teacher.objects.exists()

    def test_it_creates_a_valid_card_with_history(self, client_as, methodist):
        school = OrganisationFactory(municipality=methodist.municipality)
        response = client_as(methodist).post(reverse("people:create"), teacher_data(school))
        assert response.status_code == 302
        teacher = Teacher.objects.get()
        assert teacher.municipality == methodist.municipality
        assert teacher.history.get().history_user == methodist


@pytest.mark.django_db
class TestYoungTeacher:
    @pytest.mark.parametrize(
        ("birth", "since", "young"),
        [
            (dt.date(1990, 11, 20), dt.date(2010, 9, 1), False),  # 35 today, 15 years of teaching
            (dt.date(1990, 11, 21), dt.date(2010, 9, 1), True),  # 35 tomorrow
            (dt.date(1980, 1, 1), dt.date(2022, 11, 20), False),  # three years of teaching today
            (dt.date(1980, 1, 1), dt.date(2022, 11, 21), True),  # three years tomorrow
        ],
    )
    def test_it_flags_at_the_boundaries(self, municipality, birth, since, young):
        teacher = TeacherFactory(
            organisation__municipality=municipality,
            birth_date=birth,
            teaching_since=since,
            working_since=since,
        )
        assert teacher.is_young() is young
        assert Teacher.objects.young().filter(pk=teacher.pk).exists() is young


@pytest.mark.django_db
class TestAccess:
    def test_a_teacher_sees_and_edits_only_himself(self, client_as, teacher_user, municipality):
        own = teacher_user.teacher_profile
        other = TeacherFactory(organisation__municipality=municipality)
        client = client_as(teacher_user)
        assert client.get(reverse("people:me")).url == reverse("people:detail", args=[own.pk])
        assert client.get(reverse("people:detail", args=[other.pk])).status_code == 404
        response = client.post(
            reverse("people:edit", args=[own.pk]),
            {"education_level": "higher", "email": "me@school.ru"},
        )
        assert response.status_code == 302
        own.refresh_from_db()
        assert own.email == "me@school.ru"
        assert client.get(reverse("people:edit", args=[other.pk])).status_code == 404

    def test_a_teacher_cannot_change_his_post(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        client_as(teacher_user).post(
            reverse("people:edit", args=[own.pk]),
            {"education_level": "higher", "position": "директор"},
        )
        own.refresh_from_db()
        assert own.position != "директор"

    def test_a_head_sees_his_members_only(self, client_as, head, association, municipality):
        member = MembershipFactory(association=association).teacher
        stranger = TeacherFactory(organisation__municipality=municipality)
        client = client_as(head)
        assert client.get(reverse("people:detail", args=[member.pk])).status_code == 200
        assert client.get(reverse("people:detail", args=[stranger.pk])).status_code == 404
        assert client.get(reverse("people:edit", args=[member.pk])).status_code == 403

    def test_the_list_runs_constant_queries(
        self, client_as, methodist, municipality, django_assert_max_num_queries
    ):
        client = client_as(methodist)
        TeacherFactory.create_batch(3, organisation__municipality=municipality)
        with django_assert_max_num_queries(30) as small:
            client.get(reverse("people:list"))
        TeacherFactory.create_batch(30, organisation__municipality=municipality)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse("people:list"))

    def test_it_filters_young_teachers(self, client_as, methodist, municipality):
        young = TeacherFactory(
            organisation__municipality=municipality, birth_date=dt.date(1999, 1, 1)
        )
        old = TeacherFactory(
            organisation__municipality=municipality, birth_date=dt.date(1970, 1, 1)
        )
        response = client_as(methodist).get(reverse("people:list"), {"young": "1"})
        assert young.full_name in response.text
        assert old.full_name not in response.text

    def test_a_theme_is_set_for_a_school_year(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        client = client_as(teacher_user)
        client.post(
            reverse("people:theme_add", args=[own.pk]),
            {"school_year": 2025, "theme": "Смысловое чтение"},
        )
        client.post(
            reverse("people:theme_add", args=[own.pk]),
            {"school_year": 2025, "theme": "Проектная деятельность"},
        )
        assert [t.theme for t in own.self_education_themes.all()] == ["Проектная деятельность"]
