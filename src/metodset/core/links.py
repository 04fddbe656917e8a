"""Links to records built from one reverse() per view, not one per row (issue #19).

A list page of 50 rows called reverse() 50 times for the rows' links; `object_url` reverses
each view once per URLconf and script prefix with a marker for the key, then puts each
record's key in its place. Only for views whose one argument is an integer (`<int:pk>`).
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

MARKER = 987654321987654321  # an integer no record has, found once in the reversed URL
_TEMPLATES: dict[tuple[str, str, str], tuple[str, str]] = {}


def object_url(viewname: str, pk: int) -> str:
    """reverse(viewname, args=[pk]), for a view that takes one integer."""
    key = (viewname, get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    parts = _TEMPLATES.get(key)
    if parts is None:
        before, marker, after = reverse(viewname, args=[MARKER]).partition(str(MARKER))
        if not marker or str(MARKER) in after:
            raise ValueError(f"{viewname} does not take one integer argument")
        parts = _TEMPLATES[key] = (before, after)
    return f"{parts[0]}{int(pk)}{parts[1]}"
