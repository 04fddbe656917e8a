import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.models import Notification
from metodset.regulations.models import Regulation
from metodset.regulations.reminders import reminders_compute
from metodset.regulations.services import regulation_import

SIXTH = (Path(__file__).parent / "data" / "sixth.yaml").read_text()
MMO = """\
title: Положение
applies_to: [mmo]
effective_from: 2020-09-01
rules:
  - kind: min_members
    clause: п. 2
    count: 3
  - kind: head_term_max
    clause: п. 3
    years: 3
"""


@pytest.mark.django_db
class TestPanel:
    def test_the_association_page_shows_its_verdicts(
        self, client_as, teacher_user, association, municipality
    ):
        regulation_import(user=None, municipality=municipality, text=MMO)
        MembershipFactory.create_batch(2, association=association)
        response = client_as(teacher_user).get(
            reverse("associations:detail", args=[association.pk])
        )
        assert "п. 2: участников 2, требуется не менее 3" in response.text

    def test_the_page_reads_the_regulations_once_for_verdicts_and_citations(
        self, client_as, methodist, association, municipality
    ):
        from django.test.utils import CaptureQueriesContext

        text = MMO + "  - kind: passport\n    clause: п. 7\n"
        regulation_import(user=None, municipality=municipality, text=text)
        with CaptureQueriesContext(connection) as queries:
            response = client_as(methodist).get(
                reverse("associations:detail", args=[association.pk])
            )
        assert "п. 2:" in response.text  # a verdict
        assert "(п. 7 положения)" in response.text  # the passport panel's citation
        read = [q for q in queries if 'FROM "regulations_regulationversion"' in q["sql"]]
        assert len(read) == 1


@pytest.mark.django_db
class TestUpload:
    def test_a_methodist_uploads_a_yaml_file(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("regulations:upload"),
            {"file": SimpleUploadedFile("sixth.yaml", SIXTH.encode())},
        )
        assert response.status_code == 302
        assert Regulation.objects.get().municipality == methodist.municipality

    def test_a_malformed_upload_names_the_line_and_saves_nothing(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("regulations:upload"), {"text": SIXTH.replace("count: 5", "count: пять")}
        )
        assert response.status_code == 400
        assert "строка 8, rules[1].count: должно быть целое число" in response.text
        assert not Regulation.objects.exists()

    @pytest.mark.parametrize("role", ["coordinator", "head", "teacher"])
    def test_others_cannot_upload(self, client_as, role_users, role):
        response = client_as(role_users[role]).post(reverse("regulations:upload"), {"text": SIXTH})
        assert response.status_code == 403
        assert not Regulation.objects.exists()

    def test_export_round_trips(self, client_as, methodist):
        version = regulation_import(user=None, municipality=methodist.municipality, text=SIXTH)
        exported = (
            client_as(methodist)
            .get(reverse("regulations:export", args=[version.pk]))
            .content.decode()
        )
        again = regulation_import(
            user=None,
            municipality=methodist.municipality,
            text=exported.replace("2025-09-01", "2026-09-01"),
        )
        assert again.rules == version.rules
        assert again.number == 2

    def test_another_municipality_is_hidden(self, client_as, methodist, other_municipality):
        version = regulation_import(user=None, municipality=other_municipality, text=SIXTH)
        client = client_as(methodist)
        assert (
            client.get(reverse("regulations:detail", args=[version.regulation_id])).status_code
            == 404
        )
        assert client.get(reverse("regulations:export", args=[version.pk])).status_code == 404


def _bulk_associations(municipality, first: int, last: int) -> None:
    """Active ММО «ММО 001»… «ММО <last>», written at once."""
    from metodset.associations.models import Association

    Association.objects.bulk_create(
        Association(
            municipality=municipality,
            kind="mmo",
            name=f"ММО {i:03d}",
            area="x",
            founded_on=dt.date(2020, 9, 1),
        )
        for i in range(first, last + 1)
    )


@pytest.mark.django_db
class TestMatrix:
    def test_it_runs_constant_queries(
        self, client_as, methodist, municipality, django_assert_max_num_queries, settings
    ):
        from django.core.cache import cache

        settings.METODSET_PAGE_SIZE = 10
        regulation_import(user=None, municipality=municipality, text=MMO)
        client = client_as(methodist)

        def add(n):
            for association in AssociationFactory.create_batch(n, municipality=municipality):
                HeadAppointmentFactory(association=association)
                MembershipFactory(association=association)

        add(3)
        cache.clear()
        with django_assert_max_num_queries(60) as small:
            client.get(reverse("regulations:matrix"))
        add(30)
        cache.clear()
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = client.get(reverse("regulations:matrix"))
        assert response.text.count("<tr>") == 11  # header + a page of 10 of the 33

    @staticmethod
    def _associations(municipality, compliant: int, violating: int):
        """Associations named «ММО 01»…, the first `compliant` with 3 members (MMO's п. 2)."""
        made = []
        for i in range(compliant + violating):
            association = AssociationFactory(municipality=municipality, name=f"ММО {i + 1:02d}")
            if i < compliant:
                MembershipFactory.create_batch(3, association=association)
            made.append(association)
        return made

    def test_it_pages_the_associations(self, client_as, methodist, municipality, settings):
        settings.METODSET_PAGE_SIZE = 5
        regulation_import(user=None, municipality=municipality, text=MMO)
        made = self._associations(municipality, compliant=0, violating=12)
        client = client_as(methodist)
        for page, expected in ((1, made[:5]), (2, made[5:10]), (3, made[10:])):
            response = client.get(reverse("regulations:matrix"), {"page": page})
            shown = [a.name for a in made if f">{a.name}</a>" in response.text]
            assert shown == [a.name for a in expected]
            assert f"Страница {page} из 3" in response.text

    def test_a_page_is_the_same_for_30_and_300_associations(
        self, client_as, methodist, municipality, settings
    ):
        """Nothing grows with the data unless the user asked (issue #19): only the page's
        associations are checked and drawn."""
        from django.test.utils import CaptureQueriesContext

        settings.METODSET_PAGE_SIZE = 25
        regulation_import(user=None, municipality=municipality, text=MMO)
        client = client_as(methodist)

        def measure() -> tuple[int, int]:
            client.get(reverse("regulations:matrix"))  # the menu, the cached filter form
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("regulations:matrix"))
            assert response.text.count("<tr>") == 26  # header + 25
            return len(queries), len(response.content)

        _bulk_associations(municipality, 1, 30)
        queries30, size30 = measure()
        _bulk_associations(municipality, 31, 300)
        queries300, size300 = measure()
        assert queries300 == queries30
        assert abs(size300 - size30) < size30 * 0.01, (size30, size300)

    def test_only_the_problems_are_paged_alike(self, client_as, methodist, municipality, settings):
        settings.METODSET_PAGE_SIZE = 5
        regulation_import(user=None, municipality=municipality, text=MMO)
        made = self._associations(municipality, compliant=6, violating=7)
        client = client_as(methodist)
        seen = []
        for page in (1, 2):
            response = client.get(reverse("regulations:matrix"), {"problems": "1", "page": page})
            seen += [a.name for a in made if f">{a.name}</a>" in response.text]
            assert f"Страница {page} из 2" in response.text
        assert seen == [a.name for a in made[6:]]

    def test_the_export_has_every_association_whatever_the_page(
        self, client_as, methodist, municipality, settings
    ):
        import io

        from openpyxl import load_workbook

        settings.METODSET_PAGE_SIZE = 5
        regulation_import(user=None, municipality=municipality, text=MMO)
        made = self._associations(municipality, compliant=0, violating=12)
        response = client_as(methodist).get(
            reverse("regulations:matrix"), {"export": "xlsx", "page": 2}
        )
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        names = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
        assert names == [a.name for a in made]

    def test_three_hundred_associations_render_at_the_same_cost(
        self, client_as, methodist, municipality, django_assert_max_num_queries
    ):
        from django.core.cache import cache

        regulation_import(user=None, municipality=municipality, text=MMO)
        _bulk_associations(municipality, 1, 300)
        client = client_as(methodist)
        cache.clear()
        # The indicators add two SET LOCAL on PostgreSQL; the analysis app's providers (annual
        # analysis, external evaluation) one query each, the portfolios one, the roadmaps'
        # measures one.
        with django_assert_max_num_queries(36 if connection.vendor == "postgresql" else 34):
            response = client.get(reverse("regulations:matrix"))
        assert response.status_code == 200

    def test_a_coordinator_sees_a_summary_of_his_region(
        self, client_as, coordinator, municipality, sibling_municipality, other_municipality
    ):
        response = client_as(coordinator).get(reverse("regulations:matrix"))
        assert municipality.name in response.text
        assert sibling_municipality.name in response.text
        assert other_municipality.name not in response.text

    def test_it_exports_xlsx(self, client_as, methodist, municipality, association):
        import io

        from openpyxl import load_workbook

        regulation_import(user=None, municipality=municipality, text=MMO)
        response = client_as(methodist).get(reverse("regulations:matrix"), {"export": "xlsx"})
        rows = list(
            load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
                values_only=True
            )
        )
        assert rows[1][0] == association.name
        assert "п. 2" in rows[1][1]


@pytest.mark.django_db
class TestReminders:
    def test_a_term_ending_soon_is_reminded_once(
        self, methodist, municipality, association, mailoutbox, django_capture_on_commit_callbacks
    ):
        regulation_import(user=None, municipality=municipality, text=MMO)
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2023, 1, 1), ends_on=dt.date(2025, 12, 31)
        )
        with django_capture_on_commit_callbacks(execute=True):
            created = reminders_compute(dt.date(2025, 11, 20))
        assert [n.user for n in created] == [methodist]
        assert "31.12.2025" in created[0].text
        assert reminders_compute(dt.date(2025, 11, 21)) == []
        assert Notification.objects.count() == 1
        assert mailoutbox[0].to == [methodist.email]  # e-mailed once, when created
