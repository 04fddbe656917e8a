import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metodset.imports.models import ImportJob
from metodset.orgs.tests.factories import OrganisationFactory


@pytest.fixture
def school(municipality):
    return OrganisationFactory(
        municipality=municipality, name="МБОУ «СОШ № 1»", short_name="СОШ № 1"
    )


@pytest.fixture
def upload(client_as, methodist, django_capture_on_commit_callbacks):
    """Upload a file as the methodist and run its check; `.apply(job)` imports it,
    `.post(url, data)` posts with the queued check run too."""
    client = client_as(methodist)

    def do(name: str, data: bytes, kind: str = "teachers"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("imports:upload"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
            )
        job = ImportJob.objects.order_by("-pk").first()
        return response, job

    def apply(job):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("imports:apply", args=[job.pk]))
        job.refresh_from_db()
        return job

    def post(url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    do.apply = apply
    do.post = post
    do.client = client
    return do
