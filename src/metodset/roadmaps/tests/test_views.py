"""The roadmap pages: every URL × every role, and a measure recorded through the page."""

import datetime as dt

import pytest
from django.urls import reverse

from metodset.core.tests.roles import MANAGE, ROLES
from metodset.roadmaps.models import Roadmap, RoadmapMeasure
from metodset.schools.tests.test_views import CREATE, READ, READ_RECORD

pytestmark = pytest.mark.django_db

PAGES = [
    ("roadmaps:list", None, READ),
    # The platform admin belongs to no municipality: he keeps roadmaps in the admin site.
    ("roadmaps:create", None, CREATE | {"platform_admin": 404}),
    ("roadmaps:detail", "roadmap", READ_RECORD),
    ("roadmaps:measure_add", "roadmap", MANAGE),
    ("roadmaps:measure_edit", "measure", MANAGE),
]
POST_ONLY: list[str] = []


@pytest.fixture
def objects(municipality):
    roadmap = Roadmap.objects.create(municipality=municipality, school_year=2025, title="ДК")
    measure = RoadmapMeasure.objects.create(
        roadmap=roadmap, title="Семинар", responsible="РМК", due_on=dt.date(2025, 12, 1)
    )
    return {"roadmap": roadmap, "measure": measure}


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

    def test_every_url_is_covered(self):
        from metodset.roadmaps.urls import urlpatterns

        names = {f"roadmaps:{p.name}" for p in urlpatterns}
        assert names == {name for name, _k, _e in PAGES} | set(POST_ONLY)

    def test_the_methodist_records_a_measure_done(self, client_for, objects):
        client = client_for("methodist")
        response = client.post(
            reverse("roadmaps:measure_edit", args=[objects["measure"].pk]),
            {
                "title": "Семинар",
                "level": "municipal",
                "responsible": "РМК",
                "due_on": "01.12.2025",
                "status": "done",
                "done_on": "",
            },
        )
        assert response.status_code == 400  # done needs its date: nothing changes
        objects["measure"].refresh_from_db()
        assert objects["measure"].status == "planned"
        client.post(
            reverse("roadmaps:measure_edit", args=[objects["measure"].pk]),
            {
                "title": "Семинар",
                "level": "municipal",
                "responsible": "РМК",
                "due_on": "01.12.2025",
                "status": "done",
                "done_on": "18.11.2025",
            },
        )
        objects["measure"].refresh_from_db()
        assert objects["measure"].done_on == dt.date(2025, 11, 18)
        page = client.get(reverse("roadmaps:detail", args=[objects["roadmap"].pk]))
        assert "18.11.2025" in page.content.decode()
