"""Hostile files and dead workers (issue #18): refused within seconds with a clear message;
a job whose worker died is taken up again or fails visibly with «Повторить»."""

import datetime as dt
import io
import time
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from metodset.imports import reading
from metodset.imports.models import ImportJob, ImportStatus
from metodset.imports.services import MAX_ATTEMPTS, QUEUE_PATIENCE
from metodset.imports.tests.files import csv_bytes, xlsx
from metodset.imports.tests.test_imports import TEACHER_HEADER, teacher_row

pytestmark = pytest.mark.django_db


def zip_bomb() -> bytes:
    """A real workbook whose sheet is replaced by 50 MB of XML that packs into ~50 KB."""
    source = zipfile.ZipFile(io.BytesIO(xlsx([TEACHER_HEADER, teacher_row(1)])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row/>" * 9_000_000 + b"</sheetData>")
            bomb.writestr(part.filename, data)
    return out.getvalue()


class TestHostileFiles:
    def test_a_zip_bomb_is_refused_in_the_request_within_seconds(self, upload):
        bomb = zip_bomb()
        assert len(bomb) < 1024 * 1024
        started = time.monotonic()
        response, job = upload("teachers.xlsx", bomb)
        assert time.monotonic() - started < 5
        assert job is None
        assert response.status_code == 400
        assert "распаковывается больше чем в 200 МБ" in response.text

    def test_a_million_row_csv_is_refused_within_seconds(self, upload):
        data = "\n".join(["Фамилия;Имя"] + ["а;б"] * 1_000_000).encode()
        started = time.monotonic()
        response, job = upload("teachers.csv", data)
        assert time.monotonic() - started < 10
        assert response.status_code == 302  # stored and queued: the worker reads the rows
        assert job.status == ImportStatus.FAILED
        assert (
            job.message == "В файле больше 100\u00a0000 строк. Разделите его на несколько файлов."
        )

    def test_rows_are_counted_while_a_workbook_streams(self, upload, monkeypatch):
        monkeypatch.setattr(reading, "MAX_ROWS", 5)
        _response, job = upload("teachers.xlsx", xlsx([TEACHER_HEADER] + [teacher_row(1)] * 9))
        assert job.status == ImportStatus.FAILED
        assert "больше 5 строк" in job.message

    def test_a_workbook_of_too_many_sheets_is_refused(self, upload, monkeypatch):
        monkeypatch.setattr(reading, "MAX_SHEETS", 2)
        from openpyxl import Workbook

        workbook = Workbook()
        for n in range(3):
            workbook.create_sheet(f"Лист{n}")
        buffer = io.BytesIO()
        workbook.save(buffer)
        response, job = upload("teachers.xlsx", buffer.getvalue())
        assert job is None
        assert "больше 2 листов" in response.text


def _dead(job: ImportJob, status: str, attempts: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, attempts=attempts, lease_until=timezone.now() - dt.timedelta(seconds=1)
    )


class TestDeadWorkers:
    @pytest.fixture
    def job(self, upload, school):
        _response, job = upload("teachers.csv", csv_bytes([TEACHER_HEADER, teacher_row(1)]))
        assert job.status == ImportStatus.CHECKED
        return job

    def test_a_check_whose_worker_died_runs_again(
        self, job, upload, django_capture_on_commit_callbacks
    ):
        _dead(job, ImportStatus.CHECKING, attempts=1)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("imports_watchdog", stdout=io.StringIO())
        job.refresh_from_db()
        assert job.status == ImportStatus.CHECKED and job.lease_until is None

    def test_a_live_worker_keeps_its_job(self, job):
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.CHECKING, lease_until=timezone.now() + dt.timedelta(minutes=1)
        )
        call_command("imports_watchdog", stdout=io.StringIO())
        job.refresh_from_db()
        assert job.status == ImportStatus.CHECKING

    def test_the_page_shows_a_failure_and_retry_checks_again(self, job, upload):
        _dead(job, ImportStatus.APPLYING, attempts=MAX_ATTEMPTS)
        page = upload.client.get(reverse("imports:detail", args=[job.pk]))
        assert "обработчик задач прервался; ничего не записано" in page.text
        assert "Повторить" in page.text
        job.refresh_from_db()
        assert job.status == ImportStatus.FAILED
        upload.post(reverse("imports:retry", args=[job.pk]), {})
        job.refresh_from_db()
        assert job.status == ImportStatus.CHECKED and job.message == ""
        assert job.applied_at is None

    def test_a_job_no_worker_took_fails_visibly(self, job, upload):
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.QUEUED, updated_at=timezone.now() - QUEUE_PATIENCE * 2
        )
        page = upload.client.get(reverse("imports:list"))
        assert page.status_code == 200
        job.refresh_from_db()
        assert job.status == ImportStatus.FAILED and "обработчик задач" in job.message

    def test_a_second_worker_does_not_take_a_held_job(self, job):
        from metodset.imports.services import import_claim

        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
        assert import_claim(job_id=job.pk, step="check") is not None
        assert import_claim(job_id=job.pk, step="check") is None
