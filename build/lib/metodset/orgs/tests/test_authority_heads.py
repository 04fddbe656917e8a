"""The heads of the education authority: who signs the orders, term by term."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from metodset.core.tests.factories import MunicipalityFactory
from metodset.orgs import selectors, services
from metodset.orgs.models import AuthorityHead
from metodset.orgs.tests.factories import AuthorityHeadFactory, authority_terms

pytestmark = pytest.mark.django_db


class TestAuthorityHead:
    def test_it_finds_the_head_in_office_on_a_day(self, municipality, other_municipality):
        before, now = authority_terms(municipality)
        AuthorityHeadFactory(municipality=other_municipality, starts_on=dt.date(2010, 1, 1))
        assert selectors.authority_head_on(municipality.pk, dt.date(2020, 5, 1)) == before
        assert selectors.authority_head_on(municipality.pk, dt.date(2023, 8, 31)) == before
        assert selectors.authority_head_on(municipality.pk, dt.date(2023, 9, 1)) == now
        assert selectors.authority_head_on(municipality.pk, dt.date(2030, 1, 1)) == now
        assert selectors.authority_head_on(municipality.pk, dt.date(2017, 1, 1)) is None

    def test_it_signs_initials_first(self, municipality):
        head = AuthorityHeadFactory(municipality=municipality)
        assert head.signature == "Л.А.\u00a0Борисова"
        assert head.term == "с 01.09.2020"

    def test_it_refuses_two_heads_at_once(self, municipality):
        authority_terms(municipality)
        with pytest.raises(ValidationError, match="пересекается"):
            services.authority_head_create(
                user=None,
                municipality=municipality,
                position="И.о. начальника",
                last_name="Иванова",
                first_name="Анна",
                starts_on=dt.date(2024, 1, 10),
                ends_on=dt.date(2024, 2, 10),
            )

    def test_it_refuses_a_term_ending_before_it_starts(self, municipality):
        with pytest.raises(ValidationError) as error:
            services.authority_head_create(
                user=None,
                municipality=municipality,
                position="Начальник",
                last_name="Иванова",
                first_name="Анна",
                starts_on=dt.date(2024, 1, 10),
                ends_on=dt.date(2023, 1, 10),
            )
        assert "ends_on" in error.value.error_dict

    def test_ending_a_term_makes_room_for_the_next_head(self, municipality):
        old = AuthorityHeadFactory(municipality=municipality, starts_on=dt.date(2020, 1, 1))
        services.authority_head_update(user=None, head=old, data={"ends_on": dt.date(2025, 10, 31)})
        new = services.authority_head_create(
            user=None,
            municipality=municipality,
            position="Начальник управления образования",
            last_name="Куликов",
            first_name="Андрей",
            patronymic="Олегович",
            starts_on=dt.date(2025, 11, 1),
        )
        assert selectors.authority_head_on(municipality.pk, dt.date(2025, 11, 20)) == new
        assert old.history.count() == 2


class TestPages:
    def test_the_methodist_records_the_head_of_his_municipality(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("orgs:authority_head_create"),
            {
                "position": "Начальник отдела образования",
                "last_name": "Горшкова",
                "first_name": "Юлия",
                "patronymic": "Валерьевна",
                "starts_on": "2024-09-01",
                "ends_on": "",
            },
        )
        assert response.status_code == 302
        head = AuthorityHead.objects.get()
        assert head.municipality == methodist.municipality
        assert head.history.get().history_user == methodist
        page = client_as(methodist).get(reverse("orgs:authority_heads"))
        assert "Горшкова Юлия Валерьевна" in page.text
        assert "Ю.В.\u00a0Горшкова" in page.text  # signs today

    def test_the_admin_picks_the_municipality(self, client_as, platform_admin, municipality):
        response = client_as(platform_admin).post(
            reverse("orgs:authority_head_create"),
            {
                "municipality": municipality.pk,
                "position": "Начальник",
                "last_name": "Горшкова",
                "first_name": "Юлия",
                "starts_on": "2024-09-01",
            },
        )
        assert response.status_code == 302
        assert AuthorityHead.objects.get().municipality == municipality

    def test_the_page_says_when_nobody_signs_and_where_documents_are_issued(
        self, client_as, methodist, municipality
    ):
        municipality.settlement = "с. Чоя"
        municipality.save()
        page = client_as(methodist).get(reverse("orgs:authority_heads")).text
        assert "никто не внесён" in page
        assert "с. Чоя" in page
        assert reverse("orgs:authority_head_create") in page

    def test_a_head_edits_nothing_and_sees_no_edit_links(self, client_as, head, municipality):
        record = AuthorityHeadFactory(municipality=municipality)
        page = client_as(head).get(reverse("orgs:authority_heads")).text
        assert "Борисова Людмила Алексеевна" in page
        assert reverse("orgs:authority_head_edit", args=[record.pk]) not in page
        assert reverse("orgs:authority_head_create") not in page

    def test_the_list_costs_the_same_queries_for_one_and_many_municipalities(
        self, client_as, platform_admin, municipality, django_assert_num_queries
    ):
        client = client_as(platform_admin)
        authority_terms(municipality)
        # session, user, unread notifications, the municipalities, their heads
        with django_assert_num_queries(5):
            client.get(reverse("orgs:authority_heads"))
        for _n in range(10):
            authority_terms(MunicipalityFactory())
        with django_assert_num_queries(5):
            response = client.get(reverse("orgs:authority_heads"))
        assert len(response.context["lines"]) == 11
