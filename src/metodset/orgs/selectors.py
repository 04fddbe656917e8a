from django.db.models import Count, Q, QuerySet

from metodset.orgs.models import Organisation


def organisation_list(*, user) -> QuerySet[Organisation]:
    """Organisations the user may see, with the number of teachers working there."""
    return (
        Organisation.objects.for_user(user)
        .select_related("municipality")
        .annotate(teacher_count=Count("teachers", filter=Q(teachers__is_active=True)))
    )


def venue_list(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.for_user(user).filter(is_venue=True)
