"""Reads about proposals and draft acts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from metodset.associations.models import Association
from metodset.meetings.models import AgendaItem
from metodset.proposals.access import visible_proposals
from metodset.proposals.models import DraftAct, DraftComment, DraftPosition, Proposal


def proposal_list(*, user) -> QuerySet[Proposal]:
    """Proposals the user may see with what their rows print, in one query."""
    return visible_proposals(user).select_related(
        "association", "teacher", "municipality", "nomination__event"
    )


def draft_list(*, user) -> QuerySet[DraftAct]:
    """Drafts of the user's scope with their counts of associations, comments and positions."""
    return (
        DraftAct.objects.for_user(user)
        .select_related("municipality")
        .annotate(
            association_count=Count("associations", distinct=True),
            comment_count=Count("comments", distinct=True),
            position_count=Count("positions", distinct=True),
        )
    )


@dataclass
class AssociationDiscussion:
    association: Association
    comments: list[DraftComment]
    position: DraftPosition | None


def discussion(draft: DraftAct) -> list[AssociationDiscussion]:
    """Per association discussing the draft: its comments by clause and its position.
    Three queries, whatever the number of associations."""
    associations = list(draft.associations.order_by("name"))
    comments: dict[int, list[DraftComment]] = {a.pk: [] for a in associations}
    for comment in draft.comments.select_related("author").order_by("clause", "created_at"):
        comments.setdefault(comment.association_id, []).append(comment)
    positions = {p.association_id: p for p in draft.positions.select_related("adopted_by__meeting")}
    return [
        AssociationDiscussion(a, comments.get(a.pk, []), positions.get(a.pk)) for a in associations
    ]


def adoption_choices(position: DraftPosition) -> QuerySet[AgendaItem]:
    """Decided questions of the association's meetings since the draft was opened."""
    return (
        AgendaItem.objects.filter(
            meeting__association_id=position.association_id,
            meeting__date__gte=position.draft.created_at.date(),
        )
        .exclude(decision="")
        .select_related("meeting")
        .order_by("-meeting__date", "position")
    )
