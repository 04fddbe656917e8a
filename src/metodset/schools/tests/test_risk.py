"""The risk list: the municipality's criteria applied to the results, with the reasons."""

from decimal import Decimal

import pytest

from metodset.orgs.tests.factories import OrganisationFactory
from metodset.schools import selectors
from metodset.schools.models import BiasFlag, CriterionKind, Procedure
from metodset.schools.tests.factories import ResultFactory, RiskCriterionFactory, subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(municipality):
    return OrganisationFactory(
        municipality=municipality, name="МБОУ «СОШ № 3»", short_name="СОШ № 3"
    )


def names(entries):
    return [e.organisation.short_name for e in entries]


class TestFailShare:
    def test_it_needs_the_share_above_the_threshold_every_year(self, municipality, school):
        RiskCriterionFactory(
            municipality=municipality,
            name="Двойки",
            kind=CriterionKind.FAIL_SHARE,
            threshold=Decimal("15"),
            years=2,
        )
        ResultFactory(organisation=school, school_year=2023, fail_share=Decimal("18"))
        ResultFactory(organisation=school, school_year=2024, fail_share=Decimal("21"))
        [entry] = selectors.risk_list(municipality, 2024)
        assert entry.organisation == school
        assert entry.reasons == [
            "Двойки: доля «2» (все процедуры) выше 15 %: 2023/2024 — 18 %; 2024/2025 — 21 %"
        ]
        # One year above, the other at the threshold: not «above for two years».
        assert selectors.risk_list(municipality, 2025) == []

    def test_it_weighs_the_shares_by_participants(self, municipality, school):
        RiskCriterionFactory(municipality=municipality, threshold=Decimal("15"))
        # 10 % of 90 and 40 % of 10: 13 % together, under 15 %.
        ResultFactory(organisation=school, fail_share=Decimal("10"), participants=90)
        ResultFactory(
            organisation=school,
            fail_share=Decimal("40"),
            participants=10,
            subject=subject("Русский язык"),
        )
        assert selectors.risk_list(municipality, 2024) == []

    def test_a_criterion_of_one_procedure_ignores_the_others(self, municipality, school):
        RiskCriterionFactory(
            municipality=municipality, threshold=Decimal("15"), procedure=Procedure.OGE
        )
        ResultFactory(organisation=school, fail_share=Decimal("30"))  # ВПР
        assert selectors.risk_list(municipality, 2024) == []

    def test_an_inactive_criterion_names_nobody(self, municipality, school):
        RiskCriterionFactory(municipality=municipality, threshold=Decimal("5"), is_active=False)
        ResultFactory(organisation=school, fail_share=Decimal("30"))
        assert selectors.risk_list(municipality, 2024) == []


class TestDropAndBias:
    def test_a_drop_of_the_mean_score_is_named_with_the_subject(self, municipality, school):
        RiskCriterionFactory(
            municipality=municipality,
            name="Снижение",
            kind=CriterionKind.DROP,
            threshold=Decimal("3"),
            procedure=Procedure.OGE,
        )
        for year, mean in ((2023, "20.5"), (2024, "16.0")):
            ResultFactory(
                organisation=school,
                school_year=year,
                procedure=Procedure.OGE,
                grade=9,
                mean_score=Decimal(mean),
            )
        [entry] = selectors.risk_list(municipality, 2024)
        assert entry.reasons == [
            "Снижение: снижение среднего балла на 3 и более: ОГЭ, Математика, 9 класс: 20,5 → 16"
        ]

    def test_a_drop_under_the_threshold_is_not(self, municipality, school):
        RiskCriterionFactory(municipality=municipality, kind=CriterionKind.DROP, threshold=3)
        ResultFactory(organisation=school, school_year=2023, mean_score=Decimal("4.0"))
        ResultFactory(organisation=school, school_year=2024, mean_score=Decimal("3.5"))
        assert selectors.risk_list(municipality, 2024) == []

    def test_the_regions_bias_list_names_the_school(self, municipality, school):
        RiskCriterionFactory(
            municipality=municipality,
            name="Необъективность",
            kind=CriterionKind.BIASED,
            threshold=None,
        )
        BiasFlag.objects.create(
            municipality=municipality,
            organisation=school,
            school_year=2024,
            procedure=Procedure.VPR,
            subject=subject("Математика"),
        )
        [entry] = selectors.risk_list(municipality, 2024)
        assert entry.reasons == [
            "Необъективность: в списке школ с признаками необъективных результатов: "
            "2024/2025: ВПР (Математика)"
        ]
        assert selectors.risk_list(municipality, 2023) == []

    def test_another_municipalitys_results_do_not_count(self, municipality, other_municipality):
        RiskCriterionFactory(municipality=municipality, threshold=Decimal("5"))
        ResultFactory(
            organisation=OrganisationFactory(municipality=other_municipality),
            fail_share=Decimal("50"),
        )
        assert selectors.risk_list(municipality, 2024) == []


class TestQueries:
    @pytest.mark.parametrize("schools", [2, 12])
    def test_the_list_takes_the_same_queries_for_any_number_of_schools(
        self, municipality, django_assert_num_queries, schools
    ):
        for kind, threshold in (
            (CriterionKind.FAIL_SHARE, 5),
            (CriterionKind.DROP, 1),
            (CriterionKind.BIASED, None),
        ):
            RiskCriterionFactory(municipality=municipality, kind=kind, threshold=threshold, years=2)
        for _n in range(schools):
            org = OrganisationFactory(municipality=municipality)
            for year in (2022, 2023, 2024):
                ResultFactory(
                    organisation=org,
                    school_year=year,
                    fail_share=Decimal("20"),
                    mean_score=Decimal(10 - year + 2020),
                )
                BiasFlag.objects.create(
                    municipality=municipality,
                    organisation=org,
                    school_year=year,
                    procedure=Procedure.VPR,
                )
        # criteria, shares, mean scores, the subjects that dropped, bias flags, the schools
        with django_assert_num_queries(6):
            entries = selectors.risk_list(municipality, 2024)
        assert len(entries) == schools
        assert all(len(e.reasons) == 3 for e in entries)
