"""Notifications move from `regulations` to `core` with their rows: the model is taken
over in the state only, then its table is renamed regulations_notification → core_notification.
`regulations` 0003 drops the model from its own state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_municipality_absence_reasons_in_minutes"),
        ("regulations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=200)),
                        ("text", models.CharField(max_length=500, verbose_name="text")),
                        ("link", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("emailed", models.BooleanField(default=False)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "notification",
                        "verbose_name_plural": "notifications",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "key"), name="uniq_notification")
                        ],
                        "db_table": "regulations_notification",
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="notification", table=None),
    ]
