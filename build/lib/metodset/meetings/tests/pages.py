"""The page checks of tests/test_pages.py, for pages that need a particular record."""

import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
INPUT = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)


def unlabelled(html: str) -> list[str]:
    found = []
    for _tag, attrs in INPUT.findall(html):
        if re.search(r'type="(hidden|submit|button)"', attrs):
            continue
        match = re.search(r'id="([^"]+)"', attrs)
        labelled = match and f'for="{match.group(1)}"' in html
        if not labelled and "aria-label" not in attrs:
            found.append(attrs.strip()[:80])
    return found


def duplicate_ids(html: str) -> list[str]:
    ids = re.findall(r'\sid="([^"]+)"', html)
    return sorted({i for i in ids if ids.count(i) > 1})


def assert_clean(response) -> None:
    html = response.text
    assert INLINE_SCRIPT.findall(html) == []
    assert STYLE_ATTRIBUTE.findall(html) == []
    assert unlabelled(html) == []
    assert duplicate_ids(html) == []
    assert "Select an option" not in html
