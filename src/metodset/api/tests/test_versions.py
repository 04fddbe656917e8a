"""Optimistic locking over HTTP (api/versions.py): ETag on GET, If-Match on PUT, 412."""

import pytest
from django.test import Client

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.acts.tests.factories import OrderFactory
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher
from metodset.people.tests.factories import TeacherFactory

API = "/api/v1"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _teacher_payload(data: dict, **changes) -> dict:
    """The GET body as a PUT body: the record sent back whole, with `changes`."""
    computed = {"id", "municipality_id", "subjects", "teaching_years", "is_young"}
    return {key: value for key, value in data.items() if key not in computed} | changes


def _put(client, url, body, if_match=None):
    headers = {"HTTP_IF_MATCH": if_match} if if_match is not None else {}
    return client.put(url, body, content_type="application/json", **headers)


@pytest.fixture
def two_methodists(methodist, municipality):
    return _client(methodist), _client(UserFactory(role=Role.METHODIST, municipality=municipality))


@pytest.mark.django_db
class TestTeacherVersions:
    def test_it_refuses_the_second_of_two_edits_and_loses_nothing(self, two_methodists, methodist):
        first, second = two_methodists
        teacher = TeacherFactory(
            organisation__municipality=methodist.municipality, phone="", position="Учитель"
        )
        url = f"{API}/teachers/{teacher.pk}"
        read_first, read_second = first.get(url), second.get(url)
        etag = read_first["ETag"]
        assert etag.startswith('"') and etag == read_second["ETag"]

        body = _teacher_payload(read_first.json(), phone="+7 900 000-00-01")
        saved = _put(first, url, body, etag)
        assert saved.status_code == 200, saved.content
        assert saved["ETag"] not in {etag, ""}
        assert saved["ETag"] == first.get(url)["ETag"]

        # The second client sends the record as it read it, with its own change.
        body = _teacher_payload(read_second.json(), position="Учитель математики")
        refused = _put(second, url, body, etag)
        assert refused.status_code == 412, refused.content
        answer = refused.json()
        assert answer["code"] == "edit_conflict"
        assert "изменил" in answer["message"] and "If-Match" in answer["message"]
        assert answer["changes"] == [
            {"field": "phone", "label": "Телефон", "theirs": "+7 900 000-00-01", "yours": "—"}
        ]
        assert refused["ETag"] == saved["ETag"]
        teacher.refresh_from_db()
        assert (teacher.phone, teacher.position) == ("+7 900 000-00-01", "Учитель")

        # Read again, apply the change, send the new version: both edits are kept.
        fresh = second.get(url)
        body = _teacher_payload(fresh.json(), position="Учитель математики")
        assert _put(second, url, body, fresh["ETag"]).status_code == 200
        teacher.refresh_from_db()
        assert (teacher.phone, teacher.position) == ("+7 900 000-00-01", "Учитель математики")

    def test_a_change_of_a_field_both_set_alike_is_no_conflict(self, two_methodists, methodist):
        first, second = two_methodists
        teacher = TeacherFactory(organisation__municipality=methodist.municipality, phone="")
        url = f"{API}/teachers/{teacher.pk}"
        data, etag = first.get(url).json(), first.get(url)["ETag"]
        assert _put(first, url, _teacher_payload(data, phone="1"), etag).status_code == 200
        response = _put(second, url, _teacher_payload(data, phone="1", awards="Грамота"), etag)
        assert response.status_code == 200, response.content
        teacher.refresh_from_db()
        assert (teacher.phone, teacher.awards) == ("1", "Грамота")

    @pytest.mark.parametrize("if_match", ['"garbage"', "garbage", 'W/"x"', '""'])
    def test_it_refuses_a_tag_that_is_no_version(self, client_as, methodist, if_match):
        teacher = TeacherFactory(organisation__municipality=methodist.municipality, phone="")
        client = client_as(methodist)
        url = f"{API}/teachers/{teacher.pk}"
        read = client.get(url)
        response = _put(client, url, _teacher_payload(read.json(), phone="2"), if_match)
        assert response.status_code == 412
        assert response.json()["code"] == "precondition_failed"
        assert response["ETag"] == read["ETag"]
        assert Teacher.objects.get(pk=teacher.pk).phone == ""

    @pytest.mark.parametrize("if_match", [None, "*"])
    def test_if_match_is_optional(self, client_as, methodist, if_match):
        """Documented: without If-Match (or with «*») the last write wins, as before."""
        teacher = TeacherFactory(organisation__municipality=methodist.municipality, phone="")
        client = client_as(methodist)
        url = f"{API}/teachers/{teacher.pk}"
        response = _put(client, url, _teacher_payload(client.get(url).json(), phone="3"), if_match)
        assert response.status_code == 200
        assert Teacher.objects.get(pk=teacher.pk).phone == "3"

    def test_one_of_several_tags_may_match(self, client_as, methodist):
        teacher = TeacherFactory(organisation__municipality=methodist.municipality, phone="")
        client = client_as(methodist)
        url = f"{API}/teachers/{teacher.pk}"
        read = client.get(url)
        body = _teacher_payload(read.json(), phone="4")
        assert _put(client, url, body, f'"old", {read["ETag"]}').status_code == 200


@pytest.mark.django_db
class TestOtherRecords:
    """Organisations, orders and associations: the same ETag, If-Match and 412."""

    @pytest.mark.parametrize(
        ("path", "make", "field", "value"),
        [
            ("organisations", OrganisationFactory, "director", "Петров П. П."),
            ("orders", OrderFactory, "title", "О новом составе"),
            ("associations", None, "description", "Новое описание"),
        ],
    )
    def test_a_stale_version_is_refused(
        self, two_methodists, municipality, association, path, make, field, value
    ):
        first, second = two_methodists
        record = association if make is None else make(municipality=municipality)
        url = f"{API}/{path}/{record.pk}"
        read = first.get(url)
        body = {k: v for k, v in read.json().items() if k not in {"id", "municipality_id"}}
        assert _put(first, url, body | {field: value}, read["ETag"]).status_code == 200
        refused = _put(second, url, body | {field: value + "!"}, read["ETag"])
        assert refused.status_code == 412, refused.content
        assert [c["field"] for c in refused.json()["changes"]] == [field]
        assert first.get(url).json()[field] == value


@pytest.mark.django_db
def test_the_schema_documents_etag_if_match_and_412(client_as, methodist):
    schema = client_as(methodist).get(f"{API}/openapi.json").json()
    put = schema["paths"]["/api/v1/teachers/{pk}"]["put"]
    if_match = next(p for p in put["parameters"] if p["name"] == "If-Match")
    assert if_match["in"] == "header" and not if_match.get("required")
    assert "412" in put["responses"]
    assert "ETag" in put["responses"]["412"]["headers"]
    assert "ETag" in put["responses"]["200"]["headers"]
    get = schema["paths"]["/api/v1/teachers/{pk}"]["get"]
    assert "ETag" in get["responses"]["200"]["headers"]
