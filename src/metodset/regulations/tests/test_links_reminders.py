"""«Исправить» links only for who may follow them; daily reminders of terms and risks."""

import datetime as dt

import pytest
from django.urls import reverse

from metodset.associations.models import HeadAppointment
from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.dates import SchoolYear
from metodset.core.models import Notification
from metodset.regulations.facts import FactsBatch
from metodset.regulations.links import TARGETS, fix_link_for
from metodset.regulations.reminders import reminders_compute
from metodset.regulations.services import regulation_import

pytestmark = pytest.mark.django_db

NO_TERM_RULE = """title: Положение
applies_to: [mmo]
effective_from: 2020-09-01
rules:
  - kind: head_appointed
    clause: п. 4.1
"""
TERM_RULE = """title: Положение
applies_to: [mmo]
effective_from: 2020-09-01
rules:
  - kind: head_term_max
    clause: п. 3.2
    years: 3
    warn_days: 30
"""


def head_teacher(association):
    return HeadAppointment.objects.get(association=association).teacher


class TestFixLinks:
    # (url name, object, roles that may fix there)
    @pytest.mark.parametrize(
        ("name", "obj", "allowed"),
        [
            ("associations:head_appoint", "association", {"platform_admin", "methodist"}),
            ("plans:association", "association", {"platform_admin", "methodist", "head"}),
            ("meetings:association", "association", {"platform_admin", "methodist", "head"}),
            (
                "associations:detail",
                "association",
                {"platform_admin", "methodist", "head"},
            ),
            ("growth:teacher", "head_teacher", {"platform_admin", "methodist", "head"}),
            ("people:detail", "head_teacher", {"platform_admin", "methodist", "head"}),
        ],
    )
    def test_it_shows_a_link_per_role(self, role_users, association, name, obj, allowed):
        target = association if obj == "association" else head_teacher(association)
        url = reverse(name, args=[target.pk])
        shown = {role for role, user in role_users.items() if fix_link_for(user, url)}
        assert shown == allowed

    @pytest.mark.parametrize(
        "name",
        [
            "associations:head_appoint",
            "associations:detail",
            "associations:edit",
            "plans:association",
            "meetings:association",
            "analysis:association",
            "portfolio:association",
        ],
    )
    def test_the_pages_own_object_is_judged_alike_without_reading_it_again(
        self, role_users, association, name
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from metodset.associations.models import Association

        url = reverse(name, args=[association.pk])
        for role, user in role_users.items():
            # What the association page has loaded for this reader (it answers 404 otherwise).
            shown = Association.objects.for_user(user).filter(pk=association.pk).first()
            if shown is None:
                continue
            with CaptureQueriesContext(connection) as queries:
                link = fix_link_for(user, url, {}, shown)
            assert link == fix_link_for(user, url), role
            assert not [q for q in queries if 'FROM "associations_association"' in q["sql"]]

    def test_the_tag_without_a_shown_object_looks_the_link_up(self, rf, methodist, association):
        from django.template import Context, Template

        request = rf.get("/")
        request.user = methodist
        url = reverse("associations:head_appoint", args=[association.pk])
        template = Template("{% load compliance %}{% fix_link url association as link %}{{ link }}")
        # A page whose context has no `association` (the variable resolves to "").
        assert template.render(Context({"request": request, "url": url})) == url

    def test_the_shown_object_does_not_vouch_for_another(
        self, methodist, association, other_municipality
    ):
        foreign = AssociationFactory(municipality=other_municipality)
        url = reverse("associations:head_appoint", args=[foreign.pk])
        assert fix_link_for(methodist, url, {}, association) == ""

    def test_another_municipalitys_object_gets_no_link(self, methodist, other_municipality):
        foreign = AssociationFactory(municipality=other_municipality)
        assert (
            fix_link_for(methodist, reverse("associations:head_appoint", args=[foreign.pk])) == ""
        )

    def test_an_unknown_page_gets_no_link(self, methodist):
        assert fix_link_for(methodist, "/no/such/page/") == ""
        assert fix_link_for(methodist, reverse("home:home")) == ""

    def test_every_place_a_kind_points_at_is_known(self, association):
        from django.urls import resolve

        batch = FactsBatch([association], SchoolYear(2025), dt.date(2025, 11, 20))
        facts = batch.facts(association.pk)
        places = ["head", "plan", "meetings", "indicators", "members", "portfolio", "edit"]
        for place in places:
            assert resolve(facts.url(place).split("?")[0]).view_name in TARGETS, place

    def test_each_place_is_the_url_reverse_gives(self, association):
        batch = FactsBatch([association], SchoolYear(2025), dt.date(2025, 11, 20))
        facts = batch.facts(association.pk)
        for place, view in facts.PLACES.items():
            assert facts.url(place) == reverse(view, args=[association.pk]), place
        assert facts.url("members") == association.get_absolute_url()
        assert facts.url("composition") == association.get_absolute_url() + "#composition"
        assert facts.url("indicators") == reverse("indicators:dashboard") + "?year=2025"
        assert facts.growth_url(12) == reverse("growth:teacher", args=[12])

    def test_the_panel_shows_fix_only_to_who_may_fix(
        self, client_as, methodist, teacher_user, municipality
    ):
        association = AssociationFactory(municipality=municipality, kind="mmo")
        regulation_import(user=None, municipality=municipality, text=NO_TERM_RULE)
        head_url = reverse("associations:head_appoint", args=[association.pk])
        page = client_as(methodist).get(association.get_absolute_url()).text
        assert "нет назначенного руководителя" in page or "не назначен" in page
        assert f'href="{head_url}"' in page
        page = client_as(teacher_user).get(association.get_absolute_url()).text
        assert f'href="{head_url}"' not in page
        assert "исправить" not in page


class TestReminders:
    def test_a_term_ending_within_weeks_is_reminded_without_a_term_rule(
        self, methodist, head, association, municipality
    ):
        """Чоя's regulation limits no term: the methodist and the head hear all the same."""
        association.kind = "mmo"
        association.save()
        regulation_import(user=None, municipality=municipality, text=NO_TERM_RULE)
        HeadAppointment.objects.filter(association=association).update(
            ends_on=dt.date(2025, 12, 15)
        )
        created = [
            n for n in reminders_compute(dt.date(2025, 11, 20)) if n.key.startswith("head_term:")
        ]
        assert {n.user for n in created} == {methodist, head}
        assert all("15.12.2025" in n.text and "через 25 дней" in n.text for n in created), [
            n.text for n in created
        ]
        by_user = {n.user: n.link for n in created}
        # The head may not appoint: his link is the association's page.
        assert by_user[methodist] == reverse("associations:head_appoint", args=[association.pk])
        assert by_user[head] == association.get_absolute_url()
        assert reminders_compute(dt.date(2025, 11, 21)) == []

    def test_the_rules_warn_period_decides(self, methodist, municipality):
        association = AssociationFactory(municipality=municipality, kind="mmo")
        regulation_import(user=None, municipality=municipality, text=TERM_RULE)
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2023, 1, 10), ends_on=dt.date(2026, 1, 9)
        )
        assert reminders_compute(dt.date(2025, 11, 20)) == []  # 50 days: beyond 30
        created = reminders_compute(dt.date(2025, 12, 15))  # 25 days
        assert [n.user for n in created] == [methodist]
        assert "09.01.2026" in created[0].text

    def test_other_rules_at_risk_are_reminded(self, methodist, municipality):
        association = AssociationFactory(municipality=municipality, kind="mmo")
        regulation_import(
            user=None,
            municipality=municipality,
            text="""title: Положение
effective_from: 2020-09-01
rules:
  - kind: head_appointed
    clause: п. 4.1
  - kind: external_evaluation
    clause: п. 5.9
    months: [5, 6]
""",
        )
        created = reminders_compute(dt.date(2026, 5, 12))
        assert len(created) == 1 and "п. 5.9" in created[0].text
        assert association.name in created[0].text
        assert Notification.objects.filter(user=methodist).count() == 1
