"""Meetings are numbered by date within the school year; signed minutes keep their number.
An attendance row says present or absent only as the head chose it: no default.

Before, a meeting took the next number when it was entered, so a meeting entered late
carried a number out of date order. The unsigned meetings of each association's year are
renumbered by date; signed minutes keep the number printed on them (numbering.py). Each
change is kept in the history, with no reason: it is not a correction of the minutes.
"""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone

from metodset.meetings.numbering import numbers_by_date

OFFSET = 10000


def renumber(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    HistoricalMeeting = apps.get_model("meetings", "HistoricalMeeting")
    fields = [f.attname for f in Meeting._meta.concrete_fields]
    now = timezone.now()
    years = Meeting.objects.order_by().values_list("association_id", "school_year").distinct()
    for association_id, school_year in list(years):
        meetings = list(
            Meeting.objects.filter(association_id=association_id, school_year=school_year).order_by(
                "number"
            )
        )
        changed = [
            (meeting, number)
            for meeting, number in zip(meetings, numbers_by_date(meetings), strict=True)
            if meeting.number != number
        ]
        if not changed:
            continue
        Meeting.objects.filter(pk__in=[m.pk for m, _n in changed]).update(
            number=F("number") + OFFSET
        )
        for meeting, number in changed:
            meeting.number = number
            meeting.save(update_fields=["number", "updated_at"])
            HistoricalMeeting.objects.create(
                **{name: getattr(meeting, name) for name in fields},
                history_date=now,
                history_type="~",
                history_user_id=None,
                history_change_reason=None,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attendance",
            name="present",
            field=models.BooleanField(verbose_name="present"),
        ),
        migrations.AlterField(
            model_name="historicalattendance",
            name="present",
            field=models.BooleanField(verbose_name="present"),
        ),
        migrations.RunPython(renumber, migrations.RunPython.noop),
    ]
