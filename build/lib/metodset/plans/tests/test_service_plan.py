"""The methodical service's own plan (004 §4.1): no association, composed by the methodist,
adopted by the methodical council, approved by an order that links to it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from metodset.acts.tests.factories import OrderFactory
from metodset.associations.models import AssociationKind
from metodset.associations.tests.factories import AssociationFactory
from metodset.meetings.tests.factories import AgendaItemFactory
from metodset.plans import services
from metodset.plans.models import Plan, PlanOwner, PlanStatus
from metodset.plans.tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_plan(municipality, methodist):
    plan = services.plan_create(
        user=methodist, municipality=municipality, school_year=2025, theme="Методическая служба"
    )
    PlanItemFactory(plan=plan)
    return plan


class TestServicePlan:
    def test_the_methodist_composes_it_without_an_association(self, service_plan, municipality):
        assert service_plan.owner == PlanOwner.SERVICE and service_plan.association is None
        assert service_plan.owner_name == (municipality.service_name or "методическая служба")

    def test_one_per_school_year(self, service_plan, municipality, methodist):
        with pytest.raises(ValidationError):
            services.plan_create(
                user=methodist, municipality=municipality, school_year=2025, theme="Ещё"
            )

    def test_a_head_may_not_compose_it(self, municipality, head):
        with pytest.raises(PermissionDenied):
            services.plan_create(user=head, municipality=municipality, school_year=2025, theme="Т")

    def test_the_council_adopts_it_and_an_order_approves_it(
        self, service_plan, municipality, methodist, client_for
    ):
        mmo_question = AgendaItemFactory(
            meeting__association=AssociationFactory(municipality=municipality),
            meeting__date=dt.date(2025, 9, 10),
        )
        with pytest.raises(ValidationError):
            services.plan_adopt(user=methodist, plan=service_plan, decision=mmo_question)
        council_question = AgendaItemFactory(
            meeting__association=AssociationFactory(
                municipality=municipality, kind=AssociationKind.COUNCIL
            ),
            meeting__date=dt.date(2025, 9, 10),
            decision="Принять план работы ММС.",
        )
        services.plan_adopt(user=methodist, plan=service_plan, decision=council_question)
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 9, 15))
        services.plan_approve(user=methodist, plan=service_plan, order=order)
        assert service_plan.status == PlanStatus.APPROVED
        page = client_for("methodist").get(order.get_absolute_url())
        assert service_plan.get_absolute_url() in page.text

    def test_its_pages_and_document(self, service_plan, municipality, client_for):
        client = client_for("teacher")
        listing = client.get(reverse("plans:service", args=[municipality.pk]))
        assert service_plan.get_absolute_url() in listing.text
        assert service_plan.get_absolute_url() in client.get(reverse("plans:list")).text
        detail = client.get(service_plan.get_absolute_url())
        assert detail.status_code == 200
        docx = client.get(reverse("documents:plan_docx", args=[service_plan.pk]))
        assert docx.status_code == 200

    def test_the_methodist_creates_it_through_the_form(self, municipality, client_for):
        response = client_for("methodist").post(
            reverse("plans:service_create", args=[municipality.pk]),
            {"school_year": 2025, "theme": "Сопровождение педагогов"},
        )
        assert response.status_code == 302
        plan = Plan.objects.get(municipality=municipality, owner=PlanOwner.SERVICE)
        assert plan.association is None and plan.theme == "Сопровождение педагогов"

    def test_no_meeting_is_scheduled_from_its_items(self, service_plan, methodist):
        item = service_plan.items.get()
        with pytest.raises(ValidationError):
            services.plan_item_meeting_create(user=methodist, item=item, date=dt.date(2025, 12, 1))
