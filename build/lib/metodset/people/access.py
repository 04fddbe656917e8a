from metodset.core.access import get_for_user
from metodset.people.models import Teacher


def get_teacher_for_user(user, pk: int, *, write: bool = False, delete: bool = False) -> Teacher:
    """The teacher's card if the user may see it (404 otherwise).

    `write` asks for the right to edit it (the teacher himself or the methodist),
    `delete` for the right to delete it (the methodist only); without it: 403.
    """
    perm = "people.delete_teacher" if delete else "people.change_teacher" if write else None
    return get_for_user(Teacher.objects.select_related("organisation"), user, pk, perm=perm)
