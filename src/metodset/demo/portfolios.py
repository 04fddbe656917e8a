"""Portfolios of the demo in every state, through the portfolio services.

For the school year just ended (its deadline has passed) the associations whose regulation
names a portfolio take, in turn: accepted, returned with a comment on one item, handed in and
awaiting review, being assembled (overdue), and never started (overdue); for the current year
a few are being assembled. Items the records do not give (the analysis before its app, the
«upload» items) get a small PDF. Кузнецк's regulation names no portfolio, so it has none.
Where too few associations have one for every state in a year (Чойский район's regulation
applies to its council only), the first one's earlier years take them, oldest first:
accepted, returned and never fixed, and last year's handed in and awaiting the methodist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.portfolio import services
from metodset.portfolio.checklist import checklist_for, checklists_for
from metodset.portfolio.models import Portfolio, PortfolioEvent
from metodset.portfolio.selectors import portfolio_view

STATES = ("accepted", "returned", "submitted", "draft", "none")
HISTORY = ("accepted", "returned", "submitted")  # a lone association's years, oldest first
COMMENTS = (
    "Приложите результаты муниципального этапа олимпиады.",
    "Нет подписи руководителя на титульном листе.",
    "Добавьте анализ диагностик за второе полугодие.",
)


def _pdf(title: str) -> SimpleUploadedFile:
    text = title.encode("ascii", "replace")[:60]
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    body += b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% " + text + b"\n"
    body += b"trailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile("document.pdf", body, content_type="application/pdf")


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _assemble(association, year, *, complete: bool) -> None:
    view = portfolio_view(association, year)
    missing = [s for s in view.items if not s.ready]
    if not complete:
        missing = missing[: max(len(missing) - 1, 0)]  # one item still to come
    for state in missing:
        services.portfolio_upload(
            user=None,
            association=association,
            year=year,
            code=state.item.code,
            file=_pdf(state.item.code),
        )


def _backdate(portfolio: Portfolio, submitted: dt.date, reviewed: dt.date | None) -> None:
    """The demo's cycle happened in May, not at the moment the demo was loaded."""
    Portfolio.objects.filter(pk=portfolio.pk).update(
        submitted_at=_at(submitted), reviewed_at=_at(reviewed) if reviewed else None
    )
    PortfolioEvent.objects.filter(portfolio=portfolio).update(at=_at(reviewed or submitted))


def _cycle(rng: random.Random, association, year: SchoolYear, state: str, deadline) -> None:
    if state == "none":
        return
    _assemble(association, year, complete=state != "draft")
    if state == "draft":
        return
    portfolio = services.portfolio_submit(user=None, association=association, year=year)
    submitted = deadline - dt.timedelta(days=rng.randint(1, 12))
    if state == "submitted":
        _backdate(portfolio, submitted, None)
        return
    returned = {}
    if state == "returned":
        code = rng.choice([i["code"] for i in portfolio.items])
        returned = {code: rng.choice(COMMENTS)}
    services.portfolio_review(user=None, portfolio=portfolio, returned=returned)
    _backdate(portfolio, submitted, min(submitted + dt.timedelta(days=3), deadline))


def _history(rng: random.Random, association, last: SchoolYear) -> None:
    years = [last]
    while len(years) < len(HISTORY):
        years.insert(0, years[0].previous)
    for year, state in zip(years, HISTORY, strict=True):
        checklist = checklist_for(association, year)
        if checklist is None:  # the regulation was not in force yet
            continue
        deadline = checklist.deadline or dt.date(year.ends_on.year, 5, 31)
        _cycle(rng, association, year, state, deadline)


def portfolios_load(*, slugs: list[str], seed: int, today: dt.date) -> None:
    current = SchoolYear.of(today)
    last = current.previous
    for slug in slugs:
        rng = random.Random(f"{seed}-portfolios-{slug}")
        associations = list(
            Association.objects.filter(municipality__slug=slug).active().order_by("pk")
        )
        checklists = checklists_for(associations, last)
        with_portfolio = [a for a in associations if checklists[a.pk] is not None]
        if 0 < len(with_portfolio) < len(HISTORY) + 1:
            _history(rng, with_portfolio[0], last)
            with_portfolio_last = with_portfolio[1:]
        else:
            with_portfolio_last = with_portfolio
        for index, association in enumerate(with_portfolio_last):
            deadline = checklists[association.pk].deadline or dt.date(last.ends_on.year, 5, 31)
            _cycle(rng, association, last, STATES[index % len(STATES)], deadline)
        for association in with_portfolio[: max(len(with_portfolio) // 3, 1)]:
            _assemble(association, current, complete=False)
