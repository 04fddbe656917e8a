"""Issue 4, end to end: a head composes the plan, holds the meeting from its item, records
the minutes with three questions and decisions, signs them, records the plan's adoption
at that meeting, and downloads the plan and the minutes as DOCX and PDF."""

import datetime as dt
import io

import pytest
from docx import Document
from playwright.sync_api import expect

from metodset.associations.tests.factories import MembershipFactory
from metodset.meetings.models import Meeting
from metodset.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS = [
    ("Об утверждении плана работы на 2025/2026 учебный год", "Принять план работы."),
    ("О функциональной грамотности", "Рекомендовать задания нового формата."),
    ("О наставничестве", "Закрепить наставников за молодыми педагогами."),
]


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_plan_adopted_at_minuted_meeting_downloads(page, login, head, association, libreoffice):
    members = MembershipFactory.create_batch(
        3, association=association, joined_on=dt.date(2024, 9, 1)
    )
    login(head)

    # 1. Compose the plan and an item: the meeting that will adopt it.
    page.goto(f"/plans/association/{association.pk}/new/")
    page.get_by_label("Учебный год").select_option("2025")
    page.get_by_label("Методическая тема").fill("Функциональная грамотность обучающихся")
    page.get_by_label("Цель").fill("Повышение профессиональной компетентности педагогов.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("h1")).to_contain_text("План работы на 2025/2026")
    items = page.locator("#items")
    items.get_by_label("Дата").fill("2025-11-10")
    items.get_by_label("Форма").select_option(label="заседание объединения")
    items.get_by_label("Тема").fill(QUESTIONS[0][0])
    items.get_by_role("button", name="Добавить пункт").click()
    expect(items.get_by_text(QUESTIONS[0][0])).to_be_visible()
    plan = Plan.objects.get(association=association)

    # 2. Hold the meeting from the item.
    items.get_by_role("link", name="Назначить заседание").click()
    page.get_by_label("Дата").fill("2025-11-10")
    page.get_by_role("button", name="Назначить заседание").click()
    expect(page.locator("h1")).to_contain_text("Заседание № 1 от 10.11.2025")
    meeting = Meeting.objects.get(association=association)

    # 3. Attendance: two present, one absent with a reason (which marks him absent).
    absent = members[2].teacher
    for member in members[:2]:
        page.locator(f"#mark-{member.teacher.pk}-present").check()
    page.get_by_label(f"Причина отсутствия: {absent.full_name}").fill("болезнь")
    expect(page.locator(f"#mark-{absent.pk}-absent")).to_be_checked()
    page.get_by_role("button", name="Сохранить отметки присутствия").click()
    expect(page.locator(".message--success").first).to_contain_text(
        "Присутствовали: 2, отсутствовали: 1, не отмечены: 0."
    )

    # 4. The agenda: the item's topic is question 1; record its decision, add two more.
    first = page.locator("#agenda li").first
    first.get_by_role("link", name="Изменить").click()
    first.get_by_label("Слушали").fill(f"{head.teacher_profile.short_name}, руководителя ММО")
    first.get_by_label("Решили").fill(QUESTIONS[0][1])
    first.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#agenda").get_by_text(QUESTIONS[0][1])).to_be_visible()
    for title, decision in QUESTIONS[1:]:
        form = page.locator("#agenda form").last
        form.get_by_label("Вопрос").fill(title)
        form.get_by_label("Слушали").fill(members[0].teacher.short_name)
        form.get_by_label("Решили").fill(decision)
        form.get_by_role("button", name="Добавить вопрос").click()
        expect(page.locator("#agenda").get_by_text(decision)).to_be_visible()

    # 5. Sign the minutes off.
    page.locator("#sign-panel").get_by_role("link", name="Подписать протокол").click()
    page.get_by_role("button", name="Подписать", exact=True).click()
    expect(page.get_by_text("протокол подписан").first).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.is_signed and meeting.agenda.count() == 3

    # 6. Record the plan's adoption by the first question's decision.
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Отметить принятие на заседании").click()
    page.get_by_label("Решение заседания").select_option(index=1)
    page.get_by_role("button", name="Отметить принятие").click()
    expect(page.get_by_text("принят на заседании").first).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED and plan.adoption_decision.meeting == meeting

    # 7. Download both documents as DOCX and PDF.
    links = page.locator("#plan-documents")
    plan_docx = docx_text(download(page, links.get_by_role("link", name="DOCX")))
    assert "ПЛАН РАБОТЫ" in plan_docx.upper() and "Функциональная грамотность" in plan_docx
    assert "10.11.2025" in plan_docx
    assert download(page, links.get_by_role("link", name="PDF")).startswith(b"%PDF")

    page.goto(f"/meetings/{meeting.pk}/")
    links = page.locator("#meeting-documents")
    minutes = docx_text(download(page, links.get_by_role("link", name="DOCX").first))
    assert "ПРОТОКОЛ" in minutes and "10.11.2025" in minutes
    for title, decision in QUESTIONS:
        assert title in minutes and decision in minutes
    # The reason is not printed: the municipality has not chosen to print reasons.
    assert absent.last_name in minutes and "по уважительной причине" in minutes
    assert "болезнь" not in minutes
    assert download(page, links.get_by_role("link", name="PDF").first).startswith(b"%PDF")
