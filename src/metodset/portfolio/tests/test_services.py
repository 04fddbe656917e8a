"""The portfolio's cycle, its ZIP, the rule it feeds, the data bank and the year-end view."""

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metodset.associations.tests.factories import AssociationFactory, HeadAppointmentFactory
from metodset.core.dates import SchoolYear
from metodset.core.models import Notification
from metodset.documents.tests.fixtures import convert_to_pdf
from metodset.portfolio import services
from metodset.portfolio.archive import TOC_NAME, portfolio_zip
from metodset.portfolio.models import ItemReview, Portfolio, PortfolioStatus
from metodset.portfolio.selectors import portfolio_view, yearend_rows
from metodset.portfolio.tests.conftest import assemble
from metodset.regulations.checks import check
from metodset.regulations.kinds import Status

pytestmark = pytest.mark.django_db


def _portfolio_verdict(association, today):
    verdicts = [v for v in check(association, today=today) if v.rule.kind == "portfolio"]
    return verdicts[0].result


class TestChecklist:
    def test_it_lists_the_regulations_items_with_what_is_ready(self, objects, year):
        view = portfolio_view(objects["association"], year)
        assert [s.item.code for s in view.items] == [
            "regulation",
            "plan",
            "databank",
            "analysis",
            "results",
        ]
        assert view.checklist.deadline == dt.date(2026, 5, 31)
        ready = {s.item.code: s.ready for s in view.items}
        # No analysis of the year adopted yet: the item waits for it (or for an upload).
        assert ready == {
            "regulation": True,
            "plan": True,
            "databank": True,
            "analysis": False,
            "results": False,
        }
        assert not view.state("analysis").no_producer

    def test_an_html_page_renamed_to_pdf_is_refused(self, objects, year, head):
        with pytest.raises(ValidationError):
            services.portfolio_upload(
                user=head,
                association=objects["association"],
                year=year,
                code="results",
                file=SimpleUploadedFile("r.pdf", b"<html><script>x</script></html>"),
            )

    def test_it_cannot_be_handed_in_incomplete(self, objects, year, head):
        with pytest.raises(ValidationError, match="Результаты диагностик"):
            services.portfolio_submit(user=head, association=objects["association"], year=year)


class TestCycle:
    def test_hand_in_return_one_item_fix_resubmit_accept(
        self, objects, year, head, methodist, client, django_capture_on_commit_callbacks, mailoutbox
    ):
        association = objects["association"]
        client.force_login(head)
        with django_capture_on_commit_callbacks(execute=True):
            assert assemble(client, association).status_code == 302
        portfolio = Portfolio.objects.get()
        assert portfolio.status == PortfolioStatus.SUBMITTED
        assert [i["from"] for i in portfolio.items] == ["data", "data", "data", "upload", "upload"]
        assert Notification.objects.filter(user=methodist).count() == 1
        assert len(mailoutbox) == 1

        client.force_login(methodist)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("portfolio:review", args=[association.pk]),
                {"year": 2025, "return_results": "1", "comment_results": "Нет олимпиад."},
            )
        portfolio.refresh_from_db()
        assert portfolio.status == PortfolioStatus.RETURNED
        entries = {e.code: e for e in portfolio.entries.all()}
        assert entries["results"].review == ItemReview.RETURNED
        assert entries["results"].comment == "Нет олимпиад."
        assert entries["plan"].review == ItemReview.ACCEPTED
        page = client.get(reverse("portfolio:association", args=[association.pk])).text
        assert "Нет олимпиад." in page

        client.force_login(head)
        assemble(client, association, codes=("results",))
        portfolio.refresh_from_db()
        assert portfolio.status == PortfolioStatus.SUBMITTED
        client.force_login(methodist)
        client.post(reverse("portfolio:review", args=[association.pk]), {"year": 2025})
        portfolio.refresh_from_db()
        assert portfolio.status == PortfolioStatus.ACCEPTED
        actions = list(portfolio.events.order_by("at", "pk").values_list("action", flat=True))
        assert actions.count("portfolio.submitted") == 2
        assert "portfolio.item.returned" in actions and actions[-1] == "portfolio.accepted"
        assert _portfolio_verdict(association, dt.date(2026, 6, 15)).status == Status.OK

    def test_a_returned_item_needs_a_comment(self, objects, year, head, methodist, client):
        client.force_login(head)
        assemble(client, objects["association"])
        with pytest.raises(ValidationError):
            services.portfolio_review(
                user=methodist, portfolio=Portfolio.objects.get(), returned={"results": " "}
            )


class TestRule:
    """«нарушено» after the deadline without an accepted portfolio (no more «нет данных»)."""

    @pytest.mark.parametrize(
        ("today", "status"),
        [
            (dt.date(2026, 3, 1), Status.NOT_APPLICABLE),
            (dt.date(2026, 5, 10), Status.AT_RISK),
            (dt.date(2026, 6, 1), Status.VIOLATED),
        ],
    )
    def test_without_a_portfolio(self, objects, today, status):
        result = _portfolio_verdict(objects["association"], today)
        assert result.status == status
        assert result.fix_url == reverse("portfolio:association", args=[objects["association"].pk])

    def test_handed_in_but_not_accepted_after_the_deadline(self, objects, head, client):
        client.force_login(head)
        assemble(client, objects["association"])
        result = _portfolio_verdict(objects["association"], dt.date(2026, 6, 1))
        assert result.status == Status.VIOLATED and "не принят" in result.message

    def test_the_reminder_links_to_the_portfolio_page(self, objects, head):
        from metodset.regulations.reminders import reminders_compute

        created = reminders_compute(dt.date(2026, 5, 10))
        links = {n.link for n in created if n.key.startswith("portfolio:")}
        assert links == {reverse("portfolio:association", args=[objects["association"].pk])}


class TestZip:
    def _zip(self, objects, year, head, client):
        client.force_login(head)
        assemble(client, objects["association"])
        response = client.get(reverse("portfolio:zip", args=[objects["association"].pk]))
        assert response.status_code == 200
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_every_file_opens_and_the_contents_lists_them(self, objects, year, head, client):
        archive = self._zip(objects, year, head, client)
        names = archive.namelist()
        assert names[-1] == TOC_NAME and len(names) == 6
        for name in names:
            data = io.BytesIO(archive.read(name))
            if name.endswith(".docx"):
                docx.Document(data)
            elif name.endswith(".xlsx"):
                openpyxl.load_workbook(data)
            else:
                assert name.endswith(".pdf") and data.read(5) == b"%PDF-"
        toc = docx.Document(io.BytesIO(archive.read(TOC_NAME)))
        rows = [[c.text for c in r.cells] for r in toc.tables[0].rows]
        assert len(rows) == 6 and rows[1][1] == "Положение о ММО" and rows[5][2] == "п. 7.2"
        assert all(row[3] in names for row in rows[1:])
        text = "\n".join(p.text for p in toc.paragraphs)
        assert "31.05.2026" in text and "сдано" in text

    def test_the_files_open_in_libreoffice(self, objects, year, head, client, tmp_path):
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            if os.environ.get("METODSET_REQUIRE_LIBREOFFICE") == "1":
                pytest.fail("LibreOffice (soffice) is required")
            pytest.skip("no LibreOffice")
        # Spreadsheets need LibreOffice Calc (the package libreoffice-calc), which a
        # writer-only install lacks: then they are checked by openpyxl alone (above).
        program = Path(os.path.realpath(soffice)).parent
        calc = any(program.glob("libsclo.so*")) or any(program.glob("*sc*lo.dll"))
        if not calc and os.environ.get("METODSET_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice Calc is required to open the data bank (XLSX)")
        suffixes = (".docx", ".xlsx") if calc else (".docx",)
        archive = self._zip(objects, year, head, client)
        archive.extractall(tmp_path / "zip")
        office = [p for p in (tmp_path / "zip").rglob("*") if p.suffix in suffixes]
        converted = convert_to_pdf(office, tmp_path)
        assert converted == {p.stem for p in office}


class TestDataBank:
    def test_the_xlsx_holds_every_bank_field_as_text(self, objects, client, methodist):
        client.force_login(methodist)
        response = client.get(reverse("portfolio:databank_xlsx", args=[objects["association"].pk]))
        book = openpyxl.load_workbook(
            io.BytesIO(
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        )
        assert book.sheetnames == [
            "Состав",
            "Педагоги",
            "Темы самообразования",
            "Потребности и дефициты",
            "Программы и УМК",
        ]
        sheet = book["Педагоги"]
        header = [c.value for c in sheet[1]]
        for column in (
            "Специальность по диплому",
            "Награды",
            "Почётные звания",
            "Возраст",
            "Предметы",
        ):
            assert column in header, column
        rows = {
            r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)
        }
        member = objects["members"][0].teacher
        row = rows[member.full_name]
        assert row["Специальность по диплому"] == "учитель математики и физики"
        assert row["Награды"].endswith('=HYPERLINK("x")')  # text, never a formula
        assert sheet.cell(2, header.index("Награды") + 1).data_type == "s"
        composition = {(r[0], r[1]): r[2] for r in book["Состав"].iter_rows(2, values_only=True)}
        assert composition[("Члены объединения", None)] == 2
        assert book["Программы и УМК"]["B2"].value == "Алгебра 7–9"

    def test_the_head_sees_his_members_needs(self, objects, head, client):
        from metodset.growth.models import Need, TeacherNeed

        teacher = objects["members"][0].teacher
        need = Need.objects.create(municipality=teacher.municipality, name="Цифровые инструменты")
        TeacherNeed.objects.create(teacher=teacher, school_year=2025, need=need)
        client.force_login(head)
        assert "Цифровые инструменты" in client.get(reverse("portfolio:needs")).text
        assert (
            "Цифровые инструменты"
            in client.get(reverse("portfolio:databank", args=[objects["association"].pk])).text
        )


class TestYearEnd:
    def _queries(self, client, methodist):
        client.force_login(methodist)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("portfolio:yearend"))
        assert response.status_code == 200
        return len(queries), response

    def test_the_query_count_is_constant_in_the_number_of_associations(
        self, objects, client, methodist, municipality, head
    ):
        client.force_login(head)
        assemble(client, objects["association"])
        few, _response = self._queries(client, methodist)
        for _ in range(5):
            other = AssociationFactory(municipality=municipality)
            HeadAppointmentFactory(association=other)
            Portfolio.objects.create(association=other, school_year=2025)
        many, response = self._queries(client, methodist)
        # session, user, associations, regulations in force, portfolios, heads (+ the menu and
        # the notifications badge): the same however many associations.
        assert few == many, (few, many)
        assert response.text.count('id="row-') == 6

    def test_it_shows_the_states_and_reminds_in_one_click(
        self, objects, client, methodist, head, django_capture_on_commit_callbacks, mailoutbox
    ):
        with time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=dt.UTC), tick=False):
            rows = {r.association.pk: r for r in yearend_rows(methodist, SchoolYear(2025))}
            assert rows[objects["association"].pk].overdue
            client.force_login(methodist)
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    reverse("portfolio:remind", args=[objects["association"].pk]),
                    {"year": 2025, "next": "yearend"},
                )
        assert response.status_code == 302 and response.url.startswith(reverse("portfolio:yearend"))
        notification = Notification.objects.get(user=head)
        assert notification.link.startswith(
            reverse("portfolio:association", args=[objects["association"].pk])
        )
        assert "31.05.2026" in notification.text and len(mailoutbox) == 1


def test_the_zip_builds_for_the_selector(objects, year, head):
    content, name = portfolio_zip(portfolio_view(objects["association"], year), head)
    assert name.endswith(".zip") and zipfile.ZipFile(io.BytesIO(content)).testzip() is None


class TestMinutesCache:
    """The signed minutes are rendered once per template and data (bench/portfolio_zip.py)."""

    def test_unchanged_minutes_are_not_rendered_again(self, association, monkeypatch):
        import datetime as dt

        from django.core.cache import cache
        from django.utils import timezone

        from metodset.core.dates import SchoolYear
        from metodset.documents import render
        from metodset.meetings.models import Meeting
        from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
        from metodset.portfolio.producers import producer_for

        cache.clear()
        meeting = MeetingFactory(association=association, date=dt.date(2025, 10, 15))
        item = AgendaItemFactory(meeting=meeting, title="Вопрос", decision="Принять.")
        Meeting.objects.filter(pk=meeting.pk).update(signed_at=timezone.now())
        renders = []
        real = render.render_docx
        monkeypatch.setattr(render, "render_docx", lambda t, c: renders.append(c) or real(t, c))
        build = producer_for("minutes").build
        first = build(association, SchoolYear(2025), None)
        again = build(association, SchoolYear(2025), None)
        assert len(renders) == 1
        assert [f.content for f in again] == [f.content for f in first]
        assert first[0].name.startswith("Протокол №")
        item.decision = "Принять с изменениями."  # a correction of the signed minutes
        item.save()
        build(association, SchoolYear(2025), None)
        assert len(renders) == 2


class TestAnalysisItem:
    """The analysis app produces the «analysis» item once the year's analysis is adopted,
    and gives the year-end view its analysis column."""

    def test_an_adopted_analysis_is_the_item_and_its_state(self, objects, year, head):
        from metodset.analysis import services as analysis_services
        from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
        from metodset.portfolio.producers import producer_for, state_lookup

        association = objects["association"]
        with time_machine.travel(dt.datetime(2026, 6, 10, 9, tzinfo=dt.UTC), tick=False):
            draft = analysis_services.analysis_generate(
                user=head, association=association, school_year=2025
            )
            assert not portfolio_view(association, year).state("analysis").ready
            assert state_lookup("analysis")([association.pk], year) == {association.pk: "draft"}
            meeting = MeetingFactory(association=association, date=dt.date(2026, 6, 5))
            decision = AgendaItemFactory(meeting=meeting, decision="Принять анализ.")
            analysis_services.analysis_adopt(user=head, analysis=draft, decision=decision)
            analysis_services.analysis_submit(user=head, analysis=draft)
            state = portfolio_view(association, year).state("analysis")
            assert state.ready and "2025/2026" in state.produced
            (built,) = producer_for("analysis").build(association, year, head)
        assert built.name.startswith("Анализ работы") and built.name.endswith(".docx")
        assert "Анализ работы" in "\n".join(
            p.text for p in docx.Document(io.BytesIO(built.content)).paragraphs
        ).replace("АНАЛИЗ РАБОТЫ", "Анализ работы")
        assert state_lookup("analysis")([association.pk], year) == {association.pk: "submitted"}
        document = docx.Document(io.BytesIO(built.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = "\n".join([p.text for p in document.paragraphs] + cells)
        assert "протокол от 05.06.2026 №" in text and "{{" not in text
        tables = [t for t in document.tables if t.rows[0].cells[0].text == "Показатель"]
        assert tables
        for table in tables:  # «—» where a number, a change or a target is missing
            assert all(c.text.strip() for row in table.rows for c in row.cells)
