"""The requisites of the documents: who signs, who approves, where and when, file names, and
a signature block that never starts a page (issue 12, items 7–11)."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.acts.tests.factories import OrderFactory
from metodset.associations.models import AssociationKind
from metodset.documents import builtin, services
from metodset.documents.tests.fixtures import docx_text
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.orgs.tests.factories import AuthorityHeadFactory, authority_terms
from metodset.plans.tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def heads(municipality):
    """Соколов И.П. until 31.08.2023, then Борисова Л.А., «Начальник отдела образования»."""
    return authority_terms(municipality)


@pytest.fixture
def agreer(municipality):
    return UserFactory(
        role=Role.METHODIST,
        municipality=municipality,
        last_name="Лаптева",
        first_name="Мария",
        patronymic="Константиновна",
    )


class TestSignatory:
    """Item 7: the head of the authority in office on the order's date signs it."""

    def test_a_draft_is_signed_by_the_head_in_office_today(self, appointment, heads):
        text = docx_text(services.order_head_document(appointment).content)
        assert "И.О. Фамилия" not in text
        assert f"Начальник отдела образования\n________________\nЛ.А.{NBSP}Борисова" in text
        assert "Соколов" not in text

    def test_a_recorded_order_is_signed_by_the_head_in_office_on_its_date(self, association, heads):
        association.creation_order = OrderFactory(
            municipality=association.municipality, number="57", date=dt.date(2021, 3, 1)
        )
        association.save()
        text = docx_text(services.order_creation_document(association).content)
        assert f"Начальник управления образования\n________________\nИ.П.{NBSP}Соколов" in text
        assert "Борисова" not in text

    def test_without_a_recorded_head_the_signature_is_left_blank(self, appointment):
        text = docx_text(services.order_head_document(appointment).content)
        assert "И.О. Фамилия" not in text
        assert f"Руководитель\n________________\n{builtin.BLANK_NAME}" in text

    def test_the_association_page_asks_the_methodist_to_record_the_head(
        self, client_as, methodist, association
    ):
        page = client_as(methodist).get(association.get_absolute_url()).text
        assert "не внесён руководитель органа управления образованием" in page
        assert reverse("orgs:authority_head_create") in page
        AuthorityHeadFactory(municipality=association.municipality)
        page = client_as(methodist).get(association.get_absolute_url()).text
        assert "не внесён руководитель" not in page
        assert f"Подписывает: Начальник управления образования Л.А.{NBSP}Борисова" in page


class TestPlaceOfIssue:
    """Item 9: the settlement where the authority sits, else the municipality."""

    def test_every_document_prints_the_settlement(
        self, municipality, plan, meeting, association, appointment
    ):
        municipality.settlement = "с. Чоя"
        municipality.save()
        made = [
            services.plan_document(plan),
            services.minutes_document(meeting),
            services.notice_document(meeting),
            services.order_creation_document(association),
            services.order_head_document(appointment),
        ]
        for generated in made:
            lines = docx_text(generated.content).splitlines()
            assert "с. Чоя" in lines, generated.name
            assert municipality.name not in lines, generated.name

    def test_without_a_settlement_the_municipality_is_the_place(self, municipality, meeting):
        assert municipality.settlement == ""
        lines = docx_text(services.minutes_document(meeting).content).splitlines()
        assert municipality.name in lines


def _plan_reviewed(plan, *, agreed_by, approved_on=None, order=None, adopted_on=None):
    values = {"status": "agreed", "agreed_by": agreed_by}
    values["agreed_at"] = dt.datetime(2025, 9, 3, 10, tzinfo=dt.UTC)
    if adopted_on:
        meeting = MeetingFactory(association=plan.association, date=adopted_on)
        values["adoption_decision"] = AgendaItemFactory(meeting=meeting, decision="Принять план.")
        values["adopted_on"] = adopted_on
    if approved_on:
        values |= {
            "status": "approved",
            "approved_by": agreed_by,
            "approved_at": dt.datetime.combine(approved_on, dt.time(10), tzinfo=dt.UTC),
            "approval_order": order,
        }
    type(plan).objects.filter(pk=plan.pk).update(**values)


class TestPlanRequisites:
    """Item 8: organisation, place, date; initials first; the real approver."""

    def test_it_prints_the_organisation_the_place_and_the_date(self, plan, municipality, agreer):
        municipality.settlement = "с. Чоя"
        municipality.save()
        _plan_reviewed(plan, agreed_by=agreer, adopted_on=dt.date(2025, 8, 28))
        lines = docx_text(services.plan_document(plan).content).splitlines()
        assert lines[0] == municipality.authority_name
        assert lines[1] == municipality.service_name
        assert "с. Чоя" in lines
        assert "28.08.2025" in lines  # adopted, not approved yet: the date of its adoption

    def test_a_draft_has_a_blank_date(self, plan):
        document = Document(io.BytesIO(services.plan_document(plan).content))
        date = document.tables[1].rows[0].cells[0].text  # after the stamps: date | number
        assert date == "__.__.20__"

    def test_the_stamps_put_the_initials_first(self, plan, agreer):
        _plan_reviewed(plan, agreed_by=agreer)
        text = docx_text(services.plan_document(plan).content)
        assert f"М.К.{NBSP}Лаптева" in text
        assert "Лаптева М.К." not in text

    def test_the_approver_is_the_head_of_the_authority_not_the_methodist(self, plan, agreer, heads):
        # Recorded by the methodist on 10.03.2023, when Соколов headed the authority.
        _plan_reviewed(plan, agreed_by=agreer, approved_on=dt.date(2023, 3, 10))
        text = docx_text(services.plan_document(plan).content)
        assert (
            "УТВЕРЖДАЮ\nНачальник управления образования\n"
            f"____________ И.П.{NBSP}Соколов\n10.03.2023"
        ) in text
        assert text.count("Лаптева") == 1  # in the agreement stamp only
        assert "Руководитель методической службы" not in text

    def test_until_approved_the_stamp_names_the_head_in_office(self, plan, agreer, heads):
        _plan_reviewed(plan, agreed_by=agreer)
        text = docx_text(services.plan_document(plan).content)
        assert (
            f"УТВЕРЖДАЮ\nНачальник отдела образования\n____________ Л.А.{NBSP}Борисова\n__.__.20__"
        ) in text

    def test_without_a_recorded_head_the_approver_is_left_blank(self, plan, agreer):
        _plan_reviewed(plan, agreed_by=agreer, approved_on=dt.date(2025, 9, 5))
        text = docx_text(services.plan_document(plan).content)
        assert f"УТВЕРЖДАЮ\nРуководитель\n____________ {builtin.BLANK_NAME}\n05.09.2025" in text
        assert text.count("Лаптева") == 1


def _body(content: bytes):
    return Document(io.BytesIO(content)).element.body


def _keeps(element) -> bool:
    """Every paragraph of `element` (a paragraph, a row) is kept with the next."""

    def keeps(paragraph) -> bool:
        flag = paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        return flag is not None and flag.get(qn("w:val")) not in ("0", "false")

    return all(keeps(p) for p in element.iter(qn("w:p")))


def _signature_table(body):
    tables = body.findall(qn("w:tbl"))
    return next(t for t in reversed(tables) if "________________" in "".join(t.itertext()))


class TestSignatureKeptWithText:
    """Item 10: the signature block never starts a page alone."""

    def test_the_last_line_of_each_text_keeps_with_the_signature(
        self, meeting, association, appointment
    ):
        # Each document with an earlier line that must not be chained to the signature.
        for generated, earlier in (
            (services.minutes_document(meeting), "Принять план работы."),
            (services.notice_document(meeting), "2. Об олимпиаде школьников"),
            (services.order_creation_document(association), "1. Создать"),
            (services.order_head_document(appointment), "1. Назначить"),
        ):
            body = _body(generated.content)
            table = _signature_table(body)
            before = table.getprevious()
            assert before.tag == qn("w:p") and _keeps(before), generated.name
            line = next(
                p for p in body.findall(qn("w:p")) if "".join(p.itertext()).startswith(earlier)
            )
            assert line is not before and not _keeps(line), generated.name
            rows = table.findall(qn("w:tr"))
            assert all(_keeps(row) for row in rows[:-1]), generated.name
            assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)

    def test_the_plan_keeps_its_last_item_with_the_signature(self, plan, ivanova):
        for day in (16, 17):
            PlanItemFactory(plan=plan, date=dt.date(2025, 10, day)).responsible.set([ivanova])
        rows = _signature_table(_body(services.plan_document(plan).content)).findall(qn("w:tr"))
        assert "Руководитель объединения" in "".join(rows[-1].itertext())
        assert _keeps(rows[-2])  # the last item
        assert not any(_keeps(row) for row in rows[1:-2])  # the earlier ones may part

    def test_libreoffice_never_leaves_the_signature_alone_on_a_page(
        self, libreoffice, plan, meeting, ivanova, tmp_path
    ):
        """A plan one item longer each time, past a page break: whatever the length, the
        last page holds more than the signature."""
        if not shutil.which("pdftotext"):
            pytest.skip("pdftotext is needed to read the pages")
        for n in range(1, 36):
            item = PlanItemFactory(
                plan=plan,
                date=dt.date(2025, 11, 1 + n % 27),
                topic=f"Тема {n}: семинар о методической работе",
            )
            item.responsible.set([ivanova])
            if n >= 15:
                (tmp_path / f"plan{n}.docx").write_bytes(services.plan_document(plan).content)
        for n in range(1, 12):
            AgendaItemFactory(
                meeting=meeting, title=f"Вопрос {n}", decision="Принять к сведению. " * n
            )
            (tmp_path / f"minutes{n}.docx").write_bytes(services.minutes_document(meeting).content)
        subprocess.run(
            [
                shutil.which("soffice") or shutil.which("libreoffice"),
                f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                *sorted(str(p) for p in tmp_path.glob("*.docx")),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        alone = []
        pages_seen = set()
        for pdf in sorted(tmp_path.glob("*.pdf")):
            pages = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout.split("\f")
            pages = [p for p in pages if p.strip()]
            pages_seen.add(len(pages))
            lines = [line for line in pages[-1].splitlines() if line.strip()]
            if len(pages) > 1:
                lines = lines[1:]  # the page number
            if lines[0] in ("Руководитель объединения", "Председатель"):
                alone.append(pdf.name)
        assert len(pages_seen) > 1  # the lengths did cross a page break
        assert alone == []


class TestFileNames:
    """Item 11: the names of the files are declined."""

    def test_the_head_order_names_the_head_in_the_genitive(self, appointment, petrov):
        name = services.order_head_document(appointment).name
        assert name == "Проект приказа о назначении руководителя Ивановой М.П"  # + «.docx»
        appointment.teacher = petrov
        appointment.save()
        name = services.order_head_document(appointment).name
        assert name == "Проект приказа о назначении руководителя Петрова С.А"

    def test_the_creation_order_names_the_kind_in_the_genitive(self, association):
        association.kind = AssociationKind.COUNCIL
        association.name = "Методический совет"
        association.save()
        name = services.order_creation_document(association).name
        assert name == "Проект приказа о создании методического совета «Методический совет»"

    def test_a_recorded_order_is_named_by_its_number_and_date(self, association):
        association.creation_order = OrderFactory(
            municipality=association.municipality, number="157", date=dt.date(2024, 9, 9)
        )
        association.save()
        name = services.order_creation_document(association).name
        assert name.startswith("Приказ № 157 от 09.09.2024 о создании муниципального")

    def test_the_plan_names_the_association_in_quotes(self, plan):
        name = services.plan_document(plan).name
        assert name == f"План работы «{plan.association.name}» на 2025-2026 учебный год"
