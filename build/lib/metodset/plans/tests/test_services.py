import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from metodset.acts.tests.factories import OrderFactory
from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.meetings import services as meeting_services
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.plans import selectors, services
from metodset.plans.models import ItemForm, ItemStatus, Plan, PlanItem, PlanStatus
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(association):
    plan = PlanFactory(association=association, school_year=2025)
    PlanItemFactory(plan=plan)
    return plan


@pytest.fixture
def decision(association):
    """«Принять план работы» decided at a meeting held on 28.08.2025 (the year before)."""
    meeting = MeetingFactory(association=association, date=dt.date(2025, 8, 28))
    return AgendaItemFactory(
        meeting=meeting, title="О плане работы на 2025/2026", decision="Принять план работы."
    )


def adopted(plan, decision):
    return services.plan_adopt(user=None, plan=plan, decision=decision)


class TestPlan:
    def test_the_head_composes_his_association_plan(self, association, head):
        plan = services.plan_create(
            user=head, association=association, school_year=2025, theme="Функциональная грамотность"
        )
        assert plan.is_draft and plan.municipality_id == association.municipality_id
        assert plan.history.first().history_user == head

    @pytest.mark.parametrize("role", ["coordinator", "other_head", "teacher", "methodist_other"])
    def test_others_may_not_compose_it(self, association, users, role):
        with pytest.raises(PermissionDenied, match="составляет его руководитель или методист"):
            services.plan_create(
                user=users[role], association=association, school_year=2025, theme="Тема"
            )
        assert not Plan.objects.exists()

    def test_it_refuses_a_second_plan_for_the_same_year(self, plan, methodist):
        with pytest.raises(ValidationError, match="уже есть план на этот учебный год"):
            services.plan_create(
                user=methodist, association=plan.association, school_year=2025, theme="Ещё"
            )

    def test_it_refuses_a_year_before_the_association_existed(self, municipality, methodist):
        association = AssociationFactory(municipality=municipality, founded_on=dt.date(2024, 9, 1))
        with pytest.raises(ValidationError, match="ещё не было создано"):
            services.plan_create(
                user=methodist, association=association, school_year=2023, theme="Тема"
            )

    def test_only_a_draft_changes(self, plan, decision, head):
        adopted(plan, decision)
        with pytest.raises(ValidationError, match="изменять можно только черновик"):
            services.plan_update(user=head, plan=plan, data={"theme": "Другая"})
        with pytest.raises(ValidationError, match="изменять можно только черновик"):
            services.plan_item_add(
                user=head, plan=plan, date=dt.date(2025, 12, 1), form=ItemForm.OTHER, topic="Х"
            )
        with pytest.raises(ValidationError):
            services.plan_delete(user=head, plan=plan)


class TestItems:
    def test_it_takes_a_month_when_the_date_is_not_known(self, plan, head):
        item = services.plan_item_add(
            user=head, plan=plan, month=3, form=ItemForm.ROUND_TABLE, topic="Круглый стол"
        )
        # March of the school year 2025/2026 is March 2026, after the October item.
        assert item.sort_on == dt.date(2026, 3, 1)
        assert item.when_label == "Март"
        assert list(plan.items.values_list("pk", flat=True))[-1] == item.pk

    def test_it_refuses_a_date_outside_the_school_year_of_the_plan(self, plan, head):
        with pytest.raises(ValidationError) as error:
            services.plan_item_add(
                user=head, plan=plan, date=dt.date(2026, 9, 15), form=ItemForm.SEMINAR, topic="Х"
            )
        assert error.value.message_dict["date"] == [
            "Дата выходит за пределы 2025/2026 учебного года, на который составлен план."
        ]

    def test_it_refuses_an_item_with_neither_date_nor_month(self, plan, head):
        with pytest.raises(ValidationError, match="Укажите дату или хотя бы месяц"):
            services.plan_item_add(user=head, plan=plan, form=ItemForm.SEMINAR, topic="Х")

    def test_it_refuses_a_venue_that_does_not_host_events(self, plan, head):
        school = OrganisationFactory(municipality=plan.municipality, is_venue=False)
        with pytest.raises(ValidationError, match="не отмечена как площадка"):
            services.plan_item_add(
                user=head,
                plan=plan,
                date=dt.date(2025, 12, 1),
                form=ItemForm.OPEN_LESSON,
                topic="Открытый урок",
                venue=school,
            )

    def test_it_refuses_a_responsible_teacher_of_another_municipality(
        self, plan, head, other_municipality
    ):
        stranger = TeacherFactory(organisation__municipality=other_municipality)
        with pytest.raises(ValidationError, match="другом муниципалитете"):
            services.plan_item_add(
                user=head,
                plan=plan,
                date=dt.date(2025, 12, 1),
                form=ItemForm.SEMINAR,
                topic="Х",
                responsible=[stranger],
            )

    @pytest.mark.parametrize("status", [ItemStatus.MOVED, ItemStatus.CANCELLED])
    def test_moving_or_cancelling_needs_a_reason(self, plan, head, status):
        item = plan.items.get()
        with pytest.raises(ValidationError) as error:
            services.plan_item_set_status(user=head, item=item, status=status, reason="  ")
        assert error.value.message_dict["status_reason"] == [
            "Укажите, почему пункт перенесён или отменён."
        ]
        item.refresh_from_db()
        assert item.status == ItemStatus.PLANNED

    def test_it_moves_an_item_with_a_reason_even_after_approval(self, plan, decision, head):
        adopted(plan, decision)
        item = plan.items.get()
        services.plan_item_set_status(
            user=head,
            item=item,
            status=ItemStatus.MOVED,
            reason="карантин",
            moved_to=dt.date(2025, 11, 20),
        )
        item.refresh_from_db()
        assert (item.status, item.status_reason, item.moved_to) == (
            ItemStatus.MOVED,
            "карантин",
            dt.date(2025, 11, 20),
        )
        services.plan_item_set_status(user=head, item=item, status=ItemStatus.DONE)
        item.refresh_from_db()
        assert (item.status_reason, item.moved_to) == ("", None)

    def test_a_member_teacher_may_not_mark_items(self, plan, member_user):
        with pytest.raises(PermissionDenied):
            services.plan_item_set_status(
                user=member_user, item=plan.items.get(), status=ItemStatus.DONE
            )


class TestDoneMeansHeld:
    def test_an_item_still_to_come_cannot_be_marked_done(self, plan, head):
        item = PlanItemFactory(plan=plan, date=dt.date(2025, 12, 5))
        with pytest.raises(ValidationError, match=r"запланирован на 05\.12\.2025"):
            services.plan_item_set_status(user=head, item=item, status=ItemStatus.DONE)
        month_only = PlanItemFactory(plan=plan, date=None, month=1)
        with pytest.raises(ValidationError, match="запланирован на январь"):
            services.plan_item_set_status(user=head, item=month_only, status=ItemStatus.DONE)
        this_month = PlanItemFactory(plan=plan, date=None, month=11)
        services.plan_item_set_status(user=head, item=this_month, status=ItemStatus.DONE)
        item.refresh_from_db()
        assert item.status == ItemStatus.PLANNED

    def test_an_item_moved_earlier_is_done_once_held_on_its_new_date(self, plan, head):
        item = PlanItemFactory(plan=plan, date=dt.date(2026, 3, 5))
        services.plan_item_set_status(
            user=head,
            item=item,
            status=ItemStatus.MOVED,
            reason="по просьбе школы",
            moved_to=dt.date(2025, 11, 10),
        )
        services.plan_item_set_status(user=head, item=item, status=ItemStatus.DONE)
        item.refresh_from_db()
        assert item.status == ItemStatus.DONE

    @staticmethod
    def meeting_of(plan, head, day: dt.date):
        """A plan item with the meeting scheduled from it, on a day already past."""
        MembershipFactory(association=plan.association, teacher=head.teacher_profile)
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING, date=day)
        return item, services.plan_item_meeting_create(user=head, item=item, date=day)

    @staticmethod
    def minute(meeting, head) -> None:
        meeting_services.attendance_record(
            user=head, meeting=meeting, marks={head.teacher_profile.pk: (True, "")}
        )
        meeting.agenda.update(decision="Принять к сведению.")
        meeting_services.minutes_sign(user=head, meeting=meeting)

    def test_an_item_of_a_meeting_is_done_only_when_its_minutes_are_signed(self, plan, head):
        item, meeting = self.meeting_of(plan, head, dt.date(2025, 11, 10))
        item.refresh_from_db()
        assert (item.status, item.meeting) == (ItemStatus.PLANNED, meeting)
        with pytest.raises(ValidationError, match="протокол будет подписан"):
            services.plan_item_set_status(user=head, item=item, status=ItemStatus.DONE)
        self.minute(meeting, head)
        item.refresh_from_db()
        assert item.status == ItemStatus.DONE
        assert item.history.first().history_user == head

    def test_a_cancelled_item_stays_cancelled_when_its_meeting_is_minuted(self, plan, head):
        item, meeting = self.meeting_of(plan, head, dt.date(2025, 11, 10))
        services.plan_item_set_status(
            user=head, item=item, status=ItemStatus.CANCELLED, reason="вопрос снят"
        )
        self.minute(meeting, head)
        item.refresh_from_db()
        assert item.status == ItemStatus.CANCELLED

    def test_scheduling_meetings_does_not_move_plan_progress(self, plan, head):
        """The report: 3 of 9 done became 6 of 9 in December by scheduling meetings,
        one of them for 19.03.2027."""
        for day in (dt.date(2025, 12, 5), dt.date(2026, 3, 19), dt.date(2026, 5, 14)):
            item = PlanItemFactory(plan=plan, form=ItemForm.MEETING, date=day)
            services.plan_item_meeting_create(user=head, item=item, date=day)
        row = selectors.plan_list(user=head).get(pk=plan.pk)
        assert (row.done_count, row.item_count) == (0, 4)


class TestMeetingFromItem:
    def test_it_schedules_the_meeting_and_links_the_item(self, plan, head):
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING, date=dt.date(2025, 12, 5))
        meeting = services.plan_item_meeting_create(user=head, item=item, date=dt.date(2025, 12, 5))
        item.refresh_from_db()
        # Scheduled is not held: the item is done once the minutes are signed.
        assert (item.status, item.meeting) == (ItemStatus.PLANNED, meeting)
        assert meeting.number == 1 and meeting.chair == head.teacher_profile
        assert [q.title for q in meeting.agenda.all()] == [item.topic]

    def test_it_refuses_a_meeting_dated_outside_the_school_year_of_its_plan(self, plan, head):
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING)
        with pytest.raises(ValidationError) as error:
            services.plan_item_meeting_create(user=head, item=item, date=dt.date(2026, 9, 3))
        assert "2025/2026" in error.value.message_dict["date"][0]
        item.refresh_from_db()
        assert item.status == ItemStatus.PLANNED and item.meeting is None

    def test_the_meeting_cannot_later_leave_the_plan_year(self, plan, head):
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING)
        meeting = services.plan_item_meeting_create(user=head, item=item, date=dt.date(2026, 5, 20))
        with pytest.raises(ValidationError):
            meeting_services.meeting_update(
                user=head, meeting=meeting, data={"date": dt.date(2026, 9, 2)}
            )

    def test_it_refuses_a_second_meeting_for_the_item(self, plan, head):
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING)
        services.plan_item_meeting_create(user=head, item=item, date=dt.date(2025, 12, 5))
        with pytest.raises(ValidationError, match="уже назначено"):
            services.plan_item_meeting_create(user=head, item=item, date=dt.date(2025, 12, 6))

    def test_deleting_the_meeting_plans_the_item_again(self, plan, head):
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING)
        meeting = services.plan_item_meeting_create(user=head, item=item, date=dt.date(2025, 12, 5))
        meeting_services.meeting_delete(user=head, meeting=meeting)
        item.refresh_from_db()
        assert (item.status, item.meeting) == (ItemStatus.PLANNED, None)

    def test_a_member_teacher_may_not_schedule_it(self, plan, member_user):
        item = PlanItemFactory(plan=plan, form=ItemForm.MEETING)
        with pytest.raises(PermissionDenied):
            services.plan_item_meeting_create(
                user=member_user, item=item, date=dt.date(2025, 12, 5)
            )


class TestWorkflow:
    """draft → adopted at a meeting → agreed / approved → published, role by role."""

    def test_the_head_records_the_adoption_by_a_decision(self, plan, decision, head):
        services.plan_adopt(user=head, plan=plan, decision=decision)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ADOPTED
        assert (plan.adoption_meeting, plan.adopted_on) == (decision.meeting, dt.date(2025, 8, 28))

    @pytest.mark.parametrize("role", ["coordinator", "other_head", "teacher"])
    def test_others_may_not_record_the_adoption(self, plan, decision, users, role):
        with pytest.raises(PermissionDenied, match="Принятие плана отмечает"):
            services.plan_adopt(user=users[role], plan=plan, decision=decision)
        plan.refresh_from_db()
        assert plan.is_draft

    def test_it_refuses_a_decision_of_another_association(self, plan, head, municipality):
        foreign = AgendaItemFactory(
            meeting__association=AssociationFactory(municipality=municipality),
            meeting__date=dt.date(2025, 9, 10),
        )
        with pytest.raises(ValidationError, match="своего объединения"):
            services.plan_adopt(user=head, plan=plan, decision=foreign)

    def test_it_refuses_a_question_without_a_decision(self, plan, decision, head):
        decision.decision = ""
        decision.save()
        with pytest.raises(ValidationError, match="ещё не записано решение"):
            services.plan_adopt(user=head, plan=plan, decision=decision)

    def test_it_refuses_a_meeting_still_to_come_or_too_long_ago(self, plan, head, association):
        future = AgendaItemFactory(
            meeting=MeetingFactory(association=association, date=dt.date(2025, 12, 1))
        )
        with pytest.raises(ValidationError, match="ещё не состоялось"):
            services.plan_adopt(user=head, plan=plan, decision=future)
        old = AgendaItemFactory(
            meeting=MeetingFactory(association=association, date=dt.date(2024, 5, 20))
        )
        with pytest.raises(ValidationError, match="этого или предыдущего учебного года"):
            services.plan_adopt(user=head, plan=plan, decision=old)

    def test_it_refuses_an_empty_plan(self, association, decision, head):
        empty = PlanFactory(association=association, school_year=2025)
        with pytest.raises(ValidationError, match="Пустой план"):
            services.plan_adopt(user=head, plan=empty, decision=decision)

    def test_the_methodist_agrees_approves_and_publishes(self, plan, decision, methodist):
        adopted(plan, decision)
        order = OrderFactory(municipality=plan.municipality, date=dt.date(2025, 9, 2))
        services.plan_agree(user=methodist, plan=plan)
        services.plan_approve(user=methodist, plan=plan, order=order)
        services.plan_publish(user=methodist, plan=plan)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.PUBLISHED
        assert (plan.agreed_by, plan.approved_by, plan.published_by) == (methodist,) * 3
        assert plan.approval_order == order
        assert plan.agreed_at and plan.approved_at and plan.published_at
        assert Plan.objects.published().get() == plan

    def test_approval_may_follow_adoption_directly(self, plan, decision, methodist):
        adopted(plan, decision)
        services.plan_approve(user=methodist, plan=plan)
        services.plan_publish(user=methodist, plan=plan)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.PUBLISHED and plan.agreed_at is None

    @pytest.mark.parametrize(
        ("service", "message"),
        [
            (services.plan_agree, "Согласовать план может только методист"),
            (services.plan_approve, "Утвердить план может только методист"),
            (services.plan_publish, "Опубликовать план может только методист"),
        ],
    )
    @pytest.mark.parametrize("role", ["head", "coordinator", "teacher", "methodist_other"])
    def test_only_the_methodist_of_the_municipality_reviews(
        self, plan, decision, users, role, service, message
    ):
        adopted(plan, decision)
        with pytest.raises(PermissionDenied, match=message):
            service(user=users[role], plan=plan)
        plan.refresh_from_db()
        assert plan.status == PlanStatus.ADOPTED

    def test_the_platform_admin_may_review(self, plan, decision, platform_admin):
        adopted(plan, decision)
        services.plan_agree(user=platform_admin, plan=plan)
        assert plan.status == PlanStatus.AGREED

    def test_it_refuses_steps_out_of_order(self, plan, decision, methodist):
        with pytest.raises(ValidationError, match="только план, принятый на заседании"):
            services.plan_agree(user=methodist, plan=plan)
        with pytest.raises(ValidationError, match="только принятый или согласованный"):
            services.plan_approve(user=methodist, plan=plan)
        with pytest.raises(ValidationError, match="только согласованный или утверждённый"):
            services.plan_publish(user=methodist, plan=plan)
        adopted(plan, decision)
        with pytest.raises(ValidationError, match="«принят на заседании»"):
            services.plan_publish(user=methodist, plan=plan)
        services.plan_agree(user=methodist, plan=plan)
        with pytest.raises(ValidationError, match="«согласован»"):
            services.plan_agree(user=methodist, plan=plan)
        with pytest.raises(ValidationError, match="уже «согласован»"):
            services.plan_adopt(user=methodist, plan=plan, decision=decision)

    def test_it_refuses_an_order_dated_before_the_adoption(self, plan, decision, methodist):
        adopted(plan, decision)
        order = OrderFactory(municipality=plan.municipality, date=dt.date(2025, 8, 1))
        with pytest.raises(ValidationError, match="раньше заседания"):
            services.plan_approve(user=methodist, plan=plan, order=order)

    def test_the_methodist_returns_a_plan_with_a_reason(self, plan, decision, methodist):
        adopted(plan, decision)
        services.plan_agree(user=methodist, plan=plan)
        with pytest.raises(ValidationError, match="почему план возвращается"):
            services.plan_return_to_draft(user=methodist, plan=plan, reason=" ")
        services.plan_return_to_draft(user=methodist, plan=plan, reason="нет задач по ФГОС")
        plan.refresh_from_db()
        assert plan.is_draft and plan.adoption_decision is None and plan.agreed_at is None
        assert plan.history.first().history_change_reason == "нет задач по ФГОС"

    def test_the_head_may_not_return_a_plan(self, plan, decision, head):
        adopted(plan, decision)
        with pytest.raises(PermissionDenied):
            services.plan_return_to_draft(user=head, plan=plan, reason="хочу править")

    def test_the_adopting_decision_and_its_meeting_are_protected(self, plan, decision):
        adopted(plan, decision)
        with pytest.raises(ValidationError, match="принят план работы"):
            meeting_services.meeting_delete(user=None, meeting=decision.meeting)
        with pytest.raises(ValidationError, match="принят план работы"):
            meeting_services.agenda_item_delete(user=None, item=decision)


class TestCopy:
    def test_it_copies_last_years_plan_a_year_on(self, association, head):
        venue = OrganisationFactory(municipality=association.municipality, is_venue=True)
        closed = OrganisationFactory(municipality=association.municipality, is_venue=False)
        old = PlanFactory(association=association, school_year=2024, theme="Старая тема")
        member = MembershipFactory(association=association).teacher
        gone = TeacherFactory(organisation__municipality=association.municipality, is_active=False)
        first = PlanItemFactory(plan=old, date=dt.date(2025, 2, 28), venue=venue)
        first.responsible.set([member, gone])
        PlanItemFactory(plan=old, date=None, month=10, status=ItemStatus.DONE)
        PlanItem.objects.filter(plan=old).exclude(pk=first.pk).update(venue=closed)
        closed.is_venue = False
        closed.save()

        plan = services.plan_copy_from_previous(
            user=head, association=association, school_year=2025
        )

        assert (plan.theme, plan.copied_from, plan.status) == ("Старая тема", old, PlanStatus.DRAFT)
        items = list(selectors.plan_items(plan))
        assert [(i.date, i.month, i.status) for i in items] == [
            (None, 10, ItemStatus.PLANNED),
            (dt.date(2026, 2, 28), 2, ItemStatus.PLANNED),
        ]
        assert list(items[1].responsible.all()) == [member]  # who no longer works is left out
        assert items[1].venue == venue and items[0].venue is None

    def test_it_moves_29_february_to_28(self, association, head):
        old = PlanFactory(association=association, school_year=2023)
        PlanItemFactory(plan=old, date=dt.date(2024, 2, 29))
        plan = services.plan_copy_from_previous(
            user=head, association=association, school_year=2024
        )
        assert plan.items.get().date == dt.date(2025, 2, 28)

    def test_it_says_when_there_is_nothing_to_copy(self, association, head):
        with pytest.raises(ValidationError, match="Нет плана на 2024/2025"):
            services.plan_copy_from_previous(user=head, association=association, school_year=2025)

    def test_it_refuses_when_the_year_already_has_a_plan(self, association, plan, head):
        PlanFactory(association=association, school_year=2024)
        with pytest.raises(ValidationError, match="уже есть план"):
            services.plan_copy_from_previous(user=head, association=association, school_year=2025)

    def test_a_member_teacher_may_not_copy(self, association, member_user):
        PlanFactory(association=association, school_year=2024)
        with pytest.raises(PermissionDenied):
            services.plan_copy_from_previous(
                user=member_user, association=association, school_year=2025
            )


class TestDocumentData:
    def test_it_gathers_the_plan_in_four_queries_whatever_its_size(
        self, association, head, decision, methodist, django_assert_num_queries
    ):
        venue = OrganisationFactory(municipality=association.municipality, is_venue=True)
        members = [m.teacher for m in MembershipFactory.create_batch(3, association=association)]

        def build(school_year: int, items: int) -> Plan:
            plan = PlanFactory(association=association, school_year=school_year)
            for i in range(items):
                item = PlanItemFactory(
                    plan=plan, date=dt.date(school_year, 10, 1 + i % 28), venue=venue
                )
                item.responsible.set(members[: 1 + i % 3])
            return plan

        small, large = build(2024, 3), build(2025, 30)
        adopted(large, decision)
        services.plan_approve(
            user=methodist,
            plan=large,
            order=OrderFactory(municipality=association.municipality, date=dt.date(2025, 9, 1)),
        )
        # plan (+ association, municipality, region, decision and its meeting, reviewers,
        # order), items with venues and meetings, their responsible teachers, the head, the
        # head of the education authority who approves
        with django_assert_num_queries(5):
            data = selectors.plan_document_data(small)
        assert len(data.items) == 3
        with django_assert_num_queries(5):
            data = selectors.plan_document_data(large)
        assert len(data.items) == 30 and data.items[0].number == 1
        assert data.school_year == "2025/2026" and data.tasks == [
            "Изучить нормативные документы",
            "Обобщить опыт педагогов",
        ]
        assert data.adoption_meeting_number == decision.meeting.number
        assert data.adoption_decision == "Принять план работы."
        assert data.approval_order_number and data.approved_by == methodist.get_short_name()
        assert data.approver_name == ""  # no head of the authority is recorded
        assert data.head.full_name == head.teacher_profile.full_name
        # three «Фамилия И.О.» at most
        assert max(i.responsible_names.count(".") for i in data.items) == 6


class TestFacts:
    def test_it_says_which_steps_each_plan_took(self, association, municipality, plan, decision):
        adopted(plan, decision)
        without = AssociationFactory(municipality=municipality)
        facts = selectors.plan_facts([association.pk, without.pk], SchoolYear(2025))
        assert facts == {
            association.pk: {
                "status": PlanStatus.ADOPTED,
                "adopted": True,
                "agreed": False,
                "approved": False,
                "published": False,
            }
        }
