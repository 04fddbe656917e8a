"""Issue 16, end to end: a parent asks the methodical service a question on the public
portal without an account, and the methodist answers it; the answer is e-mailed to her."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from metodset.consultations.models import ConsultationRequest, Status

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parent_asks_on_the_portal_and_the_methodist_answers(
    page, login, methodist, municipality, settings
):
    settings.METODSET_CONSULTATION_MIN_SECONDS = 0  # the browser fills the form at once
    page.goto(f"/p/{municipality.slug}/")
    page.get_by_role("link", name="Задать вопрос методической службе").click()
    expect(page.get_by_role("navigation", name="Главное меню")).to_have_count(0)
    page.locator("#id_asker").select_option("parent")
    page.get_by_label("Ваше имя").fill("Анна Родителева")
    page.get_by_label("Электронная почта для ответа").fill("anna@example.org")
    page.locator("#id_topic").fill("Адаптация первоклассника")
    page.locator("#id_question").fill("Сын не хочет ходить в школу. Что делать?")
    page.get_by_role("button", name="Отправить вопрос").click()
    expect(page.locator("main")).to_contain_text("Без вашего согласия")
    assert not ConsultationRequest.objects.exists()  # refused without the consent

    page.get_by_label("Я согласен(на) на обработку").check()
    page.get_by_role("button", name="Отправить вопрос").click()
    expect(page.get_by_role("heading", name="Вопрос отправлен")).to_be_visible()
    request = ConsultationRequest.objects.get()
    assert request.consent_text.purpose == "consultation" and request.asked_by is None

    login(methodist)
    page.goto("/consultations/")
    page.get_by_role("link", name="Адаптация первоклассника").click()
    expect(page.locator("main")).to_contain_text("anna@example.org")
    page.get_by_role("link", name="Ответить").click()
    page.locator("#id_answer").fill("Приходите на консультацию педагога-психолога.")
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.locator(".message--success")).to_contain_text("Ответ отправлен")
    request.refresh_from_db()
    assert request.status == Status.ANSWERED and request.answered_by == methodist
    letters = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert len(letters) == 1
    assert "педагога-психолога" in letters[0].body
