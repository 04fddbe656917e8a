import datetime as dt

import pytest
from django.urls import reverse

from metodset.associations.tests.factories import MembershipFactory
from metodset.growth.models import Diagnostic


@pytest.mark.django_db
class TestDashboard:
    def test_a_methodist_compares_his_associations(self, client_as, methodist, association):
        member = MembershipFactory(association=association).teacher
        Diagnostic.objects.create(teacher=member, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        response = client_as(methodist).get(reverse("indicators:dashboard"), {"year": 2025})
        assert response.status_code == 200
        assert association.name in response.text
        drill = client_as(methodist).get(
            reverse("indicators:drill", args=["diagnostics_share", association.pk]), {"year": 2025}
        )
        assert member.full_name in drill.text

    def test_a_coordinator_compares_municipalities(
        self, client_as, coordinator, municipality, sibling_municipality, other_municipality
    ):
        response = client_as(coordinator).get(reverse("indicators:dashboard"))
        assert municipality.name in response.text
        assert sibling_municipality.name in response.text
        assert other_municipality.name not in response.text

    def test_another_municipality_is_hidden(self, client_as, coordinator, other_municipality):
        response = client_as(coordinator).get(
            reverse("indicators:dashboard"), {"municipality": other_municipality.pk}
        )
        assert response.status_code == 404

    def test_it_exports_the_same_numbers(self, client_as, methodist, association):
        import io

        from openpyxl import load_workbook

        member = MembershipFactory(association=association).teacher
        MembershipFactory(association=association)
        Diagnostic.objects.create(teacher=member, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        response = client_as(methodist).get(
            reverse("indicators:dashboard"), {"year": 2025, "export": "xlsx"}
        )
        rows = list(
            load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
                values_only=True
            )
        )
        column = rows[0].index("Доля педагогов, прошедших диагностику профессиональных компетенций")
        # place 1, the association, and 1 of its 2 members diagnosed: 50 %, as on the page
        assert (rows[1][0], rows[1][1], rows[1][column]) == (1, association.name, 50)


@pytest.mark.django_db
class TestTargets:
    def test_a_methodist_sets_targets_shown_on_the_dashboard(
        self, client_as, methodist, association
    ):
        from metodset.indicators.models import IndicatorTarget

        client = client_as(methodist)
        response = client.post(reverse("indicators:targets"), {"diagnostics_share": "80,5"})
        assert response.status_code == 302
        target = IndicatorTarget.objects.get()
        assert (target.code, str(target.value), target.municipality) == (
            "diagnostics_share",
            "80.5",
            methodist.municipality,
        )
        assert target.history.get().history_user == methodist
        # an empty field removes the target
        client.post(reverse("indicators:targets"), {"diagnostics_share": ""})
        assert not IndicatorTarget.objects.exists()
        client.post(reverse("indicators:targets"), {"diagnostics_share": "80,5"})
        assert (
            "80.5" in client.get(reverse("indicators:dashboard")).text
            or "80,5" in client.get(reverse("indicators:dashboard")).text
        )

    def test_a_share_over_100_is_refused(self, client_as, methodist):
        from metodset.indicators.models import IndicatorTarget

        response = client_as(methodist).post(reverse("indicators:targets"), {"iom_share": "120"})
        assert response.status_code == 400
        assert "от 0 до 100" in response.text
        assert not IndicatorTarget.objects.exists()

    @pytest.mark.parametrize("role", ["coordinator", "head", "teacher"])
    def test_others_cannot_set_targets(self, client_as, role_users, role):
        assert client_as(role_users[role]).get(reverse("indicators:targets")).status_code == 403


@pytest.mark.django_db
class TestDynamics:
    def test_a_year_without_data_shows_no_data_not_nought(self, client_as, methodist, association):
        """2022/23 and 2023/24 have no records at all: «нет данных», not «0,0»; a year with
        records shows its noughts as they are."""
        member = MembershipFactory(association=association, joined_on=dt.date(2020, 9, 1)).teacher
        Diagnostic.objects.create(teacher=member, date=dt.date(2024, 10, 1), instrument="ЕФОМ")
        response = client_as(methodist).get(
            reverse("indicators:association", args=[association.pk])
        )
        assert response.status_code == 200
        from metodset.core.dates import SchoolYear
        from metodset.indicators.selectors import association_dynamics

        points = {
            str(p["year"]): p
            for d in association_dynamics(association)
            if d["indicator"].code == "event_participation_share"
            for p in d["points"]
        }
        assert points[str(SchoolYear(2022))]["value"].value is None
        assert points[str(SchoolYear(2023))]["value"].value is None
        assert points[str(SchoolYear(2024))]["value"].value == 0  # records that year: a nought
        dynamics = response.text.split("dynamics", 1)[1]
        assert "нет данных" in dynamics
        assert dynamics.count("нет данных") >= 2 * 12  # two empty years of every indicator
