import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.core.tests.files import PDF, upload
from metodset.core.tests.roles import HEAD_MANAGES, MANAGE, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.library import services
from metodset.library.models import (
    Audience,
    MaterialKind,
    News,
    PracticeStatus,
    Verdict,
    Visibility,
)
from metodset.library.tests.factories import material, practice
from metodset.meetings.tests.pages import assert_clean
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(ROLES, 200)
ADDS = READ_ALL | {"coordinator": 403, "coordinator_other": 403}
NEWS_ADDS = ADDS | {"teacher": 403}
# A practice under review: the service, its author («teacher») and its expert («other_head»).
UNDER_REVIEW = READ_IN_SCOPE | {"head": 404}
DECIDES = MANAGE | {"head": 404, "other_head": 403}
REVISES = DECIDES | {"teacher": 200}
REVIEW = MANAGE | {"other_head": 200}
CRITERIA = dict.fromkeys(ROLES, 403) | {"anonymous": 302, "methodist": 200, "methodist_other": 200}

PAGES = [
    ("library:index", None, READ_ALL),
    ("library:material_create", None, ADDS),
    ("library:material", "material", READ_IN_SCOPE),
    ("library:material_edit", "material", HEAD_MANAGES),
    ("library:material_delete", "material", HEAD_MANAGES),
    ("library:file", "file", READ_IN_SCOPE),
    ("library:practices", None, READ_ALL),
    ("library:practice_submit", None, ADDS),
    ("library:practice", "practice", UNDER_REVIEW),
    ("library:practice_edit", "practice", REVISES),
    ("library:practice_experts", "practice", DECIDES),
    ("library:practice_accept", "practice", DECIDES),
    ("library:practice_publish", "practice", DECIDES),
    ("library:reviews", None, READ_ALL),
    ("library:review", "review", REVIEW),
    ("library:criteria", None, CRITERIA),
    ("library:news", None, READ_ALL),
    ("library:news_create", None, NEWS_ADDS),
    ("library:news_detail", "news", READ_IN_SCOPE),
    ("library:news_edit", "news", MANAGE),
    ("bank:index", "slug", PUBLIC),
    ("bank:material", "public_material", PUBLIC),
    ("bank:practice", "public_practice", PUBLIC),
    ("bank:news", "public_news", PUBLIC),
    ("bank:file", "public_file", PUBLIC),
    ("bank:rss", "slug", PUBLIC),
    ("bank:atom", "slug", PUBLIC),
    ("sitemap", None, PUBLIC),
]
POST_ONLY: list[str] = []


def _accepted(author, methodist, experts, **fields):
    unit = practice(author, author.municipality, authors=[author.teacher_profile], **fields)
    services.experts_appoint(user=methodist, practice=unit, experts=experts)
    criteria = services.criteria_for(unit.municipality)
    for review in unit.reviews.all():
        services.review_submit(
            user=review.expert,
            review=review,
            scores={c.pk: 3 for c in criteria},
            verdict=Verdict.ACCEPT,
            opinion="Рекомендую.",
        )
    return services.practice_accept(user=methodist, practice=unit, level="municipal", publish=True)


@pytest.fixture
def expert(municipality):
    return UserFactory(role=Role.TEACHER, municipality=municipality)


@pytest.fixture
def objects(municipality, association, methodist, member_user, other_head, expert):
    item = material(
        methodist,
        municipality,
        association=association,
        uploads=[upload("конспект.pdf", PDF)],
    )
    unit = practice(member_user, municipality, authors=[member_user.teacher_profile])
    services.experts_appoint(user=methodist, practice=unit, experts=[other_head, expert])
    review = unit.reviews.get(expert=other_head)
    news = services.news_save(
        user=methodist,
        news=News(
            municipality=municipality,
            title="Семинар",
            text="Приглашаем",
            audience=Audience.MUNICIPALITY,
            is_draft=False,
            publish_at="2025-11-01T10:00Z",
        ),
    )
    public = material(
        methodist,
        municipality,
        title="Рекомендации по наставничеству",
        kind=MaterialKind.RECOMMENDATION,
        visibility=Visibility.PUBLIC,
        uploads=[upload("рекомендации.pdf", PDF)],
    )
    author = UserFactory(role=Role.TEACHER, municipality=municipality)
    TeacherFactory(user=author, organisation__municipality=municipality)
    published = _accepted(author, methodist, [expert, other_head])
    public_news = services.news_save(
        user=methodist,
        news=News(
            municipality=municipality,
            title="Открыт приём практик",
            text="Текст",
            audience=Audience.PUBLIC,
            is_draft=False,
            publish_at="2025-11-02T10:00Z",
        ),
    )
    slug = municipality.slug
    return {
        "material": [item.pk],
        "file": [item.files.get().pk],
        "practice": [unit.pk],
        "review": [review.pk],
        "news": [news.pk],
        "slug": [slug],
        "public_material": [slug, public.pk],
        "public_practice": [slug, published.pk],
        "public_news": [slug, public_news.pk],
        "public_file": [slug, public.files.get().pk],
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
        from metodset.library.portal_urls import urlpatterns as portal
        from metodset.library.urls import urlpatterns

        names = {f"library:{p.name}" for p in urlpatterns} | {f"bank:{p.name}" for p in portal}
        assert names | {"sitemap"} == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    def test_another_municipalitys_portal_file_answers_404(
        self, client, objects, other_municipality
    ):
        url = reverse("bank:file", args=[other_municipality.slug, objects["public_file"][1]])
        assert client.get(url).status_code == 404

    def test_portal_pages_are_clean(self, client, objects):
        for name, key in [
            ("bank:index", "slug"),
            ("bank:practice", "public_practice"),
            ("bank:material", "public_material"),
        ]:
            response = client.get(reverse(name, args=objects[key]))
            assert_clean(response)
        feed = client.get(reverse("bank:rss", args=objects["slug"]))
        assert "Смысловое чтение" in feed.text
        assert "Открыт приём практик" in feed.text
        sitemap = client.get(reverse("sitemap")).text
        assert reverse("bank:practice", args=objects["public_practice"]) in sitemap


class TestNobodyAcceptsHisOwnWorkThroughThePage:
    def test_the_author_cannot_open_the_acceptance(self, client_for, objects):
        url = reverse("library:practice_accept", args=objects["practice"])
        response = client_for("teacher").post(url, {"level": "federal", "publish": "on"})
        assert response.status_code == 403

    def test_a_methodist_author_is_refused(self, client, municipality, expert, other_head):
        methodist = UserFactory(role=Role.METHODIST, municipality=municipality)
        TeacherFactory(user=methodist, organisation__municipality=municipality)
        unit = practice(methodist, municipality, authors=[methodist.teacher_profile])
        services.experts_appoint(user=methodist, practice=unit, experts=[expert, other_head])
        client.force_login(methodist)
        url = reverse("library:practice_experts", args=[unit.pk])
        response = client.post(url, {"experts": [methodist.pk]})
        assert response.status_code == 400  # he is not even offered as an expert
        response = client.post(
            reverse("library:practice_accept", args=[unit.pk]), {"level": "school"}
        )
        assert response.status_code == 400
        unit.refresh_from_db()
        assert unit.status == PracticeStatus.UNDER_REVIEW


class TestQueries:
    def _count(self, client, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_lists_cost_the_same_whatever_the_rows(self, client, methodist, municipality):
        # session, user, then: count and page of the bank; count and page of the practices
        client.force_login(methodist)
        author = UserFactory(role=Role.TEACHER, municipality=municipality)
        TeacherFactory(user=author, organisation__municipality=municipality)
        urls = [
            reverse("library:index"),
            reverse("library:index") + "?q=объединение",
            reverse("library:practices"),
            reverse("library:news"),
            reverse("bank:index", args=[municipality.slug]),
        ]
        for n in range(2):
            material(methodist, municipality, title=f"Объединение {n}")
            practice(author, municipality, authors=[author.teacher_profile], title=f"Опыт {n}")
        before = [self._count(client, url) for url in urls]
        for n in range(5):
            material(methodist, municipality, title=f"Объединения {n}")
            practice(author, municipality, authors=[author.teacher_profile], title=f"Опыт+ {n}")
        assert [self._count(client, url) for url in urls] == before


def test_the_authors_picker_starts_with_the_teacher_himself(client_for, users):
    """The authors are a search picker (core.autocomplete): the teacher who submits is
    shown chosen, and the search asks for the municipality's teachers with a card."""
    html = client_for("teacher").get(reverse("library:practice_submit")).text
    teacher = users["teacher"].teacher_profile
    assert f'name="authors" value="{teacher.pk}" checked' in html
    assert f"municipality={teacher.municipality_id}" in html
