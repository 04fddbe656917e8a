import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from metodset.associations.tests.factories import HeadAppointmentFactory, MembershipFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people import services
from metodset.people.models import Category, EducationLevel, Gender, SelfEducationTheme, Teacher
from metodset.people.tests.factories import TeacherFactory


def card(organisation, **changes) -> dict:
    return {
        "last_name": "Кузнецова",
        "first_name": "Ольга",
        "patronymic": "Ивановна",
        "gender": Gender.FEMALE,
        "birth_date": dt.date(1985, 4, 12),
        "organisation": organisation,
        "position": "учитель начальных классов",
        "education_level": EducationLevel.HIGHER_PEDAGOGICAL,
        "teaching_since": dt.date(2007, 9, 1),
        "working_since": dt.date(2006, 9, 1),
        "category": Category.FIRST,
        "category_assigned_on": dt.date(2022, 12, 15),
    } | changes


@pytest.mark.django_db
class TestTeacherCreate:
    def test_it_adds_a_card_with_its_author(self, methodist, municipality):
        school = OrganisationFactory(municipality=municipality)
        teacher = services.teacher_create(user=methodist, municipality=municipality, **card(school))
        assert teacher.municipality == municipality
        assert teacher.history.get().history_user == methodist

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            (
                {"birth_date": dt.date(2026, 1, 1)},
                "birth_date",
                "Дата рождения не может быть в будущем.",
            ),
            # 16 tomorrow: still too young today (20.11.2025).
            ({"birth_date": dt.date(2009, 11, 21)}, "birth_date", "не моложе 16 лет"),
            (
                {"teaching_since": dt.date(2005, 9, 1), "working_since": dt.date(2007, 9, 1)},
                "teaching_since",
                "Педагогический стаж не может начинаться раньше общего.",
            ),
            (
                {"category_assigned_on": None},
                "category_assigned_on",
                "Укажите дату присвоения категории.",
            ),
            (
                {"category": Category.NONE},
                "category_assigned_on",
                "У педагога без категории нет даты присвоения.",
            ),
            (
                {"teaching_since": dt.date(2026, 9, 1), "working_since": dt.date(2006, 9, 1)},
                "teaching_since",
                "Дата не может быть в будущем.",
            ),
        ],
    )
    def test_it_refuses_bad_input_in_russian_and_saves_nothing(
        self, methodist, municipality, changes, field, message
    ):
        school = OrganisationFactory(municipality=municipality)
        with pytest.raises(ValidationError) as error:
            services.teacher_create(
                user=methodist, municipality=municipality, **card(school, **changes)
            )
        assert any(message in m for m in error.value.message_dict[field])
        assert not Teacher.objects.exists()

    def test_it_accepts_a_teacher_who_is_16_today(self, methodist, municipality):
        school = OrganisationFactory(municipality=municipality)
        teacher = services.teacher_create(
            user=methodist,
            municipality=municipality,
            **card(
                school,
                birth_date=dt.date(2009, 11, 20),
                teaching_since=dt.date(2025, 9, 1),
                working_since=dt.date(2025, 9, 1),
            ),
        )
        assert teacher.age() == 16

    def test_it_refuses_an_organisation_of_another_municipality(
        self, methodist, municipality, sibling_municipality
    ):
        theirs = OrganisationFactory(municipality=sibling_municipality)
        with pytest.raises(ValidationError) as error:
            services.teacher_create(user=methodist, municipality=municipality, **card(theirs))
        assert error.value.message_dict["organisation"] == [
            "Организация относится к другому муниципалитету."
        ]
        assert not Teacher.objects.exists()

    def test_it_sets_the_subjects(self, methodist, municipality):
        from metodset.people.models import Subject

        maths = Subject.objects.create(name="Математика")
        teacher = services.teacher_create(
            user=methodist,
            municipality=municipality,
            subjects=[maths],
            **card(OrganisationFactory(municipality=municipality)),
        )
        assert list(teacher.subjects.all()) == [maths]


@pytest.mark.django_db
class TestTeacherUpdate:
    def test_it_records_the_change_with_its_author(self, methodist, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        services.teacher_update(user=methodist, teacher=teacher, data={"phone": "8 900 000"})
        teacher.refresh_from_db()
        assert teacher.phone == "8 900 000"
        assert teacher.history.count() == 2
        assert teacher.history.first().history_user == methodist

    def test_it_keeps_no_history_for_an_edit_that_changes_nothing(self, methodist, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality, phone="1")
        services.teacher_update(user=methodist, teacher=teacher, data={"phone": "1"})
        assert teacher.history.count() == 1

    def test_it_saves_nothing_from_an_invalid_edit(self, methodist, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError) as error:
            services.teacher_update(
                user=methodist,
                teacher=teacher,
                data={"phone": "2", "category": Category.HIGHEST},
            )
        assert error.value.message_dict["category_assigned_on"] == [
            "Укажите дату присвоения категории."
        ]
        teacher.refresh_from_db()
        assert (teacher.phone, teacher.category) == ("", Category.NONE)
        assert teacher.history.count() == 1


@pytest.mark.django_db
class TestTeacherDelete:
    def test_it_deletes_a_card_nothing_refers_to_with_its_themes(self, methodist, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality)
        services.self_education_theme_set(
            user=methodist, teacher=teacher, school_year=2025, theme="Смысловое чтение"
        )
        services.teacher_delete(user=methodist, teacher=teacher)
        assert not Teacher.objects.exists()
        assert not SelfEducationTheme.objects.exists()
        assert Teacher.history.filter(history_type="-").get().history_user == methodist

    def test_it_refuses_a_member_and_says_why(self, methodist, association):
        teacher = MembershipFactory(association=association).teacher
        with pytest.raises(ValidationError) as error:
            services.teacher_delete(user=methodist, teacher=teacher)
        assert error.value.messages == [
            "Карточку нельзя удалить: на неё ссылаются другие записи "
            "(членство в объединениях: 1). Если педагог уволился, отметьте его как не "
            "работающего."
        ]
        assert Teacher.objects.filter(pk=teacher.pk).exists()

    def test_it_refuses_a_head(self, methodist, association):
        teacher = HeadAppointmentFactory(association=association).teacher
        with pytest.raises(ValidationError) as error:
            services.teacher_delete(user=methodist, teacher=teacher)
        assert "(назначения руководителей: 1)" in error.value.messages[0]
        assert Teacher.objects.filter(pk=teacher.pk).exists()


@pytest.mark.django_db
class TestSelfEducationThemeSet:
    def test_it_keeps_one_theme_per_school_year(self, teacher_user):
        teacher = teacher_user.teacher_profile
        for theme in ("Смысловое чтение", "  Проектная деятельность "):
            services.self_education_theme_set(
                user=teacher_user, teacher=teacher, school_year=2025, theme=theme
            )
        services.self_education_theme_set(
            user=teacher_user, teacher=teacher, school_year=2024, theme="ФГОС"
        )
        themes = [(t.school_year_label, t.theme) for t in teacher.self_education_themes.all()]
        assert themes == [("2025/2026", "Проектная деятельность"), ("2024/2025", "ФГОС")]

    def test_it_refuses_an_empty_theme(self, teacher_user):
        with pytest.raises(ValidationError):
            services.self_education_theme_set(
                user=teacher_user,
                teacher=teacher_user.teacher_profile,
                school_year=2025,
                theme="   ",
            )
        assert not SelfEducationTheme.objects.exists()


@pytest.mark.django_db
class TestYoungTeacher:
    @pytest.mark.parametrize(
        ("birth", "since", "young"),
        [
            (dt.date(1990, 11, 20), dt.date(2010, 9, 1), False),  # 35 today, 15 years teaching
            (dt.date(1990, 11, 21), dt.date(2010, 9, 1), True),  # 35 tomorrow
            (dt.date(1980, 1, 1), dt.date(2022, 11, 20), False),  # three years teaching today
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
