"""Every URL × every role → the expected status.

A record of the home municipality is shown to eight users: anonymous, the
platform admin, the coordinator of its region and of another region, its
methodist and another municipality's methodist, the head of its association and
a member teacher. 404 means "does not exist for you" (out of scope), 403 "you
may see it but not do this". New URLs must join MATRIX: the last test fails
for a URL that is missing.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from metodset.analysis.tests import test_views as analysis_pages
from metodset.associations.tests import test_network as network_pages
from metodset.calendars.tests import test_views as calendar_pages
from metodset.consultations.tests import test_consultations as consultation_pages
from metodset.documents.tests import test_views as document_pages
from metodset.indicators.tests import test_pages as indicator_pages
from metodset.library.tests import test_views as library_pages
from metodset.meetings.tests import test_views as meeting_pages
from metodset.pdorders.tests import test_views as pdorder_pages
from metodset.plans.tests import test_views as plan_pages
from metodset.portal.tests import test_views as portal_pages
from metodset.portfolio.tests import test_views as portfolio_pages
from metodset.proposals.tests import test_views as proposal_pages
from metodset.roadmaps.tests import test_views as roadmap_pages
from metodset.schools.tests import test_views as school_pages
from metodset.surveys.tests import test_views as survey_pages

ROLES = [
    "anonymous",
    "platform_admin",
    "coordinator",
    "coordinator_other",
    "methodist",
    "methodist_other",
    "head",
    "teacher",
]

# Shorthands for the common rows.
READ_ALL = dict.fromkeys(ROLES, 200) | {"anonymous": 302}
READ_IN_SCOPE = READ_ALL | {"coordinator_other": 404, "methodist_other": 404}
MANAGE = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 403,
    "coordinator_other": 404,
    "methodist": 200,
    "methodist_other": 404,
    "head": 403,
    "teacher": 403,
}
CREATE = MANAGE | {"coordinator_other": 403, "methodist_other": 200}
HEAD_MANAGES = MANAGE | {"head": 200}
PERSONAL = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 200,
    "coordinator_other": 404,
    "methodist": 200,
    "methodist_other": 404,
    "head": 200,  # the record is a member of his association
    "teacher": 404,  # another teacher's personal data does not exist for him
}

# (url name, object key for the URL argument or None, expected status per role)
MATRIX = [
    ("home:home", None, READ_ALL),
    ("healthz", None, dict.fromkeys(ROLES, 200)),  # monitoring: no login (tests/test_healthz.py)
    ("accounts:login", None, dict.fromkeys(ROLES, 302) | {"anonymous": 200}),
    ("accounts:logout", None, dict.fromkeys(ROLES, 405) | {"anonymous": 302}),  # POST only
    ("accounts:password_change", None, READ_ALL),
    ("accounts:password_reset", None, dict.fromkeys(ROLES, 200)),
    ("accounts:password_reset_done", None, dict.fromkeys(ROLES, 200)),
    ("accounts:password_reset_complete", None, dict.fromkeys(ROLES, 200)),
    ("orgs:list", None, READ_ALL),
    ("orgs:create", None, CREATE),
    ("orgs:detail", "organisation", READ_IN_SCOPE),
    ("orgs:edit", "organisation", MANAGE),
    ("orgs:delete", "organisation", MANAGE),
    ("orgs:authority_heads", None, READ_ALL),
    ("orgs:authority_head_create", None, CREATE),
    ("orgs:authority_head_edit", "authority_head", MANAGE),
    ("orgs:authority_head_delete", "authority_head", MANAGE),
    ("associations:list", None, READ_ALL),
    ("associations:create", None, CREATE),
    ("associations:detail", "association", READ_IN_SCOPE),
    ("associations:edit", "association", HEAD_MANAGES),
    ("associations:liquidate", "association", MANAGE),
    ("associations:head_appoint", "association", MANAGE),
    ("associations:membership_end", "membership", HEAD_MANAGES),
    ("people:list", None, READ_ALL),
    ("people:create", None, CREATE),
    (
        "people:me",
        None,
        dict.fromkeys(ROLES, 404) | {"anonymous": 302, "head": 302, "teacher": 302},
    ),
    ("people:detail", "member", PERSONAL),
    ("people:edit", "member", PERSONAL | {"coordinator": 403, "head": 403}),
    ("people:delete", "member", PERSONAL | {"coordinator": 403, "head": 403}),
    ("acts:list", None, READ_ALL),
    ("acts:create", None, CREATE),
    ("acts:detail", "order", READ_IN_SCOPE),
    ("acts:edit", "order", MANAGE),
    ("acts:delete", "order", MANAGE),
    (
        "acts:file",
        "order",
        READ_IN_SCOPE
        | dict.fromkeys(["platform_admin", "coordinator", "methodist", "head", "teacher"], 404),
    ),
    ("events:list", None, READ_ALL),
    ("events:create", None, CREATE | {"head": 200}),
    ("events:detail", "event", READ_IN_SCOPE),
    ("events:edit", "event", HEAD_MANAGES),
    ("events:verify", None, dict.fromkeys(ROLES, 200)),
    ("events:competition", "event", READ_IN_SCOPE),
    ("events:material", "material", READ_IN_SCOPE),
    (
        "growth:me",
        None,
        dict.fromkeys(ROLES, 404) | {"anonymous": 302, "head": 302, "teacher": 302},
    ),
    ("growth:teacher", "member", PERSONAL),
    ("growth:certificate", "course", PERSONAL),
    ("growth:attestation", None, READ_ALL),
    ("growth:courses", None, READ_ALL),
    ("growth:young", None, READ_ALL),
    ("growth:needs", None, CREATE | {"head": 302}),  # to his members' needs (portfolio:needs)
    ("indicators:dashboard", None, READ_ALL | {"head": 200, "teacher": 200}),
    ("indicators:targets", None, CREATE | {"platform_admin": 404}),
    ("regulations:list", None, READ_ALL),
    ("regulations:upload", None, CREATE),
    ("regulations:detail", "regulation", READ_IN_SCOPE),
    ("regulations:export", "regulation_version", READ_IN_SCOPE),
    ("regulations:matrix", None, READ_ALL),
    ("core:notifications", None, READ_ALL),
    ("core:notification_settings", None, READ_ALL),
    ("imports:list", None, CREATE),
    ("imports:upload", None, CREATE),
    ("imports:detail", "import_job", MANAGE),
    ("imports:file", "import_job", MANAGE),
    ("imports:columns", "import_job", MANAGE),
    # Personal data: the access log for the platform admin and methodists (each his own
    # municipality's); a person's whole data and his anonymisation for his methodist.
    (
        "privacy:log",
        None,
        dict.fromkeys(ROLES, 403)
        | {"anonymous": 302, "platform_admin": 200, "methodist": 200, "methodist_other": 200},
    ),
    ("privacy:export_json", "member", PERSONAL | {"coordinator": 403, "head": 403}),
    ("privacy:export_xlsx", "member", PERSONAL | {"coordinator": 403, "head": 403}),
    ("privacy:anonymise", "member", PERSONAL | {"coordinator": 403, "head": 403}),
    ("privacy:consent_text", "consent_text", READ_ALL),
]


def _cases():
    for name, key, expected in MATRIX:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
def test_permission_matrix(client, world, name, key, role, status):
    args = [world["objects"][key].pk] if key else []
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == status, f"{name} as {role}"


# The search pickers' options (core.autocomplete), per kind: who may search, and that the
# home municipality's record is found by those in its scope and never by another's.
CHOOSE = {
    "anonymous": 302,
    "platform_admin": 200,
    "coordinator": 403,  # monitors, chooses nothing
    "coordinator_other": 403,
    "methodist": 200,
    "methodist_other": 200,  # answered, but with his own municipality's rows only
    "head": 200,
    "teacher": 200,
}
AUTOCOMPLETE = [
    ("teachers", "member", lambda t: t.last_name, CHOOSE),
    ("organisations", "organisation", lambda o: o.name, CHOOSE),
    ("orders", "order", lambda o: o.number, CHOOSE | {"head": 403, "teacher": 403}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "key", "text", "role", "status"),
    [
        pytest.param(kind, key, text, role, expected[role], id=f"{kind}-{role}")
        for kind, key, text, expected in AUTOCOMPLETE
        for role in ROLES
    ],
)
def test_autocomplete_matrix(client, world, kind, key, text, role, status):
    record = world["objects"][key]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse("autocomplete:search", args=[kind])
    for query in ({"q": text(record)}, {"q": ""}):
        response = client.get(url, query)
        assert response.status_code == status, f"{kind} as {role}"
        if status == 200:
            found = f'data-value="{record.pk}"' in response.text
            assert found == (role != "methodist_other"), f"{kind} as {role}: {query}"


def _project_url_names(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in {"admin", "api"}:  # Django's own; the API has its tests
                continue
            yield from _project_url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_matrix():
    covered = {name for name, _key, _expected in MATRIX} | COVERED_ELSEWHERE
    missing = sorted(set(_project_url_names()) - covered)
    assert missing == [], "add these URLs to MATRIX (or to COVERED_ELSEWHERE with a reason)"


# URLs whose access is tested in their app because they need more than a GET of one object.
COVERED_ELSEWHERE: set[str] = {
    "accounts:password_reset_confirm",  # takes a mailed token: tests/test_accounts.py
    # POST actions and per-participation downloads: events/tests/test_views.py
    "people:theme_add",  # POST only: people/tests/test_views.py
    "associations:member_add",  # POST only: associations/tests/test_associations.py
    "events:register",
    "events:register_member",
    "events:attendance",
    "events:cancel",
    "events:certificate",
    "events:competition_update",
    "events:material_add",
    # take a record kind: growth/tests/test_growth.py
    "growth:add",
    "growth:delete",
    "growth:step_add",
    "core:notifications_read",  # POST only, the user's own notifications
    "autocomplete:search",  # takes a kind: AUTOCOMPLETE above
    "core:notification_read",  # POST only, one's own: core/tests/test_notifications.py
    "indicators:drill",  # takes an indicator code: indicators/tests/test_views.py
    "imports:apply",  # POST only: imports/tests/test_imports.py
    "imports:retry",  # POST only: imports/tests/test_limits.py
    "imports:template",  # takes a kind: imports/tests/test_imports.py::TestAccess
}
# Plans, meetings, the public portal, calendars and surveys keep their own role × URL matrices
# (with a second head), in plans/, meetings/, portal/, calendars/ and surveys/tests/test_views.py.
# The bank (library app, with its portal pages and the sitemap) keeps its own matrix too,
# in library/tests/test_views.py.
for _module in (
    plan_pages,
    meeting_pages,
    portal_pages,
    calendar_pages,
    survey_pages,
    portfolio_pages,  # the portfolio, the data bank and the year-end view
    library_pages,
    proposal_pages,  # proposals, draft acts and the draft order «о поощрении» (issue #16)
    consultation_pages,  # the requests, their log and the public question form
    school_pages,  # the results, the risk list and the support of schools (issue #17)
    roadmap_pages,  # the roadmaps as measures (issue #17)
    network_pages,  # network groups and the council's composition, its draft order (issue #17)
    pdorder_pages,  # the PD order: requests, planned courses, enrolment (issue #17)
):
    COVERED_ELSEWHERE |= {name for name, _key, _expected in _module.PAGES}
    COVERED_ELSEWHERE |= set(_module.POST_ONLY)
# The indicator pages (drill-downs, the roadmap assessment, the monitoring report) keep their
# own role × URL matrix in indicators/tests/test_pages.py.
COVERED_ELSEWHERE |= {name for name, _key, _expected in indicator_pages.PAGES}
# Documents keep their own role × URL matrix (downloads per role, the template pages), in
# documents/tests/test_views.py.
COVERED_ELSEWHERE |= {name for name, _key, _expected in document_pages.PAGES}
# The annual analysis and the external evaluation keep their own role × URL matrix in
# analysis/tests/test_views.py.  # integration: issue #14
COVERED_ELSEWHERE |= {name for name, _key, _expected in analysis_pages.PAGES}
