"""Every portfolio, data-bank and year-end URL × every role, and the POST actions per role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.core.tests.roles import READ_IN_SCOPE, ROLES
from metodset.portfolio.models import Portfolio, PortfolioStatus
from metodset.portfolio.tests.conftest import PDF, assemble

pytestmark = pytest.mark.django_db

# In scope, but not for the members or the head of another association.
READS = READ_IN_SCOPE | {"other_head": 403, "teacher": 403}
YEAR_END = dict.fromkeys(ROLES, 200) | {
    "anonymous": 302,
    "head": 403,
    "other_head": 403,
    "teacher": 403,
}
HEADS_ONLY = dict.fromkeys(ROLES, 403) | {"anonymous": 302, "head": 200, "other_head": 200}

# (url name, the object its argument is taken from, expected status per role)
PAGES = [
    ("portfolio:yearend", None, YEAR_END),
    ("portfolio:needs", None, HEADS_ONLY),
    ("portfolio:association", "association", READS),
    ("portfolio:zip", "association", READS),
    ("portfolio:databank", "association", READS),
    ("portfolio:databank_xlsx", "association", READS),
]
POST_ONLY = [
    "portfolio:submit",
    "portfolio:review",
    "portfolio:remind",
    "portfolio:upload",
    "portfolio:clear",
    "portfolio:curriculum_add",
    "portfolio:curriculum_delete",
    "portfolio:item",  # takes an item code: TestAccess.test_an_item_downloads_for_readers
]


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(self, client_for, objects, name, key, role, status):
        args = [objects[key].pk] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    @pytest.mark.parametrize("role", ROLES)
    def test_an_item_downloads_for_readers(self, client_for, objects, role):
        url = reverse("portfolio:item", args=[objects["association"].pk, "regulation"])
        assert client_for(role).get(url).status_code == READS[role]

    def test_every_url_is_covered(self):
        from metodset.portfolio.urls import urlpatterns

        names = {f"portfolio:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("coordinator", 403),
            ("methodist", 403),
            ("methodist_other", 404),
            ("other_head", 403),
            ("teacher", 403),
        ],
    )
    def test_only_the_head_uploads_and_hands_in(self, client_for, objects, role, status):
        association = objects["association"]
        client = client_for(role)
        upload = client.post(
            reverse("portfolio:upload", args=[association.pk, "results"]),
            {"year": 2025, "file": SimpleUploadedFile("r.pdf", PDF)},
        )
        submit = client.post(reverse("portfolio:submit", args=[association.pk]), {"year": 2025})
        assert (upload.status_code, submit.status_code) == (status, status)
        assert not Portfolio.objects.exists()

    @pytest.mark.parametrize(
        ("role", "review", "remind"),
        [
            ("head", 403, 403),
            ("other_head", 403, 403),
            ("teacher", 403, 403),
            ("coordinator", 403, 403),
            ("methodist_other", 404, 404),
            ("platform_admin", 302, 302),  # a superuser holds every permission
            ("methodist", 302, 302),
        ],
    )
    def test_the_methodist_reviews_and_reminds(
        self, client_for, objects, head, client, role, review, remind
    ):
        association = objects["association"]
        client.force_login(head)
        assemble(client, association)
        assert Portfolio.objects.get().status == PortfolioStatus.SUBMITTED
        client.logout()
        client = client_for(role)
        reviewed = client.post(reverse("portfolio:review", args=[association.pk]), {"year": 2025})
        reminded = client.post(reverse("portfolio:remind", args=[association.pk]), {"year": 2025})
        assert (reviewed.status_code, reminded.status_code) == (review, remind)

    @pytest.mark.parametrize(
        ("role", "status"),
        [
            ("head", 302),
            ("methodist", 302),
            ("teacher", 403),
            ("other_head", 403),
            ("coordinator", 403),
            ("methodist_other", 404),
        ],
    )
    def test_curricula_are_kept_by_the_head_and_the_methodist(
        self, client_for, objects, role, status
    ):
        association = objects["association"]
        client = client_for(role)
        added = client.post(
            reverse("portfolio:curriculum_add", args=[association.pk]),
            {"kind": "materials", "title": "УМК «Алгебра»", "year": 2025},
        )
        removed = client.post(
            reverse("portfolio:curriculum_delete", args=[objects["curriculum"].pk])
        )
        assert (added.status_code, removed.status_code) == (status, status)

    def test_the_head_is_sent_from_the_needs_list_to_his_members_needs(self, client_for, objects):
        response = client_for("head").get(reverse("growth:needs"))
        assert response.status_code == 302 and response.url == reverse("portfolio:needs")
