"""The notification centre: sent once, e-mailed once, read by its user only."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from metodset.core.models import Notification
from metodset.core.notifications import notify


@pytest.mark.django_db
class TestNotify:
    def test_it_sends_a_key_once_and_emails_it(
        self, methodist, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = notify(user=methodist, key="term:1", text="Срок истекает", url="/a/")
            again = notify(user=methodist, key="term:1", text="Срок истекает", url="/a/")
        assert first is not None and again is None
        assert Notification.objects.get().link == "/a/"
        assert [m.to for m in mailoutbox] == [[methodist.email]]
        first.refresh_from_db()
        assert first.emailed

    def test_it_shows_only_the_users_own_and_marks_them_read(
        self, client_as, methodist, teacher_user
    ):
        notify(user=methodist, key="k", text="Своё", email=False)
        notify(user=teacher_user, key="k", text="Чужое", email=False)
        client = client_as(methodist)
        page = client.get(reverse("core:notifications")).text
        assert "Своё" in page and "Чужое" not in page
        assert client.post(reverse("core:notifications_read")).status_code == 302
        assert Notification.objects.get(user=methodist).read_at is not None
        assert Notification.objects.get(user=teacher_user).read_at is None


@pytest.mark.django_db(transaction=True)
def test_the_move_from_regulations_keeps_the_rows(methodist):
    executor = MigrationExecutor(connection)
    before = [
        ("core", "0003_municipality_absence_reasons_in_minutes"),
        ("regulations", "0002_version_order_reference"),
    ]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("regulations", "Notification")
    old.objects.create(user_id=methodist.pk, key="k", text="Срок истекает")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert list(Notification.objects.values_list("user_id", "text")) == [
        (methodist.pk, "Срок истекает")
    ]


@pytest.mark.django_db
class TestKindsAndPreferences:
    def test_every_app_declares_its_kinds(self):
        from metodset.core.notifications import KINDS

        assert {
            "general",
            "plan_returned",
            "plan_agreed",
            "minutes_to_sign",
            "portfolio_returned",
            "waitlist_seat",
            "consultation_answered",
            "compliance",
        } <= set(KINDS)

    def test_an_undeclared_kind_is_an_error(self, methodist):
        with pytest.raises(KeyError):
            notify(user=methodist, kind="nonsense", key="k", text="?")

    def test_the_users_choice_decides_the_channels(
        self, client_as, methodist, mailoutbox, django_capture_on_commit_callbacks
    ):
        client = client_as(methodist)
        page = client.get(reverse("core:notification_settings"))
        assert page.status_code == 200 and "Место из листа ожидания" in page.text
        # Only e-mail for compliance reminders; nothing at all for plans agreed.
        response = client.post(
            reverse("core:notification_settings"),
            {"compliance-email": "on", "plan_agreed-in_app": ""},
        )
        assert response.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            notify(user=methodist, kind="compliance", key="c", text="Срок")
            notify(user=methodist, kind="plan_agreed", key="p", text="Согласован")
            notify(user=methodist, kind="plan_agreed", key="p", text="Согласован")
        assert [m.subject for m in mailoutbox] == [
            "Методсеть: Напоминания по положению: сроки, требования под угрозой"
        ]
        # Neither shows in the bell, but both are recorded: the key is still sent once.
        assert Notification.objects.filter(user=methodist).count() == 2
        assert "Срок" not in client.get(reverse("core:notifications")).text

    def test_one_notification_is_marked_read_and_opened(self, client_as, methodist, head):
        mine = notify(user=methodist, key="a", text="Моё", url="/plans/", email=False)
        other = notify(user=head, key="a", text="Чужое", email=False)
        client = client_as(methodist)
        response = client.post(reverse("core:notification_read", args=[mine.pk]), {"open": "1"})
        assert response.status_code == 302 and response["Location"] == "/plans/"
        mine.refresh_from_db()
        assert mine.read_at is not None
        assert client.post(reverse("core:notification_read", args=[other.pk])).status_code == 404
        assert client.get(reverse("core:notification_read", args=[mine.pk])).status_code == 405


@pytest.mark.django_db
class TestWhatIsNotified:
    def test_the_head_is_told_his_plan_is_returned_and_agreed(self, association, head, methodist):
        from metodset.plans import services
        from metodset.plans.models import PlanStatus
        from metodset.plans.tests.factories import PlanFactory

        plan = PlanFactory(association=association, school_year=2025, status=PlanStatus.ADOPTED)
        services.plan_agree(user=methodist, plan=plan)
        services.plan_return_to_draft(user=methodist, plan=plan, reason="Нет целей")
        kinds = set(Notification.objects.filter(user=head).values_list("kind", flat=True))
        assert kinds == {"plan_agreed", "plan_returned"}

    def test_a_waitlisted_teacher_is_told_of_his_seat(self, municipality, methodist):
        from metodset.accounts.models import Role
        from metodset.accounts.tests.factories import UserFactory
        from metodset.events import services
        from metodset.events.tests.factories import EventFactory
        from metodset.people.tests.factories import TeacherFactory

        event = EventFactory(municipality=municipality, capacity=1)
        first = TeacherFactory(organisation__municipality=municipality)
        waiting = TeacherFactory(
            organisation__municipality=municipality,
            user=UserFactory(role=Role.TEACHER, municipality=municipality),
        )
        taken = services.participation_register(user=methodist, event=event, teacher=first)
        services.participation_register(user=methodist, event=event, teacher=waiting)
        services.participation_cancel(user=methodist, participation=taken)
        assert Notification.objects.get(user=waiting.user).kind == "waitlist_seat"
