from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from metodset.core.access import get_for_user
from metodset.people.models import Teacher

# What a row of the teacher bank's page shows (people/templatetags/teacher_rows.py) and the
# access log records of it (privacy.services.person_of).
PAGE_COLUMNS = (
    "municipality_id",
    "user_id",
    "last_name",
    "first_name",
    "patronymic",
    "position",
    "birth_date",
    "teaching_since",
    "category",
    "is_active",
    "organisation__name",
    "organisation__short_name",
)


def teacher_list(*, user, with_subjects: bool = False) -> QuerySet[Teacher]:
    """The teacher bank as the user may see it (personal data narrowed by role).

    The page does not show the subjects; the export (`with_subjects`) does, and every
    column of the card: the page reads only the columns its rows show (PAGE_COLUMNS).

    Age, experience and the young-teacher badge are derived from the stored dates
    on each row; `association_count` is the number of associations the teacher
    is a member of today, `teaching_experience` a duration to sort by (more
    experience is a larger value, so "ascending" means the newcomers first).
    """
    from metodset.associations.models import Membership

    current = (
        Membership.objects.current()
        .filter(teacher=OuterRef("pk"))
        .values("teacher")
        .annotate(n=Count("pk"))
        .values("n")
    )
    teachers = Teacher.objects.for_user(user).select_related("organisation")
    if with_subjects:
        teachers = teachers.prefetch_related("subjects")
    else:
        teachers = teachers.only(*PAGE_COLUMNS)
    return teachers.annotate(
        association_count=Coalesce(Subquery(current, output_field=IntegerField()), 0),
        teaching_experience=ExpressionWrapper(
            Value(timezone.localdate(), output_field=DateField()) - F("teaching_since"),
            output_field=DurationField(),
        ),
    )


def teacher_get(*, user, pk: int) -> Teacher:
    """One card with everything it shows: subjects, self-education themes by school year,
    memberships with their dates and head appointments. 404 outside the user's view."""
    from metodset.associations.models import HeadAppointment, Membership

    queryset = Teacher.objects.select_related("organisation", "municipality").prefetch_related(
        "subjects",
        "self_education_themes",
        Prefetch(
            "memberships",
            Membership.objects.select_related("association").order_by("-joined_on", "-pk"),
        ),
        Prefetch(
            "head_appointments",
            HeadAppointment.objects.select_related("association", "order").order_by(
                "-starts_on", "-pk"
            ),
        ),
    )
    return get_for_user(queryset, user, pk)
