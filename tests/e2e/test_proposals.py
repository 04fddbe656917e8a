"""Issue 16, end to end: a head petitions for a member and the methodist grants it and
downloads the draft order; a draft act is discussed by two associations and all their
positions export together."""

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import (
    AssociationFactory,
    HeadAppointmentFactory,
    MembershipFactory,
)
from metodset.core.tests.files import PDF
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.proposals.models import DraftAct, Proposal, ProposalStatus

pytestmark = pytest.mark.django_db(transaction=True)


def _downloaded(page, link_name: str) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    return Path(download_info.value.path()).read_bytes()


def test_a_head_petitions_and_the_methodist_grants_and_downloads_the_order(
    page, login, head, methodist, association
):
    member = MembershipFactory(
        association=association,
        teacher=TeacherFactory(
            organisation__municipality=association.municipality,
            last_name="Кузнецова",
            first_name="Ольга",
            patronymic="Игоревна",
            gender="f",
        ),
    ).teacher

    # The first request of a session imports every URLconf: give a busy machine time for it.
    page.goto("/accounts/login/", timeout=60_000)
    login(head)
    page.goto("/proposals/")
    page.get_by_role("link", name="Выдвинуть педагога").first.click()
    page.get_by_label("Объединение").select_option(str(association.pk))
    page.get_by_label("Член объединения").select_option(str(member.pk))
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option("petition")
    page.get_by_label("Испрашиваемая награда").fill(
        "Благодарственное письмо управления образования"
    )
    page.get_by_label("Основания").fill("Провела три открытых урока и мастер-класс.")
    page.get_by_role("button", name="Направить предложение").click()
    expect(page.locator(".message--success")).to_contain_text("направлено")
    page.get_by_role("button", name="Выйти").click()

    proposal = Proposal.objects.get()
    login(methodist)
    page.goto(f"/proposals/{proposal.pk}/")
    page.get_by_role("link", name="Принять решение").click()
    page.get_by_label("удовлетворить").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message--success")).to_contain_text("Решение записано")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.GRANTED
    member.refresh_from_db()
    assert "Благодарственное письмо управления образования (2025)" in member.awards

    content = _downloaded(page, "Проект приказа (DOCX)")
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "О поощрении Кузнецовой Ольги Игоревны" in text
    assert "Наградить Кузнецову Ольгу Игоревну" in text


def test_a_draft_is_discussed_by_two_associations_and_the_positions_export(
    page, login, head, methodist, association, tmp_path
):
    municipality = association.municipality
    second = AssociationFactory(municipality=municipality, name="ММО учителей истории")
    second_head = UserFactory(role=Role.TEACHER, municipality=municipality)
    HeadAppointmentFactory(
        association=second,
        teacher=TeacherFactory(user=second_head, organisation__municipality=municipality),
    )
    member = UserFactory(role=Role.TEACHER, municipality=municipality)
    MembershipFactory(
        association=association,
        teacher=TeacherFactory(user=member, organisation__municipality=municipality),
    )
    draft_path = tmp_path / "проект положения.pdf"
    draft_path.write_bytes(PDF)

    login(methodist)
    page.goto("/proposals/drafts/")
    page.get_by_role("link", name="Открыть проект для обсуждения").first.click()
    page.get_by_label("Название").fill("Положение о муниципальном конкурсе «Педагог года»")
    page.get_by_label("Уровень").select_option("municipal")
    page.get_by_label("Краткое описание").fill("Новые номинации и сроки подачи заявок.")
    page.get_by_label("Файл проекта").set_input_files(str(draft_path))
    page.get_by_label("Замечания до").fill("2025-12-15")
    page.get_by_label(association.name).check()
    page.get_by_label(second.name).check()
    page.get_by_role("button", name="Открыть для обсуждения").click()
    expect(page.locator(".message--success")).to_contain_text("открыт для обсуждения")
    draft = DraftAct.objects.get()
    page.get_by_role("button", name="Выйти").click()

    login(member)
    page.goto(f"/proposals/drafts/{draft.pk}/")
    page.get_by_label("Пункт").fill("3.2")
    page.get_by_label("Комментарий").fill("Продлить срок подачи заявок до 1 марта.")
    page.get_by_role("button", name="Добавить замечание").click()
    expect(page.locator(".message--success")).to_contain_text("Замечание добавлено")
    page.get_by_role("button", name="Выйти").click()

    for user, assoc, text in (
        (head, association, "Поддержать проект с замечанием к п. 3.2."),
        (second_head, second, "Поддержать проект без замечаний."),
    ):
        login(user)
        page.goto(f"/proposals/drafts/{draft.pk}/")
        page.locator(f"#association-{assoc.pk}").get_by_role("link", name="Свести позицию").click()
        page.get_by_label("Позиция объединения").fill(text)
        page.get_by_role("button", name="Сохранить").click()
        expect(page.locator(".message--success")).to_contain_text("Позиция сохранена")
        page.get_by_role("button", name="Выйти").click()

    meeting = MeetingFactory(association=association, date=dt.date(2025, 11, 20))
    AgendaItemFactory(
        meeting=meeting, title="О проекте положения", decision="Одобрить позицию объединения."
    )
    login(head)
    page.goto(f"/proposals/drafts/{draft.pk}/")
    page.locator(f"#association-{association.pk}").get_by_role(
        "link", name="Отметить принятие на заседании"
    ).click()
    page.get_by_label("Решение заседания").select_option(index=1)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message--success")).to_contain_text("Позиция принята")
    page.get_by_role("button", name="Выйти").click()

    login(methodist)
    page.goto(f"/proposals/drafts/{draft.pk}/")
    content = _downloaded(page, "Все позиции (DOCX)")
    cells = [
        cell.text
        for table in Document(io.BytesIO(content)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "Поддержать проект с замечанием к п. 3.2." in cells
    assert "Поддержать проект без замечаний." in cells
    assert f"протокол № {meeting.number} от 20.11.2025" in cells
    book = load_workbook(io.BytesIO(_downloaded(page, "Все позиции (XLSX)")))
    names = {row[0] for row in book["Позиции"].iter_rows(min_row=2, values_only=True)}
    assert names == {association.name, second.name}
    comments = list(book["Замечания"].iter_rows(min_row=2, values_only=True))
    assert comments[0][:2] == ("3.2", association.name)
