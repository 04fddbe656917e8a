"""Notifications now live in `core` (core 0004 took the model and its rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("regulations", "0002_version_order_reference"),
        ("core", "0004_notification_moved_from_regulations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
        ),
    ]
