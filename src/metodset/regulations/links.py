"""Whether a user may follow a verdict's «исправить» link.

A rule kind points at the page where its problem is fixed; whoever reads the verdict (a
teacher on the association page, a head in a reminder) sees the link only if he holds
the permission that page asks for to fix it. `TARGETS` names, per URL, the model whose
pk the URL carries and the permission on it; a link to a page not listed is not shown,
so a new kind's link must be added here (a test checks every link the kinds give).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.urls import Resolver404, resolve

from metodset.core.access import get_for_user


@dataclass(frozen=True)
class Target:
    model: str  # "app_label.Model" whose pk is the URL's first argument; "" for none
    perm: str  # what fixing there needs; "" when seeing the object is enough


TARGETS: dict[str, Target] = {
    "associations:head_appoint": Target("associations.Association", "associations.appoint_head"),
    "associations:detail": Target("associations.Association", "associations.manage_members"),
    "associations:edit": Target("associations.Association", "associations.change_association"),
    "plans:association": Target("associations.Association", "plans.add_plan"),
    "meetings:association": Target("associations.Association", "meetings.add_meeting"),
    "people:detail": Target("people.Teacher", "people.change_teacher"),
    "growth:teacher": Target("people.Teacher", "growth.keep_records"),
    "indicators:dashboard": Target("", ""),
    # The year-end page: the head composes the analysis there, the methodist records evaluations.
    "analysis:association": Target("associations.Association", ""),
    # The portfolio page: the head assembles it, the methodists review it (both may see it).
    "portfolio:association": Target("associations.Association", "portfolio.keep_curricula"),
}


def _allowed(user, url: str, shown: Model | None = None) -> bool:
    from django.apps import apps

    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        return False
    target = TARGETS.get(match.view_name)
    if target is None or not user.is_authenticated:
        return False
    if not target.model:
        return not target.perm or user.has_perm(target.perm)
    pk = match.kwargs.get("pk", match.args[0] if match.args else None)
    if isinstance(shown, Model) and shown._meta.label == target.model and str(shown.pk) == str(pk):
        # The page's own object, loaded for this user: the look-up would read it again.
        return not target.perm or user.has_perm(target.perm, shown)
    try:
        get_for_user(apps.get_model(target.model).objects.all(), user, pk, perm=target.perm)
    except (Http404, PermissionDenied):
        return False
    return True


def fix_link_for(user, url: str, cache: dict | None = None, shown: Model | None = None) -> str:
    """`url` if `user` may fix the problem there, else ""; `cache` (a dict kept for one
    page) saves the repeated look-ups of a panel whose verdicts share links. `shown` is the
    object the page shows, already loaded within the user's view (`get_for_user`): a link
    to it (an association's page, its plans, its meetings) is checked without reading it
    again."""
    if not url:
        return ""
    if cache is None:
        return url if _allowed(user, url, shown) else ""
    if url not in cache:
        cache[url] = _allowed(user, url, shown)
    return url if cache[url] else ""
