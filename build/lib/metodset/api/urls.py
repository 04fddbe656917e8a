from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver

from metodset.api.api import api
from metodset.api.throttling import limit_anonymous


def _guarded(patterns):
    """The API authenticates itself (token or session): no redirect to the login page, and
    the anonymous limit runs before its authentication (api/throttling.py)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _guarded(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            entry.callback = login_not_required(limit_anonymous(entry.callback, api=api))
    return patterns


urlpatterns = _guarded(list(api.urls[0]))
