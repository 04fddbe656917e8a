"""The demo bank: every kind of material, every review state, scored reviews, news, search."""

import pytest

from metodset.core.models import Municipality
from metodset.library import search
from metodset.library.models import (
    Material,
    MaterialKind,
    News,
    Practice,
    PracticeStatus,
    ReviewScore,
    SearchEntry,
)

from .test_demo_data import loaded, sample  # noqa: F401 - the shared demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]


class TestDemoBank:
    def test_every_municipality_has_every_kind_and_state(self):
        for municipality in Municipality.objects.all():
            kinds = set(
                Material.objects.filter(municipality=municipality).values_list("kind", flat=True)
            )
            assert kinds == set(MaterialKind.values), municipality.slug
            states = set(
                Practice.objects.filter(municipality=municipality).values_list("status", flat=True)
            )
            assert states == set(PracticeStatus.values), municipality.slug
            assert News.objects.filter(municipality=municipality, is_draft=False).exists()

    def test_its_files_are_real_pdfs_and_reviews_are_scored(self):
        from metodset.core.files import _real
        from metodset.core.tests.files import upload
        from metodset.demo.bank import pdf_bytes
        from metodset.library.models import MaterialFile

        stored = MaterialFile.objects.first()
        assert stored.size > 0 and stored.file.name.endswith(".pdf")
        assert _real(upload("x.pdf", pdf_bytes("Demo")), "pdf")
        assert ReviewScore.objects.exists()

    def test_its_records_pass_full_clean(self):
        for row in sample(Practice.objects.all(), 20):
            row.full_clean(validate_unique=False)

    def test_search_finds_word_forms(self):
        assert search.search(SearchEntry.objects.all(), "объединений").total > 0
