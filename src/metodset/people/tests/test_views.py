import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.tests.factories import MunicipalityFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Category, SelfEducationTheme, Subject, Teacher
from metodset.people.tests.factories import TeacherFactory


def login_url(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def member(association):
    """A teacher of the home municipality, member of the head's association."""
    return MembershipFactory(association=association).teacher


@pytest.fixture
def users(role_users, region, other_municipality, municipality):
    sibling = MunicipalityFactory(region=region)
    return role_users | {
        "coordinator_other": UserFactory(
            role=Role.REGIONAL_COORDINATOR, municipality=None, region=other_municipality.region
        ),
        "methodist_other": UserFactory(role=Role.METHODIST, municipality=other_municipality),
        "methodist_sibling": UserFactory(role=Role.METHODIST, municipality=sibling),
    }


def form_data(organisation, **changes) -> dict:
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


# Who may open a member's card: 404 is "does not exist for you".
DETAIL = {
    "platform_admin": 200,
    "coordinator": 200,  # same region
    "coordinator_other": 404,
    "methodist": 200,
    "methodist_other": 404,
    "methodist_sibling": 404,  # same region, another municipality
    "head": 200,  # the card is a member of his association
    "teacher": 404,  # another teacher's personal data
}
EDIT = DETAIL | {"coordinator": 403, "head": 403}


@pytest.mark.django_db
class TestTeacherList:
    def test_it_sends_the_anonymous_to_the_login_page(self, client):
        path = reverse("people:list")
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == login_url(path)

    @pytest.mark.parametrize(
        ("role", "visible"),
        [
            ("platform_admin", {"member", "stranger", "sibling", "far"}),
            ("coordinator", {"member", "stranger", "sibling"}),
            ("coordinator_other", {"far"}),
            ("methodist", {"member", "stranger"}),
            ("methodist_other", {"far"}),
            ("head", {"member"}),
            ("teacher", set()),
        ],
    )
    def test_it_shows_each_role_its_teachers(
        self, client_as, users, member, municipality, sibling_municipality, other_municipality,
        role, visible,
    ):  # fmt: skip
        cards = {
            "member": member,
            "stranger": TeacherFactory(organisation__municipality=municipality),
            "sibling": TeacherFactory(organisation__municipality=sibling_municipality),
            "far": TeacherFactory(organisation__municipality=other_municipality),
        }
        response = client_as(users[role]).get(reverse("people:list"))
        assert response.status_code == 200
        shown = {key for key, t in cards.items() if t.full_name in response.text}
        assert shown == visible

    def test_it_shows_a_teacher_only_himself(self, client_as, teacher_user, member):
        response = client_as(teacher_user).get(reverse("people:list"))
        assert teacher_user.teacher_profile.full_name in response.text
        assert member.full_name not in response.text

    def test_it_runs_the_same_queries_for_3_and_30_teachers(
        self, client_as, methodist, municipality, django_assert_num_queries
    ):
        client = client_as(methodist)
        # session, user, the notifications badge, the user's municipality (layout),
        # the subject choices of the filters (the organisation is a search box that reads
        # nothing until one is chosen), the count, the page (with its association counts
        # as a subquery) and one insert into the personal data access log. The subjects are
        # read for the export only (the page does not show them).
        for batch in (3, 27):
            TeacherFactory.create_batch(batch, organisation__municipality=municipality)
            with django_assert_num_queries(8):
                response = client.get(reverse("people:list"), {"sort": "-experience"})
            assert response.status_code == 200

    def test_the_page_reads_only_the_columns_it_shows_and_the_export_every_one(
        self, client_as, methodist, municipality
    ):
        TeacherFactory(
            organisation__municipality=municipality, phone="+7 900 000-00-00", awards="Грамота"
        )
        client = client_as(methodist)
        with CaptureQueriesContext(connection) as page:
            assert client.get(reverse("people:list")).status_code == 200
        read = " ".join(q["sql"] for q in page.captured_queries if "people_teacher" in q["sql"])
        for column in ("birth_date", "teaching_since", "category", "position"):
            assert f'"people_teacher"."{column}"' in read
        for column in ("phone", "email", "awards", "honorary_titles", "specialty"):
            assert f'"people_teacher"."{column}"' not in read
        with CaptureQueriesContext(connection) as export:
            response = client.get(reverse("people:list"), {"export": "xlsx"})
        assert response.status_code == 200
        read = " ".join(q["sql"] for q in export.captured_queries if "people_teacher" in q["sql"])
        assert '"people_teacher"."email"' in read

    def test_it_filters_by_an_organisation_chosen_in_a_search_box(
        self, client_as, methodist, municipality
    ):
        school, other = (
            OrganisationFactory(municipality=municipality, name=n)
            for n in ("МБОУ «Лицей № 1»", "МБОУ «СОШ № 2»")
        )
        mine = TeacherFactory(organisation=school, last_name="Лицеева")
        TeacherFactory(organisation=other, last_name="Школьникова")
        client = client_as(methodist)
        page = client.get(reverse("people:list")).text
        assert "МБОУ «СОШ № 2»" not in page  # no select of every organisation
        for query in ({"organisation": school.pk}, {"organisation__search": "Лицей"}):
            response = client.get(reverse("people:list"), query)
            assert mine.last_name in response.text
            assert "Школьникова" not in response.text

    @pytest.mark.parametrize(
        "sort", ["name", "-name", "organisation", "category", "experience", "-experience"]
    )
    def test_it_sorts(self, client_as, methodist, municipality, sort):
        older = TeacherFactory(
            organisation__municipality=municipality,
            last_name="Аксёнова",
            teaching_since=dt.date(1990, 9, 1),
            working_since=dt.date(1990, 9, 1),
            category=Category.HIGHEST,
            category_assigned_on=dt.date(2020, 1, 1),
        )
        younger = TeacherFactory(
            organisation__municipality=municipality,
            last_name="Яковлева",
            teaching_since=dt.date(2020, 9, 1),
            working_since=dt.date(2020, 9, 1),
        )
        response = client_as(methodist).get(reverse("people:list"), {"sort": sort})
        first = response.text.index(older.last_name) < response.text.index(younger.last_name)
        # ascending experience lists the newcomer first; category "highest" < "none"
        expected = {
            "name": True,
            "-name": False,
            "category": True,
            "experience": False,
            "-experience": True,
        }
        assert response.status_code == 200
        assert first is expected.get(sort, first)

    def test_it_shows_age_experience_badges_and_associations(
        self, client_as, methodist, member, municipality
    ):
        young = TeacherFactory(
            organisation__municipality=municipality,
            birth_date=dt.date(2000, 1, 1),
            teaching_since=dt.date(2023, 9, 1),
            working_since=dt.date(2023, 9, 1),
        )
        response = client_as(methodist).get(reverse("people:list"), {"young": "1"})
        assert young.full_name in response.text
        assert member.full_name not in response.text  # born 1980, teaching since 2003
        assert "молодой педагог" in response.text
        assert '<td class="hide-sm">25</td>' in response.text  # age
        response = client_as(methodist).get(reverse("people:list"), {"q": member.last_name})
        assert '<td class="hide-sm">1</td>' in response.text  # one association today

    def test_it_filters(self, client_as, methodist, municipality):
        maths = Subject.objects.create(name="Математика")
        school = OrganisationFactory(municipality=municipality)
        match = TeacherFactory(
            organisation=school,
            email="ivanova@school.ru",
            position="учитель физики",
            category=Category.FIRST,
            category_assigned_on=dt.date(2021, 2, 1),
            education_level="higher",
        )
        match.subjects.add(maths)
        other = TeacherFactory(organisation__municipality=municipality, is_active=False)
        client = client_as(methodist)
        for params in (
            {"q": "ivanova@"},
            {"q": "физики"},
            {"q": match.last_name},
            {"organisation": school.pk},
            {"category": "first"},
            {"subject": maths.pk},
            {"education_level": "higher"},
            {"is_active": "1"},
            {"young": "0", "is_active": "1"},
        ):
            response = client.get(reverse("people:list"), params)
            assert match.full_name in response.text, params
            assert other.full_name not in response.text, params

    def test_it_exports_the_list(self, client_as, methodist, member):
        response = client_as(methodist).get(reverse("people:list"), {"export": "xlsx"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")

    def test_the_export_has_the_subjects_the_page_does_not_read(
        self, client_as, methodist, member, django_assert_max_num_queries
    ):
        import io

        from openpyxl import load_workbook

        from metodset.people.models import Subject

        member.subjects.add(Subject.objects.create(name="Астрономия"))
        TeacherFactory.create_batch(5, organisation__municipality=member.municipality)
        client = client_as(methodist)
        # session, user, the rows, their subjects in one query (not one a row), the log.
        with django_assert_max_num_queries(5):
            response = client.get(reverse("people:list"), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert any("Астрономия" in str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
class TestTeacherDetail:
    @pytest.mark.parametrize(("role", "status"), DETAIL.items())
    def test_it_answers_each_role(self, client_as, users, member, role, status):
        response = client_as(users[role]).get(reverse("people:detail", args=[member.pk]))
        assert response.status_code == status

    def test_it_sends_the_anonymous_to_the_login_page(self, client, member):
        path = reverse("people:detail", args=[member.pk])
        assert client.get(path).url == login_url(path)

    def test_a_head_does_not_see_teachers_outside_his_associations(
        self, client_as, head, municipality
    ):
        stranger = TeacherFactory(organisation__municipality=municipality)
        response = client_as(head).get(reverse("people:detail", args=[stranger.pk]))
        assert response.status_code == 404

    def test_a_teacher_sees_himself(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        response = client_as(teacher_user).get(reverse("people:detail", args=[own.pk]))
        assert response.status_code == 200
        assert reverse("people:edit", args=[own.pk]) in response.text
        assert reverse("people:delete", args=[own.pk]) not in response.text

    def test_it_shows_the_person_level_fields(self, client_as, methodist, association):
        teacher = TeacherFactory(
            organisation__municipality=association.municipality,
            birth_date=dt.date(1980, 3, 15),
            working_since=dt.date(2002, 9, 1),
            teaching_since=dt.date(2003, 9, 1),
            category=Category.HIGHEST,
            category_assigned_on=dt.date(2021, 12, 24),
            awards="Почётная грамота Минпросвещения России\n\nГрамота управления образования",
            honorary_titles="Почётный работник воспитания и просвещения РФ",
        )
        teacher.subjects.add(Subject.objects.create(name="Физика"))
        SelfEducationTheme.objects.create(teacher=teacher, school_year=2024, theme="Функц. гр.")
        MembershipFactory(
            association=association,
            teacher=teacher,
            joined_on=dt.date(2021, 9, 1),
            left_on=dt.date(2024, 6, 1),
        )
        headed = AssociationFactory(municipality=association.municipality)
        MembershipFactory(association=headed, teacher=teacher, joined_on=dt.date(2022, 9, 1))
        HeadAppointmentFactory(association=headed, teacher=teacher)
        text = client_as(methodist).get(reverse("people:detail", args=[teacher.pk])).text
        for expected in (
            "15.03.1980 (45 лет)",
            "22 года (с 01.09.2003)",  # teaching
            "23 года (с 01.09.2002)",  # total
            "Высшая категория, присвоена 24.12.2021",
            "<li>Почётная грамота Минпросвещения России</li>",
            "<li>Грамота управления образования</li>",
            "<li>Почётный работник воспитания и просвещения РФ</li>",
            "Физика",
            "2024/2025</strong>: Функц. гр.",
            "в составе с 01.09.2021, выход из состава 01.06.2024",
            "01.09.2024 — 31.08.2027",
        ):
            assert expected in text, expected
        assert text.count("<li></li>") == 0
        assert "молодой педагог" not in text


@pytest.mark.django_db
class TestMyProfile:
    def test_it_redirects_a_teacher_to_his_card(self, client_as, teacher_user):
        response = client_as(teacher_user).get(reverse("people:me"))
        assert response.url == reverse("people:detail", args=[teacher_user.teacher_profile.pk])

    @pytest.mark.parametrize("role", ["platform_admin", "coordinator", "methodist"])
    def test_it_is_404_without_a_card(self, client_as, role_users, role):
        assert client_as(role_users[role]).get(reverse("people:me")).status_code == 404

    def test_it_sends_the_anonymous_to_the_login_page(self, client):
        assert client.get(reverse("people:me")).url == login_url(reverse("people:me"))


@pytest.mark.django_db
class TestTeacherEdit:
    @pytest.mark.parametrize(("role", "status"), EDIT.items())
    def test_it_answers_each_role(self, client_as, users, member, role, status):
        response = client_as(users[role]).get(reverse("people:edit", args=[member.pk]))
        assert response.status_code == status

    def test_a_teacher_edits_his_own_contacts(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        client = client_as(teacher_user)
        page = client.get(reverse("people:edit", args=[own.pk]))
        assert page.status_code == 200
        assert 'name="email"' in page.text
        assert 'name="position"' not in page.text
        assert 'name="category"' not in page.text
        assert 'name="consent"' in page.text  # his own data: his consent is asked first
        response = client.post(
            reverse("people:edit", args=[own.pk]),
            {
                "education_level": "higher",
                "email": "me@school.ru",
                "awards": "Грамота",
                "position": "директор",
                "category": "highest",
                "consent": "on",
            },
        )
        assert response.status_code == 302
        own.refresh_from_db()
        assert (own.email, own.awards) == ("me@school.ru", "Грамота")
        assert (own.position, own.category) == ("учитель математики", Category.NONE)
        assert own.history.first().history_user == teacher_user

    def test_a_teacher_cannot_open_another_card(self, client_as, teacher_user, member):
        client = client_as(teacher_user)
        assert client.get(reverse("people:edit", args=[member.pk])).status_code == 404
        client.post(reverse("people:edit", args=[member.pk]), {"email": "x@x.ru"})
        member.refresh_from_db()
        assert member.email == ""

    def test_the_methodist_edits_everything_with_history(self, client_as, methodist, member):
        response = client_as(methodist).post(
            reverse("people:edit", args=[member.pk]),
            form_data(member.organisation, position="заместитель директора"),
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.position == "заместитель директора"
        assert member.category == Category.FIRST
        assert member.history.first().history_user == methodist

    def test_it_shows_a_russian_message_and_saves_nothing(self, client_as, methodist, member):
        response = client_as(methodist).post(
            reverse("people:edit", args=[member.pk]),
            form_data(member.organisation, category_assigned_on="", position="директор"),
        )
        assert response.status_code == 400
        assert "Укажите дату присвоения категории." in response.text
        member.refresh_from_db()
        assert member.position == "учитель математики"


@pytest.mark.django_db
class TestTeacherCreate:
    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("platform_admin", 200),
            ("coordinator", 403),
            ("methodist", 200),
            ("head", 403),
            ("teacher", 403),
        ],
    )
    def test_it_answers_each_role(self, client_as, role_users, role, status):
        assert client_as(role_users[role]).get(reverse("people:create")).status_code == status

    def test_it_creates_a_card_with_history(self, client_as, methodist, municipality):
        school = OrganisationFactory(municipality=municipality)
        response = client_as(methodist).post(reverse("people:create"), form_data(school))
        teacher = Teacher.objects.get()
        assert response.url == reverse("people:detail", args=[teacher.pk])
        assert teacher.municipality == municipality
        assert teacher.history.get().history_user == methodist

    def test_the_platform_admin_picks_the_municipality(
        self, client_as, platform_admin, other_municipality
    ):
        school = OrganisationFactory(municipality=other_municipality)
        response = client_as(platform_admin).post(
            reverse("people:create"),
            form_data(school, municipality=other_municipality.pk),
        )
        assert response.status_code == 302
        assert Teacher.objects.get().municipality == other_municipality

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"birth_date": "2030-01-01"}, "Дата рождения не может быть в будущем."),
            ({"birth_date": "2015-01-01"}, "Педагог должен быть не моложе 16 лет."),
            (
                {"teaching_since": "2005-09-01", "working_since": "2007-09-01"},
                "Педагогический стаж не может начинаться раньше общего.",
            ),
            ({"category_assigned_on": ""}, "Укажите дату присвоения категории."),
        ],
    )
    def test_it_refuses_bad_input_in_russian(
        self, client_as, methodist, municipality, changes, message
    ):
        school = OrganisationFactory(municipality=municipality)
        response = client_as(methodist).post(reverse("people:create"), form_data(school, **changes))
        assert response.status_code == 400
        assert message in response.text
        assert not Teacher.objects.exists()

    def test_it_does_not_offer_another_municipalitys_organisation(
        self, client_as, methodist, other_municipality
    ):
        theirs = OrganisationFactory(municipality=other_municipality)
        response = client_as(methodist).post(reverse("people:create"), form_data(theirs))
        assert response.status_code == 400
        assert "Такого варианта здесь нет" in response.text
        assert not Teacher.objects.exists()


@pytest.mark.django_db
class TestTeacherDelete:
    @pytest.mark.parametrize(("role", "status"), EDIT.items())
    def test_it_answers_each_role(self, client_as, users, member, role, status):
        response = client_as(users[role]).get(reverse("people:delete", args=[member.pk]))
        assert response.status_code == status

    def test_a_teacher_cannot_delete_himself(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        response = client_as(teacher_user).post(reverse("people:delete", args=[own.pk]))
        assert response.status_code == 403
        assert Teacher.objects.filter(pk=own.pk).exists()

    def test_the_methodist_deletes_a_card_after_confirming(
        self, client_as, methodist, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        client = client_as(methodist)
        page = client.get(reverse("people:delete", args=[teacher.pk]))
        assert teacher.full_name in page.text
        assert Teacher.objects.filter(pk=teacher.pk).exists()
        response = client.post(reverse("people:delete", args=[teacher.pk]))
        assert response.url == reverse("people:list")
        assert not Teacher.objects.filter(pk=teacher.pk).exists()

    def test_it_explains_why_a_member_cannot_be_deleted(self, client_as, methodist, member):
        response = client_as(methodist).post(
            reverse("people:delete", args=[member.pk]), follow=True
        )
        assert "Карточку нельзя удалить" in response.text
        assert Teacher.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
class TestThemeAdd:
    def test_a_teacher_sets_his_theme(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("people:theme_add", args=[own.pk]),
            {"school_year": 2025, "theme": "Смысловое чтение"},
        )
        assert response.url == own.get_absolute_url()
        assert own.self_education_themes.get().theme == "Смысловое чтение"

    @pytest.mark.parametrize(
        ("role", "status"),
        [("coordinator", 403), ("head", 403), ("teacher", 404), ("methodist_other", 404)],
    )
    def test_others_cannot(self, client_as, users, member, role, status):
        response = client_as(users[role]).post(
            reverse("people:theme_add", args=[member.pk]),
            {"school_year": 2025, "theme": "Чужая тема"},
        )
        assert response.status_code == status
        assert not SelfEducationTheme.objects.exists()

    def test_it_refuses_a_school_year_out_of_range(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("people:theme_add", args=[own.pk]),
            {"school_year": 1999, "theme": "Тема"},
            follow=True,
        )
        assert "Укажите тему и учебный год." in response.text
        assert not SelfEducationTheme.objects.exists()

    def test_it_answers_only_post(self, client_as, teacher_user):
        own = teacher_user.teacher_profile
        response = client_as(teacher_user).get(reverse("people:theme_add", args=[own.pk]))
        assert response.status_code == 405
