"""Smoke test of every page in the permission matrix, as the methodist who manages it.

Each page must satisfy the Content Security Policy by construction (no inline
scripts or style attributes), label its form fields, and send the security headers.
"""

import re

import pytest
from django.urls import reverse

from tests.test_permission_matrix import MATRIX

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
INPUT = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
SORT_ON_LINK = re.compile(r"<a\b[^>]*\saria-sort=", re.I)
TABLE_WRAP = re.compile(r"<div\b[^>]*\btable-wrap\b[^>]*>", re.I)


def _unreachable_scrolling(html: str) -> list[str]:
    """Wrappers of wide tables a keyboard cannot focus, or a screen reader cannot name."""
    found = []
    for wrap in TABLE_WRAP.findall(html):
        named = re.search(r'aria-label="[^"]+"', wrap)
        if not ('tabindex="0"' in wrap and 'role="region"' in wrap and named):
            found.append(wrap)
    return found


def _unlabelled(html: str) -> list[str]:
    found = []
    for _tag, attrs in INPUT.findall(html):
        if re.search(r'type="(hidden|submit|button)"', attrs):
            continue
        match = re.search(r'id="([^"]+)"', attrs)
        labelled = match and f'for="{match.group(1)}"' in html
        if not labelled and "aria-label" not in attrs:
            found.append(attrs.strip()[:80])
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "key"),
    [(name, key) for name, key, expected in MATRIX if expected["methodist"] == 200],
    ids=lambda v: str(v),
)
def test_page_is_clean(client, world, name, key):
    client.force_login(world["users"]["methodist"])
    args = [world["objects"][key].pk] if key else []
    response = client.get(reverse(name, args=args))
    if not response["Content-Type"].startswith("text/html"):
        return  # a download (YAML, XLSX): no page to check
    html = response.text
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    assert INLINE_SCRIPT.findall(html) == []
    assert STYLE_ATTRIBUTE.findall(html) == []
    assert _unlabelled(html) == []
    assert SORT_ON_LINK.findall(html) == []  # axe: aria-sort belongs on the <th>
    assert _unreachable_scrolling(html) == []
    assert '<html lang="ru">' in html
    assert "Select an option" not in html  # Django's blank choice, translated by core


@pytest.mark.django_db
def test_a_sorted_column_says_so_on_its_header(client, world):
    client.force_login(world["users"]["methodist"])
    html = client.get(reverse("acts:list"), {"sort": "-date"}).text
    assert re.search(r'<th scope="col" aria-sort="descending"><a [^>]*>Дата', html)
    assert html.count("aria-sort=") == 1  # only the sorted column


def test_tables_scroll_in_a_focusable_region_everywhere():
    """The wrapper's attributes come from one tag, {% scrollable %}: none is typed by hand."""
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent / "src" / "metodset"
    by_hand = [
        str(path.relative_to(src))
        for path in src.glob("**/templates/**/*.html")
        if 'class="table-wrap' in path.read_text() or 'table-wrap"' in path.read_text()
    ]
    assert by_hand == []
