from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from metodset.associations.access import get_association_for_user
from metodset.calendars import ical, selectors, services
from metodset.calendars.access import get_feed_for_user
from metodset.calendars.forms import CalendarForm
from metodset.calendars.models import CalendarFeed
from metodset.core.views import confirm_page

TEMPLATE = "calendars/month.html"


def _page(request: HttpRequest, form: CalendarForm) -> HttpResponse:
    """The month of the form's municipality or association, with its filters and feed."""
    association = form.association or form.value("association")
    first = form.first_day
    start, end = selectors.month_range(first)
    kind = form.value("kind")
    entries = selectors.calendar_entries(
        municipality=form.municipality,
        association=association,
        start=start,
        end=end,
        kinds=[kind] if kind else selectors.KINDS,
        user=request.user,
    )
    feed = services.feed_get_or_create(municipality=form.municipality, association=form.association)
    feed_url = request.build_absolute_uri(reverse("calendars:feed", args=[feed.token]))
    context = {
        "form": form,
        "association": form.association,
        "municipality": form.municipality,
        "month": selectors.month_grid(first, entries),
        "kinds": selectors.KINDS,
        "weekdays": [WEEKDAYS_ABBR[day] for day in range(7)],
        "feed": feed,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "can_regenerate": request.user.has_perm("calendars.regenerate_feed", feed),
        "page_url": request.path,
    }
    template = f"{TEMPLATE}#calendar" if request.htmx and not request.htmx.boosted else TEMPLATE
    return render(request, template, context, status=400 if form.errors else 200)


def municipality_month(request: HttpRequest) -> HttpResponse:
    form = CalendarForm(request.GET or None, user=request.user)
    if form.municipality is None:
        raise Http404  # a coordinator of a region without municipalities
    return _page(request, form)


def association_month(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_association_for_user(request.user, pk)
    form = CalendarForm(request.GET or None, user=request.user, association=association)
    return _page(request, form)


def _calendar_url(feed: CalendarFeed) -> str:
    if feed.association_id:
        return reverse("calendars:association", args=[feed.association_id])
    return f"{reverse('calendars:month')}?{urlencode({'municipality': feed.municipality_id})}"


def feed_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_feed_for_user(request.user, pk, perm="calendars.regenerate_feed")
    back = _calendar_url(feed)
    return confirm_page(
        request,
        action=lambda: services.feed_token_regenerate(user=request.user, feed=feed),
        title=_("New subscription address"),
        question=_("Give the calendar «%(name)s» a new subscription address?") % {"name": feed},
        consequences=_(
            "The old address stops working at once: everyone subscribed to it has to "
            "subscribe again with the new one. Do this when the address got into the wrong hands."
        ),
        confirm_label=_("Make a new address"),
        cancel_url=back,
        success_url=back,
        success_message=_("The calendar has a new subscription address."),
    )


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed a calendar app subscribes to: found by its secret token, else 404."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("municipality", "association"), token=token
    )
    start, end = selectors.feed_window()
    entries = selectors.calendar_entries(
        municipality=feed.municipality, association=feed.association, start=start, end=end
    )
    body = ical.feed_calendar(
        entries,
        name=_("Calendar: %(name)s") % {"name": feed},
        uid_domain=f"{feed.municipality.slug}.metodset",
        absolute=request.build_absolute_uri,
        window=(start, end),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, max-age=900"
    return response
