"""Reads of portfolios: one association's checklist with each item's state, and the
methodist's year-end view of every association in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from metodset.associations.models import Association, HeadAppointment
from metodset.core.dates import SchoolYear
from metodset.portfolio.checklist import Checklist, ChecklistItem, checklist_for, checklists_for
from metodset.portfolio.models import ItemReview, Portfolio, PortfolioItem, PortfolioStatus
from metodset.portfolio.producers import producer_for, state_lookup


@dataclass
class ItemState:
    item: ChecklistItem
    entry: PortfolioItem | None
    produced: str  # what the records give ("" when nothing: then it is uploaded)
    no_producer: bool = False  # its producer is not installed (the analysis before its app)

    @property
    def uploaded(self) -> bool:
        return bool(self.entry and self.entry.file)

    @property
    def ready(self) -> bool:
        return self.uploaded or bool(self.produced)

    @property
    def returned(self) -> bool:
        return bool(self.entry and self.entry.review == ItemReview.RETURNED)

    @property
    def accepted(self) -> bool:
        return bool(self.entry and self.entry.review == ItemReview.ACCEPTED)


@dataclass
class PortfolioView:
    association: Association
    year: SchoolYear
    checklist: Checklist | None
    portfolio: Portfolio | None
    items: list[ItemState] = field(default_factory=list)

    @property
    def ready_count(self) -> int:
        return sum(s.ready for s in self.items)

    @property
    def complete(self) -> bool:
        return bool(self.items) and all(s.ready for s in self.items)

    @property
    def status(self) -> str:
        return self.portfolio.status if self.portfolio else PortfolioStatus.DRAFT

    @property
    def editable(self) -> bool:
        return self.status in (PortfolioStatus.DRAFT, PortfolioStatus.RETURNED)

    @property
    def overdue(self) -> bool:
        deadline = self.checklist.deadline if self.checklist else None
        return bool(
            deadline and timezone.localdate() > deadline and self.status != PortfolioStatus.ACCEPTED
        )

    def state(self, code: str) -> ItemState | None:
        return next((s for s in self.items if s.item.code == code), None)


def portfolio_find(association: Association, year: SchoolYear) -> Portfolio | None:
    return (
        Portfolio.objects.filter(association=association, school_year=year.start_year)
        .select_related("submitted_by", "reviewed_by")
        .first()
    )


def portfolio_view(association: Association, year: SchoolYear) -> PortfolioView:
    """The checklist of the regulation with, per item, the upload, the review and what the
    records would produce."""
    checklist = checklist_for(association, year)
    portfolio = portfolio_find(association, year)
    view = PortfolioView(association, year, checklist, portfolio)
    if checklist is None:
        return view
    entries = {e.code: e for e in portfolio.entries.all()} if portfolio else {}
    for item in checklist.items:
        producer = None if item.uploaded_only else producer_for(item.source)
        view.items.append(
            ItemState(
                item,
                entries.get(item.code),
                producer.ready(association, year) if producer else "",
                no_producer=not item.uploaded_only and producer is None,
            )
        )
    return view


def portfolio_events(portfolio: Portfolio | None) -> list:
    if portfolio is None:
        return []
    return list(portfolio.events.select_related("user"))


@dataclass
class YearEndRow:
    association: Association
    head: str
    checklist: Checklist | None
    portfolio: Portfolio | None
    returned_items: int
    analysis: str | None  # a PortfolioStatus value, or None: no data (or no analysis app)

    @property
    def status(self) -> str | None:
        return self.portfolio.status if self.portfolio else None

    @property
    def overdue(self) -> bool:
        deadline = self.checklist.deadline if self.checklist else None
        return bool(
            deadline and timezone.localdate() > deadline and self.status != PortfolioStatus.ACCEPTED
        )

    @property
    def due_soon(self) -> bool:
        deadline = self.checklist.deadline if self.checklist else None
        return bool(
            deadline
            and 0 <= (deadline - timezone.localdate()).days <= 30
            and self.status not in (PortfolioStatus.ACCEPTED, PortfolioStatus.SUBMITTED)
        )


def yearend_rows(user, year: SchoolYear, *, on: dt.date | None = None) -> list[YearEndRow]:
    """Every active association in the user's scope with its portfolio and analysis.

    Queries, whatever the number of associations: the associations (1), the regulations in
    force (1), the portfolios with their returned items (1), the heads (1), and what the
    analysis lookup takes (a fixed number, registered by the analysis app).
    """
    on = on or min(max(timezone.localdate(), year.starts_on), year.ends_on)
    associations = list(
        Association.objects.for_user(user)
        .active()
        .select_related("municipality")
        .order_by("municipality__name", "kind", "name")
    )
    ids = [a.pk for a in associations]
    checklists = checklists_for(associations, year)
    portfolios = {
        p.association_id: p
        for p in Portfolio.objects.filter(
            association_id__in=ids, school_year=year.start_year
        ).annotate(returned_count=Count("entries", filter=Q(entries__review=ItemReview.RETURNED)))
    }
    heads = {
        a.association_id: a.teacher.short_name
        for a in HeadAppointment.objects.on(on)
        .filter(association_id__in=ids)
        .select_related("teacher")
        .order_by("starts_on")
    }
    lookup = state_lookup("analysis")
    analyses = lookup(ids, year) if lookup else {}
    return [
        YearEndRow(
            a,
            heads.get(a.pk, ""),
            checklists[a.pk],
            portfolios.get(a.pk),
            getattr(portfolios.get(a.pk), "returned_count", 0),
            analyses.get(a.pk),
        )
        for a in associations
    ]
