"""Documents with known names, dates and questions, for the content and access tests."""

import datetime as dt
import io
import os
import shutil

import pytest
from docx import Document

from metodset.associations.tests.factories import HeadAppointmentFactory
from metodset.meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    GuestFactory,
    MeetingFactory,
)
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Gender
from metodset.people.tests.factories import TeacherFactory
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory


def docx_text(content: bytes) -> str:
    """Every paragraph of the body and of its tables, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def teacher(school, last, first, patronymic, gender, position="учитель математики"):
    return TeacherFactory(
        organisation=school,
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        gender=gender,
        position=position,
    )


@pytest.fixture
def school(municipality):
    return OrganisationFactory(
        municipality=municipality, name="МБОУ «Средняя школа № 1»", short_name="МБОУ «СОШ № 1»"
    )


@pytest.fixture
def ivanova(school):
    return teacher(school, "Иванова", "Мария", "Петровна", Gender.FEMALE)


@pytest.fixture
def petrov(school):
    return teacher(school, "Петров", "Сергей", "Алексеевич", Gender.MALE)


@pytest.fixture
def meeting(association, ivanova, petrov, school):
    meeting = MeetingFactory(
        association=association,
        date=dt.date(2025, 11, 12),
        starts_at=dt.time(14, 30),
        place_note="МБОУ «Гимназия № 3», кабинет 21",
        chair=ivanova,
        secretary=petrov,
    )
    AttendanceFactory(meeting=meeting, teacher=ivanova)
    AttendanceFactory(meeting=meeting, teacher=petrov)
    absent = teacher(school, "Сидоров", "Иван", "Ильич", Gender.MALE)
    AttendanceFactory(meeting=meeting, teacher=absent, present=False, absence_reason="болезнь")
    GuestFactory(meeting=meeting, name="Кузнецова А.А.", position="методист РМК")
    AgendaItemFactory(
        meeting=meeting,
        title="О плане работы на учебный год",
        speakers="Иванову М.П., руководителя объединения.",
        discussion="Петров С.А. предложил добавить семинар.",
        decision="Принять план работы.",
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Об олимпиаде школьников",
        speakers="Петрова С.А.",
        discussion="",
        decision="Подготовить участников к муниципальному этапу.",
    )
    return meeting


@pytest.fixture
def plan(association, ivanova):
    plan = PlanFactory(association=association, school_year=2025)
    item = PlanItemFactory(plan=plan, date=dt.date(2025, 10, 15), topic="Семинар по ФГОС")
    item.responsible.set([ivanova])
    return plan


@pytest.fixture
def appointment(association, ivanova):
    return HeadAppointmentFactory(
        association=association,
        teacher=ivanova,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2028, 8, 31),
    )


@pytest.fixture
def libreoffice():
    """LibreOffice for PDF: skipped without it, except where it is required (CI)."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    if os.environ.get("METODSET_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui")
    pytest.skip("no LibreOffice (soffice) here: apt-get install libreoffice-writer-nogui")


def convert_to_pdf(files, workdir) -> set[str]:
    """Open each office file in LibreOffice (headless) and save it as PDF under workdir/pdf;
    the stems of the PDFs made. The profile lives in workdir, apart from the user's."""
    import subprocess  # nosec B404: the test's own LibreOffice, with fixed arguments

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(  # nosec B603
        [
            soffice,
            f"-env:UserInstallation=file://{workdir}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir / "pdf"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {p.stem for p in (workdir / "pdf").glob("*.pdf")}


@pytest.fixture
def fake_pdf(monkeypatch):
    """The matrix checks access, not LibreOffice: the conversion is the PDF tests' job."""
    from metodset.documents import render

    monkeypatch.setattr(render, "docx_to_pdf", lambda data, **kw: b"%PDF-1.7 fake")
