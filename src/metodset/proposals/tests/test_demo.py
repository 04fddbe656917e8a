"""The demo holds proposals, drafts under discussion and followed decisions in every state."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from metodset.demo.generator import demo_load
from metodset.demo.tests.common import SMALL
from metodset.meetings.models import AgendaItem, DecisionStatus
from metodset.proposals.models import (
    DraftAct,
    DraftPosition,
    PositionStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
)

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"),
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        with time_machine.travel(FROZEN, tick=False):
            demo_load(teachers=SMALL)
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("loaded")
class TestDemoProposals:
    def test_it_has_proposals_of_every_kind_and_state(self):
        assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
        kinds = set(Proposal.objects.values_list("kind", flat=True))
        assert {ProposalKind.PETITION, ProposalKind.ATTESTATION} <= kinds

    def test_a_granted_petition_is_on_the_teacher_s_card(self):
        granted = Proposal.objects.filter(
            kind=ProposalKind.PETITION, status=ProposalStatus.GRANTED
        ).select_related("teacher")
        assert granted
        for proposal in granted:
            assert proposal.award in proposal.teacher.awards

    def test_it_has_drafts_open_and_closed_with_positions_in_every_state(self):
        with time_machine.travel(FROZEN, tick=False):
            assert {d.is_open for d in DraftAct.objects.all()} == {True, False}
        assert set(DraftPosition.objects.values_list("status", flat=True)) == set(
            PositionStatus.values
        )

    def test_it_has_decisions_in_every_state(self):
        followed = AgendaItem.objects.followed()
        assert set(followed.values_list("decision_status", flat=True)) == set(DecisionStatus.values)
        assert followed.overdue(FROZEN.date()).exists()
