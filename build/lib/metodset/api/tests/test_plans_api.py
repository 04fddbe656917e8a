"""Plans and minutes through the API: the same services, rules and messages as the pages."""

import pytest

from metodset.associations.tests.factories import MembershipFactory
from metodset.plans.models import Plan, PlanStatus

API = "/api/v1"

pytestmark = pytest.mark.django_db


def test_a_head_composes_a_plan_and_keeps_minutes(client_as, head, association):
    client = client_as(head)
    member = MembershipFactory(association=association).teacher
    plan = client.post(
        f"{API}/plans/",
        {
            "association_id": association.pk,
            "school_year": 2025,
            "theme": "Функциональная грамотность",
        },
        content_type="application/json",
    )
    assert plan.status_code == 201, plan.content
    plan_id = plan.json()["id"]
    item = client.post(
        f"{API}/plans/{plan_id}/items",
        {"month": 12, "form": "master_class", "topic": "Мастер-класс"},
        content_type="application/json",
    )
    assert item.status_code == 201 and item.json()["status"] == "planned"
    detail = client.get(f"{API}/plans/{plan_id}").json()
    assert detail["status"] == PlanStatus.DRAFT and [i["topic"] for i in detail["items"]] == [
        "Мастер-класс"
    ]

    meeting = client.post(
        f"{API}/meetings/",
        {"association_id": association.pk, "date": "2025-11-10", "agenda": ["О плане работы"]},
        content_type="application/json",
    )
    assert meeting.status_code == 201 and meeting.json()["number"] == 1
    meeting_id = meeting.json()["id"]
    # Not signable yet: the question has no decision and nobody is marked.
    refused = client.post(f"{API}/meetings/{meeting_id}/sign")
    assert refused.status_code == 422
    assert "решени" in str(refused.json()["errors"]["__all__"])
    assert client.get(f"{API}/meetings/{meeting_id}").json()["signed_at"] is None
    added = client.post(
        f"{API}/meetings/{meeting_id}/agenda",
        {"title": "Разное", "decision": "Принять к сведению."},
        content_type="application/json",
    )
    assert added.status_code == 201 and added.json()["position"] == 2
    detail = client.get(f"{API}/meetings/{meeting_id}").json()
    assert [q["title"] for q in detail["agenda"]] == ["О плане работы", "Разное"]
    assert member.pk not in [row["teacher_id"] for row in detail["attendance"]]


def test_bad_input_changes_nothing(client_as, head, association):
    client = client_as(head)
    response = client.post(
        f"{API}/plans/",
        {"association_id": association.pk, "school_year": 2025, "theme": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Plan.objects.exists()
    outside = client.post(
        f"{API}/meetings/",
        {"association_id": association.pk, "date": "1999-11-10"},
        content_type="application/json",
    )
    assert outside.status_code == 422 and outside.json()["errors"]


def _adopted_ready(association):
    """A plan with an item and a held meeting whose question decides to adopt it."""
    import datetime as dt

    from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
    from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

    plan = PlanFactory(association=association, school_year=2025)
    PlanItemFactory(plan=plan)
    meeting = MeetingFactory(association=association, date=dt.date(2025, 9, 10))
    decision = AgendaItemFactory(meeting=meeting, decision="Принять план работы.")
    return plan, decision


def test_the_workflow_through_the_api_by_role(
    client_as, head, methodist, teacher_user, association
):
    plan, decision = _adopted_ready(association)
    url = f"{API}/plans/{plan.pk}"
    adopt = {"decision_id": decision.pk}
    assert (
        client_as(teacher_user)
        .post(f"{url}/adopt", adopt, content_type="application/json")
        .status_code
        == 403
    )
    adopted = client_as(head).post(f"{url}/adopt", adopt, content_type="application/json")
    assert adopted.status_code == 200 and adopted.json()["status"] == PlanStatus.ADOPTED
    # The head does not review his own plan; the methodist of the municipality does.
    assert client_as(head).post(f"{url}/agree").status_code == 403
    methodist_client = client_as(methodist)
    assert methodist_client.post(f"{url}/agree").json()["status"] == PlanStatus.AGREED
    approved = methodist_client.post(f"{url}/approve", {}, content_type="application/json")
    assert approved.json()["status"] == PlanStatus.APPROVED
    published = methodist_client.post(f"{url}/publish")
    assert published.json()["status"] == PlanStatus.PUBLISHED and published.json()["published_at"]
    # Out of order: a published plan cannot be agreed again; nothing changes.
    again = methodist_client.post(f"{url}/agree")
    assert again.status_code == 422
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    returned = methodist_client.post(
        f"{url}/return", {"reason": "Уточнить сроки"}, content_type="application/json"
    )
    assert returned.json()["status"] == PlanStatus.DRAFT


def test_another_municipalitys_methodist_cannot_find_the_plan(
    client_as, association, other_municipality
):
    from metodset.accounts.models import Role
    from metodset.accounts.tests.factories import UserFactory

    plan, _decision = _adopted_ready(association)
    stranger = UserFactory(role=Role.METHODIST, municipality=other_municipality)
    assert client_as(stranger).post(f"{API}/plans/{plan.pk}/agree").status_code == 404
