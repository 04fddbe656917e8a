"""Anonymising a person leaves no trace of him in any table, history included, and keeps
every count his records make."""

import datetime as dt
import io

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.acts.tests.factories import OrderFactory
from metodset.api.models import ApiToken
from metodset.associations.models import Membership
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.declension import Case, decline
from metodset.core.models import Notification
from metodset.events.models import Participation
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import Attestation, PDCourse, Publication
from metodset.imports.models import ImportJob
from metodset.meetings.models import Attendance
from metodset.meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people import services as people_services
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory
from metodset.privacy import services
from metodset.privacy.models import AccessKind, AccessLogEntry

LAST, FIRST, PATRONYMIC = "Виноградова-Лесницкая", "Евфросиния", "Аристарховна"
BIRTH = dt.date(1987, 3, 14)
EMAIL = "e.vinogradova-lesn@school-77.ru"
PHONE = "+7 913 555-12-34"
# Everything that must be gone: the name (also declined and with initials), the contacts and
# the date of birth in both the stored and the printed form.
TRACES = [LAST, FIRST, PATRONYMIC, EMAIL, PHONE, "1987-03-14", "14.03.1987"]


@pytest.fixture
def person(municipality, association, methodist, settings, tmp_path):
    """A demo-like teacher: an account, a card edited twice, memberships, events, meetings,
    growth records with a certificate, and his name typed into other records."""
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(
        role=Role.TEACHER,
        municipality=municipality,
        email=EMAIL,
        last_name=LAST,
        first_name=FIRST,
        patronymic=PATRONYMIC,
    )
    organisation = OrganisationFactory(municipality=municipality)
    teacher = people_services.teacher_create(
        user=methodist,
        municipality=municipality,
        organisation=organisation,
        last_name=LAST,
        first_name=FIRST,
        patronymic=PATRONYMIC,
        gender="f",
        birth_date=BIRTH,
        email=EMAIL,
        phone="+7 913 000-00-00",
        position="учитель математики",
        education_level="higher_pedagogical",
        education_institution="Алтайский государственный педагогический университет",
        graduation_year=2009,
        specialty="Математика и информатика",
        teaching_since=dt.date(2009, 9, 1),
        working_since=dt.date(2009, 9, 1),
        awards="Почётная грамота Министерства просвещения",
    )
    teacher.user = user
    teacher.save(update_fields=["user"])
    people_services.teacher_update(user=methodist, teacher=teacher, data={"phone": PHONE})
    MembershipFactory(association=association, teacher=teacher)
    event = EventFactory(municipality=municipality, association=association)
    ParticipationFactory(event=event, teacher=teacher, attended=True)
    meeting = MeetingFactory(association=association)
    AttendanceFactory(meeting=meeting, teacher=teacher)
    AgendaItemFactory(meeting=meeting, speakers=f"{LAST} Е.А., учитель математики")
    OrderFactory(
        municipality=municipality,
        title=f"О поощрении {decline(teacher, Case.GENITIVE)}",
        text=f"Наградить {decline(teacher, Case.ACCUSATIVE)} грамотой.\nИсполнитель: Е.А. {LAST}",
    )
    course = PDCourse(
        teacher=teacher,
        program="Функциональная грамотность",
        provider="АКИПКРО",
        hours=36,
        starts_on=dt.date(2024, 10, 1),
        ends_on=dt.date(2024, 10, 20),
        certificate_number="222400012345",
        certificate=SimpleUploadedFile(f"{LAST}.pdf", b"%PDF-1.4 certificate"),
    )
    course.save()
    Attestation.objects.create(
        teacher=teacher,
        category="first",
        assigned_on=dt.date(2022, 3, 1),
        expires_on=dt.date(2027, 3, 1),
    )
    Publication.objects.create(
        teacher=teacher,
        title="Опыт учителя школы № 77 по формированию грамотности",
        venue="Сайт РМК",
        url="https://rmk.example.ru/vinogradova",
        published_on=dt.date(2024, 5, 1),
    )
    Notification.objects.create(
        user=methodist,
        key="head-term",
        text=f"Учитель {LAST} Евфросиния Аристарховна: срок аттестации истекает",
    )
    ImportJob.objects.create(
        municipality=municipality,
        user=methodist,
        kind="teachers",
        original_name="teachers.xlsx",
        outcomes=[[2, "created", f"{LAST} {FIRST} {PATRONYMIC}, 14.03.1987", []]],
    )
    LogEntry.objects.create(
        user=methodist,
        content_type=ContentType.objects.get_for_model(Teacher),
        object_id=str(teacher.pk),
        object_repr=str(teacher),
        action_flag=CHANGE,
        change_message="[]",
    )
    ApiToken.objects.create(user=user, name="мой токен", prefix="abcd", key_hash="0" * 64)
    return teacher


def _dump() -> str:
    """The whole database, every app and every history table, twice: through dumpdata
    (JSON values decoded) and as raw rows of every table."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # The table names come from the schema itself, never from input.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.append(repr(cursor.fetchall()))
    return out.getvalue() + "\n".join(rows)


def _counts(teacher: Teacher) -> dict:
    return {
        "memberships": Membership.objects.filter(teacher=teacher).count(),
        "participations": Participation.objects.filter(teacher=teacher).count(),
        "attendance": Attendance.objects.filter(teacher=teacher).count(),
        "courses": PDCourse.objects.filter(teacher=teacher).count(),
        "attestations": Attestation.objects.filter(teacher=teacher).count(),
        "publications": Publication.objects.filter(teacher=teacher).count(),
    }


@pytest.mark.django_db
class TestAnonymise:
    def test_it_leaves_no_trace_in_the_whole_database(self, client_as, methodist, person):
        before = _dump()
        assert all(trace in before for trace in TRACES)  # the dump does see them
        assert decline(person, Case.GENITIVE).split()[0] in before
        counts = _counts(person)
        certificate = PDCourse.objects.get(teacher=person).certificate
        assert certificate.storage.exists(certificate.name)

        response = client_as(methodist).post(
            reverse("privacy:anonymise", args=[person.pk]), {"last_name": LAST.upper()}
        )

        assert response.status_code == 302
        after = _dump()
        left = [trace for trace in TRACES if trace in after]
        assert left == []
        assert decline(SimpleName(), Case.GENITIVE) not in after
        assert _counts(person) == counts
        assert not certificate.storage.exists(certificate.name)

    def test_it_keeps_the_card_usable_and_records_who_did_it(self, client_as, methodist, person):
        services.teacher_anonymise(user=methodist, teacher=person, address="10.0.0.5")
        person.refresh_from_db()
        assert person.full_name == f"Педагог № {person.pk}"
        assert person.short_name == person.full_name
        assert person.birth_date == dt.date(1987, 1, 1)  # the year stays for the aggregates
        assert (person.email, person.phone, person.awards) == ("", "", "")
        assert (person.position, person.gender) == ("учитель математики", "f")
        assert person.anonymised_at is not None
        assert person.history.first().history_user == methodist
        entry = AccessLogEntry.objects.get(kind=AccessKind.ANONYMISED)
        assert (entry.user, entry.teacher_id, entry.address) == (methodist, person.pk, "10.0.0.5")
        account = person.user
        account.refresh_from_db()
        assert not account.is_active and not account.has_usable_password()
        assert account.email == f"anonymised-{account.pk}@anonymised.invalid"
        assert not ApiToken.objects.active().filter(user=account).exists()
        page = client_as(methodist).get(reverse("people:detail", args=[person.pk]))
        assert page.status_code == 200 and "обезличен" in page.text
        assert reverse("privacy:anonymise", args=[person.pk]) not in page.text

    def test_it_refuses_a_second_time(self, client_as, methodist, person):
        services.teacher_anonymise(user=methodist, teacher=person)
        page = client_as(methodist).get(reverse("privacy:anonymise", args=[person.pk]))
        assert page.status_code == 302
        with pytest.raises(Exception, match="уже обезличен"):
            services.teacher_anonymise(user=methodist, teacher=person)

    def test_it_asks_for_the_last_name_first(self, client_as, methodist, person):
        client = client_as(methodist)
        url = reverse("privacy:anonymise", args=[person.pk])
        page = client.get(url)
        assert page.status_code == 200 and LAST in page.text
        response = client.post(url, {"last_name": "Иванова"})
        assert response.status_code == 400
        person.refresh_from_db()
        assert person.last_name == LAST and person.anonymised_at is None

    def test_a_namesake_keeps_his_name(self, municipality, other_municipality, methodist, person):
        """Another municipality's records are not searched for names, and a namesake of the
        same municipality keeps the forms of the name that cannot tell them apart."""
        far = TeacherFactory(
            organisation__municipality=other_municipality,
            last_name=LAST,
            first_name=FIRST,
            patronymic=PATRONYMIC,
        )
        far_order = OrderFactory(
            municipality=other_municipality, text=f"{LAST} {FIRST} {PATRONYMIC}"
        )
        near = TeacherFactory(
            organisation__municipality=municipality,
            last_name=LAST,
            first_name="Елена",
            patronymic="Андреевна",
        )
        near_order = OrderFactory(municipality=municipality, text=f"Ответственный: {LAST} Е.А.")
        services.teacher_anonymise(user=methodist, teacher=person)
        far.refresh_from_db()
        near.refresh_from_db()
        far_order.refresh_from_db()
        near_order.refresh_from_db()
        assert far.full_name == f"{LAST} {FIRST} {PATRONYMIC}"
        assert far_order.text == f"{LAST} {FIRST} {PATRONYMIC}"
        assert near.last_name == LAST
        assert near_order.text == f"Ответственный: {LAST} Е.А."


class SimpleName:
    """The genitive of the anonymised surname, to check the declined form is gone too."""

    last_name, first_name, patronymic, gender = LAST, "", "", "f"


@pytest.mark.django_db
class TestDelete:
    def test_a_deleted_card_leaves_its_history_without_the_person(self, methodist, municipality):
        teacher = TeacherFactory(
            organisation__municipality=municipality,
            last_name=LAST,
            first_name=FIRST,
            patronymic=PATRONYMIC,
            birth_date=BIRTH,
            email=EMAIL,
            phone=PHONE,
        )
        pk = teacher.pk
        people_services.teacher_update(user=methodist, teacher=teacher, data={"phone": "112"})
        people_services.teacher_delete(user=methodist, teacher=teacher)
        rows = list(Teacher.history.filter(id=pk).order_by("-history_id").values())
        assert len(rows) == 3 and rows[0]["history_type"] == "-"
        assert not any(trace in repr(rows) for trace in TRACES)
        assert rows[0]["history_user_id"] == methodist.pk
