from django import template
from django.urls import reverse

from metodset.portal.access import PUBLISH
from metodset.portal.selectors import passport_history, passport_state

register = template.Library()


@register.inclusion_tag("portal/_passport_panel.html", takes_context=True)
def passport_panel(context, association):
    """The «Passport on the portal» block of the association page in the back office."""
    user = context["user"]
    passport = passport_state(association)
    published = passport is not None and passport.is_published
    return {
        "association": association,
        "passport": passport,
        "published": published,
        "history": passport_history(passport) if passport is not None else [],
        "can_publish": association.is_active and user.has_perm(PUBLISH, association),
        "public_url": reverse(
            "portal:passport", args=[association.municipality.slug, association.pk]
        ),
    }


@register.inclusion_tag("portal/_portal_link.html", takes_context=True)
def portal_link(context, invitation=False):
    """A link to the public portal: the user's municipality's, or the list of all.

    `invitation` words it for the login page, where the public looks for it.
    """
    user = context.get("user")
    municipality = getattr(user, "municipality", None) if user is not None else None
    if municipality is not None:
        url = reverse("portal:municipality", args=[municipality.slug])
    else:
        url = reverse("portal:index")
    return {"portal_url": url, "invitation": invitation}
