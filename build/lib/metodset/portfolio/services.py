"""Writes of the portfolio and the data bank. Each service checks the permission itself
(keyword-only `user`) and leaves a line in the portfolio's history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.dates import SchoolYear
from metodset.portfolio.models import (
    Curriculum,
    ItemReview,
    Portfolio,
    PortfolioEvent,
    PortfolioItem,
    PortfolioStatus,
)
from metodset.portfolio.notify import heads_of, methodists_of, notify
from metodset.portfolio.selectors import portfolio_view


def _require(user, perm: str, obj) -> None:
    """`user` None is the system itself (the demo generator); views always pass the user."""
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied


def _event(portfolio: Portfolio, user, action: str, text: str = "", code: str = "") -> None:
    PortfolioEvent.objects.create(
        portfolio=portfolio, user=user, action=action, text=text, item_code=code
    )


def _link(association: Association, year: SchoolYear) -> str:
    return reverse("portfolio:association", args=[association.pk]) + f"?year={year.start_year}"


def _editable_portfolio(association: Association, year: SchoolYear) -> Portfolio:
    portfolio, _created = Portfolio.objects.get_or_create(
        association=association, school_year=year.start_year
    )
    if portfolio.status not in (PortfolioStatus.DRAFT, PortfolioStatus.RETURNED):
        raise ValidationError(_("The portfolio has been handed in; it cannot be changed now."))
    return portfolio


@transaction.atomic
def portfolio_upload(
    *, user, association: Association, year: SchoolYear, code: str, file
) -> PortfolioItem:
    """Put a file into an item of the checklist (an item to upload, or one replacing the
    produced file). A returned item uploaded again waits for a new review."""
    _require(user, "portfolio.assemble", association)
    view = portfolio_view(association, year)
    if view.checklist is None or view.checklist.item(code) is None:
        raise ValidationError(_("The regulation names no such portfolio item."))
    portfolio = _editable_portfolio(association, year)
    entry = PortfolioItem.objects.filter(portfolio=portfolio, code=code).first() or PortfolioItem(
        portfolio=portfolio, code=code
    )
    old = entry.file.name if entry.file else ""
    entry.file = file
    entry.original_name = (getattr(file, "name", "") or "")[:255]
    entry.uploaded_at, entry.uploaded_by = timezone.now(), user
    entry.review = ""
    entry.full_clean()
    entry.save()
    if old:
        storage = entry.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    _event(portfolio, user, "portfolio.item.uploaded", entry.original_name, code)
    return entry


@transaction.atomic
def portfolio_item_clear(*, user, association: Association, year: SchoolYear, code: str) -> None:
    """Take an uploaded file out of an item (a produced one then counts again)."""
    _require(user, "portfolio.assemble", association)
    portfolio = _editable_portfolio(association, year)
    entry = PortfolioItem.objects.filter(portfolio=portfolio, code=code).first()
    if entry is None or not entry.file:
        return
    name, storage = entry.file.name, entry.file.storage
    entry.file, entry.original_name = "", ""
    entry.save(update_fields=["file", "original_name"])
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    _event(portfolio, user, "portfolio.item.cleared", "", code)


@transaction.atomic
def portfolio_submit(*, user, association: Association, year: SchoolYear) -> Portfolio:
    """Hand the portfolio in as a whole: every item must be ready (produced or uploaded)."""
    _require(user, "portfolio.assemble", association)
    view = portfolio_view(association, year)
    if view.checklist is None:
        raise ValidationError(_("The regulation names no portfolio."))
    missing = [s.item.title for s in view.items if not s.ready]
    if missing:
        raise ValidationError(
            _("Not ready yet: %(items)s.") % {"items": "; ".join(missing)}, code="incomplete"
        )
    portfolio = _editable_portfolio(association, year)
    portfolio.items = [
        {
            "code": s.item.code,
            "title": s.item.title,
            "clause": s.item.clause,
            "source": s.item.source,
            "from": "upload" if s.uploaded else "data",
        }
        for s in view.items
    ]
    portfolio.status = PortfolioStatus.SUBMITTED
    portfolio.submitted_at, portfolio.submitted_by = timezone.now(), user
    portfolio.save(update_fields=["items", "status", "submitted_at", "submitted_by"])
    _event(portfolio, user, "portfolio.submitted")
    notify(
        methodists_of(association.municipality_id),
        kind="portfolio_submitted",
        key=f"portfolio-submitted:{portfolio.pk}:{portfolio.submitted_at:%Y%m%d%H%M%S}",
        text=_("%(association)s: the portfolio for %(year)s has been handed in")
        % {"association": association, "year": year},
        link=_link(association, year),
    )
    return portfolio


@transaction.atomic
def portfolio_review(
    *, user, portfolio: Portfolio, returned: dict[str, str], comment: str = ""
) -> Portfolio:
    """Accept the portfolio, or return it with a comment on each item returned
    (`returned`: item code -> comment). Items not returned are accepted."""
    association = portfolio.association
    _require(user, "portfolio.review", association)
    if portfolio.status != PortfolioStatus.SUBMITTED:
        raise ValidationError(_("Only a portfolio handed in can be reviewed."))
    codes = [i["code"] for i in portfolio.items]
    unknown = set(returned) - set(codes)
    if unknown:
        raise ValidationError(_("The portfolio has no such item."))
    if any(not text.strip() for text in returned.values()):
        raise ValidationError(_("Say what is to be corrected in each item returned."))
    titles = {i["code"]: i["title"] for i in portfolio.items}
    entries = {e.code: e for e in portfolio.entries.all()}
    for code in codes:
        entry = entries.get(code) or PortfolioItem(portfolio=portfolio, code=code)
        if code in returned:
            entry.review, entry.comment = ItemReview.RETURNED, returned[code].strip()
            _event(portfolio, user, "portfolio.item.returned", entry.comment, code)
        else:
            entry.review, entry.comment = ItemReview.ACCEPTED, ""
        entry.save()
    portfolio.status = PortfolioStatus.RETURNED if returned else PortfolioStatus.ACCEPTED
    portfolio.reviewed_at, portfolio.reviewed_by = timezone.now(), user
    portfolio.comment = comment.strip()
    portfolio.save(update_fields=["status", "reviewed_at", "reviewed_by", "comment"])
    _event(
        portfolio,
        user,
        "portfolio.returned" if returned else "portfolio.accepted",
        portfolio.comment,
    )
    if returned:
        text = _("%(association)s: the portfolio is returned: %(items)s") % {
            "association": association,
            "items": "; ".join(titles[c] for c in returned),
        }
    else:
        text = _("%(association)s: the portfolio for %(year)s is accepted") % {
            "association": association,
            "year": portfolio.year,
        }
    notify(
        heads_of(association, timezone.localdate()),
        kind="portfolio_returned",
        key=f"portfolio-reviewed:{portfolio.pk}:{portfolio.reviewed_at:%Y%m%d%H%M%S}",
        text=text,
        link=_link(association, portfolio.year),
    )
    return portfolio


def portfolio_remind(*, user, association: Association, year: SchoolYear) -> int:
    """Remind the head (in the app and by e-mail) of the portfolio; once a day. Returns the
    number of people reminded."""
    _require(user, "portfolio.remind", association)
    view = portfolio_view(association, year)
    if view.checklist is None:
        raise ValidationError(_("The regulation names no portfolio."))
    parts = [
        _("%(association)s: the portfolio for %(year)s")
        % {"association": association, "year": year}
    ]
    if view.checklist.deadline:
        parts.append(_("is due by %(date)s") % {"date": f"{view.checklist.deadline:%d.%m.%Y}"})
    parts.append(
        _("(%(ready)s of %(n)s items ready, status: %(status)s)")
        % {
            "ready": view.ready_count,
            "n": len(view.items),
            "status": PortfolioStatus(view.status).label,
        }
    )
    with transaction.atomic():
        created = notify(
            heads_of(association, timezone.localdate()),
            kind="portfolio_reminder",
            key=f"portfolio-remind:{association.pk}:{year.start_year}:{timezone.localdate():%Y%m%d}",
            text=" ".join(str(p) for p in parts),
            link=_link(association, year),
        )
        if view.portfolio is not None:
            _event(view.portfolio, user, "portfolio.reminded", str(len(created)))
    return len(created)


# --- Programmes and teaching materials --------------------------------------------------


@transaction.atomic
def curriculum_add(*, user, association: Association, **fields) -> Curriculum:
    """Record a programme or УМК that members use; `teachers` must be members."""
    _require(user, "portfolio.keep_curricula", association)
    teachers = fields.pop("teachers", [])
    curriculum = Curriculum(association=association, **fields)
    curriculum.full_clean()
    curriculum.save()
    curriculum.teachers.set(teachers)
    return curriculum


@transaction.atomic
def curriculum_delete(*, user, curriculum: Curriculum) -> None:
    _require(user, "portfolio.keep_curricula", curriculum.association)
    curriculum.delete()
