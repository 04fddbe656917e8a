"""The council's rules of 004 §3.6–3.7 at their boundaries: who chairs it, and whether an
order approved the composition it has now."""

import datetime as dt
from pathlib import Path

import pytest

from metodset.acts.models import OrderKind
from metodset.acts.tests.factories import OrderFactory
from metodset.associations.models import AssociationKind, CompositionApproval
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.dates import SchoolYear
from metodset.orgs.models import OrganisationKind
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.regulations.checks import check
from metodset.regulations.kinds import Status
from metodset.regulations.services import PRESETS, regulation_import

pytestmark = pytest.mark.django_db
YEAR, TODAY = SchoolYear(2025), dt.date(2025, 11, 20)


def regulation(municipality, kind, params=""):
    regulation_import(
        user=None,
        municipality=municipality,
        text=f"title: Т\napplies_to: [council]\neffective_from: 2020-09-01\nrules:\n"
        f"  - kind: {kind}\n    clause: п. 3.6\n{params}",
    )


def verdict(association, today=TODAY):
    [result] = [v.result for v in check(association, YEAR, today)]
    return result


@pytest.fixture
def council(municipality):
    return AssociationFactory(municipality=municipality, kind=AssociationKind.COUNCIL, name="МС")


@pytest.fixture
def service(municipality):
    return OrganisationFactory(
        municipality=municipality, kind=OrganisationKind.METHODICAL_SERVICE, name="РМК"
    )


def chair(council, organisation, position):
    teacher = TeacherFactory(organisation=organisation, position=position)
    return HeadAppointmentFactory(association=council, teacher=teacher)


class TestCouncilChair:
    def test_no_chair_is_violated(self, municipality, council):
        regulation(municipality, "council_chair")
        result = verdict(council)
        assert result.status == Status.VIOLATED
        assert result.message.startswith("п. 3.6:") and result.fix_url.endswith("/head/")

    def test_a_chair_from_a_school_is_violated(self, municipality, council):
        regulation(municipality, "council_chair")
        chair(council, OrganisationFactory(municipality=municipality), "директор")
        result = verdict(council)
        assert result.status == Status.VIOLATED and "методической службе" in result.message

    def test_a_methodist_of_the_service_is_not_its_head(self, municipality, council, service):
        regulation(municipality, "council_chair")
        chair(council, service, "методист")
        result = verdict(council)
        assert result.status == Status.VIOLATED and "«методист»" in result.message

    @pytest.mark.parametrize(
        "position",
        [
            "руководитель районного методического кабинета",
            "Заведующий методическим кабинетом",
            "начальник информационно-методического отдела",
        ],
    )
    def test_the_head_of_the_service_complies(self, municipality, council, service, position):
        regulation(municipality, "council_chair")
        chair(council, service, position)
        assert verdict(council).status == Status.OK

    def test_the_regulation_names_the_positions(self, municipality, council, service):
        regulation(municipality, "council_chair", "    positions: [заведующий]\n")
        chair(council, service, "руководитель районного методического кабинета")
        assert verdict(council).status == Status.VIOLATED

    def test_another_kind_is_not_judged(self, municipality, service):
        regulation_import(
            user=None,
            municipality=municipality,
            text="title: Т\neffective_from: 2020-09-01\nrules:\n"
            "  - kind: council_chair\n    clause: п. 1\n",
        )
        mmo = AssociationFactory(municipality=municipality)
        chair(mmo, service, "методист")
        assert verdict(mmo).status == Status.NOT_APPLICABLE


class TestCouncilComposition:
    @pytest.fixture
    def members(self, council):
        return [MembershipFactory(association=council, joined_on=dt.date(2024, 9, 1)) for _ in "ab"]

    def approve(self, council, teachers, date=dt.date(2024, 9, 2), number="1"):
        order = OrderFactory(
            municipality=council.municipality, kind=OrderKind.COUNCIL, date=date, number=number
        )
        approval = CompositionApproval.objects.create(association=council, order=order)
        approval.members.set(teachers)
        return approval

    def test_no_order_is_violated(self, municipality, council, members):
        regulation(municipality, "council_composition")
        result = verdict(council)
        assert result.status == Status.VIOLATED
        assert result.fix_url.endswith("#composition")

    def test_the_approved_composition_complies(self, municipality, council, members):
        regulation(municipality, "council_composition")
        self.approve(council, [m.teacher for m in members])
        result = verdict(council)
        assert result.status == Status.OK
        assert "№ 1 от 02.09.2024" in result.message

    def test_a_member_joined_since_the_order(self, municipality, council, members):
        regulation(municipality, "council_composition")
        self.approve(council, [m.teacher for m in members])
        MembershipFactory(association=council, joined_on=dt.date(2025, 10, 1))
        result = verdict(council)
        assert result.status == Status.VIOLATED and "№ 1" in result.message
        # The day before he joined, the council was still the approved one.
        assert verdict(council, today=dt.date(2025, 9, 30)).status == Status.OK

    def test_a_member_left_since_the_order(self, municipality, council, members):
        regulation(municipality, "council_composition")
        self.approve(council, [m.teacher for m in members])
        members[0].left_on = TODAY
        members[0].save()
        assert verdict(council).status == Status.VIOLATED
        # Leave dates are exclusive: on his last day he is still a member.
        assert verdict(council, today=TODAY - dt.timedelta(days=1)).status == Status.OK

    def test_the_latest_order_counts(self, municipality, council, members):
        regulation(municipality, "council_composition")
        self.approve(council, [members[0].teacher], date=dt.date(2023, 9, 1), number="5")
        assert verdict(council).status == Status.VIOLATED
        self.approve(council, [m.teacher for m in members], date=dt.date(2024, 9, 2), number="7")
        assert verdict(council).status == Status.OK


class TestPresets:
    def test_only_the_004_preset_asks_for_the_council_rules(self):
        asking = {
            path.stem
            for path in Path(PRESETS).glob("*.yaml")
            if "council_chair" in path.read_text() or "council_composition" in path.read_text()
        }
        assert asking == {"choya"}

    def test_the_004_preset_checks_the_chair_and_the_composition(self, region):
        from metodset.core.tests.factories import MunicipalityFactory
        from metodset.regulations.services import presets_load

        choya = MunicipalityFactory(slug="choya", region=region)
        presets_load(municipality_slugs=["choya"])
        council = AssociationFactory(municipality=choya, kind=AssociationKind.COUNCIL)
        verdicts = {v.rule.kind: v for v in check(council, YEAR, TODAY)}
        assert verdicts["council_chair"].rule.clause == "п. 3.6"
        assert verdicts["council_composition"].rule.clause == "п. 3.7"
        assert verdicts["council_chair"].result.status == Status.VIOLATED
