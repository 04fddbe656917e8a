import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.associations.models import AssociationKind
from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.tests.roles import HEAD_MANAGES, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.meetings import services
from metodset.meetings.models import Meeting
from metodset.meetings.tests.factories import AgendaItemFactory, GuestFactory, MeetingFactory
from metodset.meetings.tests.pages import assert_clean

pytestmark = pytest.mark.django_db

KEEPS_MINUTES = HEAD_MANAGES
SIGNS = KEEPS_MINUTES | {"methodist": 403}

# (url name, the object its argument is taken from, expected status per role)
PAGES = [
    ("meetings:list", None, READ_ALL),
    ("meetings:association", "association", READ_IN_SCOPE),
    ("meetings:create", "association", KEEPS_MINUTES),
    ("meetings:detail", "meeting", READ_IN_SCOPE),
    ("meetings:edit", "meeting", KEEPS_MINUTES),
    ("meetings:delete", "meeting", KEEPS_MINUTES),
    ("meetings:sign", "meeting", SIGNS),
    ("meetings:guest_remove", "guest", KEEPS_MINUTES),
    ("meetings:agenda_edit", "question", KEEPS_MINUTES),
    # Without HTMX the row is a redirect to its place on the meeting page.
    (
        "meetings:agenda_row",
        "question",
        {r: 302 if s == 200 else s for r, s in READ_IN_SCOPE.items()},
    ),
    ("meetings:attachment", "attachment", READ_IN_SCOPE),
    ("meetings:decision", "question", KEEPS_MINUTES),
    # The methodist's own municipality; the admin has none (he uses the admin site).
    (
        "meetings:settings",
        None,
        HEAD_MANAGES
        | {"platform_admin": 404, "coordinator_other": 403, "methodist_other": 200, "head": 403},
    ),
]
# POST only: each is tested below, allowed and refused.
POST_ONLY = [
    "meetings:attendance",
    "meetings:guest_add",
    "meetings:agenda_add",
    "meetings:agenda_move",
    "meetings:agenda_delete",
    "meetings:attachment_add",
    "meetings:attachment_delete",
    "meetings:decision_report",
]


@pytest.fixture
def meeting(association, head):
    return services.meeting_schedule(
        user=head, association=association, date=dt.date(2025, 10, 15), agenda=["О плане работы"]
    )


@pytest.fixture
def objects(association, meeting):
    return {
        "association": association,
        "meeting": meeting,
        "guest": GuestFactory(meeting=meeting),
        "question": meeting.agenda.get(),
        "attachment": services.attachment_add(
            user=None,
            meeting=meeting,
            title="Презентация",
            file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides"),
        ),
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        args = [objects[key].pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.meetings.urls import urlpatterns

        names = {f"meetings:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    def test_the_methodist_signs_the_council_minutes(self, client_for, municipality):
        council = AssociationFactory(municipality=municipality, kind=AssociationKind.COUNCIL)
        meeting = MeetingFactory(association=council)
        assert (
            client_for("methodist").get(reverse("meetings:sign", args=[meeting.pk])).status_code
            == 200
        )

    @pytest.mark.parametrize(
        ("name", "key", "data"),
        [
            ("meetings:attendance", "meeting", {}),
            ("meetings:guest_add", "meeting", {"name": "Гость"}),
            ("meetings:agenda_add", "meeting", {"title": "Разное"}),
            ("meetings:agenda_delete", "question", {}),
            ("meetings:attachment_delete", "attachment", {}),
        ],
    )
    @pytest.mark.parametrize(
        ("role", "status"),
        [("teacher", 403), ("coordinator", 403), ("other_head", 403), ("methodist_other", 404)],
    )
    def test_posts_are_refused_to_those_who_do_not_keep_the_minutes(
        self, client_for, objects, name, key, data, role, status
    ):
        response = client_for(role).post(reverse(name, args=[objects[key].pk]), data)
        assert response.status_code == status
        objects["meeting"].refresh_from_db()
        assert objects["meeting"].agenda.count() == 1
        assert objects["meeting"].attachments.count() == 1
        assert not objects["meeting"].attendance.exists()

    def test_moving_a_question_is_refused_to_a_teacher(self, client_for, objects):
        url = reverse("meetings:agenda_move", args=[objects["question"].pk, "up"])
        assert client_for("teacher").post(url).status_code == 403
        assert client_for("head").post(url.replace("/up/", "/sideways/")).status_code == 404

    def test_it_serves_an_attachment_under_its_own_name(self, client_for, objects):
        response = client_for("teacher").get(
            reverse("meetings:attachment", args=[objects["attachment"].pk])
        )
        assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"
        assert 'filename="slides.pdf"' in response["Content-Disposition"]


class TestLists:
    def test_they_cost_the_same_for_3_or_30_meetings(
        self, client_for, association, municipality, django_assert_num_queries
    ):
        client = client_for("methodist")

        def add(n):
            for i in range(n):
                meeting = MeetingFactory(
                    association=AssociationFactory(municipality=municipality)
                    if i % 2
                    else association,
                    date=dt.date(2025, 9, 1) + dt.timedelta(days=i),
                )
                AgendaItemFactory(meeting=meeting, decision="" if i % 3 else "Решили.")

        # session, user, unread notifications and the user's municipality (top bar), the count,
        # the page with its counts as subqueries
        add(3)
        with django_assert_num_queries(6):
            response = client.get(reverse("meetings:list"))
        assert response.context["total"] == 3
        add(27)
        with django_assert_num_queries(6):
            response = client.get(reverse("meetings:list"))
        assert response.context["total"] == 30
        # the association's list adds the association itself and its regulation's rules in
        # force (the clause the page cites)
        with django_assert_num_queries(8):
            response = client.get(reverse("meetings:association", args=[association.pk]))
        assert response.context["total"] == 16  # 2 of the first 3, 14 of the next 27

    def test_it_filters_by_school_year_and_signature(self, client_for, association):
        MeetingFactory(association=association, date=dt.date(2024, 10, 1))
        current = MeetingFactory(association=association, date=dt.date(2025, 10, 1))
        url = reverse("meetings:association", args=[association.pk])
        response = client_for("head").get(url, {"school_year": 2025, "signed": "0"})
        assert [m.pk for m in response.context["rows"]] == [current.pk]
        assert "№ 1" in response.text

    def test_the_export_is_a_workbook(self, client_for, association):
        MeetingFactory(association=association)
        response = client_for("methodist").get(reverse("meetings:list"), {"export": "xlsx"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


class TestCreate:
    def test_the_head_schedules_a_meeting_with_its_agenda(self, client_for, association, head):
        response = client_for("head").post(
            reverse("meetings:create", args=[association.pk]),
            {"date": "2025-12-10", "starts_at": "15:00", "agenda": "О плане\n\nРазное\n"},
        )
        meeting = Meeting.objects.get()
        assert response.status_code == 302 and response.url == meeting.get_absolute_url()
        assert (meeting.number, meeting.chair) == (1, head.teacher_profile)
        assert list(meeting.agenda.values_list("position", "title")) == [
            (1, "О плане"),
            (2, "Разное"),
        ]

    def test_it_refuses_a_date_before_the_association_existed(self, client_for, association):
        response = client_for("head").post(
            reverse("meetings:create", args=[association.pk]), {"date": "2019-05-01"}
        )
        assert response.status_code == 400
        assert "На эту дату объединение ещё не было создано." in response.text
        assert not Meeting.objects.exists()

    def test_a_correction_of_signed_minutes_asks_for_a_reason(self, client_for, association):
        meeting = _signed(association)
        url = reverse("meetings:edit", args=[meeting.pk])
        response = client_for("head").post(url, {"date": "2025-10-16"})
        assert response.status_code == 400
        assert "Причина исправления" in response.text
        response = client_for("head").post(url, {"date": "2025-10-16", "reason": "опечатка в дате"})
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.date == dt.date(2025, 10, 16)
        page = client_for("head").get(meeting.get_absolute_url())
        assert "опечатка в дате" in page.text

    def test_a_new_date_on_the_form_renumbers_by_date_and_drops_non_members(
        self, client_for, association, meeting
    ):
        december = MeetingFactory(association=association, date=dt.date(2025, 11, 1))
        left = MembershipFactory(association=association, left_on=dt.date(2025, 11, 5))
        services.attendance_record(user=None, meeting=meeting, marks={left.teacher_id: (True, "")})
        response = client_for("head").post(
            reverse("meetings:edit", args=[meeting.pk]), {"date": "2025-11-10"}
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        december.refresh_from_db()
        assert (december.number, meeting.number) == (1, 2)
        assert not meeting.attendance.exists()  # not a member on the new date

    def test_deleting_closes_the_gap(self, client_for, association, meeting):
        second = MeetingFactory(association=association, date=dt.date(2025, 11, 1))
        response = client_for("head").post(reverse("meetings:delete", args=[meeting.pk]))
        assert response.status_code == 302
        second.refresh_from_db()
        assert second.number == 1


def _mark_everyone(meeting: Meeting) -> None:
    members = services.member_ids_on(meeting)
    services.attendance_record(user=None, meeting=meeting, marks=dict.fromkeys(members, (True, "")))


def _signed(association) -> Meeting:
    member = MembershipFactory(association=association)
    meeting = MeetingFactory(
        association=association, date=dt.date(2025, 10, 15), chair=member.teacher
    )
    _mark_everyone(meeting)
    AgendaItemFactory(meeting=meeting)
    services.minutes_sign(user=None, meeting=meeting)
    return meeting


def _post_attendance(client, meeting, data: dict):
    return client.post(reverse("meetings:attendance", args=[meeting.pk]), data)


class TestAttendance:
    def rows(self, meeting) -> dict[int, tuple[bool, str]]:
        return {r.teacher_id: (r.present, r.absence_reason) for r in meeting.attendance.all()}

    def test_one_submit_records_what_the_head_chose_and_nothing_else(
        self, client_for, association, meeting, member_user
    ):
        present, absent = MembershipFactory.create_batch(2, association=association)
        MembershipFactory(association=association, left_on=dt.date(2025, 9, 1))
        response = _post_attendance(
            client_for("head"),
            meeting,
            {
                f"mark-{present.teacher_id}": "present",
                f"mark-{absent.teacher_id}": "absent",
                f"reason-{absent.teacher_id}": "болезнь",
                f"mark-{member_user.teacher_id}": "",
            },
        )
        assert response.status_code == 302
        # The member left «not marked» has no row; the one who had left is not on the sheet.
        assert self.rows(meeting) == {
            present.teacher_id: (True, ""),
            absent.teacher_id: (False, "болезнь"),
        }

    def test_reasons_alone_record_two_absences_and_say_so(
        self, client_for, association, meeting, member_user
    ):
        """The report: a head who only typed reasons for two absentees got «12 of 12 present»
        and lost the reasons. Now they are absent, the others unmarked, and he is told."""
        ill, away = MembershipFactory.create_batch(2, association=association)
        response = client_for("head").post(
            reverse("meetings:attendance", args=[meeting.pk]),
            {f"reason-{ill.teacher_id}": "болезнь", f"reason-{away.teacher_id}": "курсы"},
            follow=True,
        )
        assert self.rows(meeting) == {
            ill.teacher_id: (False, "болезнь"),
            away.teacher_id: (False, "курсы"),
        }
        assert "Присутствовали: 0, отсутствовали: 2, не отмечены: 1." in response.text
        assert "Отметьте присутствие" in response.text  # the sign-off panel names the rest

    def test_the_form_starts_unmarked_and_shows_what_will_be_saved(
        self, client_for, association, meeting
    ):
        MembershipFactory.create_batch(3, association=association)
        response = client_for("head").get(meeting.get_absolute_url())
        form = response.text.split('id="attendance"')[1].split("</form>")[0]
        assert 'type="checkbox"' not in form
        assert form.count('value="" id="mark-') == 4 and form.count(" checked") == 4
        assert 'data-count="present">0<' in form and 'data-count="unmarked">4<' in form
        assert "Будет сохранено:" in form

    def test_a_refused_submit_keeps_what_was_typed(self, client_for, association, meeting):
        member = MembershipFactory(association=association)
        response = _post_attendance(
            client_for("head"),
            meeting,
            {f"mark-{member.teacher_id}": "present", f"reason-{member.teacher_id}": "болезнь"},
        )
        assert response.status_code == 400
        assert "Отмечены присутствующими, но с причиной отсутствия" in response.text
        assert 'value="болезнь"' in response.text
        assert f'value="present" id="mark-{member.teacher_id}-present" checked' in response.text
        assert not meeting.attendance.exists()

    def test_the_page_lists_only_the_members_on_the_date(self, client_for, association, meeting):
        MembershipFactory(association=association, teacher__last_name="Действующая")
        MembershipFactory(
            association=association, teacher__last_name="Ушедшая", left_on=dt.date(2025, 10, 1)
        )
        MembershipFactory(
            association=association, teacher__last_name="Пришедшая", joined_on=dt.date(2025, 11, 1)
        )
        response = client_for("head").get(meeting.get_absolute_url())
        assert "Действующая" in response.text
        assert "Ушедшая" not in response.text and "Пришедшая" not in response.text

    def test_it_refuses_someone_who_was_not_a_member_then(self, client_for, association, meeting):
        joined_later = MembershipFactory(association=association, joined_on=dt.date(2025, 11, 1))
        response = _post_attendance(
            client_for("head"), meeting, {f"mark-{joined_later.teacher_id}": "present"}
        )
        assert response.status_code == 400
        assert "Не были членами объединения на 15.10.2025" in response.text
        assert not meeting.attendance.exists()

    def test_a_meeting_still_to_come_has_no_attendance_form(self, client_for, association, head):
        MembershipFactory(association=association)
        future = services.meeting_schedule(
            user=head, association=association, date=dt.date(2025, 12, 10)
        )
        response = client_for("head").get(future.get_absolute_url())
        assert "Сохранить отметки присутствия" not in response.text
        assert "Присутствие отмечают после того, как заседание состоялось." in response.text


class TestAgenda:
    def test_htmx_adds_a_question_and_returns_the_agenda(self, client_for, meeting):
        response = client_for("head").post(
            reverse("meetings:agenda_add", args=[meeting.pk]),
            {"title": "Об итогах олимпиады", "decision": "Принять к сведению."},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert 'id="agenda"' in response.text and "Об итогах олимпиады" in response.text
        assert "<html" not in response.text
        assert meeting.agenda.count() == 2

    def test_htmx_shows_the_errors_in_the_agenda(self, client_for, meeting):
        response = client_for("head").post(
            reverse("meetings:agenda_add", args=[meeting.pk]),
            {"title": ""},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "Обязательное поле." in response.text
        assert meeting.agenda.count() == 1

    def test_htmx_edits_a_question_in_place(self, client_for, meeting):
        question = meeting.agenda.get()
        client = client_for("head")
        url = reverse("meetings:agenda_edit", args=[question.pk])
        form = client.get(url, headers={"HX-Request": "true"})
        assert f'id="question-{question.pk}"' in form.text and "<form" in form.text
        response = client.post(
            url,
            {"title": question.title, "speakers": "Иванову М.П.", "decision": "Принять план."},
            headers={"HX-Request": "true"},
        )
        assert "Принять план." in response.text and "<form" not in response.text.split("Принять")[0]
        question.refresh_from_db()
        assert question.decision == "Принять план."

    def test_the_last_decision_refreshes_the_sign_off_panel(self, client_for, meeting):
        _mark_everyone(meeting)
        question = meeting.agenda.get()
        response = client_for("head").post(
            reverse("meetings:agenda_edit", args=[question.pk]),
            {"title": question.title, "decision": "Принять к сведению."},
            headers={"HX-Request": "true"},
        )
        panel = response.text.split('id="sign-panel"')[1]
        assert 'hx-swap-oob="true"' in panel and "готов к подписанию" in panel

    def test_htmx_reorders_questions(self, client_for, meeting):
        second = AgendaItemFactory(meeting=meeting, title="Второй вопрос")
        response = client_for("head").post(
            reverse("meetings:agenda_move", args=[second.pk, "up"]), headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        second.refresh_from_db()
        assert second.position == 1

    def test_a_signed_question_is_corrected_only_with_a_reason(self, client_for, association):
        meeting = _signed(association)
        question = meeting.agenda.get()
        url = reverse("meetings:agenda_edit", args=[question.pk])
        data = {"title": question.title, "decision": "Исправленное решение."}
        response = client_for("head").post(url, data, headers={"HX-Request": "true"})
        assert "Обязательное поле." in response.text
        question.refresh_from_db()
        assert question.decision != "Исправленное решение."
        client_for("head").post(url, data | {"reason": "описка"}, headers={"HX-Request": "true"})
        question.refresh_from_db()
        assert question.decision == "Исправленное решение."


class TestSignOff:
    def test_the_head_signs_complete_minutes(self, client_for, association, head):
        MembershipFactory(association=association)
        meeting = services.meeting_schedule(
            user=head, association=association, date=dt.date(2025, 10, 15), agenda=["Вопрос"]
        )
        meeting.agenda.update(decision="Решили.")
        _mark_everyone(meeting)
        response = client_for("head").post(reverse("meetings:sign", args=[meeting.pk]))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.is_signed and meeting.signed_by == head

    def test_it_says_why_it_cannot_sign(self, client_for, association, meeting):
        response = client_for("head").post(reverse("meetings:sign", args=[meeting.pk]), follow=True)
        assert "Вопрос 1 не имеет решения («решили»)." in response.text
        meeting.refresh_from_db()
        assert not meeting.is_signed

    def test_signing_is_not_offered_nor_accepted_for_a_meeting_still_to_come(
        self, client_for, association, head
    ):
        future = services.meeting_schedule(
            user=head, association=association, date=dt.date(2025, 12, 10), agenda=["Вопрос"]
        )
        future.agenda.update(decision="Решили.")
        client = client_for("head")
        page = client.get(future.get_absolute_url())
        assert "Подписать протокол" not in page.text
        url = reverse("meetings:sign", args=[future.pk])
        for response in (client.get(url, follow=True), client.post(url, follow=True)):
            assert "Заседание 10.12.2025 ещё не состоялось" in response.text
        future.refresh_from_db()
        assert not future.is_signed
        refused = client.post(f"/api/v1/meetings/{future.pk}/sign")
        assert refused.status_code == 422
        assert "Заседание ещё не состоялось." in refused.json()["errors"]["__all__"]
        future.refresh_from_db()
        assert not future.is_signed

    def test_the_methodist_may_not_sign_an_association_minutes(self, client_for, meeting):
        assert (
            client_for("methodist").post(reverse("meetings:sign", args=[meeting.pk])).status_code
            == 403
        )


class TestPages:
    def test_the_meeting_page_is_clean_for_the_head(self, client_for, objects, association):
        MembershipFactory.create_batch(2, association=association)
        response = client_for("head").get(objects["meeting"].get_absolute_url())
        assert response.status_code == 200
        assert_clean(response)
        assert "Сохранить отметки присутствия" in response.text

    def test_a_teacher_reads_without_forms(self, client_for, objects):
        response = client_for("teacher").get(objects["meeting"].get_absolute_url())
        assert 'name="mark-' not in response.text and "Добавить вопрос" not in response.text
        assert_clean(response)

    def test_the_other_pages_are_clean(self, client_for, objects):
        client = client_for("head")
        for name, key in [
            ("meetings:association", "association"),
            ("meetings:create", "association"),
            ("meetings:edit", "meeting"),
            ("meetings:agenda_edit", "question"),
        ]:
            assert_clean(client.get(reverse(name, args=[objects[key].pk])))
        assert_clean(client.get(reverse("meetings:list")))
