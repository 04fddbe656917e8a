"""From the selectors' dataclasses to the placeholders a template sees.

Every value is ready to print: dates as ДД.ММ.ГГГГ, names declined, lists numbered. The
placeholders of each kind are listed in PLACEHOLDERS (and in docs/documents.md): an
uploaded template may use these and no others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from metodset.core.declension import (
    Case,
    decline,
    decline_position,
    gender_of,
    initials_surname,
)

# The position printed when no head of the authority is recorded; the name is left blank.
SIGNER_POSITION = "Руководитель"

COMMON = {
    "authority": _("education authority (full name)"),
    "service": _("methodical service"),
    "municipality": _("municipality"),
    "place_city": _(
        "place of issue: the settlement where the authority sits («с. Чоя»), else the municipality"
    ),
    "region": _("region"),
    "today": _("date of printing, DD.MM.YYYY"),
}
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "plan": COMMON
    | {
        "association": _("association"),
        "association_kind": _("kind of association"),
        "school_year": _("school year, 2025/2026"),
        "theme": _("methodical theme"),
        "goal": _("goal"),
        "priorities": _("list of priority lines"),
        "tasks": _("list of task lines"),
        "status": _("workflow status"),
        "document_date": _(
            "date of the document: of its approval, else of its adoption (blank before)"
        ),
        "head": _("current head (person)"),
        "items": _("rows: number, when, form, topic, responsible, venue, expected_result, status"),
        "adopted": _("adopted at a meeting (yes/no)"),
        "adoption_meeting_number": _("number of the meeting that adopted the plan"),
        "adoption_meeting_date": _("its date"),
        "agreed_by": _("the methodist who agreed the plan (И.О. Фамилия)"),
        "agreed_date": _("date of agreement"),
        "agreer_position": _("position in the agreement stamp"),
        "approved_by": _(
            "who approves: the head of the education authority in office on the day of "
            "approval, until then today (И.О. Фамилия; blank if none is recorded)"
        ),
        "approved_date": _("date of approval"),
        "approver_position": _("his position, for the approval stamp"),
        "approval_order_number": _("number of the approving order"),
        "approval_order_date": _("its date"),
        "approval_order_issuer": _("its issuer"),
    },
    "minutes": COMMON
    | {
        "association": _("association"),
        "association_kind": _("kind of association"),
        "number": _("number of the minutes (meeting number in the school year)"),
        "meeting_of": _("whose meeting, in the genitive: «методического совета»"),
        "school_year": _("school year"),
        "date": _("date of the meeting"),
        "time": _("start time, HH:MM"),
        "place": _("venue"),
        "address": _("venue address"),
        "online_url": _("link for remote participation"),
        "chair": _("chair (person)"),
        "secretary": _("secretary (person)"),
        "present": _("present members (persons)"),
        "present_count": _("number present"),
        "present_names": _("«Иванова М.П., Петров С.А.»"),
        "absent": _("absent members: person, reason"),
        "absent_count": _("number absent"),
        "absent_names": _("«Сидоров И.И. (болезнь)»"),
        "guests": _("invited: name, position"),
        "guest_names": _("«Кузнецова А.А. — методист РМК»"),
        "member_count": _("members on the date"),
        "questions": _("agenda: number, title, heard, discussion, decision"),
        "signed": _("the minutes are signed (yes/no)"),
        "signed_date": _("date of signing"),
    },
    "order_creation": COMMON
    | {
        "order_number": _("order number (blank in a draft)"),
        "order_date": _("order date (blank in a draft)"),
        "association": _("association"),
        "association_kind": _("kind of association"),
        "association_kind_genitive": _("kind in the genitive: «методического объединения»"),
        "association_kind_accusative": _("kind in the accusative: «методическое объединение»"),
        "area": _("subject or area"),
        "teacher_category": _("category of teachers"),
        "founded_on": _("date of creation"),
        "head": _("head (person), if appointed"),
        "preamble": _("«В соответствии с …» before ПРИКАЗЫВАЮ"),
        "clauses": _("the numbered clauses of the order"),
        "signer_position": _("position of the signatory"),
        "signer_name": _(
            "signatory: the head of the education authority in office on the order's date "
            "(a draft: today), И.О. Фамилия; blank if none is recorded"
        ),
    },
}
PLACEHOLDERS["notice"] = {
    key: PLACEHOLDERS["minutes"][key]
    for key in (
        *COMMON,
        "association",
        "association_kind",
        "number",
        "meeting_of",
        "school_year",
        "date",
        "time",
        "place",
        "address",
        "online_url",
        "chair",
        "secretary",
        "questions",
        "member_count",
    )
}
PLACEHOLDERS["notice"]["control"] = _(
    "decisions of earlier meetings under control: decision, meeting_number, meeting_date, "
    "responsible, due_on, status, overdue"
)
PLACEHOLDERS["order_head"] = PLACEHOLDERS["order_creation"] | {
    "head": _("the appointed head (person)"),
    "starts_on": _("term starts"),
    "ends_on": _("term ends"),
}
# integration: the council's composition (documents/council.py builds the values).
PLACEHOLDERS["order_council"] = PLACEHOLDERS["order_creation"] | {
    "head": _("the council's chair today (person), if appointed"),
    "members": _("the members today, chair first: number, name, position, organisation, role"),
    "member_count": _("number of members"),
}
# integration: the analysis app's document (analysis/documents.py builds the values).
PLACEHOLDERS["analysis"] = COMMON | {
    "association": _("whose analysis: the association, council or methodical service"),
    "association_kind": _("kind of association (blank for the service)"),
    "school_year": _("school year, 2025/2026"),
    "status": _("workflow status"),
    "document_date": _("date of the document: of its adoption (blank before)"),
    "head": _("who signs: the head of the association (person); blank for the service"),
    "signer_position": _("position of the signer"),
    "sections": _(
        "sections: number, title, numbers (rows: label, value, previous, change, unit, "
        "target; values with their unit), lines, conclusions (list of lines), tasks (list "
        "of lines)"
    ),
    "adopted": _("adopted at a meeting (yes/no)"),
    "adoption_meeting_number": _("number of the meeting that adopted the analysis"),
    "adoption_meeting_date": _("its date"),
    "accepted": _("accepted by the methodist (yes/no)"),
    "accepted_by": _("the methodist who accepted it (И.О. Фамилия)"),
    "accepted_date": _("date of acceptance"),
}

# integration: a granted petition of the proposals app (selectors.award_order_data).
PLACEHOLDERS["order_award"] = COMMON | {
    "order_number": _("order number (blank in a draft)"),
    "order_date": _("order date (blank in a draft)"),
    "teacher": _("the teacher rewarded (person)"),
    "award": _("the award"),
    "association": _("the association that petitioned"),
    "association_kind_genitive": _("kind in the genitive: «методического объединения»"),
    "petition_date": _("date of the petition"),
    "grounds": _("the grounds of the petition"),
    "records": _("list of the records the petition cites"),
    "preamble": _("«В соответствии с …» before ПРИКАЗЫВАЮ"),
    "clauses": _("the numbered clauses of the order"),
    "signer_position": _("position of the signatory"),
    "signer_name": _("signatory: the head of the education authority in office today"),
}

# integration: the schools app's lesson observation form (documents/schools.py, issue #17).
PLACEHOLDERS["observation"] = COMMON | {
    "school": _("the school visited"),
    "date": _("date of the visit"),
    "purpose": _("purpose of the visit"),
    "observer": _("the methodist who observed the lesson (И.О. Фамилия)"),
    "teacher": _("the teacher whose lesson was observed (person)"),
    "subject": _("subject"),
    "grade": _("grade"),
    "topic": _("topic of the lesson"),
    "scores": _("rows: number, criterion, score, max_score, comment"),
    "total": _("sum of the scores"),
    "maximum": _("sum of the maximum scores"),
    "percent": _("the sum as a share of the maximum, %"),
    "recommendations": _("list of recommendation lines"),
    "acknowledged_date": _("date the teacher acquainted himself (blank before)"),
    "acknowledged_note": _("how the teacher acquainted himself online (blank on paper)"),
}

# The parts of a person and the fields of the rows above: with PLACEHOLDERS, everything a
# template may name (documents/sandbox.py refuses anything else, at upload and at render).
PERSON_PARTS = frozenset(
    {
        "full_name",
        "short_name",
        "signature",
        "genitive",
        "dative",
        "accusative",
        "instrumental",
        "position",
        "position_genitive",
        "position_dative",
        "position_accusative",
        "organisation",
        "acquainted",
    }
)
ROW_FIELDS = {
    "items": (
        "number",
        "when",
        "form",
        "topic",
        "responsible",
        "venue",
        "expected_result",
        "status",
    ),
    "absent": ("person", "reason"),
    "guests": ("name", "position"),
    "questions": ("number", "title", "heard", "discussion", "decision"),
    "sections": ("number", "title", "numbers", "lines", "conclusions", "tasks"),
    "numbers": ("label", "value", "previous", "change", "unit", "target"),
    "scores": ("number", "criterion", "score", "max_score", "comment"),
    "control": (
        "decision",
        "meeting_number",
        "meeting_date",
        "responsible",
        "due_on",
        "status",
        "overdue",
    ),
    "members": ("number", "name", "position", "organisation", "role"),  # order_council
}
DOCUMENTED_PARTS = PERSON_PARTS | {field for fields in ROW_FIELDS.values() for field in fields}


def fmt(day: dt.date | dt.datetime | None) -> str:
    """ДД.ММ.ГГГГ (ГОСТ Р 7.0.97-2016, item 5.14), '' for no date."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date()
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class PersonView:
    """A person for a template; the declined forms are computed only when printed."""

    _person: object

    @property
    def full_name(self) -> str:
        return self._person.full_name

    @property
    def short_name(self) -> str:
        return self._person.short_name

    @cached_property
    def signature(self) -> str:
        return initials_surname(self._person)

    @property
    def genitive(self) -> str:
        return decline(self._person, Case.GENITIVE)

    @property
    def dative(self) -> str:
        return decline(self._person, Case.DATIVE)

    @property
    def accusative(self) -> str:
        return decline(self._person, Case.ACCUSATIVE)

    @property
    def instrumental(self) -> str:
        return decline(self._person, Case.INSTRUMENTAL)

    @property
    def position(self) -> str:
        return self._person.position

    @property
    def position_genitive(self) -> str:
        return decline_position(self._person.position, Case.GENITIVE)

    @property
    def position_dative(self) -> str:
        return decline_position(self._person.position, Case.DATIVE)

    @property
    def position_accusative(self) -> str:
        return decline_position(self._person.position, Case.ACCUSATIVE)

    @property
    def organisation(self) -> str:
        return self._person.organisation

    @property
    def acquainted(self) -> str:
        return "ознакомлена" if gender_of(self._person) == "f" else "ознакомлен"

    def __str__(self) -> str:
        return self.full_name


def person(value) -> PersonView | None:
    return PersonView(value) if value is not None else None


def _common(doc) -> dict:
    return {
        "authority": doc.authority,
        "service": doc.service,
        "municipality": doc.municipality,
        "place_city": doc.place_of_issue or doc.municipality,
        "region": doc.region,
        "today": fmt(timezone.localdate()),
    }


def plan_context(doc) -> dict:
    """The placeholders of the plan from `plans.selectors.PlanDocument`."""
    return _common(doc) | {
        "association": doc.association,
        "association_kind": doc.association_kind,
        "school_year": doc.school_year,
        "theme": doc.theme,
        "goal": doc.goal,
        "priorities": doc.priorities,
        "tasks": doc.tasks,
        "status": doc.status,
        "document_date": fmt(doc.document_date),
        "head": person(doc.head),
        "items": [
            {
                "number": item.number,
                "when": item.when,
                "form": item.form,
                "topic": item.topic,
                "responsible": item.responsible_names,
                "venue": item.venue,
                "expected_result": item.expected_result,
                "status": item.status,
            }
            for item in doc.items
        ],
        "adopted": doc.adoption_meeting_number is not None,
        "adoption_meeting_number": doc.adoption_meeting_number or "",
        "adoption_meeting_date": fmt(doc.adoption_meeting_date),
        "agreed_by": doc.agreed_by,
        "agreed_date": fmt(doc.agreed_at),
        "agreer_position": "Методист методической службы",
        # The methodist who recorded the approval did not approve: the head of the
        # authority did (or will, while the plan awaits it).
        "approved_by": doc.approver_name,
        "approved_date": fmt(doc.approved_at),
        "approver_position": doc.approver_position or SIGNER_POSITION,
        "approval_order_number": doc.approval_order_number,
        "approval_order_date": fmt(doc.approval_order_date),
        "approval_order_issuer": doc.approval_order_issuer,
    }


def _joined(names: list[str]) -> str:
    return ", ".join(names) if names else "нет"


def _meeting(doc) -> dict:
    place = ", ".join(p for p in (doc.place, doc.place_note) if p)
    return _common(doc) | {
        "association": doc.association,
        "association_kind": doc.association_kind,
        "number": doc.number,
        "meeting_of": "методического совета" if doc.is_council else "методического объединения",
        "school_year": doc.school_year,
        "date": fmt(doc.date),
        "time": doc.starts_at.strftime("%H:%M") if doc.starts_at else "",
        "place": place,
        "address": doc.place_address,
        "online_url": doc.online_url,
        "chair": person(doc.chair),
        "secretary": person(doc.secretary),
        "member_count": doc.member_count,
        "questions": [
            {
                "number": q.number,
                "title": q.title,
                "heard": q.speakers,
                "discussion": q.discussion,
                "decision": q.decision,
            }
            for q in doc.agenda
        ],
    }


def _with_reason(line) -> str:
    name = line.person.short_name
    return f"{name} ({line.reason})" if line.reason else name


def minutes_context(doc) -> dict:
    """The placeholders of the minutes from `meetings.selectors.MinutesDocument`."""
    present = [person(p) for p in doc.present]
    absent = [{"person": person(a.person), "reason": a.reason} for a in doc.absent]
    return _meeting(doc) | {
        "present": present,
        "present_count": len(present),
        "present_names": _joined([p.short_name for p in present]),
        "absent": absent,
        "absent_count": len(absent),
        "absent_names": _joined([_with_reason(line) for line in doc.absent]),
        "guests": [{"name": g.name, "position": g.position} for g in doc.guests],
        "guest_names": _joined(
            [f"{g.name} — {g.position}" if g.position else g.name for g in doc.guests]
        ),
        "signed": doc.is_signed,
        "signed_date": fmt(doc.signed_at),
    }


def notice_context(doc, control=()) -> dict:
    """The placeholders of the meeting notice: the minutes' data before the meeting, and the
    earlier decisions whose execution this meeting controls (`decisions_to_control`)."""
    return _meeting(doc) | {
        "control": [
            {
                "decision": item.decision.strip().rstrip("."),  # «… (заседание № 2 …).»
                "meeting_number": item.meeting.number,
                "meeting_date": fmt(item.meeting.date),
                "responsible": item.responsible.short_name if item.responsible else "",
                "due_on": fmt(item.due_on),
                "status": item.get_decision_status_display(),
                "overdue": item.is_overdue,
            }
            for item in control
        ]
    }


# Kinds of association in the cases an order needs («о создании методического объединения»).
KIND_FORMS = {
    "mmo": ("муниципального методического объединения", "муниципальное методическое объединение"),
    "mpop": (
        "муниципального профессионального объединения педагогов",
        "муниципальное профессиональное объединение педагогов",
    ),
    "rmo": ("районного методического объединения", "районное методическое объединение"),
    "shmo": ("школьного методического объединения", "школьное методическое объединение"),
    "network": ("сетевого объединения педагогов", "сетевое объединение педагогов"),
    "council": ("методического совета", "методический совет"),
}


def _head_clause(head: PersonView, kind_genitive: str, doc) -> str:
    """«Назначить Иванову Марию Петровну, учителя математики МБОУ «СОШ № 1», руководителем …»"""
    position = head.position_accusative
    if position:
        described = f"{head.accusative}, {position}"
    elif head.position:
        described = f"{head.accusative} (должность — {head.position})"
    else:
        described = head.accusative
    if head.organisation:
        described += f" {head.organisation}" if position else f", {head.organisation}"
    term = ""
    if doc.head_starts_on and doc.head_ends_on:
        term = f" на срок с {fmt(doc.head_starts_on)} по {fmt(doc.head_ends_on)}"
    return f"Назначить {described}, руководителем {kind_genitive} «{doc.association}»{term}."


def _order(doc) -> dict:
    genitive, accusative = KIND_FORMS.get(doc.association_kind_code, KIND_FORMS["mmo"])
    return _common(doc) | {
        "order_number": doc.order_number,
        "order_date": fmt(doc.order_date),
        "association": doc.association,
        "association_kind": doc.association_kind,
        "association_kind_genitive": genitive,
        "association_kind_accusative": accusative,
        "area": doc.area,
        "teacher_category": doc.teacher_category,
        "founded_on": fmt(doc.founded_on),
        "head": person(doc.head),
        "signer_position": doc.signer_position or SIGNER_POSITION,
        "signer_name": doc.signer_name,
    }


def order_creation_context(doc) -> dict:
    """The draft order creating an association, from `selectors.OrderDocument`."""
    context = _order(doc)
    genitive = context["association_kind_genitive"]
    who = f"; категория педагогов: {doc.teacher_category}" if doc.teacher_category else ""
    clauses = [
        f"Создать {context['association_kind_accusative']} «{doc.association}» "
        f"(направление: {doc.area}{who}) с {fmt(doc.founded_on)}."
    ]
    if context["head"]:
        clauses.append(_head_clause(context["head"], genitive, doc))
    clauses += [
        f"Руководителю {genitive} в месячный срок разработать план работы объединения "
        "на учебный год и представить его на согласование в методическую службу.",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
    ]
    return context | {
        "preamble": (
            "В целях организации методической работы с педагогическими работниками "
            "образовательных организаций, развития их профессиональных компетенций "
            "и обобщения педагогического опыта"
        ),
        "clauses": clauses,
    }


def order_head_context(doc) -> dict:
    """The draft order appointing a head, from `selectors.OrderDocument` with a head."""
    context = _order(doc)
    head, genitive = context["head"], context["association_kind_genitive"]
    return context | {
        "starts_on": fmt(doc.head_starts_on),
        "ends_on": fmt(doc.head_ends_on),
        "preamble": (
            f"В целях организации деятельности {genitive} «{doc.association}» "
            "и в соответствии с положением об объединении"
        ),
        "clauses": [
            _head_clause(head, genitive, doc),
            f"{head.dative} организовать работу {genitive} в соответствии с положением "
            "об объединении и планом работы на учебный год.",
            "Контроль за исполнением настоящего приказа оставляю за собой.",
        ],
    }


def order_award_context(doc) -> dict:
    """The draft order rewarding a teacher, from `selectors.AwardOrderDocument`."""
    genitive, _accusative = KIND_FORMS.get(doc.association_kind_code, KIND_FORMS["mmo"])
    teacher = person(doc.teacher)
    described = teacher.accusative
    if teacher.position_accusative:
        described += f", {teacher.position_accusative}"
    elif teacher.position:
        described += f" (должность — {teacher.position})"
    if teacher.organisation:
        described += (
            f" {teacher.organisation}"
            if teacher.position_accusative
            else f", {teacher.organisation}"
        )
    return _common(doc) | {
        "order_number": "",
        "order_date": "",
        "teacher": teacher,
        "award": doc.award,
        "association": doc.association,
        "association_kind_genitive": genitive,
        "petition_date": fmt(doc.petition_date),
        "grounds": doc.grounds,
        "records": doc.records,
        "preamble": (
            f"На основании ходатайства руководителя {genitive} «{doc.association}» "
            f"от {fmt(doc.petition_date)}, за активное участие в методической работе "
            "и профессиональные достижения"
        ),
        "clauses": [
            f"Наградить {described} — {doc.award}.",
            f"Руководителю {genitive} «{doc.association}» довести настоящий приказ "
            "до сведения членов объединения.",
            "Контроль за исполнением настоящего приказа оставляю за собой.",
        ],
        "signer_position": doc.signer_position or SIGNER_POSITION,
        "signer_name": doc.signer_name,
    }
