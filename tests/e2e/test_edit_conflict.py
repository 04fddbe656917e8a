"""Issue 18, end to end: two browsers edit the same agenda question; the second to save
gets the conflict message with the first one's text and loses nothing he typed."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from metodset.meetings import services
from metodset.meetings.models import AgendaItem

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_edit_one_question(browser, live_server, page, login, head, association):
    meeting = services.meeting_schedule(
        user=head, association=association, date=dt.date(2025, 10, 15), agenda=["О плане работы"]
    )
    question = meeting.agenda.get()
    first = login(head)
    second_context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    second = second_context.new_page()
    second.set_default_timeout(10_000)
    from metodset.accounts.tests.factories import PASSWORD

    second.goto("/accounts/login/")
    second.get_by_label("Электронная почта").fill(head.email)
    second.get_by_label("Пароль").fill(PASSWORD)
    second.get_by_role("button", name="Войти").click()
    second.wait_for_url("**/")

    # Both open the question's form in place.
    forms = []
    for browser_page in (first, second):
        browser_page.goto(meeting.get_absolute_url())
        card = browser_page.locator(f"#question-{question.pk}")
        card.get_by_role("link", name="Изменить").click()
        expect(card.get_by_label("Решили")).to_be_visible()
        forms.append(card)

    forms[0].get_by_label("Решили").fill("Принять план работы.")
    forms[0].get_by_role("button", name="Сохранить").click()
    expect(first.locator(f"#question-{question.pk}")).to_contain_text("Принять план работы.")

    forms[1].get_by_label("Решили").fill("Отложить до следующего заседания.")
    forms[1].get_by_role("button", name="Сохранить").click()
    alert = second.locator(f"#question-{question.pk} .errorbox")
    expect(alert).to_contain_text("сохранил другой пользователь")
    expect(alert).to_contain_text("«Принять план работы.»")
    card = second.locator(f"#question-{question.pk}")
    expect(card.get_by_label("Решили")).to_have_value("Отложить до следующего заседания.")
    assert AgendaItem.objects.get(pk=question.pk).decision == "Принять план работы."

    # Having seen the other text, he saves his own deliberately.
    card.get_by_role("button", name="Сохранить").click()
    expect(card.get_by_label("Решили")).to_have_count(0)  # saved: the form closed
    expect(card).to_contain_text("Отложить до следующего заседания.")
    assert AgendaItem.objects.get(pk=question.pk).decision == "Отложить до следующего заседания."
    second_context.close()
