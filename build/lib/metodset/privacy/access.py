from metodset.core.access import get_for_user
from metodset.people.models import Teacher


def get_teacher_for_user(user, pk: int, *, perm: str) -> Teacher:
    """A teacher the user may see (404 otherwise) and holds `perm` on (403 otherwise)."""
    return get_for_user(
        Teacher.objects.select_related("organisation", "municipality", "user"), user, pk, perm=perm
    )
