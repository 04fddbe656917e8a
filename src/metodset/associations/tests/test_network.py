"""Network groups (004 §3.3.2) and the council's composition tied to its order (§3.7):
the services at their boundaries, the pages for every role, the draft order's text."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.acts.models import OrderKind
from metodset.acts.tests.factories import OrderFactory
from metodset.associations import selectors, services
from metodset.associations.models import AssociationKind, CompositionApproval, NetworkSubtype
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.tests.roles import HEAD_MANAGES, MANAGE, READ_IN_SCOPE, ROLES
from metodset.documents.council import order_council_document
from metodset.documents.tests.fixtures import docx_text, fake_pdf  # noqa: F401
from metodset.orgs.models import OrganisationKind
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 20)
PDF = b"%PDF-1.4 report"


@pytest.fixture
def association(municipality):
    """The home association of the role world: a network group whose work has ended."""
    return AssociationFactory(
        municipality=municipality,
        kind=AssociationKind.NETWORK,
        name="Сетевая группа по функциональной грамотности",
        area="функциональная грамотность",
        planned_end=dt.date(2025, 5, 31),
    )


@pytest.fixture
def school(municipality):
    return OrganisationFactory(
        municipality=municipality, name="МБОУ «Гимназия № 1»", short_name="Гимназия № 1"
    )


@pytest.fixture
def council(municipality):
    council = AssociationFactory(
        municipality=municipality, kind=AssociationKind.COUNCIL, name="Методический совет"
    )
    service = OrganisationFactory(
        municipality=municipality, kind=OrganisationKind.METHODICAL_SERVICE, short_name="РМК"
    )
    chair = TeacherFactory(
        organisation=service,
        last_name="Зайцева",
        position="руководитель районного методического кабинета",
    )
    HeadAppointmentFactory(association=council, teacher=chair, starts_on=dt.date(2024, 9, 1))
    MembershipFactory(association=council, teacher=chair, joined_on=dt.date(2024, 9, 1))
    MembershipFactory(
        association=council, teacher__last_name="Борисов", joined_on=dt.date(2024, 9, 1)
    )
    return council


@pytest.fixture
def council_order(municipality):
    return OrderFactory(
        municipality=municipality,
        kind=OrderKind.COUNCIL,
        number="57",
        date=dt.date(2025, 9, 2),
        title="Об утверждении состава методического совета",
    )


# --- Services ----------------------------------------------------------------------------


class TestNetworkUpdate:
    def test_it_records_the_structure(self, methodist, association, school):
        partner = OrganisationFactory(municipality=association.municipality)
        services.network_update(
            user=methodist,
            association=association,
            network_subtype=NetworkSubtype.RESOURCE_CENTRE,
            base_organisations=[school],
            partner_organisations=[partner],
            task="  Распространить практики формирования функциональной грамотности ",
            planned_end=dt.date(2026, 5, 31),
        )
        association.refresh_from_db()
        assert association.network_subtype == "resource_centre"
        assert list(association.base_organisations.all()) == [school]
        assert list(association.partner_organisations.all()) == [partner]
        assert association.task.startswith("Распространить")
        assert association.history.count() == 2

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"network_subtype": ""}, "network_subtype"),
            ({"base_organisations": []}, "base_organisations"),
            ({"planned_end": dt.date(2019, 1, 1)}, "planned_end"),
        ],
    )
    def test_it_refuses_an_incomplete_structure(
        self, methodist, association, school, change, field
    ):
        data = {
            "network_subtype": NetworkSubtype.PROJECT,
            "base_organisations": [school],
            "partner_organisations": [],
            "task": "Т",
            "planned_end": None,
        } | change
        with pytest.raises(ValidationError) as error:
            services.network_update(user=methodist, association=association, **data)
        assert field in error.value.message_dict

    def test_an_organisation_is_a_base_or_a_partner(self, methodist, association, school):
        with pytest.raises(ValidationError) as error:
            services.network_update(
                user=methodist,
                association=association,
                network_subtype=NetworkSubtype.PROJECT,
                base_organisations=[school],
                partner_organisations=[school],
                task="Т",
                planned_end=None,
            )
        assert "partner_organisations" in error.value.message_dict

    def test_another_municipality_s_school_is_refused(
        self, methodist, association, other_municipality
    ):
        with pytest.raises(ValidationError):
            services.network_update(
                user=methodist,
                association=association,
                network_subtype=NetworkSubtype.PROJECT,
                base_organisations=[OrganisationFactory(municipality=other_municipality)],
                partner_organisations=[],
                task="Т",
                planned_end=None,
            )

    def test_only_a_network_group_has_it(self, methodist, municipality, school):
        mmo = AssociationFactory(municipality=municipality)
        with pytest.raises(ValidationError):
            services.network_update(
                user=methodist,
                association=mmo,
                network_subtype=NetworkSubtype.PROJECT,
                base_organisations=[school],
                partner_organisations=[],
                task="Т",
                planned_end=None,
            )

    def test_the_head_may_not_change_it(self, head, association, school):
        with pytest.raises(PermissionDenied):
            services.network_update(
                user=head,
                association=association,
                network_subtype=NetworkSubtype.PROJECT,
                base_organisations=[school],
                partner_organisations=[],
                task="Т",
                planned_end=None,
            )


class TestNetworkReport:
    def test_the_head_reports_once_the_work_ended(self, head, association):
        services.network_report(
            user=head,
            association=association,
            result_report="Проведено 6 семинаров",
            result_file=SimpleUploadedFile("отчёт.pdf", PDF),
            today=TODAY,
        )
        association.refresh_from_db()
        assert association.result_report == "Проведено 6 семинаров"
        assert association.result_file_extension == "pdf"

    def test_not_before_the_planned_end(self, head, association):
        with pytest.raises(ValidationError):
            services.network_report(
                user=head,
                association=association,
                result_report="Рано",
                today=association.planned_end - dt.timedelta(days=1),
            )
        # On the planned end itself the work is over.
        services.network_report(
            user=head,
            association=association,
            result_report="В срок",
            today=association.planned_end,
        )

    def test_without_a_planned_end_only_after_liquidation(self, methodist, association):
        association.planned_end = None
        association.save()
        with pytest.raises(ValidationError):
            services.network_report(
                user=methodist, association=association, result_report="Т", today=TODAY
            )

    def test_a_report_has_words(self, head, association):
        with pytest.raises(ValidationError):
            services.network_report(
                user=head, association=association, result_report="  ", today=TODAY
            )

    def test_a_file_of_another_type_is_refused(self, head, association):
        with pytest.raises(ValidationError):
            services.network_report(
                user=head,
                association=association,
                result_report="Т",
                result_file=SimpleUploadedFile("отчёт.exe", b"MZ"),
                today=TODAY,
            )


class TestCompositionApprove:
    def test_it_keeps_today_s_members_and_chair(self, methodist, council, council_order):
        approval = services.composition_approve(
            user=methodist, association=council, order=council_order, on=TODAY
        )
        assert approval.chair.last_name == "Зайцева"
        assert sorted(t.last_name for t in approval.members.all()) == ["Борисов", "Зайцева"]
        state = selectors.composition_state(council)
        assert state.matches and state.approval == approval

    def test_the_state_names_who_joined_and_left(self, methodist, council, council_order):
        services.composition_approve(
            user=methodist, association=council, order=council_order, on=TODAY
        )
        borisov = council.memberships.get(teacher__last_name="Борисов")
        borisov.left_on = TODAY
        borisov.save()
        MembershipFactory(association=council, teacher__last_name="Новикова", joined_on=TODAY)
        state = selectors.composition_state(council)
        assert not state.matches
        assert [t.last_name for t in state.joined] == ["Новикова"]
        assert [t.last_name for t in state.left] == ["Борисов"]

    @pytest.mark.parametrize("kind", [OrderKind.APPOINTMENT, OrderKind.PLAN])
    def test_an_order_of_another_kind_is_refused(self, methodist, council, kind):
        order = OrderFactory(municipality=council.municipality, kind=kind)
        with pytest.raises(ValidationError) as error:
            services.composition_approve(user=methodist, association=council, order=order, on=TODAY)
        assert "order" in error.value.message_dict

    def test_another_municipality_s_order_is_refused(self, methodist, council, other_municipality):
        order = OrderFactory(municipality=other_municipality, kind=OrderKind.COUNCIL)
        with pytest.raises(ValidationError):
            services.composition_approve(user=methodist, association=council, order=order, on=TODAY)

    def test_only_a_council_has_a_composition(self, methodist, association, council_order):
        with pytest.raises(ValidationError):
            services.composition_approve(
                user=methodist, association=association, order=council_order, on=TODAY
            )

    def test_one_order_is_recorded_once(self, methodist, council, council_order):
        services.composition_approve(
            user=methodist, association=council, order=council_order, on=TODAY
        )
        with pytest.raises(ValidationError):
            services.composition_approve(
                user=methodist, association=council, order=council_order, on=TODAY
            )

    def test_a_teacher_may_not_record_it(self, teacher_user, council, council_order):
        with pytest.raises(PermissionDenied):
            services.composition_approve(
                user=teacher_user, association=council, order=council_order, on=TODAY
            )


# --- The draft order ---------------------------------------------------------------------


class TestDraftOrder:
    def test_it_lists_today_s_members_chair_first(self, council):
        text = docx_text(order_council_document(council).content)
        assert "ПРОЕКТ" in text and "ПРИКАЗ" in text
        assert "Об утверждении состава методического совета" in text
        assert "Утвердить состав методического совета «Методический совет» (приложение)." in text
        assert "председатель совета" in text and "член совета" in text
        assert text.index("Зайцева") < text.index("Борисов")
        assert "утратившим силу" not in text

    def test_it_replaces_the_recorded_order(self, methodist, council, council_order):
        services.composition_approve(
            user=methodist, association=council, order=council_order, on=TODAY
        )
        text = docx_text(order_council_document(council).content)
        assert "Признать утратившим силу приказ от 02.09.2025 № 57" in text

    def test_it_is_only_for_a_council(self, client_as, methodist, association):
        url = reverse("documents:order_council_docx", args=[association.pk])
        assert client_as(methodist).get(url).status_code == 404


# --- Pages ---------------------------------------------------------------------------------


@pytest.fixture
def objects(association, council):
    association.result_report = "Итоги"
    association.result_file.save("отчёт.pdf", SimpleUploadedFile("отчёт.pdf", PDF))
    return {"network": association, "council": council}


PAGES = [
    ("associations:network_edit", "network", MANAGE),
    ("associations:network_report", "network", HEAD_MANAGES),
    ("associations:network_report_file", "network", READ_IN_SCOPE),
    ("associations:composition_approve", "council", MANAGE),
    ("documents:order_council_docx", "council", MANAGE),
    ("documents:order_council_pdf", "council", MANAGE),
]
POST_ONLY: list[str] = []


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.usefixtures("fake_pdf")
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        response = client_for(role).get(reverse(name, args=[objects[key].pk]))
        assert response.status_code == status, f"{name} as {role}"

    def test_another_kind_has_no_network_or_composition_page(self, client_as, methodist, council):
        client = client_as(methodist)
        assert (
            client.get(reverse("associations:network_edit", args=[council.pk])).status_code == 404
        )
        mmo = AssociationFactory(municipality=council.municipality)
        url = reverse("associations:composition_approve", args=[mmo.pk])
        assert client.get(url).status_code == 404


class TestPages:
    def test_the_methodist_records_the_structure(self, client_as, methodist, association, school):
        response = client_as(methodist).post(
            reverse("associations:network_edit", args=[association.pk]),
            {
                "network_subtype": "resource_centre",
                "base_organisations": [school.pk],
                "task": "Сопровождение школ",
                "planned_end": "31.05.2026",
            },
        )
        assert response.status_code == 302
        page = client_as(methodist).get(association.get_absolute_url()).text
        assert "Ресурсный центр" in page and "Гимназия № 1" in page
        assert "Сопровождение школ" in page and "31.05.2026" in page

    def test_the_head_writes_the_report_with_a_file(self, client_as, head, association):
        client = client_as(head)
        response = client.post(
            reverse("associations:network_report", args=[association.pk]),
            {
                "result_report": "Проведено 6 семинаров",
                "result_file": SimpleUploadedFile("о.pdf", PDF),
            },
        )
        assert response.status_code == 302
        page = client.get(association.get_absolute_url()).text
        assert "Проведено 6 семинаров" in page
        download = client.get(reverse("associations:network_report_file", args=[association.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    def test_the_council_page_says_which_order_approved_it(
        self, client_as, methodist, council, council_order
    ):
        client = client_as(methodist)
        url = reverse("associations:composition_approve", args=[council.pk])
        page = client.get(council.get_absolute_url()).text
        assert "Приказ об утверждении состава совета не записан" in page
        assert client.post(url, {"order": council_order.pk}).status_code == 302
        page = client.get(council.get_absolute_url()).text
        assert "Состав утверждён приказом № 57 от 02.09.2025" in page
        assert "Текущий состав совпадает с утверждённым" in page
        MembershipFactory(association=council, teacher__last_name="Новикова", joined_on=TODAY)
        page = client.get(council.get_absolute_url()).text
        assert "отличается от утверждённого" in page and "Новикова" in page
        # The recorded order is offered no more.
        assert client.post(url, {"order": council_order.pk}).status_code == 400

    def test_the_list_filters_by_structure(
        self, client_as, methodist, municipality, django_assert_num_queries
    ):
        client = client_as(methodist)

        def add(n):
            for subtype in [NetworkSubtype.RESOURCE_CENTRE] * n + [NetworkSubtype.PROJECT]:
                AssociationFactory(
                    municipality=municipality, kind=AssociationKind.NETWORK, network_subtype=subtype
                )

        url = reverse("associations:list") + "?network_subtype=resource_centre"
        # session, user, the count, unread notifications, the user's municipality (top bar),
        # the parent filter's choices, the page (member count and head as subqueries)
        add(3)
        with django_assert_num_queries(7):
            response = client.get(url)
        assert response.context["total"] == 3 and "Ресурсный центр" in response.text
        add(30)
        with django_assert_num_queries(7):
            response = client.get(url)
        assert response.context["total"] == 33


class TestPortal:
    def test_the_passport_shows_the_structure_and_base_schools(self, client, association, school):
        from metodset.portal.tests.factories import PassportFactory

        association.network_subtype = NetworkSubtype.RESOURCE_CENTRE
        association.planned_end = dt.date(2026, 5, 31)
        association.save()
        association.base_organisations.set([school])
        PassportFactory(association=association)
        municipality = association.municipality
        page = client.get(reverse("portal:municipality", args=[municipality.slug])).text
        assert "Ресурсный центр" in page and "на базе Гимназия № 1" in page
        page = client.get(reverse("portal:passport", args=[municipality.slug, association.pk])).text
        assert "Ресурсный центр" in page and "Работает до" in page and "31.05.2026" in page


def test_composition_approval_str(council, council_order):
    approval = CompositionApproval.objects.create(association=council, order=council_order)
    assert "Методический совет" in str(approval)
