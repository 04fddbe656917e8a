"""The passport with results and the competition results page (issue 14, item 3): numbers
checked against hand counts, nobody named, downloads, constant queries."""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse

from metodset.associations.tests.factories import MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.events.models import (
    CompetitionEntry,
    EventForm,
    EventStatus,
    Nomination,
    Outcome,
    StudentResult,
)
from metodset.events.tests.factories import EventFactory
from metodset.growth.models import Publication
from metodset.library.models import PracticeLevel, PracticeStatus
from metodset.library.tests.factories import practice
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.portal import results
from metodset.portal.tests.factories import PassportFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)  # school year 2025/26
YEAR = SchoolYear(2025)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


def _event(association, day, **fields):
    values = {"association": association, "municipality": association.municipality}
    values |= {"starts_at": _at(day), "ends_at": _at(day) + dt.timedelta(hours=3)}
    return EventFactory(**(values | fields))


@pytest.fixture
def world(association, municipality, methodist):
    """This year: 3 events held (1 cancelled and 1 still to come besides), 2 members in a
    competition (a winner and a participant), an olympiad with 40 students (3 winners, 5
    prize-winners), 1 publication, 1 published practice; last year: 1 event, 1 entry."""
    with time_machine.travel(dt.datetime(2024, 9, 1, tzinfo=dt.UTC)):
        members = MembershipFactory.create_batch(
            3, association=association, joined_on=dt.date(2024, 9, 1)
        )
    _event(association, dt.date(2025, 10, 1), title="Семинар «Функциональная грамотность»")
    _event(association, dt.date(2025, 11, 5), title="Мастер-класс")
    olympiad = _event(
        association, dt.date(2025, 12, 1), title="Олимпиада по математике", form="olympiad"
    )
    _event(association, dt.date(2025, 12, 20), status=EventStatus.CANCELLED)
    _event(association, dt.date(2026, 4, 20), title="Будущий семинар")
    last_year = _event(
        association, dt.date(2024, 10, 1), title="Прошлогодний конкурс", form="competition"
    )
    contest = EventFactory(
        municipality=municipality,
        association=None,
        starts_at=_at(dt.date(2026, 1, 20)),
        ends_at=_at(dt.date(2026, 1, 21)),
        title="Педагог года — 2026",
        form=EventForm.COMPETITION,
    )
    nomination = Nomination.objects.create(event=contest, name="Учитель года")
    CompetitionEntry.objects.create(
        nomination=nomination, teacher=members[0].teacher, outcome=Outcome.WINNER
    )
    CompetitionEntry.objects.create(
        nomination=nomination, teacher=members[1].teacher, outcome=Outcome.PARTICIPANT
    )
    old = Nomination.objects.create(event=last_year, name="Молодой педагог")
    CompetitionEntry.objects.create(
        nomination=old, teacher=members[2].teacher, outcome=Outcome.PRIZE_WINNER
    )
    school = OrganisationFactory(municipality=municipality)
    StudentResult.objects.create(
        event=olympiad,
        organisation=school,
        grade=9,
        participants=40,
        winners=3,
        prize_winners=5,
        winner_names="Петров Пётр",
    )
    Publication.objects.create(
        teacher=members[0].teacher,
        title="Статья о наставничестве",
        venue="Журнал",
        published_on=dt.date(2025, 12, 1),
    )
    unit = practice(
        methodist,
        municipality,
        authors=[members[0].teacher],
        association=association,
        title="Смысловое чтение",
    )
    type(unit).objects.filter(pk=unit.pk).update(
        status=PracticeStatus.PUBLISHED,
        accepted_on=dt.date(2026, 2, 1),
        acceptance_level=PracticeLevel.MUNICIPAL,
    )
    PassportFactory(association=association)
    return {"members": members, "contest": contest, "olympiad": olympiad}


class TestPassportResults:
    @time_machine.travel(NOW, tick=False)
    def test_numbers_match_hand_counts(self, world, association):
        found = results.passport_results(association, YEAR)
        numbers = [(line.value, line.previous) for line in found.numbers]
        # events, practices, publications, entries, awarded, students, students awarded
        assert numbers == [(3, 1), (1, 0), (1, 0), (2, 1), (1, 1), (40, 0), (8, 0)]
        # Held: not cancelled, not to come, newest first.
        assert [e.title for e in found.events] == [
            "Олимпиада по математике",
            "Мастер-класс",
            "Семинар «Функциональная грамотность»",
        ]
        assert [p.title for p in found.practices] == ["Смысловое чтение"]

    @time_machine.travel(NOW, tick=False)
    def test_the_page_shows_results_and_names_nobody(self, world, association, client):
        members = world["members"]
        url = reverse("portal:passport", args=[association.municipality.slug, association.pk])
        html = client.get(url).text
        assert "Итоги 2025/2026 учебного года" in html
        assert "Смысловое чтение" in html
        assert "Олимпиада по математике" in html
        for member in members:
            assert member.teacher.last_name not in html
        assert "Петров" not in html

    @time_machine.travel(NOW, tick=False)
    def test_it_downloads_as_docx(self, world, association, client):
        slug = association.municipality.slug
        response = client.get(
            reverse("portal:passport_document", args=[slug, association.pk, "docx"])
        )
        assert response.status_code == 200
        with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
            text = docx.read("word/document.xml").decode()
        assert "ПАСПОРТ" in text
        assert "Смысловое чтение" in text
        assert "Петров" not in text
        assert (
            client.get(
                reverse("portal:passport_document", args=[slug, association.pk, "odt"])
            ).status_code
            == 404
        )


class TestCompetitionResults:
    @time_machine.travel(NOW, tick=False)
    def test_ended_competitions_with_results_counted(self, world, municipality, client):
        html = client.get(reverse("portal:results", args=[municipality.slug])).text
        assert "Педагог года — 2026" in html
        assert "Учитель года" in html
        assert "Олимпиада по математике" in html
        assert "Прошлогодний конкурс" in html
        assert "Мастер-класс" not in html  # not a competition
        for member in world["members"]:
            assert member.teacher.last_name not in html
        assert "Петров" not in html
        found = {e.title: e for e in results.competition_results(municipality, [YEAR])}
        contest = found["Педагог года — 2026"]
        assert [(n.entry_count, n.winner_count, n.prize_count) for n in contest.results] == [
            (2, 1, 0)
        ]
        olympiad = found["Олимпиада по математике"]
        assert (olympiad.student_participants, olympiad.student_winners) == (40, 3)
        assert olympiad.student_prize_winners == 5

    @time_machine.travel(NOW, tick=False)
    def test_queries_do_not_grow_with_the_competitions(
        self, world, municipality, client, django_assert_max_num_queries
    ):
        url = reverse("portal:results", args=[municipality.slug])
        with django_assert_max_num_queries(12) as before:
            client.get(url)
        for n in range(5):
            contest = _event(
                world["olympiad"].association, dt.date(2025, 11, 1 + n), form="competition"
            )
            nomination = Nomination.objects.create(event=contest, name=f"Номинация {n}")
            CompetitionEntry.objects.create(
                nomination=nomination, teacher=world["members"][0].teacher, outcome="winner"
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as after:
            client.get(url)
        assert len(after) == len(before)
