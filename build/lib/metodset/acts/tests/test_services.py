"""Order services at their boundaries: numbers per municipality and year, files, deletion."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from metodset.acts import services
from metodset.acts.models import Order, OrderKind, leading_number
from metodset.acts.tests.factories import OrderFactory
from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.files import private_storage
from metodset.core.tests.files import PDF, upload

DUPLICATE = "Приказ № 157 за 2024 год в муниципалитете уже есть."


def create(user, municipality, **changes) -> Order:
    fields = {
        "number": "157",
        "date": dt.date(2024, 9, 9),
        "kind": OrderKind.REGULATION,
        "title": "Об утверждении Положения о муниципальном методическом объединении",
    } | changes
    return services.order_create(user=user, municipality=municipality, **fields)


def stored_files(root) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
class TestOrderCreate:
    def test_it_registers_an_order_with_the_authority_as_issuer(self, methodist, municipality):
        order = create(methodist, municipality, issuer="")
        assert order.issuer == municipality.authority_name
        assert order.year == 2024
        assert str(order) == "Приказ № 157 от 09.09.2024"

    def test_it_keeps_an_issuer_given(self, methodist, municipality):
        order = create(methodist, municipality, issuer="Администрация города Рубцовска")
        assert order.issuer == "Администрация города Рубцовска"

    def test_it_records_who_registered_it(self, methodist, municipality):
        order = create(methodist, municipality)
        entry = order.history.get()
        assert entry.history_type == "+"
        assert entry.history_user == methodist

    @pytest.mark.parametrize("number", ["157", " 157 "])
    def test_it_refuses_a_duplicate_number_in_one_year(self, methodist, municipality, number):
        OrderFactory(municipality=municipality, number="157", date=dt.date(2024, 1, 15))
        with pytest.raises(ValidationError) as error:
            create(methodist, municipality, number=number, date=dt.date(2024, 12, 30))
        assert error.value.message_dict["number"] == [DUPLICATE]
        assert Order.objects.count() == 1

    def test_it_refuses_a_number_differing_only_in_case(self, methodist, municipality):
        OrderFactory(municipality=municipality, number="45-од", date=dt.date(2024, 1, 15))
        with pytest.raises(ValidationError):
            create(methodist, municipality, number="45-ОД")
        assert Order.objects.count() == 1

    def test_it_accepts_the_same_number_next_year(self, methodist, municipality):
        OrderFactory(municipality=municipality, number="157", date=dt.date(2024, 9, 9))
        order = create(methodist, municipality, date=dt.date(2025, 1, 9))
        assert order.year == 2025
        assert Order.objects.filter(number="157").count() == 2

    def test_it_accepts_the_same_number_in_another_municipality(
        self, methodist, municipality, sibling_municipality, other_municipality
    ):
        OrderFactory(municipality=sibling_municipality, number="157", date=dt.date(2024, 9, 9))
        OrderFactory(municipality=other_municipality, number="157", date=dt.date(2024, 9, 9))
        create(methodist, municipality)
        assert Order.objects.filter(number="157", year=2024).count() == 3

    def test_it_stores_a_real_file_privately(self, methodist, municipality, private_files):
        order = create(methodist, municipality, file=upload("Приказ 157.pdf"))
        assert order.file.name.startswith("orders/2025/")  # the year of the upload
        assert order.file.name.endswith(".pdf")
        assert (private_files / order.file.name).read_bytes() == PDF

    @pytest.mark.parametrize(
        ("uploaded", "message"),
        [
            (
                upload("приказ.pdf", b"just text, not a PDF"),
                "Файл не является настоящим файлом .pdf.",
            ),
            (upload("приказ.pdf", PDF + b"0" * (11 * 1024 * 1024)), "Файл больше 10 МБ."),
            (upload("приказ.txt", b"text"), "Загрузите файл PDF, DOCX, DOC, ODT, JPG или PNG."),
        ],
        ids=["fake-pdf", "11-mb", "txt"],
    )
    def test_it_refuses_a_wrong_file_and_saves_nothing(
        self, methodist, municipality, private_files, uploaded, message
    ):
        with pytest.raises(ValidationError) as error:
            create(methodist, municipality, file=uploaded)
        assert error.value.message_dict["file"] == [message]
        assert not Order.objects.exists()
        assert stored_files(private_files) == []


@pytest.mark.django_db
class TestOrderUpdate:
    def test_it_moves_the_order_to_another_year(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, number="5", date=dt.date(2024, 12, 28))
        services.order_update(user=methodist, order=order, data={"date": dt.date(2025, 1, 10)})
        order.refresh_from_db()
        assert order.year == 2025
        # The number is free again in 2024 and taken in 2025.
        create(methodist, municipality, number="5", date=dt.date(2024, 3, 1))
        with pytest.raises(ValidationError):
            create(methodist, municipality, number="5", date=dt.date(2025, 3, 1))

    def test_it_refuses_a_date_that_makes_the_number_a_duplicate(self, methodist, municipality):
        OrderFactory(municipality=municipality, number="5", date=dt.date(2025, 2, 1))
        order = OrderFactory(municipality=municipality, number="5", date=dt.date(2024, 2, 1))
        with pytest.raises(ValidationError) as error:
            services.order_update(user=methodist, order=order, data={"date": dt.date(2025, 3, 1)})
        assert error.value.message_dict["number"] == [
            "Приказ № 5 за 2025 год в муниципалитете уже есть."
        ]
        order.refresh_from_db()
        assert order.date == dt.date(2024, 2, 1)

    def test_it_puts_the_authority_back_for_an_empty_issuer(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, issuer="Администрация")
        services.order_update(user=methodist, order=order, data={"issuer": ""})
        order.refresh_from_db()
        assert order.issuer == municipality.authority_name

    def test_it_records_the_change_and_who_made_it(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, title="О работе")
        services.order_update(user=methodist, order=order, data={"title": "О методической работе"})
        assert order.history.count() == 2
        assert order.history.first().history_user == methodist

    def test_it_replaces_the_file_and_removes_the_old_one(
        self, methodist, municipality, private_files, django_capture_on_commit_callbacks
    ):
        order = create(methodist, municipality, file=upload("старый.pdf"))
        old = order.file.name
        with django_capture_on_commit_callbacks(execute=True):
            services.order_update(
                user=methodist, order=order, data={"file": upload("новый.pdf", PDF + b"new")}
            )
        order.refresh_from_db()
        assert order.file.name != old
        assert not private_storage.exists(old)
        assert order.file.read() == PDF + b"new"

    def test_it_removes_the_file_when_cleared(
        self, methodist, municipality, private_files, django_capture_on_commit_callbacks
    ):
        order = create(methodist, municipality, file=upload())
        with django_capture_on_commit_callbacks(execute=True):
            services.order_update(user=methodist, order=order, data={"file": False})
        order.refresh_from_db()
        assert not order.file
        assert stored_files(private_files) == []

    def test_it_keeps_the_old_file_when_the_new_one_is_refused(
        self, methodist, municipality, private_files
    ):
        order = create(methodist, municipality, file=upload())
        old = order.file.name
        with pytest.raises(ValidationError):
            services.order_update(
                user=methodist, order=order, data={"file": upload("x.pdf", b"not a pdf")}
            )
        assert Order.objects.get(pk=order.pk).file.name == old
        assert private_storage.exists(old)


@pytest.mark.django_db
class TestOrderDelete:
    def test_it_deletes_a_free_order_with_its_file(
        self, methodist, municipality, private_files, django_capture_on_commit_callbacks
    ):
        order = create(methodist, municipality, file=upload())
        pk = order.pk
        with django_capture_on_commit_callbacks(execute=True):
            services.order_delete(user=methodist, order=order)
        assert not Order.objects.filter(pk=pk).exists()
        assert stored_files(private_files) == []
        deleted = Order.history.get(id=pk, history_type="-")
        assert deleted.history_user == methodist

    def test_it_refuses_while_associations_and_appointments_refer_to_it(
        self, methodist, municipality
    ):
        order = OrderFactory(municipality=municipality, date=dt.date(2020, 8, 20))
        AssociationFactory(municipality=municipality, creation_order=order)
        AssociationFactory(municipality=municipality, creation_order=order)
        HeadAppointmentFactory(
            association=AssociationFactory(municipality=municipality), order=order
        )
        with pytest.raises(ValidationError) as error:
            services.order_delete(user=methodist, order=order)
        assert error.value.messages == [
            "Приказ нельзя удалить: на него ссылаются записи (назначения руководителей: 1; "
            "создание объединений: 2). Они перечислены на странице приказа."
        ]
        assert Order.objects.filter(pk=order.pk).exists()

    def test_it_names_a_liquidation(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 6, 1))
        association = AssociationFactory(municipality=municipality)
        # Set as the liquidation service would, without the rest of liquidation.
        type(association).objects.filter(pk=association.pk).update(liquidation_order=order)
        with pytest.raises(ValidationError) as error:
            services.order_delete(user=methodist, order=order)
        assert "ликвидация объединений: 1" in error.value.messages[0]


class TestLeadingNumber:
    @pytest.mark.parametrize(
        ("number", "value"),
        [("157", 157), ("45-од", 45), (" 9/1", 9), ("б/н", None), ("", None)],
    )
    def test_it_reads_the_leading_digits(self, number, value):
        assert leading_number(number) == value

    @pytest.mark.django_db
    def test_it_follows_an_edited_number(self, methodist, municipality):
        order = OrderFactory(municipality=municipality, number="9")
        services.order_update(user=methodist, order=order, data={"number": "150-к"})
        assert Order.objects.values_list("number_value", flat=True).get(pk=order.pk) == 150
