from django.core.exceptions import PermissionDenied

from metodset.core.access import get_for_user
from metodset.meetings.models import AgendaItem, Attachment, Guest, Meeting


def meeting_queryset():
    return Meeting.objects.select_related(
        "municipality",
        "association",
        "association__municipality",
        "venue",
        "chair",
        "secretary",
        "signed_by",
    )


def get_meeting_for_user(user, pk: int, *, perm: str | None = None) -> Meeting:
    """The meeting if the user may see it (else 404) and, given `perm`, holds it (else 403)."""
    return get_for_user(meeting_queryset(), user, pk, perm=perm)


def _part_for_user(queryset, user, pk: int, *, write: bool):
    part = get_for_user(
        queryset.select_related("meeting", "meeting__association", "meeting__municipality"),
        user,
        pk,
    )
    if write and not user.has_perm("meetings.change_meeting", part.meeting):
        raise PermissionDenied
    return part


def get_agenda_item_for_user(user, pk: int, *, write: bool = False) -> AgendaItem:
    return _part_for_user(AgendaItem.objects.all(), user, pk, write=write)


def get_guest_for_user(user, pk: int, *, write: bool = False) -> Guest:
    return _part_for_user(Guest.objects.all(), user, pk, write=write)


def get_attachment_for_user(user, pk: int, *, write: bool = False) -> Attachment:
    return _part_for_user(Attachment.objects.all(), user, pk, write=write)
