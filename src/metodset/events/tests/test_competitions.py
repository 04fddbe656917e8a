import pytest
from django.urls import reverse

from metodset.associations.tests.factories import MembershipFactory
from metodset.events.models import CompetitionEntry, EventForm, StudentResult
from metodset.events.selectors import member_results
from metodset.events.tests.factories import EventFactory
from metodset.orgs.tests.factories import OrganisationFactory


@pytest.fixture
def contest(municipality):
    return EventFactory(
        municipality=municipality, form=EventForm.COMPETITION, title="«Сердце отдаю детям»"
    )


@pytest.mark.django_db
class TestCompetition:
    def test_a_methodist_records_nominations_and_results(
        self, client_as, methodist, contest, association
    ):
        member = MembershipFactory(association=association).teacher
        client = client_as(methodist)
        client.post(
            reverse("events:competition_update", args=[contest.pk, "nomination"]),
            {"name": "Педагог-наставник"},
        )
        nomination = contest.nominations.get()
        client.post(
            reverse("events:competition_update", args=[contest.pk, "entry"]),
            {"nomination": nomination.pk, "teacher": member.pk, "nominated_by": association.pk},
        )
        entry = CompetitionEntry.objects.get()
        client.post(
            reverse("events:competition_update", args=[contest.pk, "results"]),
            {f"outcome-{entry.pk}": "winner"},
        )
        entry.refresh_from_db()
        assert entry.outcome == "winner"
        assert entry.nominated_by == association
        assert [e.teacher for e in member_results(association=association)] == [member]
        page = client.get(reverse("events:competition", args=[contest.pk]))
        assert "Педагог-наставник" in page.text

    def test_a_teacher_reads_but_cannot_record(self, client_as, teacher_user, contest):
        client = client_as(teacher_user)
        assert client.get(reverse("events:competition", args=[contest.pk])).status_code == 200
        response = client.post(
            reverse("events:competition_update", args=[contest.pk, "nomination"]), {"name": "X"}
        )
        assert response.status_code == 403
        assert not contest.nominations.exists()


@pytest.mark.django_db
class TestStudentResults:
    def test_it_refuses_more_winners_than_participants(self, client_as, methodist, municipality):
        olympiad = EventFactory(municipality=municipality, form=EventForm.STUDENT_OLYMPIAD)
        school = OrganisationFactory(municipality=municipality)
        response = client_as(methodist).post(
            reverse("events:competition_update", args=[olympiad.pk, "students"]),
            {
                "organisation": school.pk,
                "grade": 9,
                "participants": 3,
                "winners": 2,
                "prize_winners": 2,
            },
        )
        assert response.status_code == 302
        assert not StudentResult.objects.exists()

    def test_named_winners_are_for_organisers_only(
        self, client_as, methodist, teacher_user, municipality
    ):
        olympiad = EventFactory(municipality=municipality, form=EventForm.STUDENT_OLYMPIAD)
        school = OrganisationFactory(municipality=municipality)
        StudentResult.objects.create(
            event=olympiad,
            organisation=school,
            grade=9,
            participants=12,
            winners=1,
            winner_names="Соколов Артём",
        )
        url = reverse("events:competition", args=[olympiad.pk])
        assert "Соколов Артём" in client_as(methodist).get(url).text
        assert "Соколов Артём" not in client_as(teacher_user).get(url).text


@pytest.mark.django_db
class TestStages:
    def test_a_municipal_stage_links_to_its_competition(
        self, client_as, methodist, municipality, contest
    ):
        contest.level = "regional"
        contest.save()
        response = client_as(methodist).post(
            reverse("events:create"),
            {
                "title": "Муниципальный этап «Сердце отдаю детям»",
                "form": "competition",
                "level": "municipal",
                "starts_at": "2025-12-05T10:00",
                "ends_at": "2025-12-05T15:00",
                "stage_of": contest.pk,
            },
        )
        assert response.status_code == 302
        stage = contest.stages.get()
        page = client_as(methodist).get(reverse("events:detail", args=[contest.pk]))
        assert stage.title in page.text


@pytest.mark.django_db
class TestHeadEntersMembers:
    """Issue 16: the head of a member's association puts him forward for an open competition
    himself (before, only the organisers could: 403)."""

    def test_the_head_enters_a_member_of_his_association(self, client_for, contest, association):
        member = MembershipFactory(association=association).teacher
        nomination = contest.nominations.create(name="Педагог-наставник")
        client = client_for("head")
        page = client.get(reverse("events:competition", args=[contest.pk]))
        assert "Выдвинуть педагога" in page.text
        response = client.post(
            reverse("events:competition_update", args=[contest.pk, "entry"]),
            {"nomination": nomination.pk, "teacher": member.pk, "nominated_by": association.pk},
        )
        assert response.status_code == 302
        entry = CompetitionEntry.objects.get()
        assert (entry.teacher, entry.nominated_by) == (member, association)

    def test_the_head_may_not_enter_a_stranger_nor_record_results(
        self, client_for, contest, association, municipality
    ):
        from metodset.people.tests.factories import TeacherFactory

        stranger = TeacherFactory(organisation__municipality=municipality)
        nomination = contest.nominations.create(name="Педагог-наставник")
        client = client_for("head")
        client.post(
            reverse("events:competition_update", args=[contest.pk, "entry"]),
            {"nomination": nomination.pk, "teacher": stranger.pk, "nominated_by": association.pk},
        )
        assert not CompetitionEntry.objects.exists()
        response = client.post(
            reverse("events:competition_update", args=[contest.pk, "nomination"]), {"name": "X"}
        )
        assert response.status_code == 403

    def test_a_competition_that_is_over_takes_no_entries_from_heads(
        self, client_for, contest, association
    ):
        import datetime as dt

        contest.starts_at = dt.datetime(2025, 10, 1, 9, tzinfo=dt.UTC)
        contest.ends_at = dt.datetime(2025, 10, 1, 15, tzinfo=dt.UTC)
        contest.save()
        member = MembershipFactory(association=association).teacher
        nomination = contest.nominations.create(name="Педагог-наставник")
        response = client_for("head").post(
            reverse("events:competition_update", args=[contest.pk, "entry"]),
            {"nomination": nomination.pk, "teacher": member.pk, "nominated_by": association.pk},
        )
        assert response.status_code == 403
        assert not CompetitionEntry.objects.exists()

    def test_a_member_teacher_may_not_enter(self, client_for, contest, association):
        nomination = contest.nominations.create(name="Педагог-наставник")
        member = MembershipFactory(association=association).teacher
        response = client_for("teacher").post(
            reverse("events:competition_update", args=[contest.pk, "entry"]),
            {"nomination": nomination.pk, "teacher": member.pk, "nominated_by": association.pk},
        )
        assert response.status_code == 403
