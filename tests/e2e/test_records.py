"""Issue 12, records that came out wrong, end to end in Chromium.

1. Attendance: a head who only typed reasons for two absentees got «12 of 12 present», the
   reasons dropped, and the signed PDF said «Присутствовали: 12 чел.». Now nothing is
   recorded that the head did not choose, a reason means absent, the form says what will
   be saved, and the minutes count only what was marked.
2. Plan items became «выполнено» when a meeting was merely scheduled (even for 19.03.2027).
   Now an item carried out by a meeting is done once the meeting is held and minuted; the
   meetings are numbered by date, and a meeting still to come offers no sign-off.
"""

import datetime as dt
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from metodset.associations.tests.factories import MembershipFactory
from metodset.meetings import services as meeting_services
from metodset.meetings.models import Attendance, Meeting
from metodset.plans.models import ItemForm, ItemStatus
from metodset.plans.tests.factories import PlanFactory, PlanItemFactory
from metodset.regulations.services import regulation_import

pytestmark = pytest.mark.django_db(transaction=True)


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def pdf_text(content: bytes, tmp_path) -> str:
    source = tmp_path / "minutes.pdf"
    source.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def summary(page):
    return page.locator("#attendance-summary")


def test_attendance_records_only_what_the_head_chose(
    page, login, head, association, libreoffice, tmp_path
):
    members = [
        MembershipFactory(
            association=association, joined_on=dt.date(2024, 9, 1), teacher__last_name=name
        ).teacher
        for name in ("Алексеева", "Борисов", "Васильева", "Григорьев")
    ]
    meeting = meeting_services.meeting_schedule(
        user=head, association=association, date=dt.date(2025, 11, 10), agenda=["О плане"]
    )
    meeting.agenda.update(decision="Принять план работы.")
    ill, away, rest = members[0], members[1], members[2:]
    login(head)
    page.goto(f"/meetings/{meeting.pk}/")

    # Nothing is pre-ticked: every member starts «не отмечено», and the summary says so.
    attendance = page.locator("#attendance")
    expect(attendance.locator("input[type=checkbox]")).to_have_count(0)
    for teacher in members:
        expect(page.locator(f"#mark-{teacher.pk}-none")).to_be_checked()
    expect(summary(page)).to_contain_text("присутствовали — 0, отсутствовали — 0, не отмечены — 4")

    # The head only types the reasons of two absentees: they become absent, as the form shows.
    page.get_by_label(f"Причина отсутствия: {ill.full_name}").fill("болезнь")
    page.get_by_label(f"Причина отсутствия: {away.full_name}").fill("курсы повышения квалификации")
    expect(page.locator(f"#mark-{ill.pk}-absent")).to_be_checked()
    expect(page.locator(f"#mark-{away.pk}-absent")).to_be_checked()
    expect(summary(page)).to_contain_text("присутствовали — 0, отсутствовали — 2, не отмечены — 2")
    page.get_by_role("button", name="Сохранить отметки присутствия").click()

    # Saved as chosen, and said so: two absent with their reasons, two not marked.
    expect(page.locator(".message--warning")).to_contain_text(
        "Присутствовали: 0, отсутствовали: 2, не отмечены: 2."
    )
    rows = {r.teacher_id: (r.present, r.absence_reason) for r in Attendance.objects.all()}
    assert rows == {ill.pk: (False, "болезнь"), away.pk: (False, "курсы повышения квалификации")}
    problems = page.locator("#sign-problems")
    for teacher in rest:
        expect(problems).to_contain_text(teacher.last_name)
    expect(
        page.locator("#sign-panel").get_by_role("link", name="Подписать протокол")
    ).to_have_count(0)

    # An explicit choice marks the rest present.
    page.get_by_role("button", name="Отметить присутствующими всех, кто ещё не отмечен").click()
    for teacher in rest:
        expect(page.locator(f"#mark-{teacher.pk}-present")).to_be_checked()
    expect(summary(page)).to_contain_text("присутствовали — 2, отсутствовали — 2, не отмечены — 0")
    page.get_by_role("button", name="Сохранить отметки присутствия").click()
    expect(page.locator(".message--success")).to_contain_text(
        "Присутствовали: 2, отсутствовали: 2, не отмечены: 0."
    )

    # Signed, the minutes count what was marked: 2 present, 2 absent, no health data printed.
    page.locator("#sign-panel").get_by_role("link", name="Подписать протокол").click()
    page.get_by_role("button", name="Подписать", exact=True).click()
    expect(page.get_by_text("протокол подписан").first).to_be_visible()
    content = download(
        page, page.locator("#meeting-documents").get_by_role("link", name="PDF").first
    )
    assert content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = pdf_text(content, tmp_path)
        assert "Присутствовали: 2 чел." in text and "Отсутствовали: 2 чел." in text
        assert "по уважительной причине" in text and "болезнь" not in text


def test_plan_items_are_done_only_when_their_meeting_is_held_and_minuted(
    page, login, head, association
):
    regulation_import(
        user=None,
        municipality=association.municipality,
        text="title: П\neffective_from: 2020-09-01\nrules:\n"
        "  - kind: min_meetings\n    clause: п. 9.2\n    count: 4\n",
    )
    member = MembershipFactory(association=association, joined_on=dt.date(2024, 9, 1)).teacher
    plan = PlanFactory(association=association, school_year=2025)
    PlanItemFactory(plan=plan, date=dt.date(2025, 10, 15))
    spring = PlanItemFactory(
        plan=plan, form=ItemForm.MEETING, date=dt.date(2026, 3, 19), topic="Весеннее заседание"
    )
    autumn = PlanItemFactory(
        plan=plan, form=ItemForm.MEETING, date=dt.date(2025, 11, 10), topic="Осеннее заседание"
    )
    login(head)

    # Scheduling the spring meeting (months ahead) does not make its item done.
    page.goto(f"/plans/{plan.pk}/")
    page.locator(f"#item-{spring.pk}").get_by_role("link", name="Назначить заседание").click()
    expect(page.get_by_label("Дата")).to_have_value("2026-03-19")
    page.get_by_role("button", name="Назначить заседание").click()
    expect(page.locator("h1")).to_contain_text("Заседание № 1 от 19.03.2026")
    expect(page.get_by_role("link", name="Подписать протокол")).to_have_count(0)
    page.goto(f"/plans/{plan.pk}/")
    row = page.locator(f"#item-{spring.pk}")
    expect(row).to_contain_text("запланировано")
    expect(row).to_contain_text("будет выполнен после подписания протокола")
    page.goto(f"/plans/association/{association.pk}/")
    expect(page.locator("table")).to_contain_text("0 из 3")

    # The autumn meeting, entered later but dated earlier, takes No. 1.
    page.goto(f"/plans/{plan.pk}/")
    page.locator(f"#item-{autumn.pk}").get_by_role("link", name="Назначить заседание").click()
    page.get_by_role("button", name="Назначить заседание").click()
    expect(page.locator("h1")).to_contain_text("Заседание № 1 от 10.11.2025")
    assert Meeting.objects.get(date=dt.date(2026, 3, 19)).number == 2

    # Held, but not minuted yet: still not done.
    page.locator(f"#mark-{member.pk}-present").check()
    page.get_by_role("button", name="Сохранить отметки присутствия").click()
    expect(page.locator(".message--success")).to_be_visible()
    page.goto(f"/plans/{plan.pk}/")
    expect(page.locator(f"#item-{autumn.pk}")).to_contain_text("запланировано")

    # Minuted: done.
    page.goto(f"/meetings/{Meeting.objects.get(date=dt.date(2025, 11, 10)).pk}/")
    question = page.locator("#agenda li").first
    question.get_by_role("link", name="Изменить").click()
    question.get_by_label("Решили").fill("Принять к сведению.")
    question.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#agenda").get_by_text("Принять к сведению.")).to_be_visible()
    page.locator("#sign-panel").get_by_role("link", name="Подписать протокол").click()
    page.get_by_role("button", name="Подписать", exact=True).click()
    expect(page.get_by_text("протокол подписан").first).to_be_visible()
    page.goto(f"/plans/{plan.pk}/")
    expect(page.locator(f"#item-{autumn.pk}")).to_contain_text("выполнено")
    expect(page.locator(f"#item-{spring.pk}")).to_contain_text("заседание № 2")
    page.goto(f"/plans/association/{association.pk}/")
    expect(page.locator("table")).to_contain_text("1 из 3")
    autumn.refresh_from_db()
    spring.refresh_from_db()
    assert (autumn.status, spring.status) == (ItemStatus.DONE, ItemStatus.PLANNED)

    # The compliance check counts the one meeting held, not the one scheduled.
    page.goto(f"/associations/{association.pk}/")
    expect(page.locator("#compliance-panel")).to_contain_text("заседаний проведено 1 из 4")
