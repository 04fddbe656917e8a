"""The demo tells a consistent story (issue #12, item 23): steps dated in order, copies that
leave last year alone, competitions with results everywhere, the region's own PD providers,
varied plans and a bank without two practices of one title."""

from collections import Counter, defaultdict

import pytest
from django.utils import timezone

from metodset.core.models import Municipality
from metodset.demo import data as D
from metodset.events.models import CompetitionEntry, Event, EventForm, StudentResult
from metodset.growth.models import PDCourse
from metodset.library.models import Practice
from metodset.meetings.models import Meeting
from metodset.plans.models import ItemForm, Plan, PlanItem

from .test_demo_data import FROZEN, loaded  # noqa: F401 - the shared demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]


def local(moment):
    return timezone.localtime(moment).date()


class TestDatesInOrder:
    def test_a_plan_is_composed_before_it_is_adopted_agreed_approved_and_published(self):
        plans = Plan.objects.select_related("approval_order")
        assert plans.exclude(approved_at=None).exists()
        for plan in plans:
            steps = [local(plan.created_at)]
            if plan.adopted_on:
                assert local(plan.created_at) < plan.adopted_on, plan
                steps.append(plan.adopted_on)
            for moment in (plan.agreed_at, plan.approved_at, plan.published_at):
                if moment:
                    steps.append(local(moment))
            assert steps == sorted(steps), (plan, steps)
            assert steps[-1] <= FROZEN.date(), plan
            if not plan.is_service:
                first = plan.items.order_by("sort_on").first()
                assert local(plan.created_at) <= first.sort_on, plan

    def test_a_plan_approved_by_an_order_is_approved_on_the_order_s_date(self):
        """The service's plan: «утверждён» on the day of its August order, not today."""
        approved = Plan.objects.exclude(approval_order=None).select_related("approval_order")
        assert approved.exists()
        for plan in approved:
            assert local(plan.approved_at) == plan.approval_order.date, plan

    def test_the_history_of_a_plan_runs_forward_from_its_composition(self):
        rows = defaultdict(list)
        for row in Plan.history.order_by("history_id"):
            rows[row.id].append(row)
        for plan in Plan.objects.all():
            dates = [r.history_date for r in rows[plan.pk]]
            assert dates == sorted(dates), plan
            assert dates[0] == plan.created_at, plan
            assert local(dates[-1]) <= FROZEN.date()

    def test_a_meeting_is_scheduled_before_it_and_minuted_within_days(self):
        meetings = Meeting.objects.all()
        assert meetings.exclude(signed_at=None).exists()
        for meeting in meetings:
            assert local(meeting.created_at) <= meeting.date, meeting
            if meeting.signed_at:
                signed = local(meeting.signed_at)
                assert meeting.date <= signed <= FROZEN.date(), meeting
                assert (signed - meeting.date).days <= 7, meeting


class TestCopiedPlans:
    def test_a_copy_leaves_last_year_s_items_as_they_were(self):
        copies = Plan.objects.exclude(copied_from=None).select_related("copied_from")
        assert copies.exists()
        for plan in copies:
            previous = plan.copied_from
            for item in previous.items.all():
                topics = set(PlanItem.history.filter(id=item.pk).values_list("topic", flat=True))
                assert topics == {item.topic}, item
            year = str(previous.year)
            assert previous.items.filter(topic__contains=year).exists()
            assert not previous.items.filter(topic__contains=str(plan.year)).exists()

    def test_the_new_year_s_plan_has_items_of_its_own(self):
        for plan in Plan.objects.exclude(copied_from=None).select_related("copied_from"):
            now = set(plan.items.values_list("topic", flat=True))
            before = set(plan.copied_from.items.values_list("topic", flat=True))
            assert not now & before, plan
            assert plan.items.filter(topic__contains=str(plan.year)).exists()


class TestVariety:
    def test_no_two_plans_of_a_municipality_s_year_share_a_theme(self):
        plans = Plan.objects.filter(association__isnull=False)
        counts = Counter(plans.values_list("municipality_id", "school_year", "theme"))
        assert max(counts.values()) == 1
        for year in {y for _m, y, _t in counts}:
            themes = [t for _m, y, t in counts if y == year]
            assert len(set(themes)) > len(themes) * 0.8, year  # hardly a theme twice

    def test_plan_items_vary_between_associations(self):
        others = PlanItem.objects.exclude(form=ItemForm.MEETING)
        topics = Counter(others.values_list("topic", flat=True))
        assert len(topics) >= 20
        plans = Plan.objects.exclude(association=None).count()
        assert max(topics.values()) < plans * 0.75

    def test_no_two_practices_of_the_bank_share_a_title(self):
        titles = Counter(Practice.objects.values_list("title", flat=True))
        assert titles and max(titles.values()) == 1, titles.most_common(3)


class TestCompetitions:
    def test_every_municipality_has_competitions_and_olympiads_with_results(self):
        for municipality in Municipality.objects.all():
            events = Event.objects.filter(municipality=municipality)
            competition = events.filter(form=EventForm.COMPETITION)
            assert competition.exists(), municipality
            results = CompetitionEntry.objects.filter(nomination__event__in=competition).exclude(
                outcome=""
            )
            assert results.filter(outcome="winner").exists(), municipality
            students = events.filter(
                form__in=[EventForm.STUDENT_OLYMPIAD, EventForm.STUDENT_COMPETITION]
            )
            assert StudentResult.objects.filter(event__in=students).exists(), municipality

    def test_results_are_recorded_only_for_events_that_took_place(self):
        now = FROZEN
        assert not StudentResult.objects.filter(event__starts_at__gte=now).exists()
        assert (
            not CompetitionEntry.objects.filter(nomination__event__ends_at__gte=now)
            .exclude(outcome="")
            .exists()
        )
        for result in StudentResult.objects.all()[:50]:
            result.full_clean()

    def test_every_competition_follows_its_order(self):
        from metodset.acts.models import Order

        for event in Event.objects.filter(form=EventForm.COMPETITION):
            orders = Order.objects.filter(
                municipality=event.municipality, title__contains="конкурс"
            )
            assert orders.filter(date__lt=local(event.starts_at)).exists(), event


class TestProviders:
    def test_pd_courses_are_taken_with_the_region_s_own_or_federal_providers(self):
        by_slug = {m.slug: D.REGIONS[m.region] for m in D.MUNICIPALITIES}
        courses = PDCourse.objects.select_related("teacher__municipality")
        assert courses.exists()
        for course in courses:
            region = by_slug[course.teacher.municipality.slug]
            allowed = set(region.providers) | set(D.FEDERAL_PROVIDERS)
            assert course.provider in allowed, (course.provider, region.name)
