"""Only the user's own regulation is cited: its clauses, in words a methodist reads."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import AssociationFactory
from metodset.core.tests.factories import MunicipalityFactory
from metodset.plans.models import PlanStatus
from metodset.plans.tests.factories import PlanFactory
from metodset.regulations.citations import citation, clause_of, rules_in_force
from metodset.regulations.models import Regulation
from metodset.regulations.services import presets_load

pytestmark = pytest.mark.django_db

# Another municipality's name, a seed file's number before a clause, a raw code.
FOREIGN = re.compile(
    r"Рубцовск|Кузнецк|Весьегон|Бийск|\b00[0-4]\s*(§|,\s*п)|§\s*\d|\b(mmo|mpop|rmo|shmo)\b"
    r"|раз в N|docs/\w+\.md|head_renewal|head_term_max|annual_plan"
)

RAW = re.compile(r"\b(mmo|mpop|head_renewal|head_term_max|annual_plan|external_evaluation)\b")


def pages(association, plan, municipality):
    return [
        reverse("associations:detail", args=[association.pk]),
        reverse("plans:association", args=[association.pk]),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:adopt", args=[plan.pk]),
        reverse("meetings:association", args=[association.pk]),
        reverse("surveys:list"),
        reverse("indicators:dashboard"),
        reverse("regulations:list"),
        reverse("regulations:detail", args=[Regulation.objects.get(municipality=municipality).pk]),
        reverse("documents:templates", args=[municipality.pk]),
        reverse("consultations:list"),
        reverse("proposals:list"),
        reverse("proposals:drafts"),
        reverse("library:criteria"),
        reverse("indicators:monitoring"),
        reverse("analysis:list"),
        reverse("analysis:association", args=[association.pk]),
    ]


def visible_text(html: str) -> str:
    """The page without tags, URLs and attribute values that a reader does not see."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def choya(region):
    municipality = MunicipalityFactory(slug="choya", region=region, name="МО «Чойский район»")
    presets_load(municipality_slugs=["choya"])
    return municipality


class TestChoya:
    def test_a_choya_methodist_never_sees_another_regulation(self, client_as, choya):
        methodist = UserFactory(role=Role.METHODIST, municipality=choya)
        council = AssociationFactory(municipality=choya, kind="council")
        plan = PlanFactory(association=council, status=PlanStatus.DRAFT)
        for url in pages(council, plan, choya):
            response = client_as(methodist).get(url)
            assert response.status_code == 200, url
            found = FOREIGN.search(visible_text(response.text))
            assert found is None, f"{url}: «{found and found.group(0)}»"

    def test_choya_cites_its_own_clause_for_the_approval(self, client_as, choya):
        methodist = UserFactory(role=Role.METHODIST, municipality=choya)
        council = AssociationFactory(municipality=choya, kind="council")
        plan = PlanFactory(association=council)
        page = visible_text(client_as(methodist).get(plan.get_absolute_url()).text)
        # 004 п. 3.8: the council's plan is approved by an order; nothing is said of adoption.
        assert "(п. 3.8 положения)" in page
        assert page.count("положения)") == 1

    def test_an_association_its_regulation_does_not_cover_cites_nothing(self, client_as, choya):
        methodist = UserFactory(role=Role.METHODIST, municipality=choya)
        rmo = AssociationFactory(municipality=choya, kind="rmo")  # РМО work by their own (п. 3.4)
        plan = PlanFactory(association=rmo)
        page = visible_text(client_as(methodist).get(plan.get_absolute_url()).text)
        assert "положения)" not in page


class TestRubtsovsk:
    @pytest.fixture
    def rubtsovsk(self, region):
        municipality = MunicipalityFactory(slug="rubtsovsk", region=region)
        presets_load(municipality_slugs=["rubtsovsk"])
        return municipality

    def test_its_own_clauses_in_words(self, client_as, rubtsovsk):
        methodist = UserFactory(role=Role.METHODIST, municipality=rubtsovsk)
        mmo = AssociationFactory(municipality=rubtsovsk, kind="mmo")
        plan = PlanFactory(association=mmo)
        page = visible_text(client_as(methodist).get(plan.get_absolute_url()).text)
        assert "(п. 9.1 положения)" in page  # composed by the head, adopted at a meeting
        page = visible_text(client_as(methodist).get(mmo.get_absolute_url()).text)
        assert "(пп. 1.6, 5.10 положения)" in page  # the passport
        regulation = Regulation.objects.get(municipality=rubtsovsk)
        page = visible_text(client_as(methodist).get(regulation.get_absolute_url()).text)
        assert "раз в 3 года" in page
        assert "Срок полномочий руководителя — не более 3 лет" in page
        assert "месяцы: май, июнь" in page
        assert not RAW.search(page)  # its own name is in its title: only codes are foreign
        page = visible_text(client_as(methodist).get(reverse("regulations:list")).text)
        assert "Муниципальное методическое объединение (ММО)" in page


def test_no_template_or_translation_cites_a_seed_file():
    """Intros of pages are shared by every municipality: they may not cite one of them."""
    root = Path(settings.BASE_DIR)
    seed_clause = re.compile(r"\b00[0-4] §")
    texts = [*root.glob("*/templates/**/*.html"), *root.glob("templates/**/*.html")]
    texts += root.glob("**/locale/ru/LC_MESSAGES/django.po")
    assert len(texts) > 100
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in texts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        # Comments ({# #} in templates, # in catalogues) are read by developers only.
        if seed_clause.search(re.sub(r"\{#.*?#\}", "", line)) and not line.startswith("#")
    ]
    assert found == []


class TestHelpers:
    def test_clause_of_reads_only_the_rules_given(self, choya):
        rules = rules_in_force(choya.pk, association_kind="council")
        assert clause_of(rules, "annual_plan") == "п. 3.8"
        assert clause_of(rules, "annual_plan", param="approved_by") == "п. 3.8"
        assert clause_of(rules, "annual_plan", param="adopted_at_meeting") == ""
        assert clause_of(rules, "passport") == ""
        assert rules_in_force(choya.pk, association_kind="mmo") == []
        assert rules_in_force(None) == []
        assert citation("") == ""
