"""Every indicator page for every role, the drill-downs, the roadmap assessment form and the
monitoring report of the methodical service (004 §2.1)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.tests.roles import READ_ALL, READ_IN_SCOPE, ROLES
from metodset.growth.models import Attestation, Need, PDCourse, Publication, TeacherNeed
from metodset.indicators.models import ExpertAssessment
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

# the service and the region, not teachers; another municipality does not exist
MONITORS = READ_IN_SCOPE | {"head": 403, "other_head": 403, "teacher": 403}
ASSESSES = MONITORS | {"coordinator": 403}

# (url name, what its arguments or query are taken from, expected status per role)
PAGES = [
    ("indicators:dashboard", None, READ_ALL),
    ("indicators:dashboard", "?municipality", READ_IN_SCOPE),
    # without a municipality a methodist sees his own, a coordinator chooses one of his
    ("indicators:monitoring", None, READ_ALL | {"head": 403, "other_head": 403, "teacher": 403}),
    ("indicators:monitoring", "?municipality", MONITORS),
    ("indicators:drill", "association", READ_IN_SCOPE),
    ("indicators:association", "association", READ_IN_SCOPE),
    ("indicators:drill_municipality", "municipality", MONITORS),
    ("indicators:assess", "association", ASSESSES),
]
POST_ONLY: list[str] = []
CODE = {
    "indicators:drill": "diagnostics_share",
    "indicators:drill_municipality": "publications",
    "indicators:assess": "roadmap",
}


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{key}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(
        self, client_for, association, municipality, name, key, role, status
    ):
        objects = {"association": association, "municipality": municipality}
        if key == "?municipality":
            url = reverse(name) + f"?municipality={municipality.pk}"
        elif key:
            code = [CODE[name]] if name in CODE else []
            url = reverse(name, args=[*code, objects[key].pk])
        else:
            url = reverse(name)
        response = client_for(role).get(url)
        assert response.status_code == status, f"{name} {key} as {role}"

    def test_every_url_is_covered(self):
        from metodset.indicators.urls import urlpatterns

        names = {f"indicators:{p.name}" for p in urlpatterns} - {"indicators:targets"}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    def test_a_teacher_sees_only_himself_behind_a_value(
        self, client_for, association, member_user, head
    ):
        from metodset.growth.models import Diagnostic

        MembershipFactory(association=association, teacher=head.teacher_profile)
        for teacher in (member_user.teacher_profile, head.teacher_profile):
            Diagnostic.objects.create(teacher=teacher, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        url = reverse("indicators:drill", args=["diagnostics_share", association.pk])
        as_teacher = client_for("teacher").get(url, {"year": 2025}).text
        assert member_user.teacher_profile.full_name in as_teacher
        assert head.teacher_profile.full_name not in as_teacher
        as_head = client_for("head").get(url, {"year": 2025}).text  # his members' data
        assert member_user.teacher_profile.full_name in as_head


class TestDrillDown:
    def test_a_count_opens_to_its_records(self, client_for, association, municipality):
        teacher = MembershipFactory(association=association).teacher
        Publication.objects.create(
            teacher=teacher,
            title="Урок-исследование",
            venue="nsportal.ru",
            published_on=dt.date(2025, 10, 3),
        )
        Publication.objects.create(
            teacher=teacher,
            title="Прошлогодняя статья",
            venue="nsportal.ru",
            published_on=dt.date(2025, 3, 3),
        )
        for url in (
            reverse("indicators:drill", args=["publications", association.pk]),
            reverse("indicators:drill_municipality", args=["publications", municipality.pk]),
        ):
            text = client_for("methodist").get(url, {"year": 2025}).text
            assert "Урок-исследование" in text and teacher.full_name in text
            assert "Прошлогодняя статья" not in text

    def test_the_dashboard_links_every_value_with_data(self, client_for, association):
        MembershipFactory(association=association)
        text = client_for("methodist").get(reverse("indicators:dashboard"), {"year": 2025}).text
        for code in ("event_participation_share", "publications", "dissemination_units"):
            assert reverse("indicators:drill", args=[code, association.pk]) in text


class TestRoadmapAssessment:
    def test_the_methodist_assesses_and_the_dashboard_names_him(
        self, client_for, association, methodist
    ):
        url = reverse("indicators:assess", args=["roadmap", association.pk]) + "?year=2025"
        response = client_for("methodist").post(url, {"value": "75,5", "comment": "7 из 10 мер"})
        assert response.status_code == 302
        saved = ExpertAssessment.objects.get()
        assert (str(saved.value), saved.author, saved.school_year) == ("75.5", methodist, 2025)
        text = client_for("methodist").get(reverse("indicators:dashboard"), {"year": 2025}).text
        assert "75,5" in text and methodist.get_short_name() in text
        drill = client_for("head").get(
            reverse("indicators:drill", args=["roadmap", association.pk]), {"year": 2025}
        )
        assert "7 из 10 мер" in drill.text

    @pytest.mark.parametrize("value", ["101", "-5", "много"])
    def test_a_bad_value_is_refused(self, client_for, association, value):
        url = reverse("indicators:assess", args=["roadmap", association.pk])
        response = client_for("methodist").post(url, {"value": value})
        assert response.status_code == 400
        assert "errorlist" in response.text or "error" in response.text
        assert not ExpertAssessment.objects.exists()

    def test_a_computed_indicator_cannot_be_assessed(self, client_for, association):
        url = reverse("indicators:assess", args=["iom_share", association.pk])
        assert client_for("methodist").get(url).status_code == 404


@pytest.fixture
def service(municipality, association):
    """Two schools, five teachers; needs, PD courses and attestations computed by hand below."""
    a, b, c = TeacherFactory.create_batch(
        3, organisation__municipality=municipality, organisation__short_name="СОШ № 1"
    )
    school = a.organisation
    for t in (b, c):
        t.organisation = school
        t.save()
    d, e = TeacherFactory.create_batch(
        2, organisation__municipality=municipality, organisation__short_name="СОШ № 2"
    )
    e.organisation = d.organisation
    e.save()
    for t in (a, b, d):
        MembershipFactory(association=association, teacher=t)
    digital = Need.objects.create(municipality=municipality, name="Цифровые инструменты")
    for t in (a, b, d):
        TeacherNeed.objects.create(teacher=t, school_year=2025, need=digital)
    TeacherNeed.objects.create(teacher=c, school_year=2025, text="Работа с родителями")
    TeacherNeed.objects.create(teacher=e, school_year=2024, need=digital)  # last year
    course = {"program": "ФГОС", "provider": "ИРО", "hours": 36}
    PDCourse.objects.create(
        teacher=a, starts_on=dt.date(2023, 9, 1), ends_on=dt.date(2023, 9, 10), **course
    )
    PDCourse.objects.create(
        teacher=b, starts_on=dt.date(2022, 3, 1), ends_on=dt.date(2022, 3, 10), **course
    )
    PDCourse.objects.create(
        teacher=d, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2025, 10, 10), **course
    )
    Attestation.objects.create(
        teacher=a,
        category="highest",
        assigned_on=dt.date(2025, 10, 1),
        expires_on=dt.date(2030, 10, 1),
    )
    Attestation.objects.create(
        teacher=d, category="first", assigned_on=dt.date(2021, 2, 1), expires_on=dt.date(2026, 2, 1)
    )
    for t, category in ((a, "highest"), (d, "first"), (e, "first")):
        t.category = category
        t.save()
    return a, b, c, d, e


class TestMonitoringReport:
    def test_it_reports_needs_pd_and_attestation(self, client_as, methodist, service):
        response = client_as(methodist).get(reverse("indicators:monitoring"), {"year": 2025})
        data = response.context
        # needs of 2025/26: a, b, d chose «Цифровые инструменты», c in own words → 4 of 5
        assert data["needs"]["items"] == [{"name": "Цифровые инструменты", "teachers": 3}]
        assert (data["needs"]["teachers"], data["needs"]["own_words"]) == (4, 1)
        # PD in the three years up to 31.08.2026 (after 31.08.2023): a (09.2023), d (10.2025);
        # b's course of 03.2022 is too old → 2 of 5 = 40 %; school 1: 1 of 3 = 33.3 %,
        # school 2: 1 of 2 = 50 %
        pd = data["pd"]
        assert (pd["trained"], pd["teachers"], pd["share"]) == (2, 5, 40.0)
        assert [
            (r["organisation"], r["trained"], r["teachers"], r["share"]) for r in pd["rows"]
        ] == [
            ("СОШ № 1", 1, 3, 33.3),
            ("СОШ № 2", 1, 2, 50.0),
        ]
        # categories: highest a; first d, e; none b, c → 1, 2, 0, 2 of 5
        attestation = data["attestation"]
        assert [c["teachers"] for c in attestation["categories"]] == [1, 2, 0, 2]
        # attested in the year: a (01.10.2025); runs out in it: d (01.02.2026)
        assert (attestation["attested"], attestation["expiring"]) == (1, 1)
        assert "Цифровые инструменты" in response.text

    def test_it_ranks_the_associations_by_their_mean_place(
        self, client_as, methodist, service, municipality, association
    ):
        a, _b, c, _d, e = service
        other = AssociationFactory(municipality=municipality, name="ММО отстающих")
        MembershipFactory(association=other, teacher=c)
        MembershipFactory(association=other, teacher=e)
        from metodset.growth.models import Diagnostic

        Diagnostic.objects.create(teacher=a, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        rows = (
            client_as(methodist)
            .get(reverse("indicators:monitoring"), {"year": 2025})
            .context["associations"]
        )
        # the home association leads in diagnostics (1 of 3 against 0 of 2) and ties elsewhere
        assert [r["association"] for r in rows][:1] == [association]
        assert rows[0]["place"] == 1

    def test_the_export_has_the_same_numbers(self, client_as, methodist, service):
        response = client_as(methodist).get(
            reverse("indicators:monitoring"), {"year": 2025, "export": "xlsx"}
        )
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        assert book.sheetnames == [
            "Потребности",
            "Объединения",
            "Охват ПК",
            "Аттестация",
            "Консультации",
        ]
        assert list(book["Потребности"].iter_rows(values_only=True))[1] == (
            "Цифровые инструменты",
            3,
        )
        assert list(book["Охват ПК"].iter_rows(values_only=True))[1:] == [
            ("СОШ № 1", 3, 1, 33.3),
            ("СОШ № 2", 2, 1, 50),
        ]

    def test_a_coordinator_opens_a_municipality_of_his_region(
        self, client_for, municipality, other_municipality
    ):
        client = client_for("coordinator")
        assert (
            client.get(
                reverse("indicators:monitoring"), {"municipality": municipality.pk}
            ).status_code
            == 200
        )
        assert (
            client.get(
                reverse("indicators:monitoring"), {"municipality": other_municipality.pk}
            ).status_code
            == 404
        )

    @pytest.mark.parametrize("count", [3, 30])
    def test_it_costs_the_same_for_3_or_30_associations(
        self, client_for, municipality, count, django_assert_num_queries
    ):
        from django.core.cache import cache

        for association in AssociationFactory.create_batch(count, municipality=municipality):
            MembershipFactory(association=association)
        client = client_for("methodist")
        cache.clear()
        client.get(reverse("indicators:monitoring"), {"year": 2025})  # computes and caches
        # session, user, municipality (3); needs: the list, the counts, the surveys (3);
        # the associations (1; their rows and roadmap authors are cached); the check of the
        # regulations app, in its fixed number of queries for any number of associations
        # (versions, members, heads, PD, attestation, plans, meetings, agenda, passports,
        # notifications…); PD coverage and attestation by aggregate counts (3 + 3). The
        # indicator values come from the cache. The rules in force, for the clauses the
        # indicator headers cite (1). The facts of the year-end apps: the annual analysis, the
        # external evaluation and the portfolio (3). The consultations counted in one (1).
        with django_assert_num_queries(29):
            client.get(reverse("indicators:monitoring"), {"year": 2025})


class TestDashboardQueries:
    @pytest.mark.parametrize("count", [3, 30])
    def test_from_the_cache_it_costs_the_same_for_3_or_30_associations(
        self, client_as, methodist, municipality, count, django_assert_num_queries
    ):
        from django.core.cache import cache

        for association in AssociationFactory.create_batch(count, municipality=municipality):
            MembershipFactory(association=association)
        client = client_as(methodist)
        cache.clear()
        client.get(reverse("indicators:dashboard"), {"year": 2025})  # computes and caches
        # session, user, his municipality (3); the associations (1); the targets (1);
        # unread notifications in the menu (1): values, rows and the dynamics of four
        # school years come from the cache; the rules in force, for the clauses cited (1)
        with django_assert_num_queries(7):
            response = client.get(reverse("indicators:dashboard"), {"year": 2025})
        assert response.text.count('<span title="Место">') == count  # one ranked row each


class TestRegionPage:
    def test_it_shows_the_region_and_exports_its_municipalities(
        self, client_as, coordinator, municipality, sibling_municipality
    ):
        from metodset.growth.models import Diagnostic

        mine = TeacherFactory.create_batch(3, organisation__municipality=municipality)
        theirs = TeacherFactory(organisation__municipality=sibling_municipality)
        for teacher in (mine[0], theirs):
            Diagnostic.objects.create(teacher=teacher, date=dt.date(2025, 10, 1), instrument="ЕФОМ")
        client = client_as(coordinator)
        page = client.get(reverse("indicators:dashboard"), {"year": 2025})
        # the region: 2 of its 4 teachers diagnosed = 50 %; Рубцовск 1 of 3 = 33.3 %
        assert municipality.region.name in page.text
        assert "2 / 4" in page.text and "1 / 3" in page.text
        response = client.get(reverse("indicators:dashboard"), {"year": 2025, "export": "xlsx"})
        rows = list(
            load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
                values_only=True
            )
        )
        column = rows[0].index("Доля педагогов, прошедших диагностику профессиональных компетенций")
        assert {row[0]: row[column] for row in rows[1:]} == {
            municipality.name: 33.3,
            sibling_municipality.name: 100,
        }


class TestAssociationPage:
    def test_it_shows_the_values_with_counts_trend_and_target(
        self, client_for, association, municipality
    ):
        from metodset.growth.models import Diagnostic
        from metodset.indicators.models import IndicatorTarget

        members = MembershipFactory.create_batch(
            4, association=association, joined_on=dt.date(2024, 9, 1)
        )
        for member, day in ((members[0], dt.date(2025, 10, 1)), (members[1], dt.date(2024, 10, 1))):
            Diagnostic.objects.create(teacher=member.teacher, date=day, instrument="ЕФОМ")
        IndicatorTarget.objects.create(
            municipality=municipality, code="diagnostics_share", value=60
        )
        page = client_for("methodist").get(
            reverse("indicators:association", args=[association.pk]) + "?year=2025"
        )
        html = page.content.decode()
        # The fixtures' member teacher and 4 more are 5 members; in 2025/2026 one of them
        # passed diagnostics: 1 / 5 = 20,0 %, against 1 / 5 the year before (no arrow).
        assert '>20,0</a><br><small class="muted">1 / 5</small></td><td>60,0</td>' in html
        assert "Целевое значение" in html and "<td>60,0</td>" in html
        drill = reverse("indicators:drill", args=["diagnostics_share", association.pk])
        assert f"{drill}?year=2025" in html
