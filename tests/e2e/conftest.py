"""End-to-end tests in headless Chromium (Debian's /usr/bin/chromium via Playwright).

Locally they skip with a reason when no browser is installed; CI sets
METODSET_REQUIRE_BROWSER=1, and then a missing browser is a failure.
Never run `playwright install`: the project uses the system Chromium.
"""

import os
import shutil

import pytest

from metodset.documents.tests.fixtures import libreoffice  # noqa: F401  (PDF downloads)
from tests.e2e.session import log_in

CHROMIUM = os.environ.get("METODSET_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("METODSET_REQUIRE_BROWSER") == "1"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the test's ORM calls are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if REQUIRED:
            pytest.fail(
                f"Chromium is required (METODSET_REQUIRE_BROWSER=1) but {CHROMIUM} is missing"
            )
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run e2e tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _consent_texts(transactional_db):
    """The consent texts the privacy migrations seed: a transactional test before this one
    on the worker emptied the tables, the seeded rows with them."""
    from metodset.privacy.tests.texts import consent_text

    consent_text("profile")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    return lambda user: log_in(page, user)
