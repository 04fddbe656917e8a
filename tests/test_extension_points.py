"""An app adds an indicator, a compliance fact and a rule kind from its own extensions.py,
without touching the indicators or regulations apps (docs/architecture.md, "Extension
points"). This module plays that app: it is collected like `<app>/extensions.py`.
"""

import datetime as dt
import sys

import pytest
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from metodset.associations.models import Membership
from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core import extensions
from metodset.core.dates import SchoolYear
from metodset.growth.models import Publication
from metodset.indicators.catalogue import CATALOGUE, Share
from metodset.indicators.compute import for_associations
from metodset.indicators.signals import sources
from metodset.people.tests.factories import TeacherFactory
from metodset.regulations.checks import check
from metodset.regulations.facts import PROVIDERS, FactsBatch
from metodset.regulations.kinds import REGISTRY, Param, Result, RuleKind, Status
from metodset.regulations.reminders import reminders_compute
from metodset.regulations.services import regulation_import

YEAR = SchoolYear(2025)
TODAY = dt.date(2025, 11, 20)


# --- What the example app declares (its extensions.py) ------------------------------------


class PublishingShare(Share):
    def has(self, year, teacher_ref, association_ref):
        return Exists(
            Publication.objects.filter(
                teacher_id=OuterRef(teacher_ref),
                published_on__range=(year.starts_on, year.ends_on),
            )
        )


def publications_provider(batch: FactsBatch) -> dict[int, int]:
    counted = (
        Membership.objects.in_force(batch.on)
        .filter(
            association_id__in=batch.associations,
            teacher__publications__published_on__range=(batch.year.starts_on, batch.on),
        )
        .order_by()
        .values_list("association_id")
        .annotate(n=Count("teacher__publications", distinct=True))
    )
    return {pk: dict(counted).get(pk, 0) for pk in batch.associations}


class MinPublications(RuleKind):
    code = "example_min_publications"
    title = "Minimum number of members' publications"
    params = {"count": Param(int)}
    remind_on = frozenset({Status.VIOLATED})

    def evaluate(self, rule, facts):
        published = facts.fact("example_publications")
        if published is None:
            return Result(Status.NO_DATA, _("no data"))
        status = Status.OK if published >= rule.params["count"] else Status.VIOLATED
        return Result(status, self.cite(rule, f"{published}"))


INDICATORS = [
    PublishingShare("example_publishing_share", "Share of members who published", "", "%")
]
INDICATOR_SOURCES = ["growth.Publication"]
COMPLIANCE_FACTS = {"example_publications": publications_provider}
RULE_KINDS = [MinPublications]


# --- The test --------------------------------------------------------------------------


@pytest.fixture
def example_app(monkeypatch):
    """Collect this module as one more app's extensions.py, then forget it again."""
    collected = list(extensions._modules())
    monkeypatch.setattr(extensions, "_modules", lambda: iter([*collected, sys.modules[__name__]]))
    registries = (CATALOGUE, REGISTRY, PROVIDERS)
    for registry in registries:
        registry.reload()
    yield
    monkeypatch.undo()
    for registry in registries:
        registry.reload()


@pytest.mark.django_db
class TestAnAppExtends:
    def test_it_adds_an_indicator_computed_with_the_others(self, example_app, municipality):
        association = AssociationFactory(municipality=municipality)
        writer, other = (
            TeacherFactory(municipality=municipality),
            TeacherFactory(municipality=municipality),
        )
        for teacher in (writer, other):
            MembershipFactory(association=association, teacher=teacher, joined_on=YEAR.starts_on)
        Publication.objects.create(
            teacher=writer, title="Статья", venue="Сайт", published_on=dt.date(2025, 10, 1)
        )
        assert "example_publishing_share" in CATALOGUE
        assert "growth.Publication" in sources()
        value = for_associations([association.pk], YEAR)[association.pk]
        assert value["example_publishing_share"].value == 50
        assert "event_participation_share" in value  # the built-in ones are still there

    def test_it_adds_a_rule_kind_reading_its_own_fact(self, example_app, municipality, methodist):
        association = AssociationFactory(municipality=municipality)
        regulation_import(
            user=None,
            municipality=municipality,
            text=(
                "title: Т\neffective_from: 2020-09-01\nrules:\n"
                "  - kind: example_min_publications\n    clause: п. 9\n    count: 1\n"
            ),
        )
        [verdict] = check(association, YEAR, TODAY)
        assert verdict.rule.kind == "example_min_publications"
        assert verdict.result.status == Status.VIOLATED
        # Its reminder is sent as the kind says (remind_on), with no change to reminders.py.
        assert any(n.key.startswith("example_min_publications:") for n in reminders_compute(TODAY))

    def test_it_is_gone_when_the_app_is_not_installed(self):
        assert "example_min_publications" not in REGISTRY
        assert "example_publishing_share" not in CATALOGUE
        assert "example_publications" not in PROVIDERS


def test_every_document_kind_has_its_source_and_downloads():
    from django.urls import reverse

    from metodset.documents.kinds import DOCUMENTS
    from metodset.documents.models import DocumentKind

    assert set(DOCUMENTS) == set(DocumentKind.values)
    for kind in DOCUMENTS:
        assert reverse(f"documents:{kind}_docx", args=[1]).endswith("/docx/")
        assert reverse(f"documents:{kind}_pdf", args=[1]).endswith("/pdf/")
