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
