"""Template tags of the compliance panel and of pages that cite the regulation."""

from django import template

from metodset.regulations.links import fix_link_for

register = template.Library()


@register.simple_tag(takes_context=True)
def fix_link(context, url: str) -> str:
    """The verdict's «исправить» link if the reader may fix it there, else ""."""
    request = context.get("request")
    if request is None or not url:
        return ""
    if not hasattr(request, "_fix_links"):
        request._fix_links = {}
    return fix_link_for(request.user, url, request._fix_links)
