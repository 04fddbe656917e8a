"""Every write service × every role: the service itself allows or refuses (PermissionDenied).

The page, the API, a task and the admin call the same service, so the permission a service
checks is the one they all obey (core/access.py). This test finds every public function of
`metodset/<app>/services.py` and calls each write service as each role of the shared role
world (tests/conftest.py `world`, the roles of tests/test_permission_matrix.py). A call that
passes the permission check may still be refused by the service's own validation
(ValidationError): that counts as allowed. A new public function of a services module makes
the last test fail until it joins SERVICES (with who may call it) or NOT_PERMISSION_CHECKED
(with the reason it decides nothing about roles).
"""

import datetime as dt
import importlib
import inspect
import pkgutil
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model

import metodset
from metodset.api.models import ApiToken
from metodset.associations.models import HeadAppointment
from metodset.calendars.services import feed_get_or_create
from metodset.consultations.models import ConsultationRequest
from metodset.core.dates import SchoolYear
from metodset.core.tests.files import CSV, PDF, docx
from metodset.events.models import CompetitionEntry, Nomination, StudentResult
from metodset.events.tests.factories import ParticipationFactory
from metodset.growth.models import Need, PDCourse, Route, RouteStep
from metodset.meetings.models import Attachment
from metodset.meetings.tests.factories import AgendaItemFactory, GuestFactory, MeetingFactory
from metodset.pdorders.models import Enrolment, PDRequest, PDRequestLine, PlannedCourse
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory
from metodset.privacy.tests.texts import consent_text
from metodset.proposals import services as proposal_services
from metodset.roadmaps.models import Roadmap, RoadmapMeasure
from metodset.schools.models import Observation, SupportMeasure
from metodset.schools.tests.factories import (
    ObservationCriterionFactory,
    RiskCriterionFactory,
    SupportPlanFactory,
    VisitFactory,
)
from metodset.surveys.models import Question
from metodset.surveys.tests.factories import SurveyFactory
from tests.test_permission_matrix import ROLES

# Who may call a service (the roles of the matrix that pass its permission check).
ADMIN = {"platform_admin"}
MANAGE = ADMIN | {"methodist"}  # the home municipality's methodical service
# A new record goes to the municipality the caller passes: only its own methodical service
# (and the platform's admin) may create there, never another municipality's methodist.
CREATE = MANAGE
HEAD_MANAGES = MANAGE | {"head"}  # ... and the head of the record's association
# A setting of the methodist's own municipality (the platform admin, a superuser, may all).
OWN_METHODIST = ADMIN | {"methodist"}

TODAY = dt.date(2025, 11, 20)  # the frozen day of the test suite (conftest.py)


def _pdf(name="файл.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# "app.service": (who may call it, how to call it with the objects `o` and the user `u`).
SERVICES = {
    # acts
    "acts.order_create": (CREATE, lambda s, o, u: s.order_create(user=u, municipality=o.m)),
    "acts.order_update": (MANAGE, lambda s, o, u: s.order_update(user=u, order=o.order, data={})),
    "acts.order_delete": (MANAGE, lambda s, o, u: s.order_delete(user=u, order=o.order)),
    # api: a person's own tokens
    "api.token_revoke": ({"head"}, lambda s, o, u: s.token_revoke(user=u, token=o.token)),
    # consultations: a request routed to the home association
    "consultations.request_submit": (
        {"head", "teacher"},
        lambda s, o, u: s.request_submit(
            user=u, topic="Т", question="В", consent_text=o.consultation_consent
        ),
    ),
    "consultations.request_answer": (
        MANAGE | {"head"},
        lambda s, o, u: s.request_answer(
            user=u, request=o.consultation, way="written", answer="Ответ"
        ),
    ),
    "consultations.request_decline": (
        MANAGE | {"head"},
        lambda s, o, u: s.request_decline(user=u, request=o.consultation, reason="Не к нам"),
    ),
    "consultations.request_close": (
        MANAGE | {"head"},
        lambda s, o, u: s.request_close(user=u, request=o.consultation),
    ),
    "consultations.consultation_log": (
        MANAGE | {"head"},
        lambda s, o, u: s.consultation_log(
            user=u,
            municipality=o.m,
            association=o.association,
            asker="teacher",
            way="in_person",
            topic="Т",
            given_on=TODAY,
        ),
    ),
    # associations
    "associations.association_create": (
        CREATE,
        lambda s, o, u: s.association_create(user=u, municipality=o.m),
    ),
    "associations.association_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.association_update(
            user=u, association=o.association, data={"description": "О нас"}
        ),
    ),
    "associations.association_liquidate": (
        MANAGE,
        lambda s, o, u: s.association_liquidate(
            user=u, association=o.association, on=TODAY, order=None
        ),
    ),
    "associations.member_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.member_add(
            user=u, association=o.association, teacher=o.stranger, joined_on=TODAY
        ),
    ),
    "associations.membership_end": (
        HEAD_MANAGES,
        lambda s, o, u: s.membership_end(user=u, membership=o.membership, left_on=TODAY),
    ),
    "associations.head_appoint": (
        MANAGE,
        lambda s, o, u: s.head_appoint(
            user=u,
            association=o.association,
            teacher=o.stranger,
            order=None,
            starts_on=TODAY,
            ends_on=TODAY + dt.timedelta(days=365),
        ),
    ),
    "associations.network_update": (
        MANAGE,
        lambda s, o, u: s.network_update(
            user=u,
            association=o.association,
            network_subtype="",
            base_organisations=[],
            partner_organisations=[],
            task="",
            planned_end=None,
        ),
    ),
    "associations.network_report": (
        HEAD_MANAGES,
        lambda s, o, u: s.network_report(
            user=u, association=o.association, result_report="Итоги", today=TODAY
        ),
    ),
    "associations.composition_approve": (
        MANAGE,
        lambda s, o, u: s.composition_approve(
            user=u, association=o.association, order=o.order, on=TODAY
        ),
    ),
    "associations.head_appointment_terminate": (
        MANAGE,
        lambda s, o, u: s.head_appointment_terminate(user=u, appointment=o.appointment, on=TODAY),
    ),
    # calendars
    "calendars.feed_token_regenerate": (
        HEAD_MANAGES,
        lambda s, o, u: s.feed_token_regenerate(user=u, feed=o.feed),
    ),
    # documents: the authority's own templates
    "documents.template_upload": (
        MANAGE,
        lambda s, o, u: s.template_upload(
            user=u,
            municipality=o.m,
            kind="plan",
            file=SimpleUploadedFile("шаблон.docx", docx()),
        ),
    ),
    "documents.template_revert": (
        MANAGE,
        lambda s, o, u: s.template_revert(user=u, municipality=o.m, kind="plan"),
    ),
    # events
    "events.event_create": (
        CREATE | {"head"},
        lambda s, o, u: s.event_create(user=u, municipality=o.m),
    ),
    "events.event_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.event_update(user=u, event=o.event, data={}),
    ),
    "events.event_cancel": (HEAD_MANAGES, lambda s, o, u: s.event_cancel(user=u, event=o.event)),
    "events.participation_register": (
        HEAD_MANAGES,
        lambda s, o, u: s.participation_register(user=u, event=o.event, teacher=o.stranger),
    ),
    "events.participation_cancel": (
        HEAD_MANAGES,
        lambda s, o, u: s.participation_cancel(user=u, participation=o.participation),
    ),
    "events.attendance_mark": (
        HEAD_MANAGES,
        lambda s, o, u: s.attendance_mark(user=u, event=o.event, present_ids=set()),
    ),
    "events.certificate_issue": (
        HEAD_MANAGES,
        lambda s, o, u: s.certificate_issue(user=u, participation=o.participation),
    ),
    "events.nomination_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.nomination_add(user=u, event=o.event, name="Лучший урок"),
    ),
    "events.entry_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.entry_add(user=u, nomination=o.nomination, teacher=o.stranger),
    ),
    "events.results_set": (
        HEAD_MANAGES,
        lambda s, o, u: s.results_set(user=u, event=o.event, outcomes={}),
    ),
    "events.student_result_save": (
        HEAD_MANAGES,
        lambda s, o, u: s.student_result_save(user=u, result=StudentResult(event=o.event)),
    ),
    "events.material_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.material_add(user=u, event=o.event, title="Слайды", file=_pdf()),
    ),
    # growth: the methodist keeps every teacher's records (the member is none of the roles)
    "growth.record_save": (
        MANAGE,
        lambda s, o, u: s.record_save(user=u, record=PDCourse(teacher=o.member)),
    ),
    "growth.record_delete": (MANAGE, lambda s, o, u: s.record_delete(user=u, record=o.course)),
    "growth.route_step_add": (
        MANAGE,
        lambda s, o, u: s.route_step_add(user=u, step=RouteStep(route=o.route, title="Шаг")),
    ),
    "growth.need_add": (MANAGE, lambda s, o, u: s.need_add(user=u, municipality=o.m, name="ИКТ")),
    "growth.need_delete": (MANAGE, lambda s, o, u: s.need_delete(user=u, need=o.need)),
    "growth.competence_add": (
        MANAGE,
        lambda s, o, u: s.competence_add(user=u, municipality=o.m, code="9", title="ИКТ"),
    ),
    # imports
    "imports.import_upload": (
        CREATE,
        lambda s, o, u: s.import_upload(
            user=u,
            municipality=o.m,
            kind="teachers",
            uploaded=SimpleUploadedFile("t.csv", CSV, content_type="text/csv"),
        ),
    ),
    "imports.import_map_columns": (
        MANAGE,
        lambda s, o, u: s.import_map_columns(user=u, job=o.import_job, header_row=1, columns={}),
    ),
    "imports.import_request_apply": (
        MANAGE,
        lambda s, o, u: s.import_request_apply(user=u, job=o.import_job),
    ),
    "imports.import_retry": (MANAGE, lambda s, o, u: s.import_retry(user=u, job=o.import_job)),
    # indicators
    "indicators.assessment_save": (
        MANAGE,
        lambda s, o, u: s.assessment_save(
            user=u,
            association=o.association,
            code="-",
            year=SchoolYear(2025),
            value=Decimal(1),
            comment="",
        ),
    ),
    "indicators.targets_save": (
        OWN_METHODIST,
        lambda s, o, u: s.targets_save(user=u, municipality=o.m, values={}),
    ),
    # meetings
    "meetings.meeting_schedule": (
        HEAD_MANAGES,
        lambda s, o, u: s.meeting_schedule(user=u, association=o.association, date=TODAY),
    ),
    "meetings.meeting_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.meeting_update(user=u, meeting=o.meeting, data={}),
    ),
    "meetings.meeting_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.meeting_delete(user=u, meeting=o.meeting),
    ),
    "meetings.attendance_record": (
        HEAD_MANAGES,
        lambda s, o, u: s.attendance_record(user=u, meeting=o.meeting, marks={}),
    ),
    "meetings.guest_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.guest_add(user=u, meeting=o.meeting, name="Гость"),
    ),
    "meetings.guest_remove": (HEAD_MANAGES, lambda s, o, u: s.guest_remove(user=u, guest=o.guest)),
    "meetings.agenda_item_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.agenda_item_add(user=u, meeting=o.meeting, title="Вопрос"),
    ),
    "meetings.agenda_item_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.agenda_item_update(user=u, item=o.agenda_item, data={}),
    ),
    "meetings.agenda_item_move": (
        HEAD_MANAGES,
        lambda s, o, u: s.agenda_item_move(user=u, item=o.agenda_item, up=True),
    ),
    "meetings.agenda_item_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.agenda_item_delete(user=u, item=o.agenda_item),
    ),
    "meetings.attachment_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.attachment_add(user=u, meeting=o.meeting, title="Доклад", file=_pdf()),
    ),
    "meetings.attachment_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.attachment_delete(user=u, attachment=o.attachment),
    ),
    # The head signs; a methodist only the council's minutes (the association is an МО).
    "meetings.minutes_sign": (
        ADMIN | {"head"},
        lambda s, o, u: s.minutes_sign(user=u, meeting=o.meeting),
    ),
    "meetings.minutes_settings_update": (
        OWN_METHODIST,
        lambda s, o, u: s.minutes_settings_update(user=u, municipality=o.m, data={}),
    ),
    # orgs
    "orgs.organisation_create": (
        CREATE,
        lambda s, o, u: s.organisation_create(user=u, municipality=o.m),
    ),
    "orgs.organisation_update": (
        MANAGE,
        lambda s, o, u: s.organisation_update(user=u, organisation=o.organisation, data={}),
    ),
    "orgs.organisation_delete": (
        MANAGE,
        lambda s, o, u: s.organisation_delete(user=u, organisation=o.organisation),
    ),
    "orgs.authority_head_create": (
        CREATE,
        lambda s, o, u: s.authority_head_create(user=u, municipality=o.m),
    ),
    "orgs.authority_head_update": (
        MANAGE,
        lambda s, o, u: s.authority_head_update(user=u, head=o.authority_head, data={}),
    ),
    "orgs.authority_head_delete": (
        MANAGE,
        lambda s, o, u: s.authority_head_delete(user=u, head=o.authority_head),
    ),
    # people: the member is none of the roles, so only his methodist edits his card
    "people.teacher_create": (CREATE, lambda s, o, u: s.teacher_create(user=u, municipality=o.m)),
    "people.teacher_update": (
        MANAGE,
        lambda s, o, u: s.teacher_update(user=u, teacher=o.member, data={"phone": "1"}),
    ),
    "people.teacher_delete": (MANAGE, lambda s, o, u: s.teacher_delete(user=u, teacher=o.member)),
    "people.self_education_theme_set": (
        MANAGE,
        lambda s, o, u: s.self_education_theme_set(
            user=u, teacher=o.member, school_year=2025, theme="Тема"
        ),
    ),
    # plans: the head composes, the methodist reviews
    "plans.plan_create": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_create(
            user=u, association=o.association, school_year=2026, theme="Тема"
        ),
    ),
    "plans.plan_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_update(user=u, plan=o.plan, data={}),
    ),
    "plans.plan_delete": (HEAD_MANAGES, lambda s, o, u: s.plan_delete(user=u, plan=o.plan)),
    "plans.plan_copy_from_previous": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_copy_from_previous(
            user=u, association=o.association, school_year=2026
        ),
    ),
    "plans.plan_item_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_item_add(user=u, plan=o.plan, topic="Пункт"),
    ),
    "plans.plan_item_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_item_update(user=u, item=o.plan_item, data={}),
    ),
    "plans.plan_item_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_item_delete(user=u, item=o.plan_item),
    ),
    "plans.plan_item_set_status": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_item_set_status(user=u, item=o.plan_item, status="planned"),
    ),
    "plans.plan_items_done_by_minutes": (  # a consequence of signing the minutes
        ADMIN | {"head"},
        lambda s, o, u: s.plan_items_done_by_minutes(user=u, meeting=o.meeting),
    ),
    "plans.plan_item_meeting_create": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_item_meeting_create(user=u, item=o.plan_item, date=TODAY),
    ),
    "plans.plan_adopt": (
        HEAD_MANAGES,
        lambda s, o, u: s.plan_adopt(user=u, plan=o.plan, decision=o.agenda_item),
    ),
    "plans.plan_agree": (MANAGE, lambda s, o, u: s.plan_agree(user=u, plan=o.plan)),
    "plans.plan_approve": (MANAGE, lambda s, o, u: s.plan_approve(user=u, plan=o.plan)),
    "plans.plan_publish": (MANAGE, lambda s, o, u: s.plan_publish(user=u, plan=o.plan)),
    "plans.plan_return_to_draft": (
        MANAGE,
        lambda s, o, u: s.plan_return_to_draft(user=u, plan=o.plan, reason="Поправить"),
    ),
    # portal
    "portal.passport_publish": (
        HEAD_MANAGES,
        lambda s, o, u: s.passport_publish(user=u, association=o.association),
    ),
    "portal.passport_unpublish": (
        HEAD_MANAGES,
        lambda s, o, u: s.passport_unpublish(user=u, association=o.association),
    ),
    # privacy
    "privacy.teacher_anonymise": (
        MANAGE,
        lambda s, o, u: s.teacher_anonymise(user=u, teacher=o.member),
    ),
    # regulations
    "regulations.regulation_import": (
        CREATE,
        lambda s, o, u: s.regulation_import(user=u, municipality=o.m, text="title: П"),
    ),
    # surveys: a methodist or a head builds; the survey is the association's
    "surveys.survey_create": (
        CREATE | {"head"},
        lambda s, o, u: s.survey_create(user=u, municipality=o.m),
    ),
    "surveys.survey_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.survey_update(user=u, survey=o.survey, data={}),
    ),
    "surveys.survey_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.survey_delete(user=u, survey=o.survey),
    ),
    "surveys.survey_open": (
        HEAD_MANAGES,
        lambda s, o, u: s.survey_open(user=u, survey=o.survey),
    ),
    "surveys.survey_close": (
        HEAD_MANAGES,
        lambda s, o, u: s.survey_close(user=u, survey=o.survey),
    ),
    "surveys.question_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.question_add(user=u, survey=o.survey, kind="text", text="Как?"),
    ),
    "surveys.question_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.question_update(user=u, question=o.question, data={}),
    ),
    "surveys.question_move": (
        HEAD_MANAGES,
        lambda s, o, u: s.question_move(user=u, question=o.question, up=True),
    ),
    "surveys.question_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.question_delete(user=u, question=o.question),
    ),
    "surveys.invitations_issue": (
        HEAD_MANAGES,
        lambda s, o, u: s.invitations_issue(user=u, survey=o.survey, teachers=[]),
    ),
    # meetings: decisions followed to completion (issue #16)
    "meetings.decision_follow": (
        HEAD_MANAGES,
        lambda s, o, u: s.decision_follow(
            user=u, item=o.agenda_item, responsible=o.member, due_on=None, status="open"
        ),
    ),
    # ... reported carried out by whoever keeps the minutes or the responsible member
    "meetings.decision_report": (
        HEAD_MANAGES,
        lambda s, o, u: s.decision_report(user=u, item=o.agenda_item),
    ),
    # proposals: the head speaks for his association, the methodist decides (issue #16)
    "proposals.proposal_submit": (
        ADMIN | {"head"},
        lambda s, o, u: s.proposal_submit(
            user=u,
            association=o.association,
            teacher=o.member,
            kind="attestation",
            category="first",
            grounds="Результаты диагностики.",
        ),
    ),
    "proposals.proposal_decide": (
        MANAGE,
        lambda s, o, u: s.proposal_decide(user=u, proposal=o.proposal, granted=True),
    ),
    "proposals.draft_open": (
        OWN_METHODIST,
        lambda s, o, u: s.draft_open(
            user=u,
            municipality=o.m,
            title="Проект",
            level="municipal",
            summary="Кратко",
            file=_pdf(),
            deadline=dt.date(2025, 12, 1),
            associations=[o.association],
        ),
    ),
    "proposals.comment_add": (
        ADMIN | {"head"},
        lambda s, o, u: s.comment_add(
            user=u, draft=o.draft, association=o.association, clause="1", text="Уточнить."
        ),
    ),
    "proposals.position_compile": (
        ADMIN | {"head"},
        lambda s, o, u: s.position_compile(
            user=u, draft=o.draft, association=o.association, text="Поддержать."
        ),
    ),
    "proposals.position_adopt": (
        ADMIN | {"head"},
        lambda s, o, u: s.position_adopt(user=u, position=o.position, decision=o.agenda_item),
    ),
    # pdorders: the service writes every request, the head his association's (issue #17)
    "pdorders.pd_request_create": (
        HEAD_MANAGES,
        lambda s, o, u: s.pd_request_create(
            user=u, municipality=o.m, association=o.association, school_year=2026
        ),
    ),
    "pdorders.pd_request_lines_add": (
        HEAD_MANAGES,
        lambda s, o, u: s.pd_request_lines_add(
            user=u,
            request=o.pd_request,
            lines=[s.ChosenLine(topic="ИКТ", hours=36, places=2, source="manual")],
        ),
    ),
    "pdorders.pd_request_line_update": (
        HEAD_MANAGES,
        lambda s, o, u: s.pd_request_line_update(user=u, line=o.pd_line, data={"places": 5}),
    ),
    "pdorders.pd_request_line_delete": (
        HEAD_MANAGES,
        lambda s, o, u: s.pd_request_line_delete(user=u, line=o.pd_line),
    ),
    "pdorders.planned_course_create": (
        CREATE,
        lambda s, o, u: s.planned_course_create(
            user=u,
            municipality=o.m,
            title="ИКТ",
            provider="ИРО",
            hours=36,
            starts_on=TODAY,
            ends_on=TODAY,
            places=3,
        ),
    ),
    "pdorders.planned_course_update": (
        MANAGE,
        lambda s, o, u: s.planned_course_update(user=u, course=o.pd_course, data={"places": 4}),
    ),
    "pdorders.enrolment_add": (
        MANAGE,
        lambda s, o, u: s.enrolment_add(user=u, course=o.pd_course, teacher=o.member),
    ),
    "pdorders.enrolment_remove": (
        MANAGE,
        lambda s, o, u: s.enrolment_remove(user=u, enrolment=o.enrolment),
    ),
    # roadmaps: the methodical service keeps its own and the associations' (issue #17)
    "roadmaps.roadmap_create": (
        CREATE,
        lambda s, o, u: s.roadmap_create(user=u, municipality=o.m, school_year=2026, title="ДК"),
    ),
    "roadmaps.roadmap_measure_add": (
        MANAGE,
        lambda s, o, u: s.roadmap_measure_add(
            user=u, roadmap=o.roadmap, title="Семинар", responsible="РМК", due_on=TODAY
        ),
    ),
    "roadmaps.roadmap_measure_update": (
        MANAGE,
        lambda s, o, u: s.roadmap_measure_update(
            user=u, measure=o.roadmap_measure, data={"status": "not_done"}
        ),
    ),
    # schools: the methodical service of the municipality keeps everything (issue #17)
    "schools.risk_criterion_create": (
        CREATE,
        lambda s, o, u: s.risk_criterion_create(
            user=u, municipality=o.m, name="Двойки", kind="fail_share", threshold=15
        ),
    ),
    "schools.risk_criterion_update": (
        MANAGE,
        lambda s, o, u: s.risk_criterion_update(
            user=u, criterion=o.risk_criterion, data={"years": 2}
        ),
    ),
    "schools.observation_criterion_create": (
        CREATE,
        lambda s, o, u: s.observation_criterion_create(user=u, municipality=o.m, name="Цель"),
    ),
    "schools.observation_criterion_update": (
        MANAGE,
        lambda s, o, u: s.observation_criterion_update(
            user=u, criterion=o.form_criterion, data={"max_score": 3}
        ),
    ),
    "schools.support_plan_create": (
        CREATE,
        lambda s, o, u: s.support_plan_create(
            user=u, municipality=o.m, organisation=o.organisation, school_year=2026
        ),
    ),
    "schools.support_plan_update": (
        MANAGE,
        lambda s, o, u: s.support_plan_update(user=u, plan=o.support_plan, data={"goal": "Цель"}),
    ),
    "schools.support_measure_add": (
        MANAGE,
        lambda s, o, u: s.support_measure_add(
            user=u, plan=o.support_plan, text="Семинар", association=o.association, deadline=TODAY
        ),
    ),
    "schools.support_measure_update": (
        MANAGE,
        lambda s, o, u: s.support_measure_update(
            user=u, measure=o.support_measure, data={"status": "done"}
        ),
    ),
    "schools.visit_record": (
        MANAGE,
        lambda s, o, u: s.visit_record(
            user=u, plan=o.support_plan, date=TODAY, visitor=o.visit.visitor, purpose="Помощь"
        ),
    ),
    "schools.visit_update": (
        MANAGE,
        lambda s, o, u: s.visit_update(user=u, visit=o.visit, data={"findings": "Выводы"}),
    ),
    "schools.observation_record": (
        MANAGE,
        lambda s, o, u: s.observation_record(
            user=u, visit=o.visit, teacher=o.stranger, topic="Дроби", scores={}
        ),
    ),
    "schools.observation_update": (
        MANAGE,
        lambda s, o, u: s.observation_update(
            user=u, observation=o.observation, data={"acknowledged_on": TODAY}
        ),
    ),
    # only the observed teacher himself, row by row: «Ознакомлен(а)»
    "schools.observation_acknowledge": (
        {"teacher"},
        lambda s, o, u: s.observation_acknowledge(user=u, observation=o.own_observation),
    ),
}

# Public functions of services modules that decide nothing about roles, and why.
SELF = "acts on the calling person's own account only"
SYSTEM = "called by the system (a task, the demo, a migration) with no person behind it"
READ = "reads or renders; writes nothing a role decides about"
HELPER = "a building block the services themselves call after their check"
NOT_PERMISSION_CHECKED = {
    "core.changed_fields": HELPER,
    "core.model_create": HELPER,
    "core.model_update": HELPER,
    "core.with_history_user": HELPER,
    "accounts.password_changed": SELF,
    "api.token_create": SELF,
    "api.token_revoke_all": SELF,
    "privacy.consent_give": SELF,
    "consultations.request_submit_public": "anyone asks on the public portal, no login; "
    "the form and the view refuse bots, the service the missing consent",
    "privacy.consent_saving": SELF,
    # The answerer is proven by his login or one-time link; the service checks he is an
    # addressee and answers once (surveys.selectors.is_addressee).
    "surveys.response_submit": "answered by an addressee, checked inside the service",
    "surveys.check_can_answer": READ,
    "calendars.feed_get_or_create": "creates the feed a reader subscribes to; no secret in it",
    "imports.import_check": SYSTEM,
    "imports.import_apply": SYSTEM,
    "imports.import_claim": SYSTEM,
    "imports.import_fail": SYSTEM,
    "imports.import_watchdog": SYSTEM,
    "privacy.access_log_purge": SYSTEM,
    "privacy.access_record": "the access log writes who read what, for every reader",
    "regulations.presets_load": SYSTEM,
    "documents.plan_document": READ,
    "documents.minutes_document": READ,
    "documents.notice_document": READ,
    "documents.order_creation_document": READ,
    "documents.order_head_document": READ,
    "documents.to_pdf": READ,
    "documents.order_award_document": READ,
    "documents.check_template": READ,
    "meetings.default_chair": READ,
    "meetings.member_ids_on": READ,
    "meetings.minutes_problems": READ,
    "privacy.client_address": READ,
    "privacy.person_of": READ,
    "privacy.teachers_audit": READ,
}
# The demo data generator (metodset/demo) acts as the system throughout.
NOT_SERVICES_MODULES = {"demo"}


def _service_functions():
    for info in pkgutil.iter_modules(metodset.__path__):
        if not info.ispkg or info.name in NOT_SERVICES_MODULES:
            continue
        try:
            module = importlib.import_module(f"metodset.{info.name}.services")
        except ModuleNotFoundError:
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{info.name}.{name}"


# The year-end cycle and the bank came with their own role tests: each of these services is
# called there as every role that may and some that may not (the module named), so they are
# not repeated against the shared world here. A new service of these apps joins that list
# only with such a test in its app.
APP_ROLE_TESTS = {
    "analysis": ["test_services.py", "test_views.py"],
    "portfolio": ["test_services.py", "test_views.py"],
    "library": ["test_review_flow.py", "test_api.py", "test_views.py"],
}
CHECKED_IN_APP = (
    {
        f"analysis.{name}": "analysis"
        for name in [
            "analysis_accept",
            "analysis_adopt",
            "analysis_delete",
            "analysis_generate",
            "analysis_refresh",
            "analysis_return",
            "analysis_submit",
            "evaluation_delete",
            "evaluation_record",
            "section_update",
        ]
    }
    | {
        f"portfolio.{name}": "portfolio"
        for name in [
            "curriculum_add",
            "curriculum_delete",
            "portfolio_item_clear",
            "portfolio_remind",
            "portfolio_review",
            "portfolio_submit",
            "portfolio_upload",
        ]
    }
    | {
        f"library.{name}": "library"
        for name in [
            "criterion_save",
            "experts_appoint",
            "material_delete",
            "material_save",
            "news_save",
            "practice_accept",
            "practice_publish",
            "practice_revise",
            "practice_submit",
            "review_settings_save",
            "review_submit",
        ]
    }
)
NOT_PERMISSION_CHECKED |= {
    "library.criteria_for": READ,
    "library.ready_to_accept": READ,
    "library.recommendations": READ,
    "library.reviewers_required": READ,
}


def test_the_apps_that_test_their_own_services_have_those_tests():
    root = Path(__file__).resolve().parent.parent / "src" / "metodset"
    for app in set(CHECKED_IN_APP.values()):
        text = "".join((root / app / "tests" / name).read_text() for name in APP_ROLE_TESTS[app])
        names = [k.split(".", 1)[1] for k, v in CHECKED_IN_APP.items() if v == app]
        # A service tested through the page that calls it, by role, is named by that URL.
        through = {
            "portfolio_item_clear": "portfolio:clear",
            "portfolio_remind": "portfolio:remind",
            "analysis_delete": "analysis:delete",
            "criterion_save": "library:criteria",
            "review_settings_save": "library:criteria",
            "material_save": "library:material_edit",
        }
        untested = [n for n in names if n not in text and through.get(n, n) not in text]
        assert untested == [], f"{app}: no role test calls {untested}"


def test_every_service_is_listed():
    found = set(_service_functions())
    listed = set(SERVICES) | set(NOT_PERMISSION_CHECKED) | set(CHECKED_IN_APP)
    assert sorted(found - listed) == [], "add these services to SERVICES (with who may call them)"
    assert sorted(listed - found) == [], "these services are gone: remove them from the lists"


@pytest.fixture
def objects(world):
    o = dict(world["objects"])
    association, member, head = o["association"], o["member"], world["users"]["head"]
    o["m"] = association.municipality
    o["appointment"] = HeadAppointment.objects.get(association=association)
    o["feed"] = feed_get_or_create(municipality=o["m"], association=association)
    o["token"], _secret = ApiToken.objects.get_or_create(
        user=head, name="Ключ", defaults={"prefix": "p", "key_hash": "h"}
    )
    o["participation"] = ParticipationFactory(event=o["event"], teacher=o["stranger"])
    o["nomination"] = Nomination.objects.create(event=o["event"], name="Урок")
    o["meeting"] = MeetingFactory(association=association, date=dt.date(2025, 10, 15))
    o["guest"] = GuestFactory(meeting=o["meeting"])
    o["agenda_item"] = AgendaItemFactory(meeting=o["meeting"])
    o["attachment"] = Attachment.objects.create(meeting=o["meeting"], title="Доклад", file=_pdf())
    o["plan"] = PlanFactory(association=association, school_year=2025)
    o["plan_item"] = PlanItemFactory(plan=o["plan"])
    o["need"] = Need.objects.create(municipality=o["m"], name="Оценивание")
    o["route"] = Route.objects.create(teacher=member, school_year=2025, title="ИОМ")
    o["survey"] = SurveyFactory(association=association)
    o["question"] = Question.objects.create(survey=o["survey"], position=1, kind="text", text="?")
    o["proposal"] = proposal_services.proposal_submit(
        user=None,
        association=association,
        teacher=member,
        kind="petition",
        award="Почётная грамота",
        grounds="Активный член объединения.",
    )
    o["draft"] = proposal_services.draft_open(
        user=None,
        municipality=o["m"],
        title="Проект положения",
        level="regional",
        summary="Кратко",
        file=_pdf(),
        deadline=dt.date(2025, 12, 1),
        associations=[association],
    )
    o["position"] = proposal_services.position_compile(
        user=None, draft=o["draft"], association=association, text="Поддержать."
    )
    o["consultation"] = ConsultationRequest.objects.create(
        municipality=o["m"],
        association=association,
        source="portal",
        asker="parent",
        email="parent@example.org",
        topic="Адаптация",
    )
    o["consultation_consent"] = consent_text("consultation")
    # schools (issue #17): a support plan of the home municipality's school with a visit
    o["support_plan"] = SupportPlanFactory(organisation=o["organisation"])
    o["visit"] = VisitFactory(plan=o["support_plan"])
    o["support_measure"] = SupportMeasure.objects.create(
        plan=o["support_plan"], text="Семинар", association=association, deadline=TODAY
    )
    o["observation"] = Observation.objects.create(
        municipality=o["m"], visit=o["visit"], teacher=o["stranger"], topic="Дроби"
    )
    o["own_observation"] = Observation.objects.create(
        municipality=o["m"],
        visit=o["visit"],
        teacher=world["users"]["teacher"].teacher_profile,
        topic="Доли",
    )
    o["risk_criterion"] = RiskCriterionFactory(municipality=o["m"])
    o["roadmap"] = Roadmap.objects.create(municipality=o["m"], school_year=2025, title="ДК")
    o["roadmap_measure"] = RoadmapMeasure.objects.create(
        roadmap=o["roadmap"], title="Семинар", responsible="РМК", due_on=TODAY
    )
    o["form_criterion"] = ObservationCriterionFactory(municipality=o["m"])
    # pdorders (issue #17): the home association's request with a line, a course, an enrolment
    o["pd_request"] = PDRequest.objects.create(
        municipality=o["m"], association=association, school_year=2025
    )
    o["pd_line"] = PDRequestLine.objects.create(
        request=o["pd_request"], topic="Оценивание", hours=36, places=2
    )
    o["pd_course"] = PlannedCourse.objects.create(
        municipality=o["m"],
        title="Оценивание",
        provider="ИРО",
        hours=36,
        starts_on=TODAY,
        ends_on=TODAY,
        places=5,
        line=o["pd_line"],
    )
    o["enrolment"] = Enrolment.objects.create(course=o["pd_course"], teacher=o["stranger"])
    assert CompetitionEntry  # entries are added by the test itself
    return SimpleNamespace(**o)


def _fresh(objects) -> SimpleNamespace:
    """The objects as stored: a call rolled back may have changed (or deleted) them in memory."""
    return SimpleNamespace(
        **{
            key: type(value)._default_manager.get(pk=value.pk)
            if isinstance(value, Model)
            else value
            for key, value in vars(objects).items()
        }
    )


def _allowed(call, services, objects, user) -> bool:
    """Whether the call passed the permission check; everything it wrote is rolled back."""
    objects = _fresh(objects)
    try:
        with transaction.atomic():
            try:
                call(services, objects, user)
            except PermissionDenied:
                return False
            except ValidationError:
                pass  # refused by the rules of the record, after the permission check
            raise _Rollback
    except _Rollback:
        return True


class _Rollback(Exception):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SERVICES))
def test_the_service_decides_who_may_call_it(name, world, objects):
    expected, call = SERVICES[name]
    app, function = name.split(".")
    services = importlib.import_module(f"metodset.{app}.services")
    assert callable(getattr(services, function))
    users = {role: world["users"][role] or AnonymousUser() for role in ROLES}
    allowed = {role for role in ROLES if _allowed(call, services, objects, users[role])}
    assert allowed == expected, name
