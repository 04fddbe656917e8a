from django.db.models import QuerySet

from metodset.people.models import Teacher


def teacher_list(*, user) -> QuerySet[Teacher]:
    """The teacher bank as the user may see it (personal data narrowed by role)."""
    return (
        Teacher.objects.for_user(user)
        .select_related("organisation", "municipality")
        .prefetch_related("subjects")
    )


def teacher_card(teacher: Teacher) -> dict:
    """Everything the teacher's card shows besides the record itself."""
    from metodset.associations.models import HeadAppointment, Membership

    return {
        "memberships": list(
            Membership.objects.filter(teacher=teacher)
            .select_related("association")
            .order_by("-joined_on")
        ),
        "appointments": list(
            HeadAppointment.objects.filter(teacher=teacher).select_related("association", "order")
        ),
        "themes": list(teacher.self_education_themes.all()),
        "subjects": list(teacher.subjects.all()),
    }
