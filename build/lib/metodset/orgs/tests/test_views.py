import pytest
from django.urls import reverse

from metodset.orgs.models import Organisation
from metodset.orgs.tests.factories import OrganisationFactory


@pytest.mark.django_db
class TestOrganisationViews:
    def test_it_lists_only_own_municipality(self, client_as, methodist, other_municipality):
        mine = OrganisationFactory(municipality=methodist.municipality)
        theirs = OrganisationFactory(municipality=other_municipality)
        response = client_as(methodist).get(reverse("orgs:list"))
        assert response.status_code == 200
        assert str(mine) in response.text
        assert str(theirs) not in response.text

    def test_it_hides_another_municipality_with_404(self, client_as, methodist, other_municipality):
        theirs = OrganisationFactory(municipality=other_municipality)
        assert client_as(methodist).get(reverse("orgs:detail", args=[theirs.pk])).status_code == 404

    def test_it_creates_with_history(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("orgs:create"),
            {"kind": "school", "name": "МБОУ «Лицей № 7»", "short_name": "Лицей № 7"},
        )
        org = Organisation.objects.get(name="МБОУ «Лицей № 7»")
        assert response.status_code == 302
        assert org.municipality == methodist.municipality
        assert org.history.get().history_user == methodist

    def test_it_runs_constant_queries(self, client_as, methodist, django_assert_max_num_queries):
        OrganisationFactory.create_batch(30, municipality=methodist.municipality)
        client = client_as(methodist)
        with django_assert_max_num_queries(12):
            client.get(reverse("orgs:list"))


@pytest.mark.django_db
class TestOrganisationExport:
    def test_it_exports_the_filtered_list_as_text_cells(
        self, client_as, methodist, other_municipality
    ):
        import io

        from openpyxl import load_workbook

        OrganisationFactory(
            municipality=methodist.municipality, name='=HYPERLINK("x")', short_name="A"
        )
        OrganisationFactory(
            municipality=methodist.municipality, kind="kindergarten", name="Детский сад"
        )
        OrganisationFactory(municipality=other_municipality, name="Чужая школа")
        response = client_as(methodist).get(
            reverse("orgs:list"), {"kind": "school", "export": "xlsx"}
        )
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "Наименование"
        assert [r[0] for r in rows[1:]] == ['=HYPERLINK("x")']
        assert sheet["A2"].data_type == "s"


@pytest.mark.django_db
class TestOrganisationEdit:
    def test_it_saves_a_change_with_its_history(self, client_as, methodist):
        org = OrganisationFactory(municipality=methodist.municipality, address="ул. Ленина, 1")
        response = client_as(methodist).post(
            reverse("orgs:edit", args=[org.pk]),
            {
                "kind": "school",
                "name": org.name,
                "short_name": org.short_name,
                "address": "ул. Мира, 5",
            },
        )
        assert response.status_code == 302
        org.refresh_from_db()
        assert org.address == "ул. Мира, 5"
        assert org.history.count() == 2
        assert org.history.first().history_user == methodist

    def test_it_keeps_no_history_for_an_edit_that_changes_nothing(self, client_as, methodist):
        org = OrganisationFactory(municipality=methodist.municipality, kind="school")
        data = {
            "kind": "school",
            "name": org.name,
            "short_name": org.short_name,
            "address": org.address,
        }
        client_as(methodist).post(reverse("orgs:edit", args=[org.pk]), data)
        assert org.history.count() == 1
