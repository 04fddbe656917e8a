"""Records of the proposals app around the home `association` of the role world."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from metodset.core.tests.files import PDF
from metodset.events.models import EventForm, Nomination
from metodset.events.tests.factories import EventFactory
from metodset.proposals import services
from metodset.proposals.models import ProposalKind


def draft_file(name: str = "проект положения.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def member(users):
    """The member teacher of the home association (users["teacher"])."""
    return users["teacher"].teacher_profile


@pytest.fixture
def petition(users, association, member):
    return services.proposal_submit(
        user=users["head"],
        association=association,
        teacher=member,
        kind=ProposalKind.PETITION,
        award="Благодарственное письмо управления образования",
        grounds="Активно участвует в работе объединения.",
        records=["Мастер-класс «Проектная задача», 12.10.2025"],
    )


@pytest.fixture
def granted_petition(users, association, member):
    proposal = services.proposal_submit(
        user=users["head"],
        association=association,
        teacher=member,
        kind=ProposalKind.PETITION,
        award="Почётная грамота",
        grounds="Победитель муниципального конкурса.",
    )
    return services.proposal_decide(user=users["methodist"], proposal=proposal, granted=True)


@pytest.fixture
def competition(municipality):
    event = EventFactory(
        municipality=municipality,
        form=EventForm.COMPETITION,
        title="«Сердце отдаю детям»",
        starts_at=dt.datetime(2026, 2, 1, 10, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 2, 1, 16, 0, tzinfo=dt.UTC),
    )
    return Nomination.objects.create(event=event, name="Педагог-наставник")


@pytest.fixture
def draft(users, municipality, association):
    return services.draft_open(
        user=users["methodist"],
        municipality=municipality,
        title="Положение о муниципальном конкурсе",
        level="municipal",
        summary="Новые номинации и сроки.",
        file=draft_file(),
        deadline=dt.date(2025, 12, 15),
        associations=[association],
    )


@pytest.fixture
def position(users, draft, association):
    return services.position_compile(
        user=users["head"], draft=draft, association=association, text="Поддержать проект."
    )
