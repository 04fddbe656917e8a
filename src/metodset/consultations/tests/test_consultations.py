"""Consultation requests: the public form and its bot guards, asking in the app, answering,
the log, and who sees what (the role × URL matrix of the app)."""

import datetime as dt
import time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from metodset.associations.tests.factories import AssociationFactory
from metodset.consultations import selectors, services
from metodset.consultations.forms import SALT
from metodset.consultations.models import ConsultationRequest, Source, Status, Way
from metodset.consultations.tests.factories import RequestFactory
from metodset.core.dates import SchoolYear
from metodset.core.models import Notification
from metodset.core.tests.roles import HEAD_MANAGES, READ_ALL, ROLES
from metodset.meetings.tests.pages import assert_clean
from metodset.privacy.models import Consent
from metodset.privacy.tests import texts

pytestmark = pytest.mark.django_db

# Who handles a request routed to the association: its methodist, the admin and its head;
# anyone else does not see it (its contacts are personal data).
HANDLES = dict.fromkeys(ROLES, 404) | {
    "anonymous": 302,
    "platform_admin": 200,
    "methodist": 200,
    "head": 200,
}
ASKS = dict.fromkeys(ROLES, 403) | {
    "anonymous": 302,
    "head": 200,
    "other_head": 200,
    "teacher": 200,
}
LOGS = dict.fromkeys(ROLES, 403) | {
    "anonymous": 302,
    "methodist": 200,
    "methodist_other": 200,
    "head": 200,
    "other_head": 200,
}
PUBLIC = dict.fromkeys(ROLES, 200)

# (url name, the key of the URL arguments in `objects`, expected status per role)
PAGES = [
    ("consultations:list", None, READ_ALL),
    ("consultations:ask", None, ASKS),
    ("consultations:log", None, LOGS),
    ("consultations:detail", "request", HANDLES),
    ("consultations:answer", "request", HANDLES),
    ("consultations:decline", "request", HANDLES),
    ("consultations:close", "appointed", HANDLES),
    ("consultations_portal:ask", "slug", PUBLIC),
    ("consultations_portal:sent", "slug", PUBLIC),
]
POST_ONLY: list[str] = []
assert HEAD_MANAGES  # the usual rows do not fit: a request is seen only by its handlers


@pytest.fixture
def consent_text(db):
    return texts.consent_text("consultation")


@pytest.fixture
def request_(municipality, association):
    return RequestFactory(municipality=municipality, association=association)


@pytest.fixture
def objects(municipality, association, request_):
    return {
        "request": [request_.pk],
        "appointed": [
            RequestFactory(
                municipality=municipality,
                association=association,
                status=Status.APPOINTED,
                way=Way.APPOINTMENT,
                appointment_at=dt.datetime(2025, 11, 25, 15, tzinfo=dt.UTC),
                place="РМК, каб. 5",
            ).pk
        ],
        "slug": [municipality.slug],
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        response = client_for(role).get(reverse(name, args=objects[key] if key else []))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.consultations import portal_urls, urls

        names = {f"consultations:{p.name}" for p in urls.urlpatterns}
        names |= {f"consultations_portal:{p.name}" for p in portal_urls.urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("name", "key", "role"),
        [(name, key, "methodist") for name, key, _e in PAGES if _e["methodist"] == 200]
        + [
            ("consultations_portal:ask", "slug", "anonymous"),
            ("consultations:ask", None, "teacher"),
        ],
    )
    def test_every_page_is_clean(self, client_for, objects, name, key, role):
        response = client_for(role).get(reverse(name, args=objects[key] if key else []))
        assert response.headers["X-Frame-Options"] == "DENY"
        assert_clean(response)

    def test_the_contact_is_shown_only_to_those_who_handle_it(self, client_for, request_):
        url = reverse("consultations:list")
        detail = reverse("consultations:detail", args=[request_.pk])
        for role in ("methodist", "head"):
            assert request_.topic in client_for(role).get(url).text, role
            assert request_.email in client_for(role).get(detail).text, role
        for role in ("coordinator", "other_head", "teacher", "methodist_other"):
            assert request_.topic not in client_for(role).get(url).text, role

    def test_the_log_costs_the_same_queries_for_more_rows(
        self, client_for, municipality, association
    ):
        client = client_for("methodist")
        url = reverse("consultations:list")
        RequestFactory(municipality=municipality, association=association)
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as one:
            client.get(url)
        RequestFactory.create_batch(19, municipality=municipality, association=association)
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def _public_post(client, municipality, **data):
    form = {
        "asker": "parent",
        "name": "Родителева Анна",
        "email": "anna@example.org",
        "topic": "Адаптация первоклассника",
        "question": "Ребёнок не хочет идти в школу. Что делать?",
        "consent": "on",
        "started": signing.dumps(time.time() - 60, salt=SALT),
        **data,
    }
    return client.post(reverse("consultations_portal:ask", args=[municipality.slug]), form)


class TestPublicForm:
    def test_a_parent_asks_without_login(
        self, client, municipality, methodist, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = _public_post(client, municipality)
        assert response.status_code == 302
        request = ConsultationRequest.objects.get()
        assert request.source == Source.PORTAL and request.asked_by is None
        assert request.consent_text.purpose == "consultation" and request.consent_at
        assert request.history.count() == 1
        # The methodists are told of the new question.
        assert Notification.objects.filter(user=methodist, kind="consultation_new").exists()

    def test_without_consent_nothing_is_stored(self, client, municipality):
        response = _public_post(client, municipality, consent="")
        assert response.status_code == 400
        assert "Без вашего согласия" in response.text
        assert not ConsultationRequest.objects.exists()

    def test_the_honeypot_refuses_a_bot(self, client, municipality):
        response = _public_post(client, municipality, website="http://spam.example")
        assert response.status_code == 400
        assert "автоматически" in response.text
        assert not ConsultationRequest.objects.exists()

    def test_a_form_sent_too_fast_is_refused(self, client, municipality):
        response = _public_post(client, municipality, started=signing.dumps(time.time(), salt=SALT))
        assert response.status_code == 400
        assert "слишком быстро" in response.text
        assert not ConsultationRequest.objects.exists()

    def test_a_forged_time_is_refused(self, client, municipality):
        response = _public_post(client, municipality, started=str(time.time() - 60))
        assert response.status_code == 400
        assert not ConsultationRequest.objects.exists()

    def test_too_many_questions_from_one_address_are_refused(self, client, municipality, settings):
        settings.METODSET_CONSULTATION_RATE = "2/hour"
        for n in range(2):
            assert _public_post(client, municipality, topic=f"Вопрос {n}").status_code == 302
        response = _public_post(client, municipality, topic="Третий")
        assert response.status_code == 429
        assert "Слишком много вопросов" in response.text
        assert ConsultationRequest.objects.count() == 2

    def test_the_form_shows_the_consent_text_and_hides_the_honeypot(self, client, municipality):
        page = client.get(reverse("consultations_portal:ask", args=[municipality.slug])).text
        assert "152-ФЗ" in page
        assert 'class="visually-hidden" aria-hidden="true"' in page


class TestServices:
    def test_a_request_without_consent_is_refused(self, municipality):
        with pytest.raises(ValidationError):
            services.request_submit_public(
                municipality=municipality,
                association=None,
                asker="parent",
                name="А",
                email="a@example.org",
                topic="Т",
                question="В",
                consent_text=None,
            )
        assert not ConsultationRequest.objects.exists()

    def test_another_municipalitys_association_is_refused(
        self, municipality, other_municipality, consent_text
    ):
        with pytest.raises(ValidationError):
            services.request_submit_public(
                municipality=municipality,
                association=AssociationFactory(municipality=other_municipality),
                asker="parent",
                name="А",
                email="a@example.org",
                topic="Т",
                question="В",
                consent_text=consent_text,
            )

    def test_a_teacher_asks_in_the_app_and_his_consent_is_recorded(
        self, users, consent_text, association
    ):
        teacher = users["teacher"]
        request = services.request_submit(
            user=teacher,
            association=association,
            topic="Аттестация",
            question="Какие документы нужны?",
            consent_text=consent_text,
        )
        assert request.asked_by == teacher and request.email == teacher.email
        assert Consent.objects.filter(user=teacher, text=consent_text).exists()

    def test_a_written_answer_goes_to_the_parents_email(
        self, users, request_, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.request_answer(
                user=users["head"], request=request_, way=Way.WRITTEN, answer="Поговорите."
            )
        request_.refresh_from_db()
        assert request_.status == Status.ANSWERED and request_.answered_by == users["head"]
        assert [m.to for m in mailoutbox] == [[request_.email]]
        assert "Поговорите." in mailoutbox[0].body

    def test_an_appointment_needs_a_time_and_a_place_or_a_link(self, users, request_):
        with pytest.raises(ValidationError) as error:
            services.request_answer(user=users["methodist"], request=request_, way=Way.APPOINTMENT)
        assert set(error.value.message_dict) == {"appointment_at", "place"}
        services.request_answer(
            user=users["methodist"],
            request=request_,
            way=Way.APPOINTMENT,
            appointment_at=dt.datetime(2025, 11, 27, 10, tzinfo=dt.UTC),
            link="https://meet.example.org/r1",
        )
        request_.refresh_from_db()
        assert request_.status == Status.APPOINTED
        services.request_close(user=users["methodist"], request=request_)
        request_.refresh_from_db()
        assert request_.status == Status.ANSWERED

    def test_an_answered_request_is_not_answered_again(self, users, request_):
        services.request_decline(user=users["methodist"], request=request_, reason="Не к нам.")
        with pytest.raises(ValidationError):
            services.request_answer(
                user=users["methodist"], request=request_, way=Way.WRITTEN, answer="Да"
            )

    def test_only_the_handlers_answer(self, users, request_):
        for role in ("coordinator", "other_head", "teacher", "methodist_other"):
            with pytest.raises(PermissionDenied):
                services.request_answer(
                    user=users[role], request=request_, way=Way.WRITTEN, answer="Да"
                )

    def test_the_app_asker_is_notified_in_the_app(
        self, users, consent_text, django_capture_on_commit_callbacks
    ):
        teacher = users["teacher"]
        with django_capture_on_commit_callbacks(execute=True):
            request = services.request_submit(
                user=teacher, topic="Портфолио", question="?", consent_text=consent_text
            )
            services.request_answer(
                user=users["methodist"], request=request, way=Way.WRITTEN, answer="Так."
            )
        assert Notification.objects.filter(user=teacher, kind="consultation_answered").exists()

    def test_a_head_logs_a_consultation_of_his_association_only(
        self, users, municipality, association
    ):
        logged = services.consultation_log(
            user=users["head"],
            municipality=municipality,
            association=association,
            asker="teacher",
            way=Way.IN_PERSON,
            topic="Рабочая программа",
            given_on=dt.date(2025, 11, 18),
        )
        assert logged.status == Status.ANSWERED and logged.source == Source.LOGGED
        with pytest.raises(ValidationError):
            services.consultation_log(
                user=users["other_head"],
                municipality=municipality,
                association=association,
                asker="teacher",
                way=Way.IN_PERSON,
                topic="Т",
                given_on=dt.date(2025, 11, 18),
            )

    def test_the_monitoring_counts(self, municipality, association, users):
        RequestFactory(municipality=municipality, association=None)
        RequestFactory(municipality=municipality, association=association, status=Status.ANSWERED)
        counts = selectors.counts(municipality, SchoolYear(2025))
        assert counts["total"] == 2 and counts["given"] == 1 and counts["parents"] == 2
        assert counts["service"] == 1 and counts["associations"] == 1


class TestPages:
    def test_the_methodist_answers_from_the_page(
        self, client_for, request_, mailoutbox, django_capture_on_commit_callbacks
    ):
        client = client_for("methodist")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("consultations:answer", args=[request_.pk]),
                {"way": "written", "answer": "Обратитесь к психологу школы."},
            )
        assert response.status_code == 302
        request_.refresh_from_db()
        assert request_.status == Status.ANSWERED
        assert len(mailoutbox) == 1

    def test_the_log_filters_requests_to_the_service(self, client_for, municipality, request_):
        to_service = RequestFactory(municipality=municipality, association=None, topic="Службе")
        client = client_for("methodist")
        page = client.get(reverse("consultations:list")).text
        # The filter offers «все / да / нет», not BooleanFilter's «Неизвестно».
        assert "Неизвестно" not in page
        assert '<option value="" selected>все</option>' in page
        rows = client.get(reverse("consultations:list"), {"service": "1"}).context["rows"]
        assert [r.pk for r in rows] == [to_service.pk]
        rows = client.get(reverse("consultations:list"), {"service": "0"}).context["rows"]
        assert [r.pk for r in rows] == [request_.pk]

    def test_a_teacher_asks_from_the_page(self, client_for, users):
        response = client_for("teacher").post(
            reverse("consultations:ask"),
            {"asker": "candidate", "topic": "Аттестация", "question": "Когда?", "consent": "on"},
        )
        assert response.status_code == 302
        assert ConsultationRequest.objects.get().asked_by == users["teacher"]

    def test_the_methodist_logs_a_consultation_at_an_event(
        self, client_for, municipality, association
    ):
        from metodset.events.tests.factories import EventFactory

        event = EventFactory(municipality=municipality)
        response = client_for("methodist").post(
            reverse("consultations:log"),
            {
                "given_on": "2025-11-19",
                "way": "at_event",
                "event": event.pk,
                "asker": "teacher",
                "topic": "ФГОС",
            },
        )
        assert response.status_code == 302, response.text
        assert ConsultationRequest.objects.get().event == event


class TestMonitoringReport:
    def test_the_report_counts_the_consultations(self, client_for, municipality, association):
        RequestFactory(municipality=municipality, association=association, status=Status.ANSWERED)
        RequestFactory(municipality=municipality, association=None)
        client = client_for("methodist")
        page = client.get(reverse("indicators:monitoring"), {"year": 2025}).text
        assert "5. Консультации" in page
        assert "<td>От родителей</td><td>2</td>" in page
        workbook = client.get(reverse("indicators:monitoring"), {"year": 2025, "export": "xlsx"})
        assert workbook.status_code == 200


class TestDemo:
    def test_the_demo_holds_a_request_in_every_state(self, municipality, association, users):
        from metodset.consultations.demo import consultations_load
        from metodset.events.tests.factories import EventFactory

        EventFactory(
            municipality=municipality, starts_at=dt.datetime(2025, 10, 1, 10, tzinfo=dt.UTC)
        )
        created = consultations_load(slugs=[municipality.slug], seed=1, today=dt.date(2025, 11, 20))
        rows = ConsultationRequest.objects.filter(municipality=municipality)
        assert created == rows.count() == 7
        assert set(rows.values_list("status", flat=True)) == set(Status.values)
        assert set(rows.values_list("source", flat=True)) == set(Source.values)
        assert rows.filter(way=Way.AT_EVENT, event__isnull=False).exists()
