"""Demo records of issue 16 in every state, through the services (called by the demo
generator after the meetings exist).

Per demo municipality: petitions granted (the award on the teacher's card, a draft order to
download), refused with a reason and awaiting a decision; an attestation proposal and a
competition nomination where a competition is open; decisions of this year's meetings
followed to completion (carried out, open, overdue, taken off control); one draft act open
for discussion (comments, a position adopted at a meeting, one compiled, one missing) and
one whose discussion has closed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from metodset.accounts.models import User
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.dates import SchoolYear
from metodset.core.roles import Role
from metodset.events.models import EventForm, EventStatus, Nomination
from metodset.meetings import services as meetings
from metodset.meetings.models import AgendaItem, DecisionStatus
from metodset.people.models import Teacher
from metodset.proposals import services
from metodset.proposals.models import DraftAct, Proposal, ProposalKind

AWARDS = (
    "Благодарственное письмо управления образования",
    "Почётная грамота управления образования",
    "Благодарность главы муниципального образования",
)
GROUNDS = (
    "Активно участвует в работе объединения, провела открытые уроки для коллег.",
    "Руководит творческой группой, подготовила победителей муниципальной олимпиады.",
    "Обобщила опыт работы, выступила на августовском совещании.",
)
COMMENTS = (
    ("1.2", "Уточнить, кто входит в состав жюри."),
    ("3.1", "Продлить срок приёма заявок до 1 марта."),
    ("4.5", "Добавить номинацию для молодых педагогов."),
    ("общее", "Проект поддерживаем, замечания по срокам."),
)


def _pdf() -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    body += b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile("proekt.pdf", body, content_type="application/pdf")


def _headed(slug: str) -> list[tuple[Association, User | None, list]]:
    """Active associations with a head and members, with both; heads with an account (who
    act themselves) first, the others act through the system."""
    found = []
    appointments = (
        HeadAppointment.objects.current()
        .filter(association__municipality__slug=slug)
        .select_related("association", "teacher__user")
        .order_by("association__name")
    )
    for appointment in appointments:
        members = [
            m.teacher
            for m in Membership.objects.current()
            .filter(association=appointment.association)
            .exclude(teacher=appointment.teacher)
            .select_related("teacher")
            .order_by("teacher__last_name", "pk")[:6]
        ]
        if members:
            found.append((appointment.association, appointment.teacher.user, members))
    found.sort(key=lambda line: line[1] is None)
    return found


def _proposals(rng, slug, headed, methodist, today) -> None:
    nomination = (
        Nomination.objects.filter(
            event__municipality__slug=slug,
            event__form=EventForm.COMPETITION,
            event__status=EventStatus.PLANNED,
            event__ends_at__gt=timezone.now(),
        )
        .order_by("event__starts_at")
        .first()
    )
    with_members = [line for line in headed if len(line[2]) >= 3]
    for index, (association, head, members) in enumerate(with_members[:3]):
        for state, teacher in zip(("granted", "refused", "submitted"), members, strict=False):
            proposal = services.proposal_submit(
                user=head,
                association=association,
                teacher=teacher,
                kind=ProposalKind.PETITION,
                award=AWARDS[(index + len(state)) % len(AWARDS)],
                grounds=rng.choice(GROUNDS),
            )
            if state != "submitted":
                services.proposal_decide(
                    user=methodist,
                    proposal=proposal,
                    granted=state == "granted",
                    reason="" if state == "granted" else "Поощрение этого уровня уже было в году.",
                )
        teacher = members[-1]
        attestation = services.proposal_submit(
            user=head,
            association=association,
            teacher=teacher,
            kind=ProposalKind.ATTESTATION,
            category="highest" if index % 2 else "first",
            grounds="Стабильные результаты обучающихся, участие в работе объединения.",
        )
        if index == 0:
            services.proposal_decide(user=methodist, proposal=attestation, granted=True)
        if nomination is not None and index < 2:
            services.proposal_submit(
                user=head,
                association=association,
                teacher=members[-2],
                kind=ProposalKind.NOMINATION,
                nomination=nomination,
                grounds="Победитель школьного этапа конкурса.",
            )
    # Submitted over the last weeks, not all at the same second.
    for proposal in Proposal.objects.filter(municipality__slug=slug):
        when = timezone.now() - dt.timedelta(days=rng.randint(3, 40))
        Proposal.objects.filter(pk=proposal.pk).update(submitted_at=when)


def _decisions(rng, slug, today, offset: int) -> None:
    year = SchoolYear.of(today)
    items = list(
        AgendaItem.objects.filter(
            meeting__municipality__slug=slug,
            meeting__school_year=year.start_year,
            meeting__date__lte=today,
        )
        .exclude(decision="")
        .select_related("meeting__association")
        .order_by("meeting__date", "pk")[:12]
    )
    states = (DecisionStatus.DONE, DecisionStatus.OPEN, "overdue", DecisionStatus.CANCELLED)
    for index, item in enumerate(items, start=offset):
        members = list(
            Membership.objects.in_force(item.meeting.date)
            .filter(association_id=item.meeting.association_id)
            .values_list("teacher", flat=True)[:5]
        )
        if not members:
            continue
        responsible = Teacher.objects.get(pk=rng.choice(members))
        state = states[index % len(states)]
        if state == "overdue":
            due = max(item.meeting.date, today - dt.timedelta(days=rng.randint(3, 20)))
            status = DecisionStatus.OPEN
        else:
            due = item.meeting.date + dt.timedelta(days=rng.randint(20, 60))
            status = state
        meetings.decision_follow(
            user=None, item=item, responsible=responsible, due_on=due, status=status
        )


def _drafts(rng, slug, municipality, headed, methodist, today) -> None:
    associations = [a for a, _h, _m in headed[:3]]
    if len(associations) < 2:
        return
    closed = services.draft_open(
        user=methodist,
        municipality=municipality,
        title="Проект регионального положения о наставничестве педагогических работников",
        level="regional",
        summary="Порядок закрепления наставников, формы отчётности, меры поддержки.",
        file=_pdf(),
        deadline=today + dt.timedelta(days=1),
        associations=associations[:2],
    )
    draft = services.draft_open(
        user=methodist,
        municipality=municipality,
        title="Проект положения о муниципальном конкурсе «Педагог года»",
        level="municipal",
        summary="Новые номинации, сроки приёма заявок и состав жюри.",
        file=_pdf(),
        deadline=today + dt.timedelta(days=20),
        associations=associations,
    )
    adopted = False
    for number, (association, head, members) in enumerate(headed[:3]):
        for member, (clause, text) in zip(members[:2], rng.sample(COMMENTS, 2), strict=False):
            if member.user_id:
                services.comment_add(
                    user=member.user, draft=draft, association=association, clause=clause, text=text
                )
        if head is not None and association in associations[:2]:
            services.comment_add(
                user=head, draft=closed, association=association, clause="2.4", text="Согласны."
            )
        if number == 2:
            continue  # the third association has not compiled its position yet
        position = services.position_compile(
            user=head,
            draft=draft,
            association=association,
            text="Проект поддержать. Замечания: продлить срок приёма заявок; уточнить жюри.",
        )
        decision = (
            AgendaItem.objects.filter(meeting__association=association, meeting__date__lte=today)
            .exclude(decision="")
            .order_by("-meeting__date")
            .first()
        )
        if not adopted and decision is not None:
            services.position_adopt(user=head, position=position, decision=decision)
            adopted = True
    # The first draft's discussion has ended.
    DraftAct.objects.filter(pk=closed.pk).update(deadline=today - dt.timedelta(days=10))


def proposals_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    for number, slug in enumerate(slugs):
        rng = random.Random(f"{seed}-proposals-{slug}")  # noqa: S311 - invented demo data
        methodist = (
            User.objects.filter(role=Role.METHODIST, municipality__slug=slug, is_active=True)
            .order_by("pk")
            .first()
        )
        headed = _headed(slug)
        if methodist is None or not headed:
            continue
        _proposals(rng, slug, headed, methodist, today)
        _decisions(rng, slug, today, offset=number)
        _drafts(rng, slug, methodist.municipality, headed, methodist, today)
