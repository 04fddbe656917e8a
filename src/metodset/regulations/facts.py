"""What the rules read about associations, gathered in bulk.

`FactsBatch` loads, in a fixed number of queries, everything the rule kinds need for
many associations at once (a municipality's matrix), and `AssociationFacts` is one
association's view of it. Facts another app records — meetings and minutes, plans,
passport; portfolio and annual analysis once an app records them — come from
PROVIDERS: the COMPLIANCE_FACTS each app declares in its extensions.py, a name and a
function(batch) -> {association_id: value}. A fact no app provides is None, and the
rule says "нет данных".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Count, Max
from django.urls import reverse

from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.dates import SchoolYear
from metodset.core.extensions import Registry, keyed
from metodset.core.links import object_url

# name -> function(batch) -> {association_id: value}; e.g. "meetings_held".
PROVIDERS: Registry = Registry(lambda: keyed("COMPLIANCE_FACTS", lambda item: item[0]))


class FactsBatch:
    def __init__(self, associations: Iterable[Association], year: SchoolYear, today: dt.date):
        from metodset.growth.models import Attestation, PDCourse
        from metodset.indicators.compute import for_associations

        self.associations = {a.pk: a for a in associations}
        self.year, self.today = year, today
        self.on = min(today, year.ends_on)
        ids = list(self.associations)
        self.members = dict(
            Membership.objects.in_force(self.on)
            .filter(association_id__in=ids)
            .order_by()
            .values_list("association_id")
            .annotate(n=Count("pk"))
        )
        # Every appointment begun by the day, newest first: the one in office is the head,
        # the newest of all tells whether a term has run out with no one after it.
        appointments = (
            HeadAppointment.objects.filter(association_id__in=ids, starts_on__lte=self.on)
            .select_related("teacher", "teacher__organisation", "order", "minutes")
            .order_by("association_id", "-starts_on", "-pk")
        )
        self.heads: dict[int, HeadAppointment] = {}
        self.last_heads: dict[int, HeadAppointment] = {}
        for appointment in appointments:
            if appointment.terminated_on and appointment.terminated_on <= appointment.starts_on:
                continue  # cancelled before its first day: never in office
            self.last_heads.setdefault(appointment.association_id, appointment)
            if appointment.is_current_on(self.on):
                self.heads.setdefault(appointment.association_id, appointment)
        teacher_ids = [h.teacher_id for h in self.heads.values()]
        self.last_course = dict(
            PDCourse.objects.filter(teacher_id__in=teacher_ids)
            .order_by()
            .values_list("teacher_id")
            .annotate(last=Max("ends_on"))
        )
        self.last_attestation = dict(
            Attestation.objects.filter(teacher_id__in=teacher_ids)
            .order_by()
            .values_list("teacher_id")
            .annotate(last=Max("assigned_on"))
        )
        self.indicators = for_associations(ids, year)
        self._shared: dict[str, object] = {}
        self.provided = {name: provider(self) for name, provider in PROVIDERS.items()}

    def once(self, key: str, load: Callable[[], object]):
        """What `load` returns, loaded once per batch: providers of several facts read by
        the same queries share them."""
        if key not in self._shared:
            self._shared[key] = load()
        return self._shared[key]

    def facts(self, association_id: int) -> AssociationFacts:
        return AssociationFacts(self, self.associations[association_id])


class AssociationFacts:
    def __init__(self, batch: FactsBatch, association: Association):
        self.batch, self.association = batch, association
        self.year, self.today = batch.year, batch.today

    def fact(self, name: str):
        """The fact `name` a provider gave for this association, or None (no provider)."""
        values = self.batch.provided.get(name)
        return None if values is None else values.get(self.association.pk)

    def member_count(self) -> int:
        return self.batch.members.get(self.association.pk, 0)

    def head(self) -> HeadAppointment | None:
        return self.batch.heads.get(self.association.pk)

    def expired_head(self) -> HeadAppointment | None:
        """With no head in office: the last head's appointment if its term ran its course
        (not ended early) and no one has been appointed since; else None."""
        if self.head() is not None:
            return None
        last = self.batch.last_heads.get(self.association.pk)
        if last is None or (last.terminated_on and last.terminated_on <= last.ends_on):
            return None
        return last

    def head_last_course_end(self) -> dt.date | None:
        head = self.head()
        return self.batch.last_course.get(head.teacher_id) if head else None

    def head_category_date(self) -> dt.date | None:
        head = self.head()
        if head is None:
            return None
        dates = [
            d
            for d in (
                self.batch.last_attestation.get(head.teacher_id),
                head.teacher.category_assigned_on,
            )
            if d
        ]
        return max(dates) if dates else None

    def area_teacher_count(self) -> int:
        """Working teachers of the municipality who teach the association's area."""
        from metodset.regulations.creation import area_key, area_teachers

        counts = self.batch.once(
            "area_teachers",
            lambda: area_teachers({a.municipality_id for a in self.batch.associations.values()}),
        )
        return counts.get(self.association.municipality_id, {}).get(
            area_key(self.association.area), 0
        )

    def creation_order(self):
        """The order that created the association (loaded for the whole batch at once)."""
        from metodset.acts.models import Order

        orders = self.batch.once(
            "creation_orders",
            lambda: Order.objects.in_bulk(
                {a.creation_order_id for a in self.batch.associations.values()} - {None}
            ),
        )
        return orders.get(self.association.creation_order_id)

    def indicators(self) -> dict:
        return self.batch.indicators.get(self.association.pk, {})

    def composition(self):
        """The council's composition against its latest approving order (loaded for the
        batch's councils at once); None for another kind."""
        from metodset.associations.selectors import composition_states

        states = self.batch.once(
            "compositions",
            lambda: composition_states(self.batch.associations, on=self.batch.on),
        )
        return states.get(self.association.pk)

    # Facts other apps provide (COMPLIANCE_FACTS); a new one needs no method: fact(name).
    def meetings_held(self) -> int | None:
        return self.fact("meetings_held")

    def meetings_without_minutes(self) -> int | None:
        return self.fact("meetings_without_minutes")

    def questions_without_decision(self) -> int | None:
        return self.fact("questions_without_decision")

    def plan(self) -> dict | None:
        return self.fact("plan")

    def portfolio(self) -> dict | None:
        return self.fact("portfolio")

    def passport(self) -> dict | None:
        return self.fact("passport")

    def analysis(self) -> dict | None:
        return self.fact("analysis")

    def external_evaluation(self) -> dict | None:
        return self.fact("external_evaluation")

    # The page where each place's problem is fixed: a view of the association's pk.
    PLACES = {
        "head": "associations:head_appoint",
        "plan": "plans:association",
        "meetings": "meetings:association",
        "edit": "associations:edit",
        "analysis": "analysis:association",  # integration: the analysis app's page
        "portfolio": "portfolio:association",  # integration: where the head assembles it (#14)
    }

    def url(self, place: str) -> str:
        """The fix link of `place`. A region's check gives one per rule and association
        (27,000 for 1,800 associations): each is made from one reverse() per view
        (core.links.object_url), not a reverse() of its own."""
        view = self.PLACES.get(place)
        if view == "portfolio:association":
            from django.apps import apps

            if not apps.is_installed("metodset.portfolio"):
                view = None
        if view is not None:
            return object_url(view, self.association.pk)
        if place == "composition":
            return self.association.get_absolute_url() + "#composition"
        if place == "indicators":
            return reverse("indicators:dashboard") + f"?year={self.year.start_year}"
        return self.association.get_absolute_url()

    def growth_url(self, teacher_id: int) -> str:
        return object_url("growth:teacher", teacher_id)
