import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from metodset.associations.models import AssociationKind
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.dates import SchoolYear
from metodset.growth.models import PDCourse
from metodset.regulations.checks import check
from metodset.regulations.kinds import Status
from metodset.regulations.models import Regulation, RegulationVersion
from metodset.regulations.services import PRESETS, presets_load, regulation_import
from metodset.regulations.yaml_schema import dump

TODAY = dt.date(2025, 11, 20)
YEAR = SchoolYear(2025)
SIXTH = (Path(__file__).parent / "data" / "sixth.yaml").read_text()


def load(municipality, text):
    return regulation_import(user=None, municipality=municipality, text=text)


def one_rule(kind: str, **params) -> str:
    lines = "\n".join(f"    {k}: {v}" for k, v in params.items())
    head = "title: Тест\neffective_from: 2020-09-01\nrules:\n"
    return f"{head}  - kind: {kind}\n    clause: п. 1\n{lines}\n"


def verdict(association, today=TODAY):
    [result] = check(association, YEAR, today)
    return result.result


@pytest.fixture
def association(municipality):
    return AssociationFactory(municipality=municipality, kind=AssociationKind.MMO)


@pytest.mark.django_db
class TestMinMembers:
    def test_exactly_the_minimum_complies(self, municipality, association):
        load(municipality, one_rule("min_members", count=3))
        MembershipFactory.create_batch(3, association=association)
        result = verdict(association)
        assert result.status == Status.OK
        assert result.message == "п. 1: участников 3, требуется не менее 3"

    def test_one_less_violates(self, municipality, association):
        load(municipality, one_rule("min_members", count=3))
        MembershipFactory.create_batch(2, association=association)
        assert verdict(association).status == Status.VIOLATED


@pytest.mark.django_db
class TestHeadTerm:
    def test_a_term_ending_today_is_at_risk(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 11, 21), ends_on=TODAY
        )
        result = verdict(association)
        assert result.status == Status.AT_RISK
        assert "20.11.2025" in result.message

    def test_a_term_over_the_maximum_violates(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2027, 9, 1)
        )
        assert verdict(association).status == Status.VIOLATED

    def test_exactly_the_maximum_complies(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2027, 8, 31)
        )
        assert verdict(association).status == Status.OK

    def test_a_term_from_29_february_is_measured_to_28_february(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2024, 2, 29), ends_on=dt.date(2027, 2, 28)
        )
        assert verdict(association).status == Status.OK

    def test_a_term_from_29_february_a_day_longer_violates(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2024, 2, 29), ends_on=dt.date(2027, 3, 1)
        )
        assert verdict(association).status == Status.VIOLATED

    def test_no_head_is_not_applicable(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        assert verdict(association).status == Status.NOT_APPLICABLE

    def test_an_expired_term_with_no_successor_is_violated(self, municipality, association):
        """The report: an expired head's term read «не применимо: руководитель не назначен»."""
        load(municipality, one_rule("head_term_max", years=3))
        head = HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 9, 1), ends_on=dt.date(2025, 8, 31)
        )
        result = verdict(association)
        assert result.status == Status.VIOLATED
        assert result.message == (
            f"п. 1: срок полномочий руководителя {head.teacher.short_name} истёк 31.08.2025; "
            "новый руководитель не назначен"
        )
        assert result.fix_url.endswith(f"/associations/{association.pk}/head/")

    def test_an_expired_term_is_the_term_rule_s_business_only(self, municipality, association):
        load(municipality, one_rule("head_renewal", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 9, 1), ends_on=dt.date(2025, 8, 31)
        )
        assert verdict(association).status == Status.NOT_APPLICABLE

    def test_a_term_ended_early_is_no_expired_term(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association,
            starts_on=dt.date(2024, 9, 1),
            ends_on=dt.date(2027, 8, 31),
            terminated_on=dt.date(2025, 10, 1),
        )
        assert verdict(association).status == Status.NOT_APPLICABLE

    def test_a_successor_in_office_is_judged_instead(self, municipality, association):
        load(municipality, one_rule("head_term_max", years=3))
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 9, 1), ends_on=dt.date(2025, 8, 31)
        )
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2028, 8, 31)
        )
        assert verdict(association).status == Status.OK


TWO_RULES_ONE_CLAUSE = """title: Положение
effective_from: 2020-09-01
rules:
  - kind: head_appointed
    clause: п. 3.2
  - kind: head_term_max
    clause: п. 3.2
    years: 3
  - kind: head_qualification
    clause: п. 3.4
"""


@pytest.mark.django_db
class TestOneClauseOneAnswer:
    def test_a_headless_association_is_not_both_violated_and_not_applicable(
        self, municipality, association
    ):
        load(municipality, TWO_RULES_ONE_CLAUSE)
        verdicts = check(association, YEAR, TODAY)
        by_clause = {}
        for v in verdicts:
            by_clause.setdefault(v.rule.clause, set()).add(v.result.status)
        assert by_clause == {"п. 3.2": {Status.VIOLATED}, "п. 3.4": {Status.NOT_APPLICABLE}}

    def test_an_expired_term_violates_both_rules_of_the_clause(self, municipality, association):
        load(municipality, TWO_RULES_ONE_CLAUSE)
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 9, 1), ends_on=dt.date(2025, 8, 31)
        )
        verdicts = {v.rule.kind: v.result.status for v in check(association, YEAR, TODAY)}
        assert verdicts["head_appointed"] == verdicts["head_term_max"] == Status.VIOLATED


@pytest.mark.django_db
class TestLiquidated:
    def test_a_liquidated_association_is_not_checked(self, municipality, association, methodist):
        from metodset.associations.services import association_liquidate

        load(municipality, TWO_RULES_ONE_CLAUSE)
        association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 10, 1), order=None
        )
        assert check(association, YEAR, TODAY) == []
        # The school year it was active in is still judged.
        assert check(association, SchoolYear(2024), TODAY)

    def test_its_page_says_so_and_offers_no_fix(
        self, client_as, municipality, association, methodist
    ):
        from django.urls import reverse

        from metodset.associations.services import association_liquidate

        load(municipality, TWO_RULES_ONE_CLAUSE)
        association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 10, 1), order=None
        )
        page = client_as(methodist).get(reverse("associations:detail", args=[association.pk]))
        panel = page.text.split('id="compliance-panel"')[1].split("</section>")[0]
        assert "Объединение ликвидировано 01.10.2025" in panel
        assert "нарушено" not in panel and "исправить" not in panel


@pytest.mark.django_db
class TestHeadQualification:
    def test_exactly_the_minimum_experience_complies(self, municipality, association):
        load(
            municipality,
            one_rule(
                "head_qualification", education="higher", categories="[highest, first]", min_years=3
            ),
        )
        HeadAppointmentFactory(
            association=association,
            teacher__teaching_since=dt.date(2022, 11, 20),
            teacher__working_since=dt.date(2022, 11, 20),
            teacher__category="first",
            teacher__category_assigned_on=dt.date(2023, 1, 1),
        )
        assert verdict(association).status == Status.OK

    def test_a_day_short_and_a_wrong_category_violate(self, municipality, association):
        load(municipality, one_rule("head_qualification", categories="[highest]", min_years=3))
        HeadAppointmentFactory(
            association=association,
            teacher__teaching_since=dt.date(2022, 11, 21),
            teacher__working_since=dt.date(2022, 11, 21),
            teacher__category="first",
            teacher__category_assigned_on=dt.date(2023, 1, 1),
        )
        result = verdict(association)
        assert result.status == Status.VIOLATED
        assert "2 года стажа" in result.message or "стажа" in result.message
        assert "первая" in result.message


@pytest.mark.django_db
class TestHeadRenewal:
    def test_it_needs_a_course_and_an_attestation_within_the_interval(
        self, municipality, association
    ):
        load(municipality, one_rule("head_renewal", years=3))
        head = HeadAppointmentFactory(
            association=association,
            teacher__category="highest",
            teacher__category_assigned_on=dt.date(2024, 3, 1),
        )
        assert verdict(association).status == Status.VIOLATED  # no course at all
        PDCourse.objects.create(
            teacher=head.teacher,
            program="П",
            provider="АКИПКРО",
            hours=72,
            starts_on=dt.date(2024, 2, 1),
            ends_on=dt.date(2024, 2, 20),
        )
        assert verdict(association).status == Status.OK

    def test_it_counts_from_29_february_and_judges_on_it(self, municipality, association):
        load(municipality, one_rule("head_renewal", years=3))
        head = HeadAppointmentFactory(
            association=association,
            starts_on=dt.date(2025, 9, 1),
            ends_on=dt.date(2028, 8, 31),
            teacher__category="highest",
            teacher__category_assigned_on=dt.date(2024, 2, 29),
        )
        PDCourse.objects.create(
            teacher=head.teacher,
            program="П",
            provider="АКИПКРО",
            hours=72,
            starts_on=dt.date(2024, 2, 1),
            ends_on=dt.date(2024, 2, 29),
        )
        [ok] = check(association, SchoolYear(2026), dt.date(2026, 11, 20))
        assert ok.result.status == Status.OK
        assert "28.02.2027" in ok.result.message
        [late] = check(association, SchoolYear(2027), dt.date(2028, 2, 29))
        assert late.result.status == Status.VIOLATED


@pytest.mark.django_db
class TestMeetingsWithoutData:
    def test_it_says_there_is_no_data_yet(self, municipality, association, monkeypatch):
        from metodset.regulations import facts

        monkeypatch.delitem(facts.PROVIDERS, "meetings_held")
        load(municipality, one_rule("min_meetings", count=4))
        result = verdict(association)
        assert result.status == Status.NO_DATA
        assert result.message.startswith("п. 1: нет данных о заседаниях")

    def test_it_judges_as_soon_as_meetings_are_fed(self, municipality, association, monkeypatch):
        from metodset.regulations import facts

        load(municipality, one_rule("min_meetings", count=4))
        monkeypatch.setitem(facts.PROVIDERS, "meetings_held", lambda batch: {association.pk: 1})
        # 1 of 4 with 2 months left -> at risk
        assert verdict(association, today=dt.date(2026, 6, 20)).status == Status.AT_RISK
        # the last day of the school year still not 4 -> at risk until it ends, violated after
        assert verdict(association, today=YEAR.ends_on).status == Status.AT_RISK
        monkeypatch.setitem(facts.PROVIDERS, "meetings_held", lambda batch: {association.pk: 4})
        assert verdict(association, today=YEAR.ends_on).status == Status.OK


@pytest.mark.django_db
class TestPresets:
    def test_the_five_presets_load_with_clauses(self, region):
        from metodset.core.tests.factories import MunicipalityFactory

        for path in PRESETS.glob("*.yaml"):
            MunicipalityFactory(slug=path.stem, region=region)
        versions = presets_load()
        assert len(versions) == 5
        assert all(rule["clause"] for v in versions for rule in v.rules)
        assert presets_load() == []  # once

    @pytest.mark.parametrize(
        ("slug", "kind", "expected"),
        [
            ("rubtsovsk", "mmo", {"min_meetings": 4, "head_term_max": 3}),
            ("biysk-rayon", "mpop", {"min_meetings": 4}),
            ("vesyegonsk", "mmo", {"min_meetings": 3}),
            ("kuznetsk", "mmo", {}),
            ("choya", "council", {}),
        ],
    )
    def test_each_preset_on_a_constructed_association(self, region, slug, kind, expected):
        from metodset.core.tests.factories import MunicipalityFactory

        municipality = MunicipalityFactory(slug=slug, region=region)
        presets_load(municipality_slugs=[slug])
        association = AssociationFactory(municipality=municipality, kind=kind)
        HeadAppointmentFactory(association=association)
        verdicts = check(association, YEAR, TODAY)
        assert verdicts, slug
        by_kind = {v.rule.kind: v for v in verdicts}
        for rule_kind, number in expected.items():
            assert str(number) in by_kind[rule_kind].result.message
        assert all(v.rule.clause for v in verdicts)

    def test_a_preset_does_not_apply_to_other_kinds(self, region):
        from metodset.core.tests.factories import MunicipalityFactory

        municipality = MunicipalityFactory(slug="choya", region=region)
        presets_load(municipality_slugs=["choya"])
        rmo = AssociationFactory(municipality=municipality, kind=AssociationKind.RMO)
        assert check(rmo, YEAR, TODAY) == []


@pytest.mark.django_db
class TestSixthRegulation:
    def test_a_new_regulation_in_yaml_works_without_code(self, municipality):
        load(municipality, SIXTH)
        rmo = AssociationFactory(municipality=municipality, kind=AssociationKind.RMO)
        MembershipFactory.create_batch(5, association=rmo)
        HeadAppointmentFactory(
            association=rmo,
            starts_on=dt.date(2025, 9, 1),
            ends_on=dt.date(2027, 8, 31),
            teacher__category="highest",
            teacher__category_assigned_on=dt.date(2024, 1, 1),
        )
        verdicts = {v.rule.kind: v.result for v in check(rmo, YEAR, TODAY)}
        assert verdicts["min_members"].status == Status.VIOLATED  # 5 of 6
        assert verdicts["head_term_max"].status == Status.OK  # 2 years exactly
        # No meeting yet on 20 November, 5 a year: 9 months left, fewer than two a meeting.
        assert verdicts["min_meetings"].status == Status.AT_RISK
        assert "0 из 5" in verdicts["min_meetings"].message
        mmo = AssociationFactory(municipality=municipality, kind=AssociationKind.MMO)
        assert check(mmo, YEAR, TODAY) == []


@pytest.mark.django_db
class TestVersions:
    def test_a_check_uses_the_version_in_force_on_its_date(self, municipality, association):
        load(municipality, one_rule("min_members", count=3))
        newer = one_rule("min_members", count=5).replace("2020-09-01", "2026-01-01")
        load(municipality, newer)
        MembershipFactory.create_batch(4, association=association)
        assert verdict(association, today=dt.date(2025, 12, 31)).status == Status.OK
        assert verdict(association, today=dt.date(2026, 1, 1)).status == Status.VIOLATED
        assert list(
            RegulationVersion.objects.values_list("number", flat=True).order_by("number")
        ) == [1, 2]
        assert Regulation.objects.count() == 1


@pytest.mark.django_db
class TestMalformedYaml:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("title: Т\nrules: [\n", "строка"),
            (one_rule("min_meetingz", count=4), "неизвестный вид правила «min_meetingz»"),
            (one_rule("min_meetings", count="четыре"), "rules[1].count: должно быть целое число"),
            (
                "title: Т\neffective_from: 2020-09-01\nrules:\n"
                "  - kind: min_meetings\n    clause: п. 1\n",
                "rules[1].count: параметр обязателен",
            ),
            ("effective_from: 2020-09-01\nrules: []\n", "title: поле обязательно"),
            ("title: Т\neffective_from: 2020-13-01\nrules: []\n", "effective_from: такой даты нет"),
            ("title: Т\neffective_from: 2020-09-01\n1: x\nrules: []\n", "1: имя поля"),
            ("title: Т\ntitle: У\neffective_from: 2020-09-01\nrules: []\n", "указано дважды"),
            (one_rule("[min_members]", count=3), "rules[1].kind: неизвестный вид правила"),
            (
                one_rule("portfolio", documents="[план]", day=30, month=2),
                "rules[1].day: такой даты нет: 30.02",
            ),
            (one_rule("portfolio", documents="[план]", day=31, month=13), "не больше 12"),
            (one_rule("portfolio", documents="[план]", day=31), "rules[1].month: для срока"),
            (one_rule("portfolio", documents="[1, 2]"), "должно быть списком строк"),
            (one_rule("portfolio", day=31, month=5), "rules[1].items: перечислите пункты"),
            (
                one_rule("portfolio", items="[{code: Plan, title: План, source: plan}]"),
                "items[1].code: слово латиницей",
            ),
            (
                one_rule("portfolio", items="[{code: plan, title: План, source: mail}]"),
                "items[1].source: должно быть одним из: appointment_order",
            ),
            (
                one_rule(
                    "portfolio",
                    items="[{code: plan, title: План, source: plan}, "
                    "{code: plan, title: План, source: upload}]",
                ),
                "items[2].code: «plan» указан дважды",
            ),
            (one_rule("portfolio", items="[план]"), "должно быть списком описаний"),
            (one_rule("external_evaluation", months="[5, 13]"), "не больше 12"),
            (one_rule("head_qualification", categories="[высшая]"), "одним из: highest"),
            (one_rule("head_term_max", years=0), "не меньше 1"),
            (one_rule("indicators", codes="[satisfactoin]"), "неизвестные коды показателей"),
            (
                "title: Т\neffective_from: 2020-09-01\nrules:\n  - kind: min_meetings\n"
                "    count: 4\n",
                "rules[1].clause: поле обязательно",
            ),
            (
                "title: Т\neffective_from: 2020-09-01\nrules:\n  - kind: min_meetings\n"
                "    clause: ' '\n    count: 4\n",
                "rules[1].clause: должно быть строкой",
            ),
        ],
    )
    def test_it_names_the_line_and_field_and_saves_nothing(self, municipality, text, message):
        with pytest.raises(ValidationError) as error:
            load(municipality, text)
        assert message in " ".join(error.value.messages)
        assert "строка" in " ".join(error.value.messages)
        assert not Regulation.objects.exists()

    def test_the_line_is_right(self, municipality):
        with pytest.raises(ValidationError) as error:
            load(municipality, one_rule("min_meetings", count="четыре"))
        assert "строка 6" in error.value.messages[0]


ORDERED = (
    "title: Положение о ММО\neffective_from: 2025-09-01\norder:\n  number: 45-од\n"
    "  date: 2025-08-28\nrules:\n  - kind: min_meetings\n    clause: п. 9.2\n    count: 4\n"
)


class TestApprovingOrder:
    def test_an_unregistered_order_is_kept_and_exported(self, municipality):
        version = load(municipality, ORDERED)
        assert version.order is None
        assert version.order_unregistered
        exported = dump(version)
        assert "number: 45-од" in exported
        assert "date: 2025-08-28" in exported

    def test_a_registered_order_is_linked(self, municipality):
        from metodset.acts.tests.factories import OrderFactory

        order = OrderFactory(municipality=municipality, number="45-од", date=dt.date(2025, 8, 28))
        version = load(municipality, ORDERED)
        assert version.order == order
        assert not version.order_unregistered


class TestExportCommand:
    def test_it_prints_the_latest_and_a_chosen_version(self, municipality):
        first = load(municipality, ORDERED)
        load(municipality, ORDERED.replace("2025-09-01", "2026-09-01").replace("4\n", "3\n"))
        out = io.StringIO()
        call_command("regulation_export", str(first.regulation_id), stdout=out)
        assert "count: 3" in out.getvalue()
        out = io.StringIO()
        call_command("regulation_export", str(first.regulation_id), "--number", "1", stdout=out)
        assert "count: 4" in out.getvalue()
        assert "clause: п. 9.2" in out.getvalue()
