from django import template

register = template.Library()


@register.inclusion_tag("calendars/_calendar_link.html")
def calendar_link(association) -> dict:
    """A link to the association's month calendar, for the association page."""
    return {"association": association}
