"""Association pages: every view × every role, then what each page shows and does."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode

from metodset.acts.models import Order
from metodset.acts.tests.factories import OrderFactory
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.tests.pickers import picker_options
from metodset.core.tests.roles import HEAD_MANAGES, MANAGE, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory

HTMX = {"HTTP_HX_REQUEST": "true"}

CREATE = MANAGE | {"coordinator_other": 403, "methodist_other": 200}


def _url(name, association, membership):
    if name in ("list", "create"):
        return reverse(f"associations:{name}")
    if name == "membership_end":
        return reverse("associations:membership_end", args=[membership.pk])
    return reverse(f"associations:{name}", args=[association.pk])


PAGES = [
    ("list", READ_ALL),
    ("create", CREATE),
    ("detail", READ_IN_SCOPE),
    ("edit", HEAD_MANAGES),
    ("liquidate", MANAGE),
    ("head_appoint", MANAGE),
    ("membership_end", HEAD_MANAGES),
]


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(("name", "expected"), PAGES, ids=[p[0] for p in PAGES])
    def test_it_answers_each_role(self, client_for, association, role, name, expected):
        membership = MembershipFactory(association=association)
        url = _url(name, association, membership)
        response = client_for(role).get(url)
        assert response.status_code == expected[role]
        if role == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))

    @pytest.mark.parametrize(
        ("role", "expected"),
        [
            ("anonymous", 302),
            ("platform_admin", 302),
            ("coordinator", 403),
            ("coordinator_other", 404),
            ("methodist", 302),
            ("methodist_other", 404),
            ("head", 302),
            ("other_head", 403),
            ("teacher", 403),
        ],
    )
    def test_it_lets_only_managers_add_members(
        self, client_for, association, municipality, role, expected
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_for(role).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2025-11-01"},
        )
        assert response.status_code == expected
        added = association.memberships.filter(teacher=teacher).exists()
        assert added == (role in ("platform_admin", "methodist", "head"))

    @pytest.mark.parametrize(
        ("role", "expected"),
        [("coordinator", 403), ("teacher", 403), ("other_head", 403), ("methodist_other", 404)],
    )
    def test_it_refuses_to_close_a_membership_to_readers(
        self, client_for, association, role, expected
    ):
        membership = MembershipFactory(association=association)
        response = client_for(role).post(
            reverse("associations:membership_end", args=[membership.pk]), {"left_on": "2025-11-20"}
        )
        assert response.status_code == expected
        membership.refresh_from_db()
        assert membership.left_on is None

    def test_a_head_edits_his_association_not_another(self, client_for, association, other_head):
        other = Association.objects.exclude(pk=association.pk).get()
        client = client_for("head")
        response = client.post(
            reverse("associations:edit", args=[association.pk]),
            {"area": "математика и информатика", "teacher_category": "", "description": ""},
        )
        assert response.status_code == 302
        association.refresh_from_db()
        assert association.area == "математика и информатика"
        response = client.post(reverse("associations:edit", args=[other.pk]), {"area": "x"})
        assert response.status_code == 403
        other.refresh_from_db()
        assert other.area != "x"

    def test_a_head_changes_only_the_description_fields(self, client_for, association):
        response = client_for("head").get(reverse("associations:edit", args=[association.pk]))
        assert response.status_code == 200
        fields = set(response.context["form"].fields) - {"edit_token"}  # core/concurrency.py
        assert fields == {"area", "teacher_category", "description"}

    def test_a_teacher_reads_but_does_not_edit(self, client_for, association):
        client = client_for("teacher")
        detail = client.get(association.get_absolute_url())
        assert detail.status_code == 200
        assert reverse("associations:edit", args=[association.pk]) not in detail.text
        response = client.post(
            reverse("associations:edit", args=[association.pk]), {"area": "взлом"}
        )
        assert response.status_code == 403
        association.refresh_from_db()
        assert association.area != "взлом"

    def test_a_coordinator_sees_his_region_only(
        self, client_for, association, sibling_municipality, other_municipality
    ):
        sibling = AssociationFactory(municipality=sibling_municipality, name="ММО соседей")
        foreign = AssociationFactory(municipality=other_municipality, name="ММО чужого края")
        response = client_for("coordinator").get(reverse("associations:list"))
        assert association.name in response.text
        assert sibling.name in response.text
        assert foreign.name not in response.text
        assert client_for("coordinator").get(foreign.get_absolute_url()).status_code == 404


@pytest.mark.django_db
class TestList:
    def test_it_runs_the_same_queries_for_3_and_30_associations(
        self, client_as, methodist, municipality, django_assert_num_queries
    ):
        client = client_as(methodist)

        def add(n):
            for association in AssociationFactory.create_batch(n, municipality=municipality):
                HeadAppointmentFactory(association=association)
                MembershipFactory.create_batch(2, association=association)

        # session, user, the count, unread notifications, the user's municipality (top bar),
        # the parent filter's choices, the page (member count and head as subqueries)
        add(3)
        with django_assert_num_queries(7):
            response = client.get(reverse("associations:list"))
        assert "Петрова" in response.text
        add(30)
        with django_assert_num_queries(7):
            response = client.get(reverse("associations:list"))
        assert response.context["total"] == 33

    def test_it_shows_members_and_head_of_today(self, client_as, methodist, association):
        HeadAppointmentFactory(association=association, teacher__last_name="Сидорова")
        MembershipFactory.create_batch(2, association=association)
        MembershipFactory(association=association, left_on=dt.date(2024, 1, 1))
        MembershipFactory(association=association, joined_on=dt.date(2026, 1, 1))
        response = client_as(methodist).get(reverse("associations:list"))
        row = next(a for a in response.context["rows"] if a.pk == association.pk)
        # The leaver and the future member do not count today.
        assert row.member_count == 2
        assert row.head_name.startswith("Сидорова")
        assert row.head_ends_on == dt.date(2027, 8, 31)

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"q": "истори"}, ["ММО учителей истории"]),
            ({"kind": "rmo"}, ["РМО учителей физики"]),
            ({"status": "liquidated"}, ["ШМО гимназии"]),
            ({"area": "физ"}, ["РМО учителей физики"]),
        ],
    )
    def test_it_filters(self, client_as, methodist, municipality, params, expected):
        AssociationFactory(municipality=municipality, name="ММО учителей истории", area="история")
        AssociationFactory(
            municipality=municipality, kind="rmo", name="РМО учителей физики", area="физика"
        )
        AssociationFactory(
            municipality=municipality,
            kind="shmo",
            name="ШМО гимназии",
            organisation=OrganisationFactory(municipality=municipality),
            status="liquidated",
            liquidated_on=dt.date(2024, 6, 1),
        )
        response = client_as(methodist).get(reverse("associations:list"), params)
        assert [a.name for a in response.context["rows"]] == expected

    def test_it_filters_by_parent(self, client_as, methodist, municipality):
        rmo = AssociationFactory(municipality=municipality, kind="rmo", name="РМО")
        school = OrganisationFactory(municipality=municipality)
        child = AssociationFactory(
            municipality=municipality, kind="shmo", parent=rmo, organisation=school, name="ШМО"
        )
        AssociationFactory(municipality=municipality, name="ММО без родителя")
        response = client_as(methodist).get(reverse("associations:list"), {"parent": rmo.pk})
        assert [a.pk for a in response.context["rows"]] == [child.pk]
        assert list(response.context["filter"].form.fields["parent"].queryset) == [rmo]

    def test_it_sorts_by_member_count(self, client_as, methodist, municipality):
        small = AssociationFactory(municipality=municipality, name="А")
        big = AssociationFactory(municipality=municipality, name="Б")
        MembershipFactory.create_batch(3, association=big)
        MembershipFactory(association=small)
        response = client_as(methodist).get(reverse("associations:list"), {"sort": "-members"})
        assert [a.pk for a in response.context["rows"]] == [big.pk, small.pk]

    def test_it_answers_htmx_with_the_results_only(self, client_as, methodist, association):
        response = client_as(methodist).get(reverse("associations:list"), **HTMX)
        assert "<html" not in response.text
        assert 'id="results"' in response.text
        assert association.name in response.text

    def test_it_exports_the_list(self, client_as, methodist, association):
        import io

        from openpyxl import load_workbook

        response = client_as(methodist).get(reverse("associations:list"), {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "Наименование"
        assert rows[1][0] == association.name


@pytest.mark.django_db
class TestDetail:
    def test_it_shows_members_today_and_former_members(self, client_as, methodist, association):
        current = MembershipFactory(
            association=association,
            joined_on=dt.date(2022, 9, 1),
            teacher__last_name="Текущева",
            teacher__position="учитель химии",
            teacher__organisation__short_name="СОШ № 9",
        )
        MembershipFactory(
            association=association,
            joined_on=dt.date(2021, 9, 1),
            left_on=dt.date(2024, 5, 31),
            teacher__last_name="Бывшева",
        )
        response = client_as(methodist).get(association.get_absolute_url())
        assert response.status_code == 200
        assert [m.pk for m in response.context["members"]] == [current.pk]
        assert [m.teacher.last_name for m in response.context["former"]] == ["Бывшева"]
        text = response.text
        assert "учитель химии" in text
        assert "СОШ № 9" in text
        assert "01.09.2022" in text
        assert "31.05.2024" in text
        assert "1 бывший участник" in text

    def test_it_shows_the_head_with_days_left_and_warns_within_60_days(
        self, client_as, methodist, association
    ):
        HeadAppointmentFactory(
            association=association,
            starts_on=dt.date(2022, 12, 1),
            ends_on=dt.date(2026, 1, 19),
            teacher__last_name="Главова",
        )
        response = client_as(methodist).get(association.get_absolute_url())
        assert response.context["head"].teacher.last_name == "Главова"
        assert response.context["head_days_left"] == 60
        assert 'class="badge badge--warn" id="head-days-left"' in response.text
        assert "осталось 60 дней" in response.text

    def test_it_does_not_warn_about_a_term_far_from_its_end(
        self, client_as, methodist, association
    ):
        HeadAppointmentFactory(
            association=association, starts_on=dt.date(2022, 12, 1), ends_on=dt.date(2026, 1, 20)
        )
        response = client_as(methodist).get(association.get_absolute_url())
        assert response.context["head_days_left"] == 61
        assert 'class="badge badge--info" id="head-days-left"' in response.text

    def test_it_shows_the_head_history_with_orders(self, client_as, methodist, association):
        order = OrderFactory(
            municipality=association.municipality, number="77-о", date=dt.date(2021, 8, 20)
        )
        HeadAppointmentFactory(
            association=association,
            starts_on=dt.date(2021, 9, 1),
            ends_on=dt.date(2024, 8, 31),
            order=order,
            teacher__last_name="Прежнева",
        )
        HeadAppointmentFactory(association=association, teacher__last_name="Нынешнева")
        response = client_as(methodist).get(association.get_absolute_url())
        text = response.text
        assert [a.teacher.last_name for a in response.context["appointments"]] == [
            "Нынешнева",
            "Прежнева",
        ]
        assert order.get_absolute_url() in text
        assert "истёк" in text
        assert "действует" in text

    def test_it_links_the_orders_parent_and_children(self, client_as, methodist, municipality):
        creation = OrderFactory(municipality=municipality, date=dt.date(2019, 8, 1))
        rmo = AssociationFactory(
            municipality=municipality, kind="rmo", name="РМО учителей", creation_order=creation
        )
        shmo = AssociationFactory(
            municipality=municipality,
            kind="shmo",
            name="ШМО школы № 1",
            parent=rmo,
            organisation=OrganisationFactory(municipality=municipality),
        )
        client = client_as(methodist)
        text = client.get(rmo.get_absolute_url()).text
        assert creation.get_absolute_url() in text
        assert shmo.get_absolute_url() in text
        assert rmo.get_absolute_url() in client.get(shmo.get_absolute_url()).text

    def test_it_shows_the_liquidation_order(self, client_as, methodist, association):
        from metodset.associations import services

        order = OrderFactory(municipality=association.municipality, date=dt.date(2025, 11, 1))
        services.association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 11, 10), order=order
        )
        response = client_as(methodist).get(association.get_absolute_url())
        assert order.get_absolute_url() in response.text
        assert "10.11.2025" in response.text
        assert not response.context["can_liquidate"]
        assert response.context["member_form"] is None

    def test_it_shows_the_history_of_changes(self, client_as, methodist, association):
        client = client_as(methodist)
        client.post(
            reverse("associations:edit", args=[association.pk]),
            {
                "kind": association.kind,
                "name": association.name,
                "area": "русский язык и литература",
                "founded_on": "2020-09-01",
            },
        )
        response = client.get(association.get_absolute_url())
        assert "История изменений" in response.text
        assert "русский язык и литература" in response.text
        assert response.context["history"][0].who == methodist

    def test_it_keeps_a_place_for_the_compliance_panel(self, client_as, methodist, association):
        response = client_as(methodist).get(association.get_absolute_url())
        assert 'id="compliance-panel"' in response.text

    def test_it_hides_member_cards_from_a_plain_teacher(self, client_as, teacher_user, association):
        membership = MembershipFactory(association=association)
        response = client_as(teacher_user).get(association.get_absolute_url())
        assert membership.teacher.full_name in response.text
        assert membership.teacher.get_absolute_url() not in response.text
        assert reverse("associations:membership_end", args=[membership.pk]) not in response.text


@pytest.mark.django_db
class TestMemberAdd:
    def test_a_head_adds_a_member_and_returns_to_the_page(
        self, client_as, head, association, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(head).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2025-11-01"},
        )
        assert response.status_code == 302
        assert response.url == association.get_absolute_url()
        membership = association.memberships.get(teacher=teacher)
        assert membership.history.get().history_user == head

    def test_htmx_swaps_the_members_section(self, client_as, head, association, municipality):
        teacher = TeacherFactory(organisation__municipality=municipality, last_name="Новикова")
        response = client_as(head).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2025-11-01"},
            **HTMX,
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert response.text.lstrip().startswith('<section class="card" id="members"')
        assert "Новикова" in response.text
        # The sentence agrees with the teacher's gender.
        assert "Новикова Анна Сергеевна включена в объединение." in response.text

    def test_the_notice_about_a_man_is_masculine(self, client_as, head, association, municipality):
        teacher = TeacherFactory(
            organisation__municipality=municipality, last_name="Новиков", gender="m"
        )
        response = client_as(head).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2025-11-01"},
            **HTMX,
        )
        assert f"{teacher.full_name} включён в объединение." in response.text

    def test_htmx_shows_a_refusal_in_the_section(self, client_as, head, association):
        membership = MembershipFactory(association=association, joined_on=dt.date(2021, 9, 1))
        response = client_as(head).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": membership.teacher.pk, "joined_on": "2019-01-01"},
            **HTMX,
        )
        assert response.status_code == 200
        assert 'role="alert"' in response.text
        assert association.memberships.count() == 1

    def test_without_htmx_a_bad_date_answers_the_page_with_the_error(
        self, client_as, head, association, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(head).post(
            reverse("associations:member_add", args=[association.pk]),
            {"teacher": teacher.pk, "joined_on": "2019-01-01"},
        )
        assert response.status_code == 400
        assert "На эту дату объединение ещё не было создано." in response.text
        assert not association.memberships.filter(teacher=teacher).exists()

    def test_it_does_not_offer_current_members(self, client_as, methodist, association):
        membership = MembershipFactory(association=association)
        response = client_as(methodist).get(association.get_absolute_url())
        offered = response.context["member_form"].fields["teacher"].queryset
        assert membership.teacher not in offered


@pytest.mark.django_db
class TestMembershipEnd:
    def test_it_refuses_a_leave_date_before_the_join_date(self, client_as, head, association):
        membership = MembershipFactory(association=association, joined_on=dt.date(2023, 9, 1))
        response = client_as(head).post(
            reverse("associations:membership_end", args=[membership.pk]), {"left_on": "2023-08-31"}
        )
        assert response.status_code == 400
        assert "не может быть раньше даты вступления" in response.text
        membership.refresh_from_db()
        assert membership.left_on is None

    def test_a_head_closes_a_membership_and_keeps_its_history(self, client_as, head, association):
        membership = MembershipFactory(association=association)
        response = client_as(head).post(
            reverse("associations:membership_end", args=[membership.pk]), {"left_on": "2025-11-01"}
        )
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.left_on == dt.date(2025, 11, 1)
        assert Membership.objects.filter(pk=membership.pk).exists()
        assert membership.history.count() == 2
        page = client_as(head).get(association.get_absolute_url())
        assert [m.pk for m in page.context["former"]] == [membership.pk]

    def test_htmx_opens_the_form_in_the_row(self, client_as, head, association):
        membership = MembershipFactory(association=association)
        response = client_as(head).get(
            reverse("associations:membership_end", args=[membership.pk]), **HTMX
        )
        assert response.status_code == 200
        assert response.text.lstrip().startswith(f'<tr id="membership-{membership.pk}"')
        assert f'id="id_m{membership.pk}_left_on"' in response.text
        assert 'value="2025-11-20"' in response.text

    def test_htmx_cancel_gives_the_row_back(self, client_as, head, association):
        membership = MembershipFactory(association=association)
        response = client_as(head).get(
            reverse("associations:membership_end", args=[membership.pk]) + "?cancel=1", **HTMX
        )
        assert "<form" not in response.text
        assert "исключить</a>" in response.text

    def test_htmx_closes_and_swaps_the_row(self, client_as, head, association):
        membership = MembershipFactory(association=association)
        response = client_as(head).post(
            reverse("associations:membership_end", args=[membership.pk]),
            {"left_on": "2025-11-20"},
            **HTMX,
        )
        assert response.status_code == 200
        assert response.text.lstrip().startswith(f'<tr id="membership-{membership.pk}"')
        assert "не состоит с 20.11.2025" in response.text
        assert "<form" not in response.text
        membership.refresh_from_db()
        assert membership.left_on == dt.date(2025, 11, 20)

    def test_htmx_shows_the_refusal_in_the_row_and_saves_nothing(
        self, client_as, head, association
    ):
        membership = MembershipFactory(association=association, joined_on=dt.date(2023, 9, 1))
        response = client_as(head).post(
            reverse("associations:membership_end", args=[membership.pk]),
            {"left_on": "2023-08-31"},
            **HTMX,
        )
        assert response.status_code == 200  # htmx swaps only 2xx answers
        assert "не может быть раньше даты вступления" in response.text
        assert "<form" in response.text
        membership.refresh_from_db()
        assert membership.left_on is None


@pytest.mark.django_db
class TestHeadAppoint:
    def test_it_refuses_an_end_of_term_before_its_start(
        self, client_as, methodist, association, municipality
    ):
        teacher = TeacherFactory(organisation__municipality=municipality)
        response = client_as(methodist).post(
            reverse("associations:head_appoint", args=[association.pk]),
            {"teacher": teacher.pk, "starts_on": "2025-09-01", "ends_on": "2025-08-01"},
        )
        assert response.status_code == 400
        assert "должно быть позже" in response.text
        assert not HeadAppointment.objects.exists()

    def test_it_appoints_and_ends_the_previous_term(
        self, client_as, methodist, association, municipality
    ):
        previous = HeadAppointmentFactory(association=association)
        teacher = TeacherFactory(organisation__municipality=municipality, last_name="Новая")
        order = OrderFactory(
            municipality=municipality, date=dt.date(2025, 11, 15), kind="appointment"
        )
        client = client_as(methodist)
        response = client.post(
            reverse("associations:head_appoint", args=[association.pk]),
            {
                "teacher": teacher.pk,
                "order": order.pk,
                "starts_on": "2025-11-20",
                "ends_on": "2028-11-19",
            },
        )
        assert response.status_code == 302
        previous.refresh_from_db()
        assert previous.effective_end == dt.date(2025, 11, 19)
        page = client.get(association.get_absolute_url())
        assert page.context["head"].teacher == teacher

    def test_it_offers_appointment_orders_and_not_liquidation_ones(
        self, client_as, methodist, association, municipality
    ):
        fitting = OrderFactory(municipality=municipality, kind="appointment")
        other = OrderFactory(municipality=municipality, kind="other")
        unfit = OrderFactory(municipality=municipality, kind="liquidation")
        response = client_as(methodist).get(
            reverse("associations:head_appoint", args=[association.pk])
        )
        offered = set(response.context["form"].fields["order"].queryset)
        assert offered == {fitting, other}
        assert unfit not in offered
        # and says why only these are offered
        assert "Предлагаются только приказы видов «Назначение руководителя» и «Другое»" in (
            response.text
        )

    def test_two_orders_of_a_day_differ_by_title_and_kind(
        self, client_as, methodist, association, municipality
    ):
        day = dt.date(2025, 9, 1)
        OrderFactory(
            municipality=municipality,
            date=day,
            number="12",
            kind="appointment",
            title="О назначении руководителя ММО учителей математики",
        )
        OrderFactory(
            municipality=municipality,
            date=day,
            number="13",
            kind="other",
            title="О составе методического совета",
        )
        client = client_as(methodist)
        response = client.get(reverse("associations:head_appoint", args=[association.pk]))
        # the order picker proposes them by search (core.autocomplete)
        options = picker_options(client, response.context["form"], "order")
        assert (
            "Приказ № 12 от 01.09.2025 «О назначении руководителя ММО учителей математики» "
            "(Назначение руководителя)" in options
        )
        assert "Приказ № 13 от 01.09.2025 «О составе методического совета» (Другое)" in options

    def test_an_order_registered_from_the_form_comes_back_chosen(
        self, client_as, methodist, association, municipality
    ):
        client = client_as(methodist)
        form_url = reverse("associations:head_appoint", args=[association.pk])
        page = client.get(form_url)
        register = (
            reverse("acts:create") + "?" + urlencode({"kind": "appointment", "next": form_url})
        )
        assert f'href="{escape(register)}"' in page.text
        order_page = client.get(register)
        assert order_page.context["form"]["kind"].value() == "appointment"
        assert order_page.context["cancel_url"] == form_url
        response = client.post(
            register,
            {
                "number": "45-од",
                "date": "2025-11-18",
                "kind": "appointment",
                "title": "О назначении",
            },
        )
        order = Order.objects.get(number="45-од")
        assert response.status_code == 302
        assert response.url == f"{form_url}?order={order.pk}"
        back = client.get(response.url)
        assert back.context["form"]["order"].value() == order.pk

    def test_a_teacher_sees_no_link_to_register_an_order(self, client_as, head, association):
        # A head does not appoint; the methodist does and may register orders.
        from metodset.associations.forms import HeadForm

        form = HeadForm(association=association, user=head)
        assert "acts" not in str(form.fields["order"].help_text)


@pytest.mark.django_db
class TestLiquidate:
    def test_it_liquidates_with_its_order(self, client_as, methodist, association, head):
        membership = MembershipFactory(association=association)
        order = OrderFactory(
            municipality=association.municipality, date=dt.date(2025, 11, 15), kind="liquidation"
        )
        client = client_as(methodist)
        page = client.get(reverse("associations:liquidate", args=[association.pk]))
        assert "1 участник выйдет" in page.text
        response = client.post(
            reverse("associations:liquidate", args=[association.pk]),
            {"on": "2025-11-20", "order": order.pk},
        )
        assert response.status_code == 302
        association.refresh_from_db()
        membership.refresh_from_db()
        assert association.status == "liquidated"
        assert association.liquidation_order == order
        assert membership.left_on == dt.date(2025, 11, 20)
        assert not HeadAppointment.objects.current().filter(association=association).exists()

    def test_it_refuses_a_date_before_creation_on_the_page(self, client_as, methodist, association):
        response = client_as(methodist).post(
            reverse("associations:liquidate", args=[association.pk]), {"on": "2000-01-01"}
        )
        assert response.status_code == 400
        assert "раньше, чем создано" in response.text
        association.refresh_from_db()
        assert association.status == "active"

    def test_a_liquidated_association_sends_back_to_its_page(
        self, client_as, methodist, association
    ):
        from metodset.associations import services

        services.association_liquidate(
            user=methodist, association=association, on=dt.date(2025, 11, 1), order=None
        )
        client = client_as(methodist)
        for name in ("liquidate", "head_appoint"):
            response = client.get(reverse(f"associations:{name}", args=[association.pk]))
            assert response.status_code == 302
            assert response.url == association.get_absolute_url()


@pytest.mark.django_db
class TestCreate:
    def test_a_methodist_creates_an_association(self, client_as, methodist, municipality):
        order = OrderFactory(municipality=municipality, date=dt.date(2025, 8, 25), kind="creation")
        response = client_as(methodist).post(
            reverse("associations:create"),
            {
                "kind": "mmo",
                "name": "ММО учителей истории",
                "area": "история",
                "founded_on": "2025-09-01",
                "creation_order": order.pk,
            },
        )
        assert response.status_code == 302
        created = Association.objects.get(name="ММО учителей истории")
        assert created.creation_order == order
        assert created.municipality == municipality
        assert created.history.get().history_user == methodist

    def test_it_refuses_a_school_association_without_a_school(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("associations:create"),
            {"kind": "shmo", "name": "ШМО", "area": "история", "founded_on": "2025-09-01"},
        )
        assert response.status_code == 400
        assert "Для ШМО укажите школу." in response.text
        assert not Association.objects.filter(name="ШМО").exists()

    def test_the_platform_admin_picks_the_municipality(
        self, client_as, platform_admin, municipality
    ):
        response = client_as(platform_admin).post(
            reverse("associations:create"),
            {
                "municipality": municipality.pk,
                "kind": "network",
                "name": "Сетевая группа",
                "area": "функциональная грамотность",
                "founded_on": "2025-09-01",
            },
        )
        assert response.status_code == 302
        assert Association.objects.get(name="Сетевая группа").municipality == municipality
