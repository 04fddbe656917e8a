"""The shared world of the permission matrix and the page smoke test."""

import pytest
from django.core.files.base import ContentFile

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.acts.tests.factories import OrderFactory
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.tests.files import CSV, PDF, upload
from metodset.events.models import EventMaterial
from metodset.events.tests.factories import EventFactory
from metodset.growth.tests.factories import PDCourseFactory
from metodset.imports.models import ImportJob
from metodset.orgs.tests.factories import AuthorityHeadFactory, OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.privacy.tests.texts import consent_text
from metodset.regulations.services import regulation_import


@pytest.fixture
def world(municipality, other_municipality, region, association, head, teacher_user):
    membership = MembershipFactory(association=association)
    version = regulation_import(
        user=None,
        municipality=municipality,
        text=(
            "title: П\neffective_from: 2020-09-01\nrules:\n"
            "  - kind: min_members\n    clause: п. 1\n    count: 3\n"
        ),
    )
    member = membership.teacher
    event = EventFactory(municipality=municipality, association=association)
    import_job = ImportJob.objects.create(
        municipality=municipality, user=head, kind="teachers", original_name="t.csv"
    )
    import_job.file.save("t.csv", ContentFile(CSV))
    return {
        "users": {
            "anonymous": None,
            "platform_admin": UserFactory(
                role=Role.PLATFORM_ADMIN, municipality=None, is_staff=True, is_superuser=True
            ),
            "coordinator": UserFactory(
                role=Role.REGIONAL_COORDINATOR, municipality=None, region=region
            ),
            "coordinator_other": UserFactory(
                role=Role.REGIONAL_COORDINATOR, municipality=None, region=other_municipality.region
            ),
            "methodist": UserFactory(role=Role.METHODIST, municipality=municipality),
            "methodist_other": UserFactory(role=Role.METHODIST, municipality=other_municipality),
            "head": head,
            "teacher": teacher_user,
        },
        "objects": {
            "organisation": OrganisationFactory(municipality=municipality),
            "authority_head": AuthorityHeadFactory(municipality=municipality),
            "association": association,
            "member": member,
            "membership": membership,
            "stranger": TeacherFactory(organisation__municipality=municipality),
            "order": OrderFactory(municipality=municipality),
            "event": event,
            "regulation": version.regulation,
            "regulation_version": version,
            "import_job": import_job,
            "course": PDCourseFactory(teacher=member, certificate=upload("удостоверение.pdf", PDF)),
            "material": EventMaterial.objects.create(
                event=event, title="Презентация", file=upload("слайды.pdf", PDF)
            ),
            "consent_text": consent_text("profile"),
        },
    }
