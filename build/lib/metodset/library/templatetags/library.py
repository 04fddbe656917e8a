from django import template

from metodset.library import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def home_news(context):
    """The latest news for a teacher's home page (None for other roles: they have their own)."""
    user = context["request"].user
    if not (user.is_authenticated and user.is_teacher):
        return None
    return selectors.news_for_home(user)
