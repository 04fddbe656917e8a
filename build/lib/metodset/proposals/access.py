"""Fetch-and-check for proposals and draft acts."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from metodset.core.access import get_for_user, require_perm
from metodset.proposals.models import DraftAct, DraftPosition, Proposal


def visible_proposals(user) -> QuerySet[Proposal]:
    """A proposal names a teacher and his merits: the service and coordinators see their
    scope's, a head those of his associations, a teacher those about himself."""
    proposals = Proposal.objects.for_user(user)
    if getattr(user, "is_teacher", False):
        proposals = proposals.filter(
            Q(association_id__in=user.headed_association_ids) | Q(teacher_id=user.teacher_id)
        )
    return proposals


def get_proposal_for_user(user, pk: int, *, perm: str | None = None) -> Proposal:
    proposal = get_object_or_404(
        visible_proposals(user).select_related(
            "association", "teacher", "teacher__organisation", "nomination__event"
        ),
        pk=pk,
    )
    if perm:
        require_perm(user, perm, proposal)
    return proposal


def get_draft_for_user(user, pk: int, *, perm: str | None = None) -> DraftAct:
    return get_for_user(DraftAct.objects.select_related("municipality"), user, pk, perm=perm)


def get_position_for_user(user, pk: int) -> DraftPosition:
    return get_for_user(
        DraftPosition.objects.select_related("draft", "association", "adopted_by__meeting"),
        user,
        pk,
    )
