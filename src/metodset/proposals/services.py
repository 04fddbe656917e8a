"""Every write about proposals upward and the discussion of draft acts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.access import require_perm
from metodset.core.models import Municipality
from metodset.core.notifications import notify
from metodset.core.roles import Role
from metodset.core.services import with_history_user
from metodset.events.models import CompetitionEntry, EventForm, EventStatus, Nomination
from metodset.meetings.models import AgendaItem
from metodset.people.models import Teacher
from metodset.proposals.models import (
    DraftAct,
    DraftComment,
    DraftPosition,
    PositionStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
)


def _is_member(association: Association, teacher: Teacher) -> bool:
    return Membership.objects.current().filter(association=association, teacher=teacher).exists()


def _check_nomination(nomination: Nomination | None, municipality_id: int) -> None:
    if nomination is None:
        return
    event = nomination.event
    if event.municipality_id != municipality_id:
        raise ValidationError({"nomination": _("The competition is another municipality's.")})
    if event.form != EventForm.COMPETITION or event.status != EventStatus.PLANNED:
        raise ValidationError({"nomination": _("Choose a nomination of a planned competition.")})
    if event.has_ended:
        raise ValidationError({"nomination": _("The competition is over.")})


@transaction.atomic
def proposal_submit(
    *,
    user,
    association: Association,
    teacher: Teacher,
    kind: str,
    grounds: str,
    records: Sequence[str] = (),
    award: str = "",
    nomination: Nomination | None = None,
    category: str = "",
) -> Proposal:
    """The head puts a member of his association forward: a petition to reward him, a
    nomination for a competition, a proposal on his attestation. The grounds are the head's
    words and the lines of the member's records he chose; the methodists are told."""
    require_perm(user, "proposals.submit", association)
    if not _is_member(association, teacher):
        raise ValidationError({"teacher": _("The teacher is not a member of the association.")})
    if not grounds.strip():
        raise ValidationError({"grounds": _("State the grounds.")})
    _check_nomination(nomination, association.municipality_id)
    proposal = Proposal(
        municipality_id=association.municipality_id,
        kind=kind,
        association=association,
        teacher=teacher,
        award=award.strip() if kind == ProposalKind.PETITION else "",
        nomination=nomination if kind == ProposalKind.NOMINATION else None,
        category=category if kind == ProposalKind.ATTESTATION else "",
        records="\n".join(line.strip() for line in records if line.strip()),
        grounds=grounds.strip(),
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
        submitted_at=timezone.now(),
    )
    proposal.full_clean()
    with_history_user(proposal, user).save()
    _tell_methodists(proposal)
    return proposal


def _tell_methodists(proposal: Proposal) -> None:
    from metodset.accounts.models import User

    for methodist in User.objects.filter(
        role=Role.METHODIST, municipality_id=proposal.municipality_id, is_active=True
    ):
        notify(
            user=methodist,
            text=_("%(association)s: %(proposal)s.")
            % {"association": proposal.association, "proposal": proposal},
            url=proposal.get_absolute_url(),
            key=f"proposals.submitted.{proposal.pk}.{methodist.pk}",
            kind="proposal_submitted",
        )


def _award_line(proposal: Proposal) -> str:
    """«Благодарственное письмо управления образования (2025)»: one line of the card."""
    year = timezone.localdate(proposal.decided_at).year
    return f"{proposal.award} ({year})"


@transaction.atomic
def proposal_decide(*, user, proposal: Proposal, granted: bool, reason: str = "") -> Proposal:
    """The methodist grants or refuses (with a reason) a proposal under consideration.

    A granted petition writes the award to the teacher's card (one line of its awards); a
    granted nomination enters the teacher in the competition in the name of the association.
    The head who submitted it is told."""
    require_perm(user, "proposals.decide", proposal)
    stored = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if stored.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("The proposal has already been decided."))
    reason = (reason or "").strip()
    if not granted and not reason:
        raise ValidationError({"decision_reason": _("Give the reason for the refusal.")})
    proposal.status = ProposalStatus.GRANTED if granted else ProposalStatus.REFUSED
    proposal.decision_reason = reason
    proposal.decided_by = user if getattr(user, "is_authenticated", False) else None
    proposal.decided_at = timezone.now()
    proposal.full_clean()
    with_history_user(proposal, user).save(
        update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"]
    )
    if granted and proposal.kind == ProposalKind.PETITION:
        teacher = Teacher.objects.select_for_update().get(pk=proposal.teacher_id)
        line = _award_line(proposal)
        if line not in teacher.awards.splitlines():
            teacher.awards = "\n".join(a for a in (teacher.awards.strip(), line) if a)
            with_history_user(teacher, user).save(update_fields=["awards", "updated_at"])
    if granted and proposal.kind == ProposalKind.NOMINATION:
        CompetitionEntry.objects.get_or_create(
            nomination=proposal.nomination,
            teacher=proposal.teacher,
            defaults={"nominated_by": proposal.association},
        )
    if proposal.submitted_by_id:
        notify(
            user=proposal.submitted_by,
            text=(_("Granted: %(proposal)s.") if granted else _("Refused: %(proposal)s."))
            % {"proposal": proposal},
            url=proposal.get_absolute_url(),
            key=f"proposals.decided.{proposal.pk}",
            kind="proposal_decided",
        )
    return proposal


# --- Draft acts ------------------------------------------------------------------------


def _people_of(associations: Iterable[Association]) -> set:
    """The accounts of the heads and members of the associations today."""
    from metodset.accounts.models import User

    ids = [a.pk for a in associations]
    teacher_ids = set(
        Membership.objects.current()
        .filter(association_id__in=ids)
        .values_list("teacher_id", flat=True)
    ) | set(
        HeadAppointment.objects.current()
        .filter(association_id__in=ids)
        .values_list("teacher_id", flat=True)
    )
    return set(User.objects.filter(teacher_profile__in=teacher_ids, is_active=True))


@transaction.atomic
def draft_open(
    *,
    user,
    municipality: Municipality,
    title: str,
    level: str,
    summary: str,
    file,
    deadline: dt.date,
    associations: Sequence[Association],
) -> DraftAct:
    """Open a draft act (a file checked for type and size, and its summary) for the chosen
    associations of the municipality until the deadline; their heads and members are told."""
    require_perm(user, "proposals.open_draft", municipality)
    associations = list(associations)
    if not associations:
        raise ValidationError({"associations": _("Choose the associations to discuss it.")})
    foreign = [a.name for a in associations if a.municipality_id != municipality.pk]
    if foreign:
        raise ValidationError(
            {
                "associations": _("Of another municipality: %(names)s.")
                % {"names": ", ".join(foreign)}
            }
        )
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline has already passed.")})
    draft = DraftAct(
        municipality=municipality,
        title=title.strip(),
        level=level,
        summary=summary.strip(),
        file=file,
        original_name=PurePath(file.name).name[:255] if file else "",
        deadline=deadline,
        opened_by=user if getattr(user, "is_authenticated", False) else None,
    )
    draft.full_clean()
    with_history_user(draft, user).save()
    draft.associations.set(associations)
    for person in _people_of(associations):
        notify(
            user=person,
            text=_("A draft is open for discussion until %(date)s: «%(title)s».")
            % {"date": deadline.strftime("%d.%m.%Y"), "title": draft.title},
            url=draft.get_absolute_url(),
            key=f"proposals.draft.{draft.pk}.{person.pk}",
            kind="draft_opened",
        )
    return draft


def _check_discussing(draft: DraftAct, association: Association) -> None:
    if not draft.associations.filter(pk=association.pk).exists():
        raise PermissionDenied(_("The association does not discuss this draft."))
    if not draft.is_open:
        raise ValidationError(_("The discussion is closed: its deadline has passed."))


@transaction.atomic
def comment_add(
    *, user, draft: DraftAct, association: Association, clause: str, text: str
) -> DraftComment:
    """A member (or the head) comments on one clause of the draft for his association."""
    require_perm(user, "proposals.comment_draft", association)
    _check_discussing(draft, association)
    teacher_id = getattr(user, "teacher_id", None)
    if teacher_id is None:
        raise ValidationError(_("Only a teacher with a card comments in the association's name."))
    comment = DraftComment(
        draft=draft,
        association=association,
        author_id=teacher_id,
        clause=clause.strip(),
        text=text.strip(),
    )
    comment.full_clean()
    with_history_user(comment, user).save()
    return comment


@transaction.atomic
def position_compile(
    *, user, draft: DraftAct, association: Association, text: str
) -> DraftPosition:
    """The head writes (or rewrites) the association's position from its comments; a
    position a meeting has adopted no longer changes."""
    require_perm(user, "proposals.compile_position", association)
    _check_discussing(draft, association)
    position = DraftPosition.objects.filter(draft=draft, association=association).first()
    if position is not None and position.status == PositionStatus.ADOPTED:
        raise ValidationError(_("A meeting has adopted the position: it no longer changes."))
    position = position or DraftPosition(draft=draft, association=association)
    position.text = text.strip()
    position.compiled_by = user if getattr(user, "is_authenticated", False) else None
    position.full_clean()
    with_history_user(position, user).save()
    return position


@transaction.atomic
def position_adopt(*, user, position: DraftPosition, decision: AgendaItem) -> DraftPosition:
    """A meeting of the association adopts its position: a decided question of its own
    meeting (held by then) is the act of adoption."""
    require_perm(user, "proposals.compile_position", position.association)
    if position.status == PositionStatus.ADOPTED:
        raise ValidationError(_("The position is already adopted."))
    meeting = decision.meeting
    if meeting.association_id != position.association_id:
        raise ValidationError({"adopted_by": _("Choose a meeting of this association.")})
    if not decision.has_decision:
        raise ValidationError({"adopted_by": _("The question has no decision yet.")})
    if meeting.date > timezone.localdate():
        raise ValidationError({"adopted_by": _("The meeting has not taken place yet.")})
    position.status = PositionStatus.ADOPTED
    position.adopted_by = decision
    position.full_clean()
    with_history_user(position, user).save(update_fields=["status", "adopted_by"])
    return position
