import datetime as dt

import pytest
from django.urls import reverse

from metodset.associations.tests.factories import AssociationFactory
from metodset.core.tests.roles import HEAD_MANAGES, MANAGE, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.meetings.models import Meeting
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.meetings.tests.pages import assert_clean
from metodset.plans import services
from metodset.plans.forms import new_plan_year
from metodset.plans.models import ItemForm, ItemStatus, Plan, PlanStatus
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

COMPOSES = HEAD_MANAGES
REVIEWS = COMPOSES | {"head": 403}

# (url name, the object its argument is taken from, expected status per role)
PAGES = [
    ("plans:list", None, READ_ALL),
    ("plans:association", "association", READ_IN_SCOPE),
    ("plans:create", "association", COMPOSES),
    ("plans:copy", "association", COMPOSES),
    ("plans:service", "municipality", READ_IN_SCOPE),
    ("plans:service_create", "municipality", MANAGE),
    ("plans:detail", "plan", READ_IN_SCOPE),
    ("plans:edit", "plan", COMPOSES),
    ("plans:delete", "plan", COMPOSES),
    ("plans:adopt", "plan", COMPOSES),
    ("plans:agree", "plan", REVIEWS),
    ("plans:approve", "plan", REVIEWS),
    ("plans:publish", "plan", REVIEWS),
    ("plans:return", "plan", REVIEWS),
    ("plans:item_edit", "item", COMPOSES),
    ("plans:item_status", "item", COMPOSES),
    ("plans:item_meeting", "item", COMPOSES),
    # Without HTMX the row is a redirect to its place on the plan page.
    ("plans:item_row", "item", {r: 302 if s == 200 else s for r, s in READ_IN_SCOPE.items()}),
]
POST_ONLY = ["plans:item_add", "plans:item_delete"]


@pytest.fixture
def plan(association):
    return PlanFactory(association=association, school_year=2025)


@pytest.fixture
def objects(association, plan, municipality):
    return {
        "association": association,
        "municipality": municipality,
        "plan": plan,
        "item": PlanItemFactory(plan=plan, form=ItemForm.MEETING),
    }


@pytest.fixture
def decision(association):
    meeting = MeetingFactory(association=association, date=dt.date(2025, 9, 10))
    return AgendaItemFactory(meeting=meeting, title="О плане работы", decision="Принять план.")


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        args = [objects[key].pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.plans.urls import urlpatterns

        names = {f"plans:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("role", "status"),
        [("teacher", 403), ("coordinator", 403), ("other_head", 403), ("methodist_other", 404)],
    )
    def test_item_posts_are_refused_to_others(self, client_for, objects, role, status):
        client = client_for(role)
        add = client.post(
            reverse("plans:item_add", args=[objects["plan"].pk]),
            {"date": "2025-12-01", "form": ItemForm.SEMINAR, "topic": "Семинар"},
        )
        delete = client.post(reverse("plans:item_delete", args=[objects["item"].pk]))
        assert (add.status_code, delete.status_code) == (status, status)
        assert objects["plan"].items.count() == 1


class TestWorkflowPages:
    """Each transition through its page: allowed and refused per role, state refusals in words."""

    def test_the_head_records_the_adoption(self, client_for, objects, decision):
        plan = objects["plan"]
        response = client_for("head").post(
            reverse("plans:adopt", args=[plan.pk]), {"decision": decision.pk}
        )
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ADOPTED and plan.adoption_decision == decision
        history = client_for("head").get(plan.get_absolute_url()).text
        assert "черновик → принят на заседании" in history

    def test_the_adoption_page_offers_decisions_of_held_meetings_of_the_association(
        self, client_for, objects, decision, municipality
    ):
        undecided = AgendaItemFactory(meeting=decision.meeting, decision="", title="Без решения")
        future = AgendaItemFactory(
            meeting=MeetingFactory(association=objects["association"], date=dt.date(2025, 12, 1)),
            title="Будущее",
        )
        foreign = AgendaItemFactory(
            meeting__association=AssociationFactory(municipality=municipality),
            meeting__date=dt.date(2025, 9, 1),
            title="Чужое",
        )
        response = client_for("head").get(reverse("plans:adopt", args=[objects["plan"].pk]))
        choices = list(response.context["form"].fields["decision"].queryset)
        assert choices == [decision]
        for refused in (undecided, future, foreign):
            post = client_for("head").post(
                reverse("plans:adopt", args=[objects["plan"].pk]), {"decision": refused.pk}
            )
            assert post.status_code == 400
        assert_clean(response)

    def test_without_a_decided_meeting_the_adoption_page_says_what_to_do(self, client_for, objects):
        response = client_for("head").get(reverse("plans:adopt", args=[objects["plan"].pk]))
        assert "Проведите заседание" in response.text

    def test_the_methodist_agrees_and_publishes(self, client_for, objects, decision, methodist):
        plan = objects["plan"]
        services.plan_adopt(user=None, plan=plan, decision=decision)
        client = client_for("methodist")
        assert client.post(reverse("plans:agree", args=[plan.pk])).status_code == 302
        assert client.post(reverse("plans:publish", args=[plan.pk])).status_code == 302
        plan.refresh_from_db()
        assert plan.status == PlanStatus.PUBLISHED and plan.agreed_by == methodist
        page = client.get(plan.get_absolute_url())
        assert "опубликован" in page.text

    @pytest.mark.parametrize(
        ("role", "status"),
        [("head", 403), ("teacher", 403), ("coordinator", 403), ("methodist_other", 404)],
    )
    def test_others_may_not_agree(self, client_for, objects, decision, role, status):
        plan = objects["plan"]
        services.plan_adopt(user=None, plan=plan, decision=decision)
        assert client_for(role).post(reverse("plans:agree", args=[plan.pk])).status_code == status
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ADOPTED

    def test_a_step_out_of_order_is_refused_in_words(self, client_for, objects):
        plan = objects["plan"]
        response = client_for("methodist").post(
            reverse("plans:publish", args=[plan.pk]), follow=True
        )
        assert (
            "Опубликовать можно только согласованный или утверждённый план; "
            "статус этого плана — «черновик»." in response.text
        )
        plan.refresh_from_db()
        assert plan.is_draft

    def test_the_methodist_approves_with_an_order_and_returns_with_a_reason(
        self, client_for, objects, decision
    ):
        from metodset.acts.tests.factories import OrderFactory

        plan = objects["plan"]
        services.plan_adopt(user=None, plan=plan, decision=decision)
        order = OrderFactory(municipality=plan.municipality, date=dt.date(2025, 9, 15))
        client = client_for("methodist")
        client.post(reverse("plans:approve", args=[plan.pk]), {"order": order.pk})
        plan.refresh_from_db()
        assert (plan.status, plan.approval_order) == (PlanStatus.APPROVED, order)
        response = client.post(reverse("plans:return", args=[plan.pk]), {"reason": ""})
        assert response.status_code == 400
        client.post(reverse("plans:return", args=[plan.pk]), {"reason": "уточнить задачи"})
        plan.refresh_from_db()
        assert plan.is_draft

    def test_buttons_follow_the_role(self, client_for, objects, decision):
        plan = objects["plan"]
        services.plan_adopt(user=None, plan=plan, decision=decision)
        url = plan.get_absolute_url()
        head_page = client_for("head").get(url).text
        methodist_page = client_for("methodist").get(url).text
        assert reverse("plans:agree", args=[plan.pk]) not in head_page
        assert reverse("plans:agree", args=[plan.pk]) in methodist_page
        assert reverse("plans:edit", args=[plan.pk]) not in head_page  # adopted: no edit
        teacher_page = client_for("teacher").get(url).text
        assert reverse("plans:item_status", args=[objects["item"].pk]) not in teacher_page


class TestPlanPages:
    def test_the_head_creates_a_plan(self, client_for, association):
        response = client_for("head").post(
            reverse("plans:create", args=[association.pk]),
            {"school_year": 2025, "theme": "Функциональная грамотность", "tasks": "Одна\nДве"},
        )
        plan = Plan.objects.get()
        assert response.status_code == 302 and response.url == plan.get_absolute_url()
        assert plan.school_year == 2025

    @pytest.mark.parametrize("name", ["plans:create", "plans:copy"])
    def test_the_form_opens_on_the_current_school_year(self, client_for, association, name):
        # 20.11.2025 (the tests' clock): 2025/2026 is under way; 2024/2025 is finished.
        response = client_for("head").get(reverse(name, args=[association.pk]))
        assert '<option value="2025" selected>2025/2026</option>' in response.text

    @pytest.mark.parametrize(
        "today, year",
        [
            (dt.date(2025, 9, 1), 2025),
            (dt.date(2026, 4, 30), 2025),
            # In May the next year's plan is composed and handed in (by 31 May).
            (dt.date(2026, 5, 1), 2026),
            (dt.date(2026, 8, 31), 2026),
        ],
    )
    def test_a_new_plan_is_for_the_current_year_or_from_may_the_next(self, today, year):
        assert new_plan_year(today).start_year == year

    def test_a_second_plan_for_the_year_is_refused_next_to_the_field(
        self, client_for, association, plan
    ):
        response = client_for("head").post(
            reverse("plans:create", args=[association.pk]), {"school_year": 2025, "theme": "Тема"}
        )
        assert response.status_code == 400
        assert "У объединения уже есть план на этот учебный год." in response.text

    def test_copying_opens_the_new_plan(self, client_for, association):
        old = PlanFactory(association=association, school_year=2024)
        PlanItemFactory(plan=old, date=dt.date(2024, 11, 5))
        response = client_for("head").post(
            reverse("plans:copy", args=[association.pk]), {"school_year": 2025}
        )
        plan = Plan.objects.get(school_year=2025)
        assert response.url == plan.get_absolute_url()
        assert plan.items.get().date == dt.date(2025, 11, 5)

    def test_copying_without_a_previous_plan_says_so(self, client_for, association):
        response = client_for("head").post(
            reverse("plans:copy", args=[association.pk]), {"school_year": 2025}
        )
        assert response.status_code == 400
        assert "Нет плана на 2024/2025 учебный год" in response.text

    def test_a_plan_of_a_liquidated_association_cannot_be_started(
        self, client_for, association, methodist
    ):
        from metodset.associations.services import association_liquidate

        association_liquidate(
            user=None, association=association, on=dt.date(2025, 6, 1), order=None
        )
        response = client_for("methodist").get(reverse("plans:create", args=[association.pk]))
        assert response.status_code == 403

    def test_the_pages_are_clean(self, client_for, objects):
        client = client_for("head")
        for name, key in [
            ("plans:detail", "plan"),
            ("plans:association", "association"),
            ("plans:create", "association"),
            ("plans:copy", "association"),
            ("plans:edit", "plan"),
            ("plans:item_edit", "item"),
            ("plans:item_status", "item"),
            ("plans:item_meeting", "item"),
        ]:
            response = client.get(reverse(name, args=[objects[key].pk]))
            assert response.status_code == 200, name
            assert_clean(response)
        assert_clean(client.get(reverse("plans:list")))
        assert_clean(client_for("methodist").get(objects["plan"].get_absolute_url()))


class TestItemRows:
    def test_htmx_adds_an_item_and_returns_the_items(self, client_for, objects):
        plan = objects["plan"]
        response = client_for("head").post(
            reverse("plans:item_add", args=[plan.pk]),
            {"month": 2, "form": ItemForm.MASTER_CLASS, "topic": "Мастер-класс по ФГ"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert 'id="items"' in response.text and "Мастер-класс по ФГ" in response.text
        assert "<html" not in response.text
        assert plan.items.count() == 2

    def test_htmx_shows_a_date_outside_the_year_in_the_form(self, client_for, objects):
        response = client_for("head").post(
            reverse("plans:item_add", args=[objects["plan"].pk]),
            {"date": "2026-09-10", "form": ItemForm.SEMINAR, "topic": "Семинар"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "Дата выходит за пределы 2025/2026 учебного года" in response.text
        assert objects["plan"].items.count() == 1

    def test_without_htmx_a_bad_item_comes_back_on_the_page(self, client_for, objects):
        response = client_for("head").post(
            reverse("plans:item_add", args=[objects["plan"].pk]),
            {"form": ItemForm.SEMINAR, "topic": "Семинар"},
        )
        assert response.status_code == 400
        assert "Укажите дату или хотя бы месяц." in response.text

    def test_htmx_edits_an_item_in_its_row(self, client_for, objects):
        item = objects["item"]
        client = client_for("head")
        url = reverse("plans:item_edit", args=[item.pk])
        form = client.get(url, headers={"HX-Request": "true"})
        assert form.text.lstrip().startswith(f'<tr id="item-{item.pk}">') and "<form" in form.text
        response = client.post(
            url,
            {"date": "2025-11-25", "form": ItemForm.MEETING, "topic": "Заседание № 2"},
            headers={"HX-Request": "true"},
        )
        assert "Заседание № 2" in response.text and "<form" not in response.text.split("<td>")[1]
        item.refresh_from_db()
        assert item.date == dt.date(2025, 11, 25)

    def test_moving_an_item_without_a_reason_is_refused_in_its_row(self, client_for, objects):
        item = objects["item"]
        url = reverse("plans:item_status", args=[item.pk])
        response = client_for("head").post(
            url, {"status": ItemStatus.MOVED}, headers={"HX-Request": "true"}
        )
        assert "Укажите, почему пункт перенесён или отменён." in response.text
        item.refresh_from_db()
        assert item.status == ItemStatus.PLANNED
        response = client_for("head").post(
            url,
            {"status": ItemStatus.MOVED, "reason": "карантин", "moved_to": "2025-12-20"},
            headers={"HX-Request": "true"},
        )
        assert "перенесено" in response.text and "карантин" in response.text
        item.refresh_from_db()
        assert (item.status, item.moved_to) == (ItemStatus.MOVED, dt.date(2025, 12, 20))

    def test_htmx_removes_an_item(self, client_for, objects):
        response = client_for("head").post(
            reverse("plans:item_delete", args=[objects["item"].pk]),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200 and "Пункт удалён." in response.text
        assert not objects["plan"].items.exists()

    def test_a_meeting_is_scheduled_from_an_item(self, client_for, objects, head):
        item = objects["item"]
        response = client_for("head").post(
            reverse("plans:item_meeting", args=[item.pk]), {"date": "2025-10-20"}
        )
        meeting = Meeting.objects.get()
        assert response.url == meeting.get_absolute_url()
        item.refresh_from_db()
        assert (item.status, item.meeting) == (ItemStatus.PLANNED, meeting)
        page = client_for("head").get(reverse("plans:detail", args=[item.plan_id]))
        assert "будет выполнен после подписания протокола" in page.text

    def test_a_meeting_outside_the_plan_year_is_refused_on_the_form(self, client_for, objects):
        response = client_for("head").post(
            reverse("plans:item_meeting", args=[objects["item"].pk]), {"date": "2026-09-20"}
        )
        assert response.status_code == 400
        assert "Дата выходит за пределы 2025/2026 учебного года" in response.text
        assert not Meeting.objects.exists()


class TestLists:
    def test_they_cost_the_same_for_3_or_30_plans(
        self, client_for, association, municipality, django_assert_num_queries
    ):
        client = client_for("methodist")

        def add(n, start):
            for i in range(n):
                plan = PlanFactory(
                    association=AssociationFactory(municipality=municipality),
                    school_year=2020 + (start + i) % 6,
                )
                PlanItemFactory.create_batch(
                    2, plan=plan, date=dt.date(plan.school_year, 10, 1), status=ItemStatus.DONE
                )

        # session, user, unread notifications and the user's municipality (top bar), the count,
        # the page with its item counts as subqueries
        add(3, 0)
        with django_assert_num_queries(6):
            response = client.get(reverse("plans:list"))
        assert response.context["total"] == 3
        add(27, 3)
        with django_assert_num_queries(6):
            response = client.get(reverse("plans:list"))
        assert response.context["total"] == 30
        assert "2 из 2" in response.text

    def test_the_association_list_costs_the_same_for_3_or_30_plans(
        self, client_for, association, django_assert_num_queries
    ):
        client = client_for("head")
        url = reverse("plans:association", args=[association.pk])
        for year in range(2023, 2026):
            PlanFactory(association=association, school_year=year)
        # session, user, the association, the head's teacher card and his associations (the
        # right to add a plan), the count, the user's model permissions and group permissions
        # (the menu), unread notifications and the municipality (top bar), the page; the
        # rules in force, for the clause cited
        with django_assert_num_queries(12):
            assert client.get(url).context["total"] == 3
        for year in range(1996, 2023):
            PlanFactory(association=association, school_year=year)
        with django_assert_num_queries(12):
            assert client.get(url).context["total"] == 30

    def test_the_methodist_finds_the_plans_awaiting_him(self, client_for, objects, decision):
        services.plan_adopt(user=None, plan=objects["plan"], decision=decision)
        PlanFactory(
            association=AssociationFactory(municipality=objects["association"].municipality)
        )
        response = client_for("methodist").get(reverse("plans:list"), {"status": "adopted"})
        assert [p.pk for p in response.context["rows"]] == [objects["plan"].pk]
