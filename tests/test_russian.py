"""The Russian of the pages: counts agree with their nouns, sentences about a person with
her or his gender, numbers take a decimal comma, and things are named as methodists say."""

import datetime as dt

import pytest
from django.urls import reverse

from metodset.acts.tests.factories import OrderFactory
from metodset.events.tests.factories import EventFactory, ParticipationFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.regulations.services import regulation_import

pytestmark = pytest.mark.django_db


class TestCounts:
    @pytest.mark.parametrize(
        ("count", "words"),
        [
            (1, "организация в муниципалитете"),
            (3, "организации в муниципалитете"),
            (5, "организаций в муниципалитете"),
            (21, "организация в муниципалитете"),
            (22, "организации в муниципалитете"),
        ],
    )
    def test_the_home_page_counts_organisations(
        self, client_as, methodist, municipality, count, words
    ):
        OrganisationFactory.create_batch(count, municipality=municipality)
        html = client_as(methodist).get(reverse("home:home")).text
        assert f"<strong>{count}</strong>{words}" in html

    def test_the_home_page_counts_orders_teachers_and_associations(
        self, client_as, methodist, municipality, association
    ):
        for number in ("1", "2", "3"):
            OrderFactory(municipality=municipality, number=number, date=dt.date(2025, 9, 1))
        TeacherFactory(organisation__municipality=municipality)
        html = client_as(methodist).get(reverse("home:home")).text
        assert "<strong>3</strong>приказа в этом году" in html
        assert "<strong>1</strong>педагог в банке данных" in html
        assert "<strong>1</strong>действующее объединение" in html

    def test_a_regulation_version_counts_its_rules(self, client_as, methodist, municipality):
        rules = "".join(
            f"  - kind: min_members\n    clause: '{n}'\n    count: 3\n" for n in range(1, 5)
        )
        version = regulation_import(
            user=None,
            municipality=municipality,
            text=f"title: П\neffective_from: 2020-09-01\nrules:\n{rules}",
        )
        html = (
            client_as(methodist)
            .get(reverse("regulations:detail", args=[version.regulation_id]))
            .text
        )
        assert "4 правила" in html
        assert "4 правил " not in html

    @pytest.mark.parametrize(("capacity", "words"), [(21, "до 21 человека"), (30, "до 30 человек")])
    def test_a_venue_holds_people(self, client_as, methodist, municipality, capacity, words):
        venue = OrganisationFactory(
            municipality=municipality, is_venue=True, venue_capacity=capacity
        )
        html = client_as(methodist).get(venue.get_absolute_url()).text
        assert words in html

    def test_survey_results_count_answers_and_addressees(self, client_as, methodist, association):
        from metodset.associations.tests.factories import MembershipFactory
        from metodset.surveys.tests.factories import SurveyFactory

        MembershipFactory(association=association)
        survey = SurveyFactory(association=association, status="open")
        html = client_as(methodist).get(reverse("surveys:results", args=[survey.pk])).text
        assert '<strong id="response-count">0</strong>ответов' in html
        assert "<strong>1</strong>адресат<" in html


class TestGender:
    def test_a_woman_is_registered_in_the_feminine(self, client_as, methodist, municipality):
        event = EventFactory(municipality=municipality)
        woman = ParticipationFactory(event=event, teacher__gender="f")
        man = ParticipationFactory(event=event, teacher__gender="m")
        html = client_as(methodist).get(event.get_absolute_url()).text
        assert woman.status_label == "зарегистрирована"
        assert man.status_label == "зарегистрирован"
        assert '<span class="badge badge--ok">зарегистрирована</span>' in html
        assert '<span class="badge badge--ok">зарегистрирован</span>' in html

    def test_the_message_after_registering_a_woman(self, client_as, methodist, municipality):
        event = EventFactory(
            municipality=municipality, starts_at=dt.datetime(2025, 12, 1, 10, tzinfo=dt.UTC)
        )
        teacher = TeacherFactory(organisation__municipality=municipality, gender="f")
        response = client_as(methodist).post(
            reverse("events:register_member", args=[event.pk]),
            {"teacher": teacher.pk, "role": "participant"},
            follow=True,
        )
        assert f"{teacher.full_name} зарегистрирована." in response.text


class TestWording:
    def test_an_association_has_a_name_not_a_first_name(self, client_as, methodist):
        html = client_as(methodist).get(reverse("associations:create")).text
        assert '<label for="id_name">Название:</label>' in html
        assert "Имя:" not in html

    def test_a_member_is_removed_not_left(self, client_as, head, association):
        from metodset.associations.tests.factories import MembershipFactory

        membership = MembershipFactory(association=association)
        html = client_as(head).get(association.get_absolute_url()).text
        assert ">исключить</a>" in html
        assert ">выход</a>" not in html
        page = client_as(head).get(reverse("associations:membership_end", args=[membership.pk]))
        assert "Исключить из объединения" in page.text
