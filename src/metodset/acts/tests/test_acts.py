import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.acts.models import Order
from metodset.acts.tests.factories import OrderFactory


def order_data(**changes):
    return {
        "number": "157",
        "date": "2024-09-09",
        "kind": "regulation",
        "title": "Об утверждении Положения о ММО",
    } | changes


@pytest.mark.django_db
class TestOrderNumbers:
    def test_it_refuses_a_duplicate_number_in_one_year(self, client_as, methodist):
        OrderFactory(municipality=methodist.municipality, number="157", date=dt.date(2024, 3, 1))
        response = client_as(methodist).post(reverse("acts:create"), order_data())
        assert response.status_code == 400
        assert "уже есть" in response.text
        assert Order.objects.count() == 1

    def test_it_accepts_the_same_number_next_year_or_elsewhere(
        self, client_as, methodist, other_municipality
    ):
        OrderFactory(municipality=methodist.municipality, number="157", date=dt.date(2023, 9, 9))
        OrderFactory(municipality=other_municipality, number="157", date=dt.date(2024, 9, 9))
        response = client_as(methodist).post(reverse("acts:create"), order_data())
        assert response.status_code == 302
        created = Order.objects.get(municipality=methodist.municipality, year=2024)
        assert created.issuer == methodist.municipality.authority_name
        assert created.history.get().history_user == methodist


@pytest.mark.django_db
class TestOrderFiles:
    def test_it_refuses_a_fake_pdf(self, client_as, methodist):
        fake = SimpleUploadedFile("order.pdf", b"just text, not a PDF")
        response = client_as(methodist).post(reverse("acts:create"), order_data(file=fake))
        assert response.status_code == 400
        assert "не является настоящим файлом .pdf" in response.text
        assert not Order.objects.exists()

    def test_it_refuses_a_file_over_10_mb(self, client_as, methodist):
        big = SimpleUploadedFile("order.pdf", b"%PDF" + b"0" * (11 * 1024 * 1024))
        response = client_as(methodist).post(reverse("acts:create"), order_data(file=big))
        assert response.status_code == 400
        assert "больше 10 МБ" in response.text

    def test_it_serves_the_file_only_in_scope(
        self, client_as, methodist, settings, tmp_path, other_municipality
    ):
        from metodset.accounts.models import Role
        from metodset.accounts.tests.factories import UserFactory

        settings.MEDIA_ROOT = tmp_path
        pdf = SimpleUploadedFile("order.pdf", b"%PDF-1.4 test")
        client_as(methodist).post(reverse("acts:create"), order_data(file=pdf))
        order = Order.objects.get()
        assert client_as(methodist).get(reverse("acts:file", args=[order.pk])).status_code == 200
        stranger = UserFactory(role=Role.METHODIST, municipality=other_municipality)
        assert client_as(stranger).get(reverse("acts:file", args=[order.pk])).status_code == 404


@pytest.mark.django_db
class TestOrderPages:
    def test_the_list_runs_constant_queries(
        self, client_as, methodist, django_assert_max_num_queries
    ):
        client = client_as(methodist)
        OrderFactory.create_batch(3, municipality=methodist.municipality)
        with django_assert_max_num_queries(20) as small:
            client.get(reverse("acts:list"))
        OrderFactory.create_batch(30, municipality=methodist.municipality)
        with django_assert_max_num_queries(len(small.captured_queries)):
            client.get(reverse("acts:list"))

    def test_the_detail_shows_what_it_concerns(self, client_as, methodist, association):
        order = OrderFactory(municipality=association.municipality, kind="creation")
        association.creation_order = order
        association.save()
        response = client_as(methodist).get(reverse("acts:detail", args=[order.pk]))
        assert association.name in response.text

    def test_an_order_in_use_cannot_be_deleted(self, client_as, methodist, association):
        order = OrderFactory(municipality=association.municipality, date=dt.date(2020, 8, 1))
        association.creation_order = order
        association.save()
        response = client_as(methodist).post(reverse("acts:delete", args=[order.pk]))
        assert response.status_code == 302
        assert Order.objects.filter(pk=order.pk).exists()
