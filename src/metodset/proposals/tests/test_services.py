import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from metodset.associations.tests.factories import AssociationFactory
from metodset.core.models import Notification
from metodset.core.tests.files import HTML
from metodset.events.models import CompetitionEntry, Outcome, ParticipationRole
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.growth.models import PDCourse
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.proposals import services
from metodset.proposals.grounds import grounds_for
from metodset.proposals.models import (
    DraftAct,
    DraftComment,
    PositionStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
)
from metodset.proposals.tests.fixtures import draft_file

pytestmark = pytest.mark.django_db


class TestProposalSubmit:
    def test_it_tells_the_methodists(self, users, petition):
        assert petition.status == ProposalStatus.SUBMITTED
        assert Notification.objects.filter(
            user=users["methodist"], link=petition.get_absolute_url(), kind="proposal_submitted"
        ).exists()

    def test_it_refuses_a_teacher_who_is_not_a_member(self, users, association, municipality):
        stranger = TeacherFactory(organisation__municipality=municipality)
        with pytest.raises(ValidationError) as error:
            services.proposal_submit(
                user=users["head"],
                association=association,
                teacher=stranger,
                kind=ProposalKind.PETITION,
                award="Грамота",
                grounds="Основания",
            )
        assert "teacher" in error.value.message_dict
        assert not Proposal.objects.exists()

    def test_the_head_of_another_association_may_not(self, users, association, member):
        with pytest.raises(PermissionDenied):
            services.proposal_submit(
                user=users["other_head"],
                association=association,
                teacher=member,
                kind=ProposalKind.ATTESTATION,
                category="highest",
                grounds="Основания",
            )

    @pytest.mark.parametrize(
        ("kind", "missing"),
        [
            (ProposalKind.PETITION, "award"),
            (ProposalKind.NOMINATION, "nomination"),
            (ProposalKind.ATTESTATION, "category"),
        ],
    )
    def test_each_kind_needs_what_it_asks_for(self, users, association, member, kind, missing):
        with pytest.raises(ValidationError) as error:
            services.proposal_submit(
                user=users["head"], association=association, teacher=member, kind=kind, grounds="О"
            )
        assert missing in error.value.message_dict

    def test_a_nomination_for_a_competition_that_is_over_is_refused(
        self, users, association, member, competition
    ):
        with (
            time_machine.travel(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)),
            pytest.raises(ValidationError) as error,
        ):
            services.proposal_submit(
                user=users["head"],
                association=association,
                teacher=member,
                kind=ProposalKind.NOMINATION,
                nomination=competition,
                grounds="Победитель школьного этапа.",
            )
        assert "завершён" in " ".join(error.value.messages)


class TestProposalDecide:
    def test_a_granted_petition_writes_the_award_to_the_card_once(self, users, member, petition):
        member.awards = "Грамота Министерства (2020)"
        member.save()
        services.proposal_decide(user=users["methodist"], proposal=petition, granted=True)
        member.refresh_from_db()
        assert member.awards.splitlines() == [
            "Грамота Министерства (2020)",
            "Благодарственное письмо управления образования (2025)",
        ]
        assert member.history.first().history_user == users["methodist"]
        assert Notification.objects.filter(
            user=users["head"], key=f"proposals.decided.{petition.pk}", kind="proposal_decided"
        ).exists()
        with pytest.raises(ValidationError):
            services.proposal_decide(user=users["methodist"], proposal=petition, granted=True)

    def test_a_refusal_needs_a_reason_and_writes_nothing(self, users, member, petition):
        with pytest.raises(ValidationError):
            services.proposal_decide(user=users["methodist"], proposal=petition, granted=False)
        petition.refresh_from_db()
        assert petition.status == ProposalStatus.SUBMITTED
        services.proposal_decide(
            user=users["methodist"], proposal=petition, granted=False, reason="Нет приказа."
        )
        member.refresh_from_db()
        assert member.awards == ""
        assert Proposal.objects.get().decision_reason == "Нет приказа."

    def test_a_granted_nomination_enters_the_teacher(self, users, association, member, competition):
        proposal = services.proposal_submit(
            user=users["head"],
            association=association,
            teacher=member,
            kind=ProposalKind.NOMINATION,
            nomination=competition,
            grounds="Победитель школьного этапа.",
        )
        services.proposal_decide(user=users["methodist"], proposal=proposal, granted=True)
        entry = CompetitionEntry.objects.get()
        assert (entry.teacher, entry.nominated_by) == (member, association)

    def test_a_head_may_not_decide(self, users, petition):
        with pytest.raises(PermissionDenied):
            services.proposal_decide(user=users["head"], proposal=petition, granted=True)


class TestGrounds:
    def test_it_draws_from_results_events_and_pd(self, member, competition):
        CompetitionEntry.objects.create(
            nomination=competition, teacher=member, outcome=Outcome.WINNER
        )
        ParticipationFactory(
            teacher=member,
            event=EventFactory(municipality=member.municipality, title="Мастер-класс «Квест»"),
            role=ParticipationRole.MASTER,
        )
        PDCourse.objects.create(
            teacher=member,
            program="Функциональная грамотность",
            provider="ИРО",
            hours=72,
            starts_on=dt.date(2025, 3, 1),
            ends_on=dt.date(2025, 3, 20),
        )
        lines = grounds_for(member)
        assert any("«Сердце отдаю детям»" in line and "победитель" in line for line in lines)
        assert any("Мастер-класс «Квест»" in line for line in lines)
        assert any("Функциональная грамотность" in line and "72" in line for line in lines)


class TestDrafts:
    def test_opening_tells_the_members_and_heads(self, users, draft):
        for role in ("head", "teacher"):
            assert Notification.objects.filter(
                user=users[role], link=draft.get_absolute_url(), kind="draft_opened"
            ).exists()
        assert not Notification.objects.filter(user=users["other_head"]).exists()

    def test_a_file_that_is_not_what_it_says_is_refused(self, users, municipality, association):
        with pytest.raises(ValidationError):
            services.draft_open(
                user=users["methodist"],
                municipality=municipality,
                title="Проект",
                level="municipal",
                summary="Кратко",
                file=SimpleUploadedFile("проект.pdf", HTML),
                deadline=dt.date(2025, 12, 1),
                associations=[association],
            )
        assert not DraftAct.objects.exists()

    def test_a_past_deadline_or_no_association_is_refused(self, users, municipality, association):
        for deadline, associations in (
            (dt.date(2025, 11, 1), [association]),
            (dt.date(2025, 12, 1), []),
        ):
            with pytest.raises(ValidationError):
                services.draft_open(
                    user=users["methodist"],
                    municipality=municipality,
                    title="Проект",
                    level="municipal",
                    summary="Кратко",
                    file=draft_file(),
                    deadline=deadline,
                    associations=associations,
                )

    def test_members_comment_until_the_deadline(self, users, draft, association):
        services.comment_add(
            user=users["teacher"], draft=draft, association=association, clause="2.1", text="Да"
        )
        assert DraftComment.objects.get().author == users["teacher"].teacher_profile
        with (
            time_machine.travel(dt.datetime(2025, 12, 16, 9, tzinfo=dt.UTC)),
            pytest.raises(ValidationError),
        ):
            services.comment_add(
                user=users["teacher"], draft=draft, association=association, clause="1", text="Х"
            )

    def test_an_association_that_does_not_discuss_cannot_comment(self, users, draft, municipality):
        other = users["other_head"].teacher_profile.head_appointments.get().association
        with pytest.raises(PermissionDenied):
            services.comment_add(
                user=users["other_head"], draft=draft, association=other, clause="1", text="Х"
            )

    def test_an_adopted_position_no_longer_changes(self, users, draft, association, position):
        meeting = MeetingFactory(association=association, date=dt.date(2025, 11, 20))
        decision = AgendaItemFactory(meeting=meeting)
        services.position_adopt(user=users["head"], position=position, decision=decision)
        assert position.status == PositionStatus.ADOPTED
        with pytest.raises(ValidationError):
            services.position_compile(
                user=users["head"], draft=draft, association=association, text="Иначе"
            )

    def test_a_meeting_of_another_association_does_not_adopt(self, users, position, municipality):
        meeting = MeetingFactory(
            association=AssociationFactory(municipality=municipality),
            date=dt.date(2025, 11, 20),
        )
        with pytest.raises(ValidationError):
            services.position_adopt(
                user=users["head"], position=position, decision=AgendaItemFactory(meeting=meeting)
            )
        position.refresh_from_db()
        assert position.status == PositionStatus.COMPILED
