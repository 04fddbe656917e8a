import functools
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Access(NamedTuple):
    """Everything of the user the menu depends on: users alike get the same menu."""

    is_teacher: bool
    is_head: bool
    schools: bool
    pdorders: bool
    imports: bool
    access_log: bool
    platform_admin: bool


def navigation(request) -> dict:
    """The main menu for the current user's role: the daily pages in the bar, the
    reference and administration pages under «Ещё». The entries are built once per kind
    of user, language and URLconf (issue #19); only the current page's mark is per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "nav_more": []}
    access = Access(
        is_teacher=bool(user.is_teacher),
        is_head=bool(user.is_teacher and user.is_head),  # a question (a query) for teachers only
        schools=user.has_perm("schools.view"),
        pdorders=user.has_perm("pdorders.view"),
        imports=user.has_perm("imports.add_importjob"),
        access_log=user.has_perm("privacy.view_accesslog"),
        platform_admin=bool(user.is_platform_admin),
    )
    key = (access, get_language(), get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    items, more = _menu(*key)
    match = getattr(request, "resolver_match", None)
    current = match.namespace if match else ""

    def entries(triples):
        return [{"label": label, "url": url, "active": ns == current} for label, url, ns in triples]

    return {"nav": entries(items), "nav_more": entries(more), **_markup(*key, current)}


class Markup(NamedTuple):
    """The menu's links as base.html draws them: the bar's, those under «Ещё», and the
    «Ещё» summary's mark (once per entry of the current section under it)."""

    nav_links: SafeString
    nav_more_links: SafeString
    nav_more_mark: SafeString


@functools.lru_cache(maxsize=2048)
def _markup(
    user: Access, language: str | None, prefix: str, urlconf: str, current: str
) -> dict[str, SafeString]:
    """The menu's markup for a kind of user and the current section (a namespace), drawn
    once: the links were three template loops on every page (issue #19)."""
    items, more = _menu(user, language, prefix, urlconf)

    def link(label: str, url: str, ns: str) -> SafeString:
        if ns == current:
            return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
        return format_html('<a href="{}">{}</a>', url, label)

    def links(triples) -> SafeString:
        return format_html_join("", "{}", ((link(*triple),) for triple in triples))

    active = sum(ns == current for _, _, ns in more)
    summary = mark_safe(' class="is-active"' * active)  # noqa: S308  # nosec B308 B703
    return Markup(links(items), links(more), summary)._asdict()


@functools.lru_cache(maxsize=512)
def _menu(user: Access, language: str | None, prefix: str, urlconf: str) -> tuple[tuple, tuple]:
    """The menu's (label, address, namespace) entries: in the bar, and under «Ещё». The
    arguments other than `user` only key the cache: the labels are translated and the
    addresses reversed in the current language and URLconf."""
    items = [(_("Home"), reverse("home:home"), "home")]
    more = []
    items.append((_("Associations"), reverse("associations:list"), "associations"))
    if not user.is_teacher or user.is_head:
        items.append((_("Teachers"), reverse("people:list"), "people"))
    more.append((_("Organisations"), reverse("orgs:list"), "orgs"))
    items.append((_("Plans"), reverse("plans:list"), "plans"))
    items.append((_("Meetings"), reverse("meetings:list"), "meetings"))
    items.append((_("Events"), reverse("events:list"), "events"))
    items.append((_("Bank"), reverse("library:index"), "library"))
    items.append(
        (apps.get_app_config("calendars").verbose_name, reverse("calendars:month"), "calendars")
    )
    surveys = (apps.get_app_config("surveys").verbose_name, reverse("surveys:list"), "surveys")
    if user.is_teacher and not user.is_head:
        items.append(surveys)
        items.append((_("My growth"), reverse("growth:me"), "growth"))
    else:
        more.insert(0, surveys)
        items.append((_("Growth"), reverse("growth:attestation"), "growth"))
    more.append((_("Orders"), reverse("acts:list"), "acts"))
    more.append((_("Consultations"), reverse("consultations:list"), "consultations"))
    # integration: proposals upward and draft acts under discussion (issue #16).
    more.append((_("Proposals"), reverse("proposals:list"), "proposals"))
    more.append((_("Draft acts"), reverse("proposals:drafts"), "proposals"))
    if not user.is_teacher:
        more.append((_("Year end"), reverse("portfolio:yearend"), "portfolio"))
    elif user.is_head:
        more.append((_("Members' needs"), reverse("portfolio:needs"), "portfolio"))
    if not user.is_teacher:
        items.append((_("Compliance"), reverse("regulations:matrix"), "regulations"))
        items.append((_("Indicators"), reverse("indicators:dashboard"), "indicators"))
    if user.schools:  # integration: issue #17
        more.append((_("Schools: results and support"), reverse("schools:risk"), "schools"))
    elif user.is_teacher:  # the observations of his own lessons, to acquaint himself
        more.append((_("My lesson observations"), reverse("schools:mine"), "schools"))
    if user.pdorders:  # integration: issue #17
        more.append(
            (apps.get_app_config("pdorders").verbose_name, reverse("pdorders:list"), "pdorders")
        )
    if user.imports:
        more.append((_("Import"), reverse("imports:list"), "imports"))
    if user.access_log:
        more.append((_("Personal data access log"), reverse("privacy:log"), "privacy"))
    if user.platform_admin:
        more.append((_("Administration"), reverse("admin:index"), "admin"))

    def strings(triples):
        return tuple((str(label), url, ns) for label, url, ns in triples)

    return strings(items), strings(more)
