"""Issue 14, end to end: the head generates the annual analysis, writes a section, records
its adoption at a held meeting and submits it; the methodist accepts it. The head assembles
the portfolio (the analysis is produced from it) and hands it in; the methodist returns one
item with a comment; the head replaces the file and hands it in again; it is accepted. The
compliance panel then reads «в порядке» for the analysis and portfolio rules, and the ZIP
downloads with files that open in LibreOffice.

The clock is set to 10.06.2026, after the 2025/2026 deadline (31.05.2026): the portfolio rule
is judged, not «not due yet». Sessions end with the browser, so that the server's clock
does not make the browser drop an already expired cookie."""

import datetime as dt
import io
import zipfile

import docx
import pytest
import time_machine
from playwright.sync_api import expect

from metodset.analysis.models import Analysis, AnalysisStatus
from metodset.associations.tests.factories import MembershipFactory
from metodset.documents.tests.fixtures import convert_to_pdf
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.plans.tests.factories import PlanFactory
from metodset.portfolio.archive import TOC_NAME
from metodset.portfolio.models import Portfolio, PortfolioStatus
from metodset.regulations.services import regulation_import
from tests.e2e.session import log_in

pytestmark = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.UTC)
REGULATION = """\
title: Положение о ММО
effective_from: 2020-09-01
source: |
  7.2. В Портфолио руководителя ММО должна быть следующая документация.
  9.5. Анализ работы за учебный год.
rules:
  - kind: annual_analysis
    clause: п. 9.5
  - kind: portfolio
    clause: пп. 7.2, 9.5
    day: 31
    month: 5
    items:
      - code: regulation
        title: Положение о ММО
        clause: п. 7.2
        source: regulation
      - code: plan
        title: План работы на учебный год
        clause: п. 7.2
        source: plan
      - code: analysis
        title: Анализ работы за прошедший учебный год
        clause: п. 9.5
        source: analysis
      - code: results
        title: Результаты диагностик, мониторингов, олимпиад
        clause: п. 7.2
        source: upload
"""
CONCLUSIONS = "План выполнен: перенесён один пункт, причина записана."
COMMENT = "Приложите итоги муниципального этапа олимпиады."


def results_docx(text: str) -> dict:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return {
        "name": "Результаты.docx",
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "buffer": buffer.getvalue(),
    }


@pytest.fixture
def world(municipality, association, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    regulation_import(user=None, municipality=municipality, text=REGULATION)
    PlanFactory(association=association, school_year=2025)
    MembershipFactory.create_batch(3, association=association, joined_on=dt.date(2024, 9, 1))
    meeting = MeetingFactory(association=association, date=dt.date(2026, 6, 5))
    AgendaItemFactory(
        meeting=meeting,
        title="Об анализе работы за 2025/2026 учебный год",
        decision="Принять анализ работы за учебный год.",
    )
    return association


@pytest.fixture
def as_user(browser, live_server):
    """A page of its own browser context per user: the head and the methodist side by side."""
    contexts = []

    def open_as(user):
        context = browser.new_context(
            base_url=live_server.url, locale="ru-RU", viewport={"width": 1366, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return log_in(page, user)

    yield open_as
    for context in contexts:
        context.close()


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def open_portfolio(page, association):
    page.goto(f"/portfolio/{association.pk}/?year=2025")
    expect(page.locator("#completeness")).to_be_visible()


def test_year_end_cycle(as_user, world, head, methodist, libreoffice, tmp_path):
    association = world
    with time_machine.travel(NOW, tick=True):
        head_page = as_user(head)

        # 1. The analysis: the draft from the records, one section written.
        head_page.goto(f"/analysis/association/{association.pk}/new/")
        head_page.get_by_label("Учебный год").select_option("2025")
        head_page.get_by_role("button", name="Составить черновик").click()
        expect(head_page.locator("h1")).to_contain_text("2025/2026")
        analysis = Analysis.objects.get(association=association)
        head_page.get_by_role("link", name="Написать выводы и задачи").first.click()
        expect(head_page.locator("[name=conclusions]")).to_be_visible()
        head_page.locator("[name=conclusions]").fill(CONCLUSIONS)
        head_page.locator("[name=tasks]").fill("Провести семинар по наставничеству.")
        head_page.get_by_role("button", name="Сохранить").click()
        expect(head_page.get_by_text(CONCLUSIONS)).to_be_visible()

        # 2. Adopted by the decision of the held meeting, then submitted.
        head_page.get_by_role("link", name="Отметить принятие на заседании").click()
        head_page.get_by_label("Решение заседания").select_option(index=1)
        head_page.get_by_role("button", name="Отметить принятие").click()
        expect(head_page.get_by_text("Принятие анализа отмечено.")).to_be_visible()
        expect(head_page.get_by_text("от 05.06.2026, вопрос 1")).to_be_visible()
        head_page.get_by_role("link", name="Сдать", exact=True).click()
        head_page.get_by_role("button", name="Сдать", exact=True).click()
        expect(head_page.get_by_text("Анализ сдан.")).to_be_visible()
        analysis.refresh_from_db()
        assert analysis.status == AnalysisStatus.SUBMITTED

        # 3. The methodist accepts it.
        methodist_page = as_user(methodist)
        methodist_page.goto(f"/analysis/{analysis.pk}/")
        methodist_page.get_by_role("link", name="Принять", exact=True).click()
        methodist_page.get_by_role("button", name="Принять", exact=True).click()
        expect(methodist_page.get_by_text("Анализ принят.")).to_be_visible()
        analysis.refresh_from_db()
        assert analysis.status == AnalysisStatus.ACCEPTED

        # 4. The head assembles the portfolio: only the results are uploaded.
        open_portfolio(head_page, association)
        expect(head_page.locator("#item-analysis")).to_contain_text("2025/2026")
        expect(head_page.locator("#completeness")).to_contain_text("3 из 4")
        row = head_page.locator("#item-results")
        row.locator("input[type=file]").set_input_files(results_docx("Итоги диагностик"))
        row.get_by_role("button", name="Загрузить").click()
        expect(head_page.locator("#completeness")).to_contain_text("4 из 4")
        head_page.get_by_role("button", name="Сдать портфолио").click()
        expect(head_page.locator("#portfolio-status")).to_contain_text("сдано")

        # 5. The methodist returns the results with a comment.
        open_portfolio(methodist_page, association)
        row = methodist_page.locator("#item-results")
        row.get_by_label("вернуть").check()
        row.get_by_placeholder("Что исправить").fill(COMMENT)
        methodist_page.get_by_role("button", name="Сохранить решение").click()
        expect(methodist_page.locator("#item-results")).to_contain_text(COMMENT)
        portfolio = Portfolio.objects.get(association=association, school_year=2025)
        assert portfolio.status == PortfolioStatus.RETURNED

        # 6. The head sees the comment, replaces the file and hands it in again.
        open_portfolio(head_page, association)
        row = head_page.locator("#item-results")
        expect(row).to_contain_text(COMMENT)
        row.locator("input[type=file]").set_input_files(
            results_docx("Итоги муниципального этапа олимпиады")
        )
        row.get_by_role("button", name="Заменить").click()
        expect(head_page.locator("#item-results")).not_to_contain_text(COMMENT)
        head_page.get_by_role("button", name="Сдать портфолио").click()
        expect(head_page.locator("#portfolio-status")).to_contain_text("сдано")

        # 7. Accepted: nothing returned.
        open_portfolio(methodist_page, association)
        methodist_page.get_by_role("button", name="Сохранить решение").click()
        expect(methodist_page.locator("#portfolio-status")).to_contain_text("принято")
        portfolio.refresh_from_db()
        assert portfolio.status == PortfolioStatus.ACCEPTED

        # 8. The compliance panel: both rules in order.
        methodist_page.goto(f"/associations/{association.pk}/")
        panel = methodist_page.locator("#compliance-panel")
        expect(
            panel.locator(".verdict--ok", has_text="анализ работы за 2025/2026 учебный год принят")
        ).to_be_visible()
        expect(
            panel.locator(".verdict--ok", has_text="портфолио принято 10.06.2026")
        ).to_be_visible()

        # 9. The ZIP: every item and the table of contents.
        open_portfolio(head_page, association)
        content = download(head_page, head_page.get_by_role("link", name="Скачать ZIP"))
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert names[-1] == TOC_NAME and len(names) == 5, names
    texts = {}
    for name in names:
        assert name.endswith(".docx"), name
        document = docx.Document(io.BytesIO(archive.read(name)))
        texts[name] = "\n".join(p.text for p in document.paragraphs)
    assert any(CONCLUSIONS in text for text in texts.values())
    assert any("Итоги муниципального этапа олимпиады" in text for text in texts.values())
    archive.extractall(tmp_path / "zip")
    office = sorted((tmp_path / "zip").rglob("*.docx"))
    assert convert_to_pdf(office, tmp_path) == {p.stem for p in office}
