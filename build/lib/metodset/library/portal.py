"""The bank on the public portal: accepted practices, public materials and recommendations,
public news, per municipality and association; RSS/Atom feeds and the sitemap.

Public: no login, nothing but what is published to everyone; the authors' names are shown
(they are named on a published practice), never their contacts beyond the one they gave.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.files import file_response
from metodset.core.models import Municipality
from metodset.library import selectors
from metodset.library.models import MaterialFile, MaterialKind, Visibility

PAGE = 20


def _place(slug: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), slug=slug)


def _association(place, request) -> Association | None:
    raw = request.GET.get("association", "")
    if not raw.isdigit():
        return None
    return get_object_or_404(Association.objects.filter(municipality=place), pk=int(raw))


@login_not_required
def bank(request: HttpRequest, slug: str) -> HttpResponse:
    place = _place(slug)
    association = _association(place, request)
    association_id = association.pk if association else None
    materials = selectors.public_materials(place, association_id)
    context = {
        "municipality": place,
        "association": association,
        "practices": list(selectors.public_practices(place, association_id)[:PAGE]),
        "recommendations": list(materials.filter(kind=MaterialKind.RECOMMENDATION)[:PAGE]),
        "materials": Paginator(materials.exclude(kind=MaterialKind.RECOMMENDATION), PAGE).get_page(
            request.GET.get("page")
        ),
        "news": list(selectors.public_news(place, association_id)[:10]),
    }
    return render(request, "library/portal/bank.html", context)


@login_not_required
def material(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _place(slug)
    item = get_object_or_404(selectors.public_materials(place), pk=pk)
    return render(
        request, "library/portal/material.html", {"municipality": place, "material": item}
    )


@login_not_required
def practice(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The «address of experience» card (003 §8.8): what, where it can be seen, the contact."""
    place = _place(slug)
    item = get_object_or_404(selectors.public_practices(place).prefetch_related("files"), pk=pk)
    return render(
        request, "library/portal/practice.html", {"municipality": place, "practice": item}
    )


@login_not_required
def news(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _place(slug)
    item = get_object_or_404(selectors.public_news(place), pk=pk)
    return render(request, "library/portal/news.html", {"municipality": place, "news": item})


@login_not_required
def public_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _place(slug)
    attachment = get_object_or_404(MaterialFile.objects.select_related("material"), pk=pk)
    material_id = attachment.material_id
    public = (
        selectors.public_materials(place).filter(pk=material_id).exists()
        or selectors.public_practices(place).filter(pk=material_id).exists()
    )
    if not public:
        raise Http404
    return file_response(attachment.file, attachment.download_name())


# --- Feeds -----------------------------------------------------------------------------------


class NewsFeed(Feed):
    """Public news and published practices of a municipality, newest first."""

    login_required = False  # what login_not_required marks: the portal is public

    def get_object(self, request, slug):
        return _place(slug)

    def title(self, obj):
        return _("News of the methodical service: %(name)s") % {"name": obj.name}

    def link(self, obj):
        return reverse("bank:index", args=[obj.slug])

    def description(self, obj):
        return obj.service_name or obj.authority_name

    def items(self, obj):
        rows = [
            (n.publish_at, n.title, n.text, reverse("bank:news", args=[obj.slug, n.pk]))
            for n in selectors.public_news(obj)[:20]
        ]
        rows += [
            (
                p.published_at or timezone.now(),
                p.title,
                p.summary or p.description,
                reverse("bank:practice", args=[obj.slug, p.pk]),
            )
            for p in selectors.public_practices(obj)[:20]
        ]
        return sorted(rows, key=lambda r: r[0], reverse=True)[:30]

    def item_title(self, item):
        return item[1]

    def item_description(self, item):
        return item[2][:1000]

    def item_link(self, item):
        return item[3]

    def item_pubdate(self, item):
        return item[0]


class AtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


# --- Sitemap ---------------------------------------------------------------------------------


class PortalSitemap(Sitemap):
    """Every public page of the portal: municipalities, their banks and what they publish."""

    limit = 5000

    def items(self):
        from metodset.library.models import Material, News, Practice, PracticeStatus

        places = list(Municipality.objects.order_by("pk").values_list("pk", "slug"))
        slugs = dict(places)
        urls = [reverse("portal:index")]
        for _pk, slug in places:
            urls += [
                reverse("portal:municipality", args=[slug]),
                reverse("bank:index", args=[slug]),
            ]
        practices = Practice.objects.filter(
            status=PracticeStatus.PUBLISHED, visibility=Visibility.PUBLIC
        ).values_list("municipality_id", "pk")
        urls += [reverse("bank:practice", args=[slugs[m], pk]) for m, pk in practices]
        materials = (
            Material.objects.filter(visibility=Visibility.PUBLIC)
            .exclude(kind=MaterialKind.PRACTICE)
            .values_list("municipality_id", "pk")
        )
        urls += [reverse("bank:material", args=[slugs[m], pk]) for m, pk in materials]
        news_rows = (
            News.objects.filter(audience="public")
            .published(timezone.now())
            .values_list("municipality_id", "pk")
        )
        urls += [reverse("bank:news", args=[slugs[m], pk]) for m, pk in news_rows]
        return urls

    def location(self, item):
        return item


@login_not_required
def sitemap(request: HttpRequest) -> HttpResponse:
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    return django_sitemap(request, {"portal": PortalSitemap})
