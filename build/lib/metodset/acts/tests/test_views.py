"""Order pages: every view × every role, then what each page shows and does."""

import datetime as dt
import io
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from metodset.acts import services
from metodset.acts.models import Order
from metodset.acts.tests.factories import OrderFactory
from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.tests.files import PDF, upload

ROLES = [
    "anonymous",
    "platform_admin",
    "coordinator",
    "coordinator_other",
    "methodist",
    "methodist_sibling",
    "methodist_other",
    "head",
    "teacher",
]
READ_ALL = dict.fromkeys(ROLES, 200) | {"anonymous": 302}
READ_IN_SCOPE = READ_ALL | dict.fromkeys(
    ["coordinator_other", "methodist_sibling", "methodist_other"], 404
)
MANAGE = READ_IN_SCOPE | dict.fromkeys(["coordinator", "head", "teacher"], 403)
CREATE = MANAGE | {"coordinator_other": 403, "methodist_sibling": 200, "methodist_other": 200}
PAGES = [
    ("list", READ_ALL),
    ("create", CREATE),
    ("detail", READ_IN_SCOPE),
    ("edit", MANAGE),
    ("delete", MANAGE),
    ("file", READ_IN_SCOPE),
]
WRITERS = {"platform_admin", "methodist"}


def order_data(**changes) -> dict:
    return {
        "number": "157",
        "date": "2024-09-09",
        "kind": "regulation",
        "title": "Об утверждении Положения о муниципальном методическом объединении",
        "issuer": "",
        "text": "",
    } | changes


@pytest.fixture
def order(municipality, methodist):
    """An order of the home municipality with its signed PDF, registered by the methodist."""
    return services.order_create(
        user=methodist,
        municipality=municipality,
        number="157",
        date=dt.date(2024, 9, 9),
        kind="regulation",
        title="Об утверждении Положения о ММО",
        file=upload("скан приказа.pdf"),
    )


def _url(name: str, order: Order) -> str:
    if name in ("list", "create"):
        return reverse(f"acts:{name}")
    return reverse(f"acts:{name}", args=[order.pk])


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(("name", "expected"), PAGES, ids=[p[0] for p in PAGES])
    def test_it_answers_each_role(self, client_for, order, role, name, expected):
        response = client_for(role).get(_url(name, order))
        assert response.status_code == expected[role]
        if role == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))

    @pytest.mark.parametrize(
        ("role", "expected"),
        # The platform admin is sent back to choose the municipality (400), see TestCreate.
        (
            CREATE
            | dict.fromkeys(["methodist", "methodist_sibling", "methodist_other"], 302)
            | {"platform_admin": 400}
        ).items(),
    )
    def test_it_lets_only_methodists_register(self, client_for, role, expected):
        response = client_for(role).post(reverse("acts:create"), order_data())
        assert response.status_code == expected
        assert Order.objects.exists() == role.startswith("methodist")

    @pytest.mark.parametrize("role", ROLES)
    def test_it_lets_only_writers_of_the_municipality_edit(self, client_for, order, role):
        response = client_for(role).post(
            reverse("acts:edit", args=[order.pk]), order_data(title="Изменено")
        )
        assert response.status_code == (302 if role in WRITERS else MANAGE[role])
        order.refresh_from_db()
        assert (order.title == "Изменено") == (role in WRITERS)

    @pytest.mark.parametrize("role", ROLES)
    def test_it_lets_only_writers_of_the_municipality_delete(self, client_for, order, role):
        response = client_for(role).post(reverse("acts:delete", args=[order.pk]))
        assert response.status_code == (302 if role in WRITERS else MANAGE[role])
        assert Order.objects.filter(pk=order.pk).exists() == (role not in WRITERS)

    def test_a_coordinator_sees_his_region_only(
        self, client_for, municipality, sibling_municipality, other_municipality
    ):
        OrderFactory(municipality=municipality, title="Приказ Рубцовска")
        OrderFactory(municipality=sibling_municipality, title="Приказ Бийского района")
        foreign = OrderFactory(municipality=other_municipality, title="Приказ Весьегонска")
        client = client_for("coordinator")
        response = client.get(reverse("acts:list"))
        assert "Приказ Рубцовска" in response.text
        assert "Приказ Бийского района" in response.text
        assert "Приказ Весьегонска" not in response.text
        assert client.get(foreign.get_absolute_url()).status_code == 404

    def test_a_reader_sees_no_edit_buttons(self, client_for, order):
        response = client_for("teacher").get(order.get_absolute_url())
        assert reverse("acts:edit", args=[order.pk]) not in response.text
        assert reverse("acts:delete", args=[order.pk]) not in response.text
        assert reverse("acts:create") not in client_for("teacher").get(reverse("acts:list")).text


@pytest.mark.django_db
class TestFileDownload:
    def test_it_serves_the_file_under_its_requisites(self, client_for, order):
        response = client_for("methodist").get(reverse("acts:file", args=[order.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert quote("Приказ № 157 от 09.09.2024.pdf") in response["Content-Disposition"]
        assert response["Content-Disposition"].startswith("attachment")
        assert "no-store" in response["Cache-Control"]

    @pytest.mark.parametrize("role", ["methodist_other", "methodist_sibling", "coordinator_other"])
    def test_it_hides_the_file_from_another_municipality(self, client_for, order, role):
        response = client_for(role).get(reverse("acts:file", args=[order.pk]))
        assert response.status_code == 404

    def test_it_has_no_public_address(self, client_for, order, private_files):
        assert order.file.path.startswith(str(private_files.resolve()))
        assert not order.file.path.startswith(str(settings.MEDIA_ROOT))
        response = client_for("methodist").get(f"/media/{order.file.name}")
        assert response.status_code == 404
        with pytest.raises(ValueError):
            order.file.url  # noqa: B018

    def test_it_answers_404_without_a_file(self, client_for, municipality):
        order = OrderFactory(municipality=municipality)
        response = client_for("methodist").get(reverse("acts:file", args=[order.pk]))
        assert response.status_code == 404

    def test_it_answers_404_and_says_so_when_the_file_is_lost(self, client_for, order):
        order.file.storage.delete(order.file.name)
        client = client_for("methodist")
        assert client.get(reverse("acts:file", args=[order.pk])).status_code == 404
        assert "файл отсутствует в хранилище" in client.get(order.get_absolute_url()).text


@pytest.mark.django_db
class TestList:
    def test_it_runs_the_same_queries_for_3_and_30_orders(
        self, client_as, methodist, municipality, django_assert_num_queries
    ):
        client = client_as(methodist)
        OrderFactory.create_batch(3, municipality=municipality, file="orders/2024/a.pdf")
        # session, user, unread notifications, the user's municipality (top bar),
        # the years of the year filter, the count, the page (municipality joined)
        with django_assert_num_queries(7):
            response = client.get(reverse("acts:list"))
        assert response.context["total"] == 3
        OrderFactory.create_batch(30, municipality=municipality, file="orders/2024/b.pdf")
        with django_assert_num_queries(7):
            response = client.get(reverse("acts:list"))
        assert response.context["total"] == 33

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"q": "157"}, ["157"]),
            ({"q": "№ 157"}, ["157"]),
            ({"q": "Положения"}, ["157"]),
            ({"kind": "appointment"}, ["12-од"]),
            ({"year": "2023"}, ["3"]),
            ({"sort": "number"}, ["3", "12-од", "157"]),
            ({"sort": "-number"}, ["157", "12-од", "3"]),
            ({"sort": "-date"}, ["157", "12-од", "3"]),
            ({"sort": "date"}, ["3", "12-од", "157"]),
        ],
        ids=[
            "number",
            "number-sign",
            "title",
            "kind",
            "year",
            "by-number",
            "by-number-desc",
            "newest",
            "oldest",
        ],
    )
    def test_it_filters_and_sorts(self, client_as, methodist, municipality, params, expected):
        OrderFactory(
            municipality=municipality,
            number="157",
            date=dt.date(2024, 9, 9),
            kind="regulation",
            title="Об утверждении Положения о ММО",
        )
        OrderFactory(
            municipality=municipality,
            number="12-од",
            date=dt.date(2024, 2, 1),
            kind="appointment",
            title="О назначении руководителя",
        )
        OrderFactory(municipality=municipality, number="3", date=dt.date(2023, 1, 10))
        response = client_as(methodist).get(reverse("acts:list"), params)
        assert [o.number for o in response.context["rows"]] == expected

    def test_it_offers_the_years_that_have_orders(
        self, client_as, methodist, municipality, other_municipality
    ):
        OrderFactory(municipality=municipality, date=dt.date(2023, 1, 10))
        OrderFactory(municipality=municipality, date=dt.date(2024, 1, 10))
        OrderFactory(municipality=other_municipality, date=dt.date(2019, 1, 10))
        response = client_as(methodist).get(reverse("acts:list"))
        choices = [c[0] for c in response.context["filter"].form.fields["year"].choices]
        assert choices == ["", "2024", "2023"]

    def test_it_exports_the_filtered_list(self, client_as, methodist, municipality):
        from openpyxl import load_workbook

        OrderFactory(municipality=municipality, number="157", kind="regulation")
        OrderFactory(municipality=municipality, number="12-од", kind="appointment")
        response = client_as(methodist).get(
            reverse("acts:list"), {"kind": "appointment", "export": "xlsx"}
        )
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:2] == ("Номер", "Дата")
        assert [r[0] for r in rows[1:]] == ["12-од"]


@pytest.mark.django_db
class TestDetail:
    def test_it_shows_the_requisites_in_office_style(self, client_as, methodist, order):
        response = client_as(methodist).get(order.get_absolute_url())
        assert "<h1>Приказ № 157 от 09.09.2024</h1>" in response.text
        assert order.municipality.authority_name in response.text
        assert "Утверждение положения" in response.text
        assert reverse("acts:file", args=[order.pk]) in response.text
        assert "(PDF, " in response.text

    def test_it_links_to_what_the_order_concerns(self, client_as, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2020, 8, 20))
        created = AssociationFactory(
            municipality=municipality, creation_order=order, name="ММО учителей математики"
        )
        appointment = HeadAppointmentFactory(
            association=created, order=order, teacher__last_name="Сидорова"
        )
        response = client_as(methodist).get(order.get_absolute_url())
        assert response.context["concerns"].created == [created]
        assert response.context["concerns"].appointments == [appointment]
        assert f'href="{created.get_absolute_url()}"' in response.text
        assert f'href="{created.get_absolute_url()}#heads-title"' in response.text
        assert "Сидорова" in response.text
        assert "Назначен руководитель объединения" in response.text

    def test_it_says_when_nothing_refers_to_it(self, client_as, methodist, order):
        response = client_as(methodist).get(order.get_absolute_url())
        assert "На этот приказ пока не ссылаются записи." in response.text

    def test_it_shows_the_history_with_the_user(self, client_as, methodist, order):
        client = client_as(methodist)
        client.post(reverse("acts:edit", args=[order.pk]), order_data(title="Новое название"))
        response = client.get(order.get_absolute_url())
        history = response.context["history"]
        assert [entry.action for entry in history] == ["changed", "created"]
        assert all(entry.who == methodist for entry in history)
        assert methodist.get_short_name() in response.text
        assert "Новое название" in response.text


@pytest.mark.django_db
class TestCreate:
    def test_it_registers_an_order_with_its_file(self, client_as, methodist, private_files):
        response = client_as(methodist).post(
            reverse("acts:create"), order_data(file=upload("приказ.pdf"))
        )
        order = Order.objects.get()
        assert response.status_code == 302
        assert response.url == order.get_absolute_url()
        assert order.municipality == methodist.municipality
        assert order.issuer == methodist.municipality.authority_name
        assert (private_files / order.file.name).read_bytes() == PDF
        assert order.history.get().history_user == methodist

    def test_it_refuses_a_duplicate_number_with_a_russian_message(
        self, client_as, methodist, municipality
    ):
        OrderFactory(municipality=municipality, number="157", date=dt.date(2024, 3, 1))
        response = client_as(methodist).post(reverse("acts:create"), order_data())
        assert response.status_code == 400
        assert "Приказ № 157 за 2024 год в муниципалитете уже есть." in response.text
        assert Order.objects.count() == 1

    @pytest.mark.parametrize(
        ("uploaded", "message"),
        [
            (upload("приказ.pdf", b"just text"), "Файл не является настоящим файлом .pdf."),
            (upload("приказ.pdf", PDF + b"0" * (11 * 1024 * 1024)), "Файл больше 10 МБ."),
        ],
        ids=["fake-pdf", "11-mb"],
    )
    def test_it_refuses_a_wrong_file_and_saves_nothing(
        self, client_as, methodist, private_files, uploaded, message
    ):
        response = client_as(methodist).post(reverse("acts:create"), order_data(file=uploaded))
        assert response.status_code == 400
        assert message in response.text
        assert not Order.objects.exists()
        assert not private_files.exists() or not any(private_files.rglob("*.pdf"))

    def test_the_platform_admin_chooses_the_municipality(
        self, client_as, platform_admin, other_municipality
    ):
        response = client_as(platform_admin).post(
            reverse("acts:create"), order_data(municipality=other_municipality.pk)
        )
        assert response.status_code == 302
        assert Order.objects.get().municipality == other_municipality

    def test_the_form_suggests_the_authority_as_issuer(self, client_as, methodist):
        response = client_as(methodist).get(reverse("acts:create"))
        assert f'placeholder="{methodist.municipality.authority_name}"' in response.text
        assert 'enctype="multipart/form-data"' in response.text
        assert 'accept=".pdf,.docx,.doc,.odt,.jpg,.jpeg,.png"' in response.text

    @pytest.mark.parametrize(
        "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
    )
    def test_it_goes_back_only_to_a_page_of_this_site(self, client_as, methodist, target):
        response = client_as(methodist).post(
            reverse("acts:create") + "?" + urlencode({"next": target}), order_data()
        )
        assert response.status_code == 302
        assert response.url == Order.objects.get().get_absolute_url()

    def test_it_goes_back_to_the_form_it_was_opened_from(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("acts:create") + "?" + urlencode({"next": "/x/?a=1"}), order_data()
        )
        assert response.url == f"/x/?a=1&order={Order.objects.get().pk}"

    def test_it_preselects_a_known_kind_only(self, client_as, methodist):
        client = client_as(methodist)
        page = client.get(reverse("acts:create") + "?kind=liquidation")
        assert page.context["form"]["kind"].value() == "liquidation"
        page = client.get(reverse("acts:create") + "?kind=nonsense")
        assert not page.context["form"]["kind"].value()


@pytest.mark.django_db
class TestEdit:
    def test_the_form_links_the_attached_file_to_the_checked_download(
        self, client_as, methodist, order
    ):
        response = client_as(methodist).get(reverse("acts:edit", args=[order.pk]))
        assert response.status_code == 200
        assert reverse("acts:file", args=[order.pk]) in response.text
        assert "Приказ № 157 от 09.09.2024.pdf" in response.text
        assert "Удалить файл" in response.text

    def test_it_keeps_the_file_when_none_is_uploaded(self, client_as, methodist, order):
        name = order.file.name
        response = client_as(methodist).post(
            reverse("acts:edit", args=[order.pk]), order_data(title="Новое")
        )
        assert response.status_code == 302
        order.refresh_from_db()
        assert order.file.name == name

    def test_it_removes_the_file_when_asked(self, client_as, methodist, order):
        response = client_as(methodist).post(
            reverse("acts:edit", args=[order.pk]), order_data(**{"file-clear": "on"})
        )
        assert response.status_code == 302
        order.refresh_from_db()
        assert not order.file

    def test_it_refuses_a_fake_replacement(self, client_as, methodist, order):
        name = order.file.name
        response = client_as(methodist).post(
            reverse("acts:edit", args=[order.pk]),
            order_data(title="Новое", file=upload("новый.png", PDF)),
        )
        assert response.status_code == 400
        assert "Файл не является настоящим файлом .png." in response.text
        order.refresh_from_db()
        assert (order.file.name, order.title) == (name, "Об утверждении Положения о ММО")

    def test_the_browsers_line_breaks_are_no_change(self, client_as, methodist, order):
        client = client_as(methodist)
        client.post(reverse("acts:edit", args=[order.pk]), order_data(text="Пункт 1.\r\nПункт 2."))
        order.refresh_from_db()
        assert order.text == "Пункт 1.\nПункт 2."
        client.post(reverse("acts:edit", args=[order.pk]), order_data(text="Пункт 1.\r\nПункт 2."))
        assert order.history.count() == 2

    def test_an_edit_that_changes_nothing_leaves_no_history(self, client_as, methodist, order):
        data = order_data(title=order.title, kind=order.kind, issuer=order.issuer)
        client_as(methodist).post(reverse("acts:edit", args=[order.pk]), data)
        assert order.history.count() == 1


@pytest.mark.django_db
class TestDelete:
    def test_it_asks_before_deleting(self, client_as, methodist, order):
        response = client_as(methodist).get(reverse("acts:delete", args=[order.pk]))
        assert "Удалить приказ № 157 от 09.09.2024?" in response.text
        assert Order.objects.filter(pk=order.pk).exists()

    def test_it_deletes_a_free_order(self, client_as, methodist, order):
        response = client_as(methodist).post(reverse("acts:delete", args=[order.pk]))
        assert response.status_code == 302
        assert response.url == reverse("acts:list")
        assert not Order.objects.filter(pk=order.pk).exists()

    def test_it_refuses_an_order_in_use_with_a_message(self, client_as, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2020, 8, 1))
        AssociationFactory(municipality=municipality, creation_order=order)
        client = client_as(methodist)
        warning = client.get(reverse("acts:delete", args=[order.pk]))
        assert "его нельзя удалить, пока они есть" in warning.text
        response = client.post(reverse("acts:delete", args=[order.pk]), follow=True)
        assert response.redirect_chain[-1][0] == order.get_absolute_url()
        assert "Приказ нельзя удалить: на него ссылаются записи" in response.text
        assert Order.objects.filter(pk=order.pk).exists()


@pytest.mark.django_db
class TestAdmin:
    def test_the_change_page_links_the_file_to_the_checked_download(
        self, client_as, platform_admin, order
    ):
        response = client_as(platform_admin).get(
            reverse("admin:acts_order_change", args=[order.pk])
        )
        assert response.status_code == 200
        assert reverse("acts:file", args=[order.pk]) in response.text
