"""The kinds a next municipality will need: how the head is chosen, whose order creates an
association, and how many teachers of its area its creation needs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from metodset.acts.tests.factories import OrderFactory
from metodset.associations import services as association_services
from metodset.associations.models import HeadAppointment
from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.dates import SchoolYear
from metodset.meetings.tests.factories import MeetingFactory
from metodset.people.models import Subject
from metodset.people.tests.factories import TeacherFactory
from metodset.regulations.checks import check
from metodset.regulations.kinds import REGISTRY, Rule, Status
from metodset.regulations.kinds.founding import same_issuer
from metodset.regulations.services import presets_load, regulation_import

pytestmark = pytest.mark.django_db
YEAR, TODAY = SchoolYear(2025), dt.date(2025, 11, 20)


def regulation(municipality, kind, params):
    regulation_import(
        user=None,
        municipality=municipality,
        text=f"title: Т\neffective_from: 2020-09-01\nrules:\n  - kind: {kind}\n"
        f"    clause: п. 5\n{params}",
    )


def verdict(association):
    [result] = [v.result for v in check(association, YEAR, TODAY)]
    return result


class TestHeadSelection:
    def test_an_elected_head_needs_the_minutes(self, municipality, association):
        regulation(municipality, "head_selection", "    method: elected\n")
        appointment = HeadAppointmentFactory(association=association)
        result = verdict(association)
        assert result.status == Status.VIOLATED
        assert "п. 5:" in result.message and "протокол" in result.message
        meeting = MeetingFactory(association=association, date=dt.date(2024, 8, 25))
        HeadAppointment.objects.filter(pk=appointment.pk).update(minutes=meeting)
        result = verdict(association)
        assert result.status == Status.OK and "избран" in result.message

    def test_an_appointed_head_needs_an_order_of_the_named_issuer(self, municipality, association):
        regulation(
            municipality,
            "head_selection",
            "    method: appointed\n    issuer: Отдел образования администрации района\n",
        )
        appointment = HeadAppointmentFactory(association=association)
        assert verdict(association).status == Status.AT_RISK  # no order yet
        own = OrderFactory(
            municipality=municipality, issuer="отдел образования Администрации района"
        )
        HeadAppointment.objects.filter(pk=appointment.pk).update(order=own)
        assert verdict(association).status == Status.OK
        other = OrderFactory(municipality=municipality, issuer="Глава района")
        HeadAppointment.objects.filter(pk=appointment.pk).update(order=other)
        result = verdict(association)
        assert result.status == Status.VIOLATED
        assert "«Глава района»" in result.message and "положение называет" in result.message

    def test_no_head_is_not_its_business(self, municipality, association):
        regulation(municipality, "head_selection", "    method: elected\n")
        assert verdict(association).status == Status.NOT_APPLICABLE

    def test_it_refuses_an_unknown_method(self, municipality):
        with pytest.raises(ValidationError):
            regulation(municipality, "head_selection", "    method: inherited\n")

    def test_the_election_minutes_must_be_of_the_association(self, municipality, association):
        foreign = MeetingFactory(association=AssociationFactory(municipality=municipality))
        appointment = HeadAppointmentFactory.build(association=association, minutes=foreign)
        appointment.teacher.organisation.save()
        appointment.teacher.save()
        with pytest.raises(ValidationError) as error:
            appointment.full_clean()
        assert "minutes" in error.value.message_dict


class TestFoundingActIssuer:
    PARAMS = "    issuer: МКУ «Управление образования» г. Рубцовска\n"

    def test_it_reads_the_creating_order(self, municipality, association):
        regulation(municipality, "founding_act_issuer", self.PARAMS)
        result = verdict(association)
        assert result.status == Status.AT_RISK and "не внесён" in result.message
        association.creation_order = OrderFactory(
            municipality=municipality,
            issuer='МКУ "Управление образования" г.Рубцовска',
            date=dt.date(2020, 8, 1),
        )
        association.save()
        assert verdict(association).status == Status.OK
        association.creation_order = OrderFactory(
            municipality=municipality, issuer="Администрация города", date=dt.date(2020, 8, 2)
        )
        association.save()
        result = verdict(association)
        assert result.status == Status.VIOLATED and "«Администрация города»" in result.message

    def test_issuers_compare_without_quotes_case_and_spaces(self):
        assert same_issuer(
            'мку "управление образования" г.Рубцовска', "МКУ «Управление образования» г. Рубцовска"
        )
        assert not same_issuer("Администрация", "Отдел образования")
        assert not same_issuer("", "Отдел образования")


class TestMinTeachersForCreation:
    def teachers(self, municipality, n, subject="Математика"):
        subject = Subject.objects.get_or_create(name=subject, municipality=None)[0]
        for _ in range(n):
            TeacherFactory(organisation__municipality=municipality).subjects.add(subject)

    def test_compliance_counts_the_teachers_of_its_area(self, municipality, association):
        regulation(municipality, "min_teachers_for_creation", "    count: 3\n")
        self.teachers(municipality, 2)
        self.teachers(municipality, 5, subject="Физика")
        result = verdict(association)
        assert result.status == Status.AT_RISK
        assert "2 педагога «математика»" in result.message and "не менее 3" in result.message
        self.teachers(municipality, 1)
        assert verdict(association).status == Status.OK

    def test_the_create_service_refuses_in_russian(self, municipality, methodist):
        regulation(municipality, "min_teachers_for_creation", "    count: 3\n")
        self.teachers(municipality, 1)
        fields = dict(
            kind="mmo", name="ММО учителей математики", area="Математика", founded_on=TODAY
        )
        with pytest.raises(ValidationError) as error:
            association_services.association_create(
                user=methodist, municipality=municipality, **fields
            )
        [message] = error.value.message_dict["area"]
        assert message == (
            "Объединение «Математика» нельзя создать: в муниципалитете 1 педагог этого "
            "направления, а положение требует не менее 3 (п. 5)."
        )
        self.teachers(municipality, 2)
        association = association_services.association_create(
            user=methodist, municipality=municipality, **fields
        )
        assert association.pk

    def test_the_create_form_shows_the_refusal(self, client_as, methodist, municipality):
        regulation(municipality, "min_teachers_for_creation", "    count: 3\n")
        response = client_as(methodist).post(
            reverse("associations:create"),
            {"kind": "mmo", "name": "ММО", "area": "Химия", "founded_on": "20.11.2025"},
        )
        assert response.status_code in (200, 400)
        assert "нельзя создать: в муниципалитете 0 педагогов" in response.text

    def test_without_the_rule_anything_is_created(self, municipality, methodist):
        association = association_services.association_create(
            user=methodist,
            municipality=municipality,
            kind="mmo",
            name="ММО",
            area="Химия",
            founded_on=TODAY,
        )
        assert association.pk


class TestWords:
    @pytest.mark.parametrize(
        ("kind", "params", "words"),
        [
            ("head_selection", {"method": "elected"}, "избирается общим собранием"),
            ("head_selection", {"method": "appointed", "issuer": "Отдел"}, "приказом: Отдел"),
            ("founding_act_issuer", {"issuer": "Комитет"}, "ликвидируется приказом: Комитет"),
            ("min_teachers_for_creation", {"count": 5}, "не менее 5 педагогов"),
        ],
    )
    def test_each_kind_describes_itself_in_russian(self, kind, params, words):
        assert words in REGISTRY[kind].describe(Rule(kind, "п. 1", params))


class TestPresets:
    def test_the_seeds_name_the_issuers(self, region):
        from metodset.core.tests.factories import MunicipalityFactory

        rubtsovsk = MunicipalityFactory(
            slug="rubtsovsk",
            region=region,
            authority_name="МКУ «Управление образования» г. Рубцовска",
        )
        presets_load(municipality_slugs=["rubtsovsk"])
        order = OrderFactory(municipality=rubtsovsk, date=dt.date(2020, 8, 1))
        association = AssociationFactory(municipality=rubtsovsk, creation_order=order)
        HeadAppointmentFactory(
            association=association,
            order=OrderFactory(municipality=rubtsovsk, date=dt.date(2024, 8, 20)),
        )
        by_kind = {v.rule.kind: v for v in check(association, YEAR, TODAY)}
        assert by_kind["founding_act_issuer"].rule.clause == "п. 3.1"
        assert by_kind["founding_act_issuer"].result.status == Status.OK
        assert by_kind["head_selection"].rule.clause == "п. 3.2"
        assert by_kind["head_selection"].result.status == Status.OK
