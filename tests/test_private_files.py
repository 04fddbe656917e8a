"""Every uploaded file is private: kept out of any served folder under a random name, handed
out only by a view that checks scope and permission, as an attachment the browser never
sniffs; the files of before are moved out of MEDIA_ROOT by the data migrations."""

import datetime as dt
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.functional import LazyObject

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.acts import services as acts_services
from metodset.core.files import (
    EVENT_MATERIAL,
    IMPORT_FILE,
    PD_CERTIFICATE,
    UPLOAD_KINDS,
    PrivateStorage,
    RandomName,
    UploadCheck,
)
from metodset.core.tests.files import CSV, JPG, PDF, PNG, docx, upload
from metodset.documents import services as documents_services
from metodset.documents.tests.test_views import minimal_docx
from metodset.events import services as events_services
from metodset.events.models import EventMaterial
from metodset.events.tests.factories import EventFactory
from metodset.growth import services as growth_services
from metodset.growth.models import PDCourse
from metodset.growth.tests.factories import PDCourseFactory
from metodset.growth.tests.test_growth import course_data
from metodset.imports import services as imports_services
from metodset.imports.models import ImportJob
from metodset.meetings import services as meetings_services

pytestmark = pytest.mark.django_db


def _storage(field):
    storage = field.storage
    if isinstance(storage, LazyObject):  # default_storage
        storage._setup()
        storage = storage._wrapped
    return storage


def _file_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


class TestEveryFileField:
    def test_it_finds_every_kind_of_upload(self):
        found = {f"{model._meta.label}.{field.name}" for model, field in _file_fields()}
        assert found >= {
            "acts.Order.file",
            "meetings.Attachment.file",
            "documents.DocumentTemplate.file",
            "growth.PDCourse.certificate",
            "events.EventMaterial.file",
            "imports.ImportJob.file",
        }

    @pytest.mark.parametrize(
        ("model", "field"), _file_fields(), ids=lambda v: getattr(v, "name", None)
    )
    def test_it_keeps_its_files_private_under_random_names_and_checks_them(self, model, field):
        label = f"{model._meta.label}.{field.name}"
        assert isinstance(_storage(field), PrivateStorage), f"{label} is not private"
        assert isinstance(field.upload_to, RandomName), f"{label} keeps the original name"
        assert field.upload_to.folder in UPLOAD_KINDS
        checks = [v for v in field.validators if isinstance(v, UploadCheck)]
        assert [c.folder for c in checks] == [field.upload_to.folder], f"{label} is unchecked"

    def test_a_field_without_a_storage_would_be_private_too(self):
        assert isinstance(_storage(models.FileField()), PrivateStorage)
        assert _storage(models.FileField()) is default_storage._wrapped


@pytest.fixture
def meeting(association):
    return meetings_services.meeting_schedule(
        user=None, association=association, date=dt.date(2025, 10, 15)
    )


@pytest.fixture
def other_methodist(other_municipality):
    return UserFactory(role=Role.METHODIST, municipality=other_municipality)


def _order(municipality, methodist, **_):
    order = acts_services.order_create(
        user=methodist,
        municipality=municipality,
        number="157",
        date=dt.date(2024, 9, 9),
        kind="regulation",
        title="Об утверждении Положения",
        file=upload("скан приказа Иванова.pdf", PDF),
    )
    return order.file, reverse("acts:file", args=[order.pk]), "methodist"


def _attachment(meeting, **_):
    attachment = meetings_services.attachment_add(
        user=None, meeting=meeting, title="Список", file=upload("список Иванова.pdf", PDF)
    )
    return attachment.file, reverse("meetings:attachment", args=[attachment.pk]), "head"


def _template(municipality, methodist, **_):
    template = documents_services.template_upload(
        user=methodist,
        municipality=municipality,
        kind="plan",
        file=upload("план Иванова.docx", minimal_docx("{{ theme }}")),
    )
    url = reverse("documents:template_file", args=[municipality.pk, "plan"])
    return template.file, url, "methodist"


def _certificate(teacher_user, **_):
    course = PDCourseFactory.build(
        teacher=teacher_user.teacher_profile, certificate=upload("удостоверение Иванова.jpg", JPG)
    )
    growth_services.record_save(user=teacher_user, record=course)
    return course.certificate, reverse("growth:certificate", args=[course.pk]), "teacher_user"


def _material(municipality, head, association, **_):
    event = EventFactory(municipality=municipality, association=association)
    material = events_services.material_add(
        user=head, event=event, title="Презентация", file=upload("слайды Иванова.png", PNG)
    )
    return material.file, reverse("events:material", args=[material.pk]), "teacher_user"


def _import(municipality, methodist, **_):
    job = imports_services.import_upload(
        user=methodist,
        municipality=municipality,
        kind="teachers",
        uploaded=upload("учителя Иванова.csv", CSV),
    )
    return job.file, reverse("imports:file", args=[job.pk]), "methodist"


KINDS = {
    "order": _order,
    "attachment": _attachment,
    "template": _template,
    "certificate": _certificate,
    "material": _material,
    "import": _import,
}


@pytest.fixture(params=list(KINDS))
def stored(request, municipality, methodist, head, teacher_user, association):
    """(the stored file, its download URL, the user who may download it) of each kind."""
    kwargs = {
        "municipality": municipality,
        "methodist": methodist,
        "head": head,
        "teacher_user": teacher_user,
        "association": association,
    }
    if request.param == "attachment":
        kwargs["meeting"] = request.getfixturevalue("meeting")
    file, url, owner = KINDS[request.param](**kwargs)
    return file, url, kwargs[owner]


class TestEveryKindOfFile:
    def test_it_is_kept_privately_under_a_random_name(self, stored, settings, private_files):
        file, _url, _owner = stored
        assert (private_files / file.name).is_file()
        assert "Иванов" not in file.name
        assert not Path(settings.MEDIA_ROOT).exists() or not any(
            Path(settings.MEDIA_ROOT).rglob("*")
        )

    def test_the_user_who_may_see_it_downloads_it_as_an_attachment(self, stored, client):
        file, url, owner = stored
        client.force_login(owner)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert not response["Content-Type"].startswith("text/html")
        with file.open("rb") as handle:
            assert b"".join(response.streaming_content) == handle.read()

    def test_another_municipality_gets_404(self, stored, client, other_methodist):
        _file, url, _owner = stored
        client.force_login(other_methodist)
        assert client.get(url).status_code == 404

    def test_an_anonymous_user_is_sent_to_log_in(self, stored, client):
        _file, url, _owner = stored
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == redirect_to_login(url).url

    def test_no_media_address_serves_it(self, stored, client):
        file, _url, owner = stored
        client.force_login(owner)
        for prefix in ("/media/", "/private/", "/"):
            assert client.get(f"{prefix}{file.name}").status_code == 404

    def test_a_lost_file_answers_404(self, stored, client):
        file, url, owner = stored
        file.storage.delete(file.name)
        client.force_login(owner)
        assert client.get(url).status_code == 404


class TestUploadsAreCheckedByContent:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"<html><script>x()</script>", "Файл не является настоящим файлом .pdf."),
            (PDF + b"0" * PD_CERTIFICATE.max_bytes, "Файл больше 10 МБ."),
        ],
        ids=["html-as-pdf", "over-10-mb"],
    )
    def test_a_certificate_is_checked_by_content_and_size(
        self, client_as, teacher_user, content, message
    ):
        teacher = teacher_user.teacher_profile
        response = client_as(teacher_user).post(
            reverse("growth:add", args=[teacher.pk, "courses"]),
            course_data(certificate=upload("удостоверение.pdf", content)),
        )
        assert response.status_code == 400
        assert message in response.text
        assert not PDCourse.objects.exists()

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("slides.pdf", b"<!doctype html><p>x", "Файл не является настоящим файлом .pdf."),
            ("slides.docx", PDF, "Файл не является настоящим файлом .docx."),
            ("big.pdf", PDF + b"0" * EVENT_MATERIAL.max_bytes, "Файл больше 20 МБ."),
            ("run.exe", b"MZ", "Загрузите файл PDF, DOCX, PPTX, XLSX, ODT, ODP, JPG, PNG или ZIP."),
        ],
        ids=["html-as-pdf", "pdf-as-docx", "over-20-mb", "executable"],
    )
    def test_a_material_is_checked_by_content_and_size(
        self, client_as, head, municipality, association, name, content, message
    ):
        event = EventFactory(municipality=municipality, association=association)
        response = client_as(head).post(
            reverse("events:material_add", args=[event.pk]),
            {"title": "Материал", "file": upload(name, content)},
            follow=True,
        )
        assert message in response.text
        assert not event.materials.exists()

    def test_a_real_material_is_accepted(self, client_as, head, municipality, association):
        event = EventFactory(municipality=municipality, association=association)
        client_as(head).post(
            reverse("events:material_add", args=[event.pk]),
            {"title": "План", "file": upload("план.docx", docx())},
        )
        assert event.materials.get().download_name() == "План.docx"

    def test_a_web_page_named_csv_is_not_imported(self, client_as, methodist):
        response = client_as(methodist).post(
            reverse("imports:upload"),
            {"kind": "teachers", "file": upload("учителя.csv", b"<html><body>x</body></html>")},
        )
        assert response.status_code == 400
        assert not ImportJob.objects.exists()


MIGRATIONS = {
    "certificate": ("growth", "0003_certificate_files_private", PD_CERTIFICATE),
    "material": ("events", "0006_material_files_private", EVENT_MATERIAL),
    "import": ("imports", "0002_import_files_private", IMPORT_FILE),
}


def _public_record(what, municipality, teacher_user, name):
    if what == "certificate":
        return PDCourseFactory(teacher=teacher_user.teacher_profile, certificate=name)
    if what == "material":
        event = EventFactory(municipality=municipality)
        return EventMaterial.objects.create(event=event, title="Слайды", file=name)
    return ImportJob.objects.create(
        municipality=municipality,
        user=teacher_user,
        kind="teachers",
        original_name="учителя.csv",
        file=name,
    )


def _name(record) -> str:
    record.refresh_from_db()
    return (record.certificate if isinstance(record, PDCourse) else record.file).name


@pytest.mark.parametrize("what", list(MIGRATIONS))
class TestTheDataMigration:
    OLD = {
        "certificate": "growth/certificates/2024/Удостоверение Ивановой.pdf",
        "material": "events/materials/2024/Слайды Ивановой.pdf",
        "import": "imports/2024/05/учителя.csv",
    }

    def _run(self, what):
        app, name, _kind = MIGRATIONS[what]
        module = importlib.import_module(f"metodset.{app}.migrations.{name}")
        module.to_private(apps, None)

    def test_it_moves_a_public_file_into_the_private_storage(
        self,
        what,
        municipality,
        teacher_user,
        settings,
        private_files,
        django_capture_on_commit_callbacks,
    ):
        old = self.OLD[what]
        public = Path(settings.MEDIA_ROOT) / old
        public.parent.mkdir(parents=True)
        public.write_bytes(PDF)
        record = _public_record(what, municipality, teacher_user, old)
        with django_capture_on_commit_callbacks(execute=True):
            self._run(what)
            assert public.exists(), "the public copy stays until the migration is committed"
        new = _name(record)
        assert new.startswith(f"{MIGRATIONS[what][2].folder}/")
        assert new != old and "Иванов" not in new and "учителя" not in new
        assert new.rsplit(".", 1)[1] == old.rsplit(".", 1)[1]
        assert (private_files / new).read_bytes() == PDF
        assert not public.exists()
        if what == "certificate":  # the history follows the file
            assert set(record.history.values_list("certificate", flat=True)) == {new}

    def test_running_it_again_changes_nothing(
        self, what, municipality, teacher_user, settings, django_capture_on_commit_callbacks
    ):
        old = self.OLD[what]
        public = Path(settings.MEDIA_ROOT) / old
        public.parent.mkdir(parents=True)
        public.write_bytes(PDF)
        record = _public_record(what, municipality, teacher_user, old)
        with django_capture_on_commit_callbacks(execute=True):
            self._run(what)
        moved = _name(record)
        with django_capture_on_commit_callbacks(execute=True):
            self._run(what)
        assert _name(record) == moved

    def test_a_missing_file_is_left_as_it_is(self, what, municipality, teacher_user):
        old = self.OLD[what]
        record = _public_record(what, municipality, teacher_user, old)
        self._run(what)
        assert _name(record) == old


class TestTheAdmin:
    """A private file has no URL: the admin's change pages link to the checked download view."""

    def test_every_change_page_with_a_file_links_to_its_download_view(
        self, client, platform_admin, stored
    ):
        file, url, _owner = stored
        record = file.instance
        if record._meta.label == "meetings.Attachment":  # an inline of its meeting
            record = record.meeting
        if not admin.site.is_registered(type(record)):
            pytest.skip(f"{record._meta.label} is not in the admin")
        client.force_login(platform_admin)
        meta = record._meta
        response = client.get(
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
        )
        assert response.status_code == 200
        assert f'href="{url}"' in response.text
