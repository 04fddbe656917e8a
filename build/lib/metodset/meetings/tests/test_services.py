import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.dates import SchoolYear
from metodset.meetings import selectors, services
from metodset.meetings.models import AgendaItem, Attendance, Meeting
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


def schedule(association, day: dt.date, user=None, **kwargs) -> Meeting:
    return services.meeting_schedule(user=user, association=association, date=day, **kwargs)


def ready_meeting(association, day=dt.date(2025, 10, 15), questions=1) -> Meeting:
    """A held meeting with one present member and decided questions: ready to sign."""
    membership = MembershipFactory(association=association)
    meeting = schedule(association, day)
    if meeting.chair is None:  # no head today: a member chairs
        services.meeting_update(user=None, meeting=meeting, data={"chair": membership.teacher})
    services.attendance_record(
        user=None, meeting=meeting, marks={membership.teacher_id: (True, "")}
    )
    for _ in range(questions):
        AgendaItemFactory(meeting=meeting)
    return meeting


class TestNumbering:
    def test_it_numbers_meetings_within_the_school_year_and_restarts_on_1_september(
        self, association
    ):
        numbers = [
            schedule(association, day).number
            for day in (dt.date(2025, 9, 25), dt.date(2025, 12, 10), dt.date(2026, 8, 31))
        ]
        assert numbers == [1, 2, 3]
        next_year = schedule(association, dt.date(2026, 9, 1))
        assert (next_year.number, next_year.school_year) == (1, 2026)
        assert schedule(association, dt.date(2027, 3, 1)).number == 2

    def test_it_numbers_each_association_on_its_own(self, association, municipality):
        other = AssociationFactory(municipality=municipality)
        schedule(association, dt.date(2025, 9, 25))
        assert schedule(other, dt.date(2025, 9, 26)).number == 1

    def test_it_numbers_by_date_whatever_the_order_of_entry(self, association, head):
        later = schedule(association, dt.date(2026, 3, 1))
        earlier = schedule(association, dt.date(2025, 10, 1), user=head, starts_at=dt.time(15))
        same_day = schedule(association, dt.date(2025, 10, 1), starts_at=dt.time(9, 0))
        earlier.refresh_from_db()
        later.refresh_from_db()
        assert (same_day.number, earlier.number, later.number) == (1, 2, 3)
        # The renumbering is in the history, by whoever caused it, and is no correction.
        record = later.history.first()
        assert (record.number, record.history_user, record.history_change_reason) == (
            3,
            None,
            None,
        )
        assert (later.history.all()[1].number, later.history.all()[1].history_user) == (2, head)

    def test_signed_minutes_keep_their_number(self, association):
        signed = ready_meeting(association, dt.date(2025, 10, 15))
        services.minutes_sign(user=None, meeting=signed)
        december = schedule(association, dt.date(2025, 12, 10))
        # Entered late, dated before the signed minutes: No. 1 is printed on them already.
        september = schedule(association, dt.date(2025, 9, 20))
        signed.refresh_from_db()
        december.refresh_from_db()
        assert (signed.number, september.number, december.number) == (1, 2, 3)

    def test_a_new_date_renumbers_the_unsigned_meetings(self, association):
        october = schedule(association, dt.date(2025, 10, 1))
        november = schedule(association, dt.date(2025, 11, 1))
        services.meeting_update(user=None, meeting=october, data={"date": dt.date(2025, 12, 1)})
        november.refresh_from_db()
        assert (november.number, october.number) == (1, 2)
        october.refresh_from_db()
        assert october.number == 2

    def test_a_signed_meeting_moved_by_a_correction_keeps_its_number(self, association):
        signed = ready_meeting(association, dt.date(2025, 10, 15))
        services.minutes_sign(user=None, meeting=signed)
        draft = schedule(association, dt.date(2025, 11, 1))
        services.meeting_update(
            user=None, meeting=signed, data={"date": dt.date(2025, 11, 5)}, reason="опечатка"
        )
        signed.refresh_from_db()
        draft.refresh_from_db()
        assert (signed.number, draft.number) == (1, 2)

    def test_it_closes_the_gap_when_an_unsigned_meeting_is_deleted(self, association):
        first, second, third = (
            schedule(association, dt.date(2025, 9, 25)),
            schedule(association, dt.date(2025, 10, 25)),
            schedule(association, dt.date(2025, 11, 10)),
        )
        services.meeting_delete(user=None, meeting=second)
        third.refresh_from_db()
        assert [first.number, third.number] == [1, 2]
        assert schedule(association, dt.date(2026, 1, 20)).number == 3

    def test_it_refuses_a_deletion_that_would_renumber_signed_minutes(self, association):
        draft = schedule(association, dt.date(2025, 9, 25))
        signed = ready_meeting(association, dt.date(2025, 10, 15))
        services.minutes_sign(user=None, meeting=signed)
        with pytest.raises(ValidationError, match="уже подписан протокол № 2"):
            services.meeting_delete(user=None, meeting=draft)
        assert Meeting.objects.filter(pk=draft.pk).exists()

    def test_it_refuses_to_delete_signed_minutes(self, association):
        meeting = ready_meeting(association)
        services.minutes_sign(user=None, meeting=meeting)
        with pytest.raises(ValidationError, match="Подписанный протокол нельзя удалить"):
            services.meeting_delete(user=None, meeting=meeting)

    def test_it_refuses_a_date_that_leaves_the_school_year_of_its_number(self, association):
        meeting = schedule(association, dt.date(2026, 5, 20))
        with pytest.raises(ValidationError) as error:
            services.meeting_update(user=None, meeting=meeting, data={"date": dt.date(2026, 9, 2)})
        assert "2025/2026" in str(error.value.message_dict["date"])
        meeting.refresh_from_db()
        assert meeting.date == dt.date(2026, 5, 20)

    def test_it_refuses_a_date_before_the_association_existed(self, municipality):
        association = AssociationFactory(municipality=municipality, founded_on=dt.date(2025, 10, 1))
        with pytest.raises(ValidationError, match="ещё не было создано"):
            schedule(association, dt.date(2025, 9, 20))


class TestChair:
    def test_it_puts_the_head_of_the_day_in_the_chair(self, association):
        old = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2021, 9, 1), ends_on=dt.date(2024, 8, 31)
        )
        new = HeadAppointmentFactory(association=association)
        assert schedule(association, dt.date(2024, 5, 15)).chair == old.teacher
        assert schedule(association, dt.date(2025, 10, 1)).chair == new.teacher

    def test_it_refuses_the_same_person_as_chair_and_secretary(self, association):
        teacher = TeacherFactory(organisation__municipality=association.municipality)
        with pytest.raises(ValidationError, match="разные люди"):
            schedule(association, dt.date(2025, 10, 1), chair=teacher, secretary=teacher)

    def test_it_refuses_a_secretary_of_another_municipality(self, association, other_municipality):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError, match="другом муниципалитете"):
            schedule(association, dt.date(2025, 10, 1), secretary=stranger)


class TestAttendance:
    @pytest.fixture
    def meeting(self, association):
        return schedule(association, dt.date(2025, 10, 15))

    def test_it_lists_the_members_on_the_date_only(self, association, meeting):
        member = MembershipFactory(association=association, teacher__last_name="Член")
        MembershipFactory(
            association=association, teacher__last_name="Ушедшая", left_on=dt.date(2025, 10, 1)
        )
        MembershipFactory(
            association=association, teacher__last_name="Новая", joined_on=dt.date(2025, 11, 1)
        )
        # Leaving is exclusive: whoever leaves on the day of the meeting is not a member on it.
        MembershipFactory(
            association=association, teacher__last_name="Вдень", left_on=dt.date(2025, 10, 15)
        )
        sheet = selectors.attendance_sheet(meeting)
        assert [line.teacher for line in sheet] == [member.teacher]

    def test_it_refuses_to_mark_someone_who_had_left_or_not_yet_joined(self, association, meeting):
        left = MembershipFactory(association=association, left_on=dt.date(2025, 10, 1))
        joined = MembershipFactory(association=association, joined_on=dt.date(2025, 11, 1))
        for membership in (left, joined):
            with pytest.raises(ValidationError, match=r"членами объединения на 15\.10\.2025"):
                services.attendance_record(
                    user=None, meeting=meeting, marks={membership.teacher_id: (True, "")}
                )
        assert not Attendance.objects.exists()

    def rows(self, meeting) -> dict[int, tuple[bool, str]]:
        return {r.teacher_id: (r.present, r.absence_reason) for r in meeting.attendance.all()}

    def test_it_records_present_and_absent_with_a_reason(self, association, meeting, head):
        present, absent = MembershipFactory.create_batch(2, association=association)
        services.attendance_record(
            user=head,
            meeting=meeting,
            marks={present.teacher_id: (True, ""), absent.teacher_id: (False, "курсы")},
        )
        assert self.rows(meeting) == {
            present.teacher_id: (True, ""),
            absent.teacher_id: (False, "курсы"),
        }
        assert meeting.attendance.get(present=False).history.first().history_user == head

    def test_it_records_nothing_for_a_member_not_marked(self, association, meeting):
        marked, unmarked = MembershipFactory.create_batch(2, association=association)
        services.attendance_record(
            user=None,
            meeting=meeting,
            marks={marked.teacher_id: (True, ""), unmarked.teacher_id: (None, "")},
        )
        assert self.rows(meeting) == {marked.teacher_id: (True, "")}
        count = selectors.attendance_count(selectors.attendance_sheet(meeting))
        assert (count.present, count.absent, count.unmarked) == (1, 0, 1)

    def test_a_reason_alone_marks_the_member_absent(self, association, meeting):
        # The head typed reasons for two absentees and ticked nobody.
        ill, away, unmarked = MembershipFactory.create_batch(3, association=association)
        services.attendance_record(
            user=None,
            meeting=meeting,
            marks={
                ill.teacher_id: (None, "болезнь"),
                away.teacher_id: (None, " курсы "),
                unmarked.teacher_id: (None, ""),
            },
        )
        assert self.rows(meeting) == {
            ill.teacher_id: (False, "болезнь"),
            away.teacher_id: (False, "курсы"),
        }

    def test_it_refuses_present_with_a_reason_and_records_nothing(self, association, meeting):
        member = MembershipFactory(association=association)
        with pytest.raises(ValidationError, match="Отмечены присутствующими, но с причиной"):
            services.attendance_record(
                user=None, meeting=meeting, marks={member.teacher_id: (True, "болезнь")}
            )
        assert not Attendance.objects.exists()

    def test_a_mark_can_be_taken_back_before_sign_off(self, association, meeting):
        member = MembershipFactory(association=association)
        services.attendance_record(
            user=None, meeting=meeting, marks={member.teacher_id: (False, "болезнь")}
        )
        services.attendance_record(
            user=None, meeting=meeting, marks={member.teacher_id: (None, "")}
        )
        assert not meeting.attendance.exists()

    def test_it_refuses_attendance_for_a_meeting_still_to_come(self, association):
        member = MembershipFactory(association=association)
        future = schedule(association, dt.date(2025, 12, 10))
        with pytest.raises(ValidationError, match="Заседание ещё не состоялось"):
            services.attendance_record(
                user=None, meeting=future, marks={member.teacher_id: (True, "")}
            )
        assert not Attendance.objects.exists()

    def test_it_drops_the_rows_of_non_members_when_the_date_moves(self, association, meeting):
        stays = MembershipFactory(association=association)
        leaves = MembershipFactory(association=association, left_on=dt.date(2025, 11, 1))
        services.attendance_record(
            user=None,
            meeting=meeting,
            marks={stays.teacher_id: (True, ""), leaves.teacher_id: (True, "")},
        )
        services.meeting_update(user=None, meeting=meeting, data={"date": dt.date(2025, 11, 5)})
        assert list(meeting.attendance.values_list("teacher_id", flat=True)) == [stays.teacher_id]


class TestSignOff:
    def test_it_signs_ready_minutes(self, association, head):
        meeting = ready_meeting(association)
        services.minutes_sign(user=head, meeting=meeting)
        meeting.refresh_from_db()
        assert meeting.is_signed and meeting.signed_by == head

    def test_it_refuses_when_a_question_has_no_decision(self, association):
        meeting = ready_meeting(association, questions=2)
        AgendaItemFactory(meeting=meeting, decision="")
        with pytest.raises(ValidationError) as error:
            services.minutes_sign(user=None, meeting=meeting)
        assert error.value.messages == ["Вопрос 3 не имеет решения («решили»)."]
        meeting.refresh_from_db()
        assert not meeting.is_signed

    def test_it_refuses_without_attendance(self, association):
        meeting = schedule(association, dt.date(2025, 10, 15))
        MembershipFactory(association=association)
        AgendaItemFactory(meeting=meeting)
        with pytest.raises(ValidationError, match="Посещаемость не отмечена"):
            services.minutes_sign(user=None, meeting=meeting)

    def test_it_refuses_when_a_member_is_not_marked(self, association):
        meeting = ready_meeting(association)
        MembershipFactory(association=association, teacher__last_name="Забытая")
        with pytest.raises(ValidationError, match="Отметьте присутствие: Забытая"):
            services.minutes_sign(user=None, meeting=meeting)

    def test_it_refuses_an_empty_agenda_and_a_meeting_still_to_come(self, association):
        meeting = schedule(association, dt.date(2025, 12, 10))
        with pytest.raises(ValidationError) as error:
            services.minutes_sign(user=None, meeting=meeting)
        assert "Заседание ещё не состоялось." in error.value.messages
        assert "В повестке нет вопросов." in error.value.messages

    def test_it_refuses_to_sign_twice(self, association):
        meeting = ready_meeting(association)
        services.minutes_sign(user=None, meeting=meeting)
        with pytest.raises(ValidationError, match="уже подписан"):
            services.minutes_sign(user=None, meeting=meeting)


class TestCorrections:
    @pytest.fixture
    def signed(self, association):
        meeting = ready_meeting(association)
        services.minutes_sign(user=None, meeting=meeting)
        return meeting

    def test_it_needs_a_reason_to_correct_signed_minutes(self, signed, head):
        question = signed.agenda.get()
        with pytest.raises(ValidationError, match="укажите причину"):
            services.agenda_item_update(
                user=head, item=question, data={"decision": "Рекомендовать опыт."}
            )
        question.refresh_from_db()
        assert question.decision == "Принять информацию к сведению."

    def test_it_keeps_the_reason_in_the_history(self, signed, head):
        question = signed.agenda.get()
        services.agenda_item_update(
            user=head,
            item=question,
            data={"decision": "Рекомендовать опыт к распространению."},
            reason="опечатка в решении",
        )
        record = question.history.first()
        assert record.history_change_reason == "опечатка в решении"
        assert record.history_user == head
        corrections = selectors.minutes_corrections(signed)
        assert [c.reason for c in corrections] == ["опечатка в решении"]

    def test_it_corrects_attendance_and_guests_with_a_reason(self, signed):
        teacher_id = signed.attendance.get().teacher_id
        with pytest.raises(ValidationError):
            services.attendance_record(
                user=None, meeting=signed, marks={teacher_id: (False, "болезнь")}
            )
        services.attendance_record(
            user=None,
            meeting=signed,
            marks={teacher_id: (False, "болезнь")},
            reason="ошибочно отмечена",
        )
        services.guest_add(user=None, meeting=signed, name="Орлова Н.В.", reason="забыли гостя")
        assert {c.reason for c in selectors.minutes_corrections(signed)} == {
            "ошибочно отмечена",
            "забыли гостя",
        }

    def test_it_refuses_to_add_remove_or_reorder_questions_of_signed_minutes(self, signed):
        with pytest.raises(ValidationError, match="нельзя добавить"):
            services.agenda_item_add(user=None, meeting=signed, title="Разное")
        question = signed.agenda.get()
        with pytest.raises(ValidationError):
            services.agenda_item_delete(user=None, item=question)
        with pytest.raises(ValidationError):
            services.agenda_item_move(user=None, item=question, up=True)

    def test_it_changes_a_draft_without_a_reason_or_a_correction_entry(self, association):
        meeting = schedule(association, dt.date(2025, 10, 15))
        question = AgendaItemFactory(meeting=meeting)
        services.agenda_item_update(user=None, item=question, data={"decision": "Одобрить."})
        assert question.history.first().history_change_reason is None
        assert selectors.minutes_corrections(meeting) == []


class TestAgenda:
    def test_it_adds_moves_and_removes_questions_keeping_their_order(self, association):
        meeting = schedule(
            association, dt.date(2025, 10, 15), agenda=["Первый", "Второй", "Третий"]
        )
        first, _second, third = meeting.agenda.order_by("position")
        services.agenda_item_move(user=None, item=third, up=True)
        assert list(meeting.agenda.order_by("position").values_list("title", flat=True)) == [
            "Первый",
            "Третий",
            "Второй",
        ]
        services.agenda_item_delete(user=None, item=first)
        assert list(meeting.agenda.order_by("position").values_list("position", "title")) == [
            (1, "Третий"),
            (2, "Второй"),
        ]

    def test_it_leaves_the_first_question_first_when_moved_up(self, association):
        meeting = schedule(association, dt.date(2025, 10, 15), agenda=["А", "Б"])
        first = meeting.agenda.get(position=1)
        services.agenda_item_move(user=None, item=first, up=True)
        first.refresh_from_db()
        assert first.position == 1


def docx_bytes(inner: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(inner, "<w:document/>")
    return buffer.getvalue()


class TestAttachments:
    @pytest.fixture
    def meeting(self, association):
        return schedule(association, dt.date(2025, 10, 15))

    def test_it_keeps_a_real_file_under_a_random_name_outside_media(
        self, meeting, settings, private_files
    ):
        file = SimpleUploadedFile("Протокол.pdf", b"%PDF-1.7\n...", "application/pdf")
        attachment = services.attachment_add(
            user=None, meeting=meeting, title="Презентация", file=file
        )
        assert attachment.filename == "Протокол.pdf"
        assert (
            attachment.file.name.startswith("meetings/") and "Протокол" not in attachment.file.name
        )
        assert (private_files / attachment.file.name).exists()
        assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*"))

    def test_it_accepts_a_real_docx(self, meeting):
        file = SimpleUploadedFile("план.docx", docx_bytes())
        assert services.attachment_add(user=None, meeting=meeting, title="План", file=file).pk

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("virus.pdf", b"MZ\x90\x00 not a pdf"),
            ("fake.docx", docx_bytes("evil.exe")),
            ("fake.png", b"GIF89a"),
        ],
    )
    def test_it_refuses_a_file_whose_contents_are_not_its_type(self, meeting, name, content):
        with pytest.raises(ValidationError, match="не является настоящим файлом"):
            services.attachment_add(
                user=None, meeting=meeting, title="Файл", file=SimpleUploadedFile(name, content)
            )
        assert not meeting.attachments.exists()

    def test_it_refuses_an_unknown_type_and_a_large_file(self, meeting):
        with pytest.raises(ValidationError):
            services.attachment_add(
                user=None,
                meeting=meeting,
                title="Скрипт",
                file=SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
            )
        big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "application/pdf")
        with pytest.raises(ValidationError, match="20 МБ"):
            services.attachment_add(user=None, meeting=meeting, title="Большой", file=big)


class TestDocumentData:
    def test_it_gathers_the_minutes_in_four_queries_whatever_their_size(
        self, association, django_assert_num_queries
    ):
        def build(members: int, questions: int) -> Meeting:
            meeting = MeetingFactory(association=association, date=dt.date(2025, 10, 15))
            marks = {}
            for i, membership in enumerate(
                MembershipFactory.create_batch(members, association=association)
            ):
                marks[membership.teacher_id] = (i % 5 != 0, "" if i % 5 else "болезнь")
            services.attendance_record(user=None, meeting=meeting, marks=marks)
            AgendaItemFactory.create_batch(questions, meeting=meeting)
            return meeting

        small, large = build(3, 2), build(30, 10)
        # meeting (+ association, municipality, region, place, chair, secretary, signer),
        # attendance with teachers and organisations, guests, agenda
        with django_assert_num_queries(4):
            data = selectors.minutes_document_data(small)
        assert len(data.agenda) == 2
        with django_assert_num_queries(4):
            data = selectors.minutes_document_data(large)
        assert data.member_count == 30  # the attendance lists whom it marks
        assert len(data.agenda) == 10
        # The municipality has not chosen to print reasons: «по уважительной причине».
        assert data.absent and all(a.reason == "по уважительной причине" for a in data.absent)
        assert data.present[0].short_name.count(".") == 2

    def test_it_names_the_place_chair_and_guests(self, association, head):
        meeting = schedule(association, dt.date(2025, 10, 15), place_note="каб. 12")
        services.guest_add(user=None, meeting=meeting, name="Орлова Н.В.", position="методист")
        data = selectors.minutes_document_data(meeting)
        assert data.chair.full_name == head.teacher_profile.full_name
        assert data.place_note == "каб. 12"
        assert data.guests[0].name == "Орлова Н.В."
        assert data.school_year == "2025/2026" and data.number == 1


class TestFacts:
    def test_it_counts_held_signed_and_undecided_per_association(self, association, municipality):
        signed = ready_meeting(association, dt.date(2025, 10, 1))
        services.minutes_sign(user=None, meeting=signed)
        unsigned = schedule(association, dt.date(2025, 11, 1))
        AgendaItemFactory(meeting=unsigned, decision="")
        schedule(association, dt.date(2026, 2, 1))  # still to come
        quiet = AssociationFactory(municipality=municipality)
        facts = selectors.meeting_facts(
            [association.pk, quiet.pk], SchoolYear(2025), on=dt.date(2025, 11, 20)
        )
        assert facts[association.pk] == {
            "held": 2,
            "signed": 1,
            "without_minutes": 1,
            "questions_without_decision": 1,
        }
        assert facts[quiet.pk]["held"] == 0


def test_questions_are_history_tracked(association):
    meeting = schedule(association, dt.date(2025, 10, 15), agenda=["Вопрос"])
    assert AgendaItem.history.filter(meeting_id=meeting.pk).count() == 1
