"""The hot path stays inside one municipality: what keeps sharding by municipality possible.

docs/scaling.md: PostgreSQL with Citus can distribute the tenant tables by municipality only
if every query of a request is anchored to one municipality. For the hot pages and API
lists, read as a methodist of municipality A while municipality B holds the same kinds of
records, every SQL query that reads a tenant table must either

- filter by `municipality_id = A` (and by no other municipality), or
- look rows up by id or foreign key (also inside a subquery), with every id among the rows
  of municipality A in the table the column points to (a prefetch, a get, an `IN (SELECT …)`
  of rows an anchored query returned),

and nothing of B may reach the response. A query that reads a tenant table otherwise
(`Teacher.objects.all()`, a join that reaches another municipality's rows) fails the test;
`TestTheCheck` shows that it does.
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.acts.tests.factories import OrderFactory
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.models import Municipality
from metodset.core.scoping import ScopedQuerySet
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory

FOREIGN = "Чужаков"  # the surname of municipality B's teachers: never on A's pages


def tenant_tables() -> dict[str, str]:
    """db table → the path to its municipality, for every model scoped by municipality."""
    tables = {}
    for model in apps.get_models():
        queryset = model._default_manager.get_queryset()
        if isinstance(queryset, ScopedQuerySet):
            tables[model._meta.db_table] = queryset.municipality_path
        elif any(
            f.name == "municipality" and f.related_model is Municipality
            for f in model._meta.concrete_fields
        ):
            tables[model._meta.db_table] = "municipality"
    return tables


ANCHOR = re.compile(r'"\w+"\."municipality_id" (?:= (\d+)|IN \(([\d, ]+)\))')
LOOKUP = re.compile(r'"(\w+)"\."(\w+)" (?:= (\d+)|IN \(([\d, ]+)\))')


def _numbers(match) -> set[int]:
    single, many = match.groups()[-2:]
    return {int(single)} if single else {int(n) for n in many.split(",")}


def column_targets() -> dict[tuple[str, str], str]:
    """(table, column) → the table whose ids the column holds (its own for the primary key)."""
    targets = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        original = getattr(model, "instance_type", None)  # a simple_history table
        if original is not None:
            targets[(table, "id")] = original._meta.db_table
        for field in model._meta.concrete_fields:
            if field.primary_key and not field.is_relation:
                targets[(table, field.column)] = table
            elif field.is_relation and field.related_model is not None:
                targets[(table, field.column)] = field.related_model._meta.db_table
    return targets


def unanchored(queries, municipality_id: int, rows_of_a: dict[str, set[int]]) -> list[str]:
    """The SQL of `queries` that reads a tenant table without staying in the municipality.

    `rows_of_a`: table → ids of the municipality's rows, for every tenant table."""
    tables, targets = tenant_tables(), column_targets()
    found = []
    for query in queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        if not any(f'"{t}"' in sql for t in tables):
            continue  # reference tables only: regions, municipalities, subjects, sessions
        where = sql.split(" FROM ", 1)[1]  # the joins, the conditions and the subqueries
        aliases = {alias: table for table, alias in re.findall(r'"(\w+)" "(\w+)"', where)}
        anchors = set().union(*(_numbers(m) for m in ANCHOR.finditer(where)))
        if anchors == {municipality_id}:
            continue  # anchored to the user's municipality
        lookups = [
            (targets[(aliases.get(m[1], m[1]), m[2])], _numbers(m))
            for m in LOOKUP.finditer(where)
            if targets.get((aliases.get(m[1], m[1]), m[2])) in tables
        ]
        if not anchors and lookups and all(ids <= rows_of_a[t] for t, ids in lookups):
            continue  # rows looked up by id, all of them the municipality's
        found.append(sql)
    return found


@pytest.fixture
def two_municipalities(municipality, other_municipality, methodist, head, association):
    """A and B hold the same kinds of records; B's teachers are called «Чужаков»."""
    for m, surname in ((municipality, "Свой"), (other_municipality, FOREIGN)):
        for _n in range(3):
            teacher = TeacherFactory(organisation__municipality=m, last_name=surname)
            MembershipFactory(association__municipality=m, teacher=teacher)
        OrderFactory(municipality=m)
    MembershipFactory(association=association, teacher__organisation__municipality=municipality)
    return municipality, other_municipality


def rows_in(municipality) -> dict[str, set[int]]:
    """table → ids of the rows of `municipality`, for every tenant table."""
    rows = {}
    for model in apps.get_models():
        table = model._meta.db_table
        path = tenant_tables().get(table)
        if path is not None:
            rows[table] = set(
                model._default_manager.filter(**{f"{path}_id": municipality.pk}).values_list(
                    "pk", flat=True
                )
            )
    return rows


HOT_PAGES = [
    "home:home",
    "people:list",
    "associations:list",
    "events:list",
    "meetings:list",
    "plans:list",
]
HOT_API = ["teachers", "associations", "events", "meetings", "plans", "orders", "organisations"]


@pytest.mark.django_db
class TestHotPathQueries:
    def _check(self, client, url, a, b):
        rows_of_a = rows_in(a)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        assert FOREIGN not in response.content.decode(), url
        bad = unanchored(captured.captured_queries, a.pk, rows_of_a)
        assert bad == [], f"{url}: queries not anchored to the municipality:\n" + "\n".join(bad)

    @pytest.mark.parametrize("name", HOT_PAGES)
    def test_a_page_reads_one_municipality(self, client_as, methodist, two_municipalities, name):
        a, b = two_municipalities
        self._check(client_as(methodist), reverse(name), a, b)

    def test_the_association_page_reads_one_municipality(
        self, client_as, head, association, two_municipalities
    ):
        a, b = two_municipalities
        self._check(client_as(head), association.get_absolute_url(), a, b)

    @pytest.mark.parametrize("path", HOT_API)
    def test_an_api_list_reads_one_municipality(
        self, client_as, methodist, two_municipalities, path
    ):
        a, b = two_municipalities
        self._check(client_as(methodist), f"/api/v1/{path}/", a, b)


@pytest.mark.django_db
class TestTheCheck:
    """The check is not vacuous: an unscoped read is caught."""

    def test_it_flags_a_query_without_the_municipality(self, two_municipalities):
        a, _b = two_municipalities
        with CaptureQueriesContext(connection) as captured:
            list(Teacher.objects.all())
        assert unanchored(captured.captured_queries, a.pk, rows_in(a))

    def test_it_flags_a_lookup_of_another_municipalitys_rows(self, two_municipalities):
        a, b = two_municipalities
        foreign = list(Teacher.objects.filter(municipality=b).values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as captured:
            list(Teacher.objects.filter(pk__in=foreign))
        assert unanchored(captured.captured_queries, a.pk, rows_in(a))

    def test_it_passes_a_scoped_query(self, methodist, two_municipalities):
        a, _b = two_municipalities
        with CaptureQueriesContext(connection) as captured:
            list(Teacher.objects.for_user(methodist))
        assert unanchored(captured.captured_queries, a.pk, rows_in(a)) == []
