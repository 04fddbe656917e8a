import datetime as dt

import pytest
from django.urls import reverse

from metodset.associations.tests.factories import MembershipFactory
from metodset.growth.models import Attestation, Mentoring, PDCourse
from metodset.people.tests.factories import TeacherFactory


def course_data(**changes):
    return {
        "program": "Формирование функциональной грамотности",
        "provider": "АКИПКРО",
        "hours": "36",
        "starts_on": "2025-10-01",
        "ends_on": "2025-10-20",
        "in_federal_registry": "on",
    } | changes


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize("hours", ["0", "-4"])
    def test_it_refuses_a_course_without_hours(self, client_as, teacher_user, hours):
        teacher = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("growth:add", args=[teacher.pk, "courses"]), course_data(hours=hours)
        )
        assert response.status_code == 400
        assert "часов" in response.text or "больше" in response.text or "не менее" in response.text
        assert not PDCourse.objects.exists()

    def test_it_refuses_an_expiry_before_the_assignment(self, client_as, methodist, teacher_user):
        teacher = teacher_user.teacher_profile
        response = client_as(methodist).post(
            reverse("growth:add", args=[teacher.pk, "attestations"]),
            {"category": "first", "assigned_on": "2024-12-20", "expires_on": "2024-12-01"},
        )
        assert response.status_code == 400
        assert "не может закончиться раньше её присвоения" in response.text
        assert not Attestation.objects.exists()

    def test_it_derives_a_five_year_term(self, client_as, methodist, teacher_user):
        teacher = teacher_user.teacher_profile
        client_as(methodist).post(
            reverse("growth:add", args=[teacher.pk, "attestations"]),
            {"category": "highest", "assigned_on": "2024-12-20"},
        )
        assert Attestation.objects.get().expires_on == dt.date(2029, 12, 20)

    def test_it_refuses_a_teacher_mentoring_himself(self, teacher_user):
        from django.core.exceptions import ValidationError

        teacher = teacher_user.teacher_profile
        with pytest.raises(ValidationError):
            Mentoring(teacher=teacher, mentor=teacher, starts_on=dt.date(2025, 9, 1)).full_clean()


@pytest.mark.django_db
class TestAccess:
    def test_a_teacher_keeps_his_own_records(self, client_as, teacher_user):
        teacher = teacher_user.teacher_profile
        client = client_as(teacher_user)
        assert client.get(reverse("growth:me")).status_code == 302
        url = reverse("growth:add", args=[teacher.pk, "courses"])
        # His own data: saved only with his consent (privacy.forms.ConsentMixin).
        refused = client.post(url, course_data())
        assert refused.status_code == 400 and not PDCourse.objects.exists()
        response = client.post(url, course_data() | {"consent": "on"})
        assert response.status_code == 302
        assert PDCourse.objects.get().history.get().history_user == teacher_user
        assert teacher_user.consents.get().text.purpose == "profile"
        assert 'name="consent"' not in client.get(url).text  # asked once per text version

    def test_a_head_sees_his_members_growth_but_cannot_edit(self, client_as, head, association):
        member = MembershipFactory(association=association).teacher
        client = client_as(head)
        assert client.get(reverse("growth:teacher", args=[member.pk])).status_code == 200
        assert client.get(reverse("growth:add", args=[member.pk, "courses"])).status_code == 403

    def test_nobody_else_sees_it(self, client_as, teacher_user, municipality, other_municipality):
        from metodset.accounts.models import Role
        from metodset.accounts.tests.factories import UserFactory

        stranger = TeacherFactory(organisation__municipality=municipality)
        PDCourse.objects.create(
            teacher=stranger,
            program="X",
            provider="Y",
            hours=16,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 1, 2),
        )
        assert (
            client_as(teacher_user).get(reverse("growth:teacher", args=[stranger.pk])).status_code
            == 404
        )
        other_methodist = UserFactory(role=Role.METHODIST, municipality=other_municipality)
        assert (
            client_as(other_methodist)
            .get(reverse("growth:teacher", args=[stranger.pk]))
            .status_code
            == 404
        )
        assert client_as(teacher_user).get(reverse("growth:courses")).context["total"] == 0


@pytest.mark.django_db
class TestSchedules:
    def test_the_attestation_schedule_lists_categories_expiring_in_the_year(
        self, client_as, methodist, municipality
    ):
        due = TeacherFactory(organisation__municipality=municipality)
        later = TeacherFactory(organisation__municipality=municipality)
        Attestation.objects.create(
            teacher=due,
            category="first",
            assigned_on=dt.date(2021, 1, 15),
            expires_on=dt.date(2026, 1, 15),
        )
        Attestation.objects.create(
            teacher=later,
            category="first",
            assigned_on=dt.date(2024, 1, 15),
            expires_on=dt.date(2029, 1, 15),
        )
        response = client_as(methodist).get(reverse("growth:attestation"), {"year": "2025"})
        assert due.full_name in response.text
        assert later.full_name not in response.text

    @pytest.mark.parametrize("name", ["growth:attestation", "growth:courses", "growth:young"])
    def test_schedules_run_constant_queries(
        self, client_as, methodist, municipality, name, django_assert_max_num_queries
    ):
        client = client_as(methodist)

        def add(n):
            for _ in range(n):
                teacher = TeacherFactory(
                    organisation__municipality=municipality, birth_date=dt.date(1995, 1, 1)
                )
                Attestation.objects.create(
                    teacher=teacher,
                    category="first",
                    assigned_on=dt.date(2021, 3, 1),
                    expires_on=dt.date(2026, 3, 1),
                )
                PDCourse.objects.create(
                    teacher=teacher,
                    program="P",
                    provider="Q",
                    hours=24,
                    starts_on=dt.date(2025, 10, 1),
                    ends_on=dt.date(2025, 10, 3),
                )

        add(3)
        with django_assert_max_num_queries(50) as small:
            client.get(reverse(name))
        add(30)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse(name))

    def test_the_young_list_exports_with_mentors(self, client_as, methodist, municipality):
        import io

        from openpyxl import load_workbook

        young = TeacherFactory(
            organisation__municipality=municipality, birth_date=dt.date(1998, 5, 5)
        )
        mentor = TeacherFactory(organisation__municipality=municipality)
        Mentoring.objects.create(teacher=young, mentor=mentor, starts_on=dt.date(2025, 9, 1))
        response = client_as(methodist).get(reverse("growth:young"), {"export": "xlsx"})
        rows = list(
            load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
                values_only=True
            )
        )
        assert rows[1][0] == young.full_name
        assert rows[1][4] == mentor.full_name


@pytest.mark.django_db
class TestNeeds:
    def test_the_methodist_keeps_the_list_teachers_choose_from(
        self, client_as, methodist, teacher_user
    ):
        from metodset.growth.models import Need

        client_as(methodist).post(reverse("growth:needs"), {"name": "Работа с детьми с ОВЗ"})
        need = Need.objects.get()
        assert need.municipality == methodist.municipality
        teacher = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("growth:add", args=[teacher.pk, "needs"]),
            {"school_year": 2025, "need": need.pk, "consent": "on"},
        )
        assert response.status_code == 302
        assert teacher.needs.get().need == need

    def test_a_teacher_cannot_edit_the_list(self, client_as, teacher_user):
        assert (
            client_as(teacher_user).post(reverse("growth:needs"), {"name": "X"}).status_code == 403
        )

    def test_the_list_keeps_its_history(self, client_as, methodist):
        from metodset.growth.models import Need

        client = client_as(methodist)
        client.post(reverse("growth:needs"), {"name": "Оценивание"})
        need = Need.objects.get()
        assert need.history.get().history_user == methodist
        client.post(reverse("growth:needs"), {"delete": need.pk})
        assert not Need.objects.exists()
        assert Need.history.filter(history_type="-").get().history_user == methodist

    def test_a_chosen_need_stays(self, client_as, methodist, teacher_user):
        from metodset.growth.models import Need, TeacherNeed

        need = Need.objects.create(municipality=methodist.municipality, name="ИКТ")
        teacher = teacher_user.teacher_profile
        TeacherNeed.objects.create(teacher=teacher, school_year=2025, need=need)
        response = client_as(methodist).post(
            reverse("growth:needs"), {"delete": need.pk}, follow=True
        )
        assert Need.objects.filter(pk=need.pk).exists()
        assert "остаётся в списке" in response.text or "stays in the list" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["teaching", "-teaching"])
def test_a_descending_sort_field_reverses_both_ways(client_as, methodist, sort):
    # "teaching" sorts by -teaching_since; reversing it must give teaching_since, not --…
    assert client_as(methodist).get(reverse("growth:young"), {"sort": sort}).status_code == 200


@pytest.mark.django_db
class TestEventsAndCertificates:
    """«Мой профессиональный рост» shows the teacher's events, certificates and results."""

    def _world(self, teacher):
        from metodset.events.models import CompetitionEntry, EventForm, Nomination
        from metodset.events.tests.factories import EventFactory, ParticipationFactory

        municipality = teacher.municipality
        held = EventFactory(
            municipality=municipality,
            title="Семинар «Смысловое чтение»",
            starts_at=dt.datetime(2025, 10, 14, 10, tzinfo=dt.UTC),
        )
        coming = EventFactory(municipality=municipality, title="Мастер-класс «Проекты»")
        contest = EventFactory(
            municipality=municipality,
            form=EventForm.COMPETITION,
            title="Сердце отдаю детям",
            starts_at=dt.datetime(2025, 10, 1, 10, tzinfo=dt.UTC),
        )
        attended = ParticipationFactory(event=held, teacher=teacher, attended=True)
        ParticipationFactory(event=coming, teacher=teacher)
        CompetitionEntry.objects.create(
            nomination=Nomination.objects.create(event=contest, name="Педагог-наставник"),
            teacher=teacher,
            outcome="prize_winner",
        )
        PDCourse.objects.create(
            teacher=teacher,
            program="Функциональная грамотность",
            provider="АКИПКРО",
            hours=36,
            starts_on=dt.date(2025, 3, 1),
            ends_on=dt.date(2025, 3, 20),
            certificate_number="222400012345",
        )
        return attended

    def test_the_teacher_sees_her_events_results_and_certificates(self, client_as, teacher_user):
        teacher = teacher_user.teacher_profile
        attended = self._world(teacher)
        html = client_as(teacher_user).get(reverse("growth:teacher", args=[teacher.pk])).text
        assert "Мероприятия и сертификаты" in html
        assert "Семинар «Смысловое чтение»" in html
        assert '<span class="badge badge--ok">присутствовала</span>' in html
        assert reverse("events:certificate", args=[attended.pk]) in html
        assert "Мастер-класс «Проекты»" in html
        assert '<span class="badge badge--info">зарегистрирована</span>' in html
        assert "«Сердце отдаю детям», номинация «Педагог-наставник»: <strong>призёр" in html
        assert "№&nbsp;222400012345, «Функциональная грамотность»" in html
        assert reverse("events:verify") in html

    def test_a_head_sees_the_events_but_no_certificate_link(self, client_as, head, association):
        member = MembershipFactory(association=association).teacher
        attended = self._world(member)
        html = client_as(head).get(reverse("growth:teacher", args=[member.pk])).text
        assert "Семинар «Смысловое чтение»" in html
        assert reverse("events:certificate", args=[attended.pk]) not in html

    def test_the_page_costs_the_same_for_one_or_many_events(
        self, client_as, teacher_user, django_assert_max_num_queries
    ):
        from metodset.events.tests.factories import ParticipationFactory

        teacher = teacher_user.teacher_profile
        client = client_as(teacher_user)
        url = reverse("growth:teacher", args=[teacher.pk])
        self._world(teacher)
        with django_assert_max_num_queries(60) as few:
            client.get(url)
        for _ in range(10):
            ParticipationFactory(event__municipality=teacher.municipality, teacher=teacher)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)
