"""Who may download which document: whoever may see the plan or meeting; orders and
templates only the methodical service of the municipality (and the platform admin)."""

from metodset.associations.models import Association, HeadAppointment
from metodset.core.access import get_for_user, require_perm
from metodset.core.models import Municipality
from metodset.meetings.access import get_meeting_for_user
from metodset.plans.access import get_plan_for_user

DRAFT_ORDER = "documents.draft_order"
MANAGE_TEMPLATES = "documents.manage_templates"

__all__ = ["get_meeting_for_user", "get_plan_for_user"]


def get_association_for_order(user, pk: int) -> Association:
    return get_for_user(Association.objects.all(), user, pk, perm=DRAFT_ORDER)


def get_appointment_for_order(user, pk: int) -> HeadAppointment:
    appointment = get_for_user(HeadAppointment.objects.select_related("association"), user, pk)
    require_perm(user, DRAFT_ORDER, appointment.association)
    return appointment


def get_municipality_for_templates(user, pk: int) -> Municipality:
    """404 outside the user's scope, 403 for anyone but its methodist or the admin."""
    from django.shortcuts import get_object_or_404

    municipality = get_object_or_404(Municipality.objects.for_user(user), pk=pk)
    require_perm(user, MANAGE_TEMPLATES, municipality)
    return municipality


def get_petition_for_order(user, pk: int):
    """A granted petition to reward (proposals app) the user may see and draft orders for."""
    from django.http import Http404

    from metodset.proposals.access import get_proposal_for_user

    proposal = get_proposal_for_user(user, pk)
    if not proposal.has_order:
        raise Http404
    require_perm(user, DRAFT_ORDER, proposal)
    return proposal
