"""Issue 7, end to end: the head builds a satisfaction survey from the template and opens
it, three members answer (two after login, one through a one-time link without login),
the head closes it, and the association's satisfaction indicator shows the result."""

import pytest
from playwright.sync_api import expect

from metodset.associations.tests.factories import MembershipFactory
from metodset.surveys.models import QuestionKind, Response, Survey

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, survey: Survey, overall: str) -> None:
    """Fill in the satisfaction questionnaire: the overall score and the other required ones."""
    for question in survey.questions.all():
        block = page.locator(f"fieldset#q{question.pk}")
        if question.is_overall:
            block.get_by_label(overall, exact=True).check()
        elif question.kind == QuestionKind.SCALE5:
            block.get_by_label("4", exact=True).check()
        elif question.kind == QuestionKind.SINGLE:
            block.get_by_label("да, один раз").check()
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_text("Спасибо! Ваши ответы сохранены.")).to_be_visible()


def test_satisfaction_survey_feeds_the_indicator(
    page, login, browser, live_server, head, association, methodist, django_user_model
):
    from metodset.accounts.models import Role
    from metodset.accounts.tests.factories import UserFactory
    from metodset.people.tests.factories import TeacherFactory

    members = []
    for _ in range(3):
        user = UserFactory(role=Role.TEACHER, municipality=association.municipality)
        teacher = TeacherFactory(user=user, organisation__municipality=association.municipality)
        MembershipFactory(association=association, teacher=teacher)
        members.append(user)

    # The head creates the survey from the shipped questionnaire and opens it.
    login(head)
    page.goto("/surveys/new/")
    page.locator("#id_kind").select_option("satisfaction")
    page.locator("#id_audience").select_option("association")
    page.locator("#id_association").select_option(str(association.pk))
    page.locator("#id_anonymous").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message--success")).to_contain_text("Анкета создана")
    survey = Survey.objects.get(association=association)
    assert survey.questions.count() == 5
    page.get_by_role("link", name="Открыть анкету").first.click()
    page.get_by_role("button", name="Открыть").click()
    expect(page.locator(".message--success")).to_contain_text("Анкета открыта")
    link = page.locator("#public-link").get_attribute("href")
    page.get_by_role("button", name="Выйти").click()

    # Two members answer after logging in (anonymously: their names are not kept).
    for user, overall in zip(members[:2], ("5", "4"), strict=True):
        login(user)
        page.goto(link)
        answer(page, survey, overall)
        page.goto(link)
        expect(page.get_by_text("Вы уже ответили на эту анкету")).to_be_visible()
        page.get_by_role("button", name="Выйти").click()

    # The head issues a one-time link to the third member, who answers without login.
    login(head)
    page.goto(f"/surveys/{survey.pk}/links/")
    page.get_by_role("button", name="Выдать ссылки").click()
    personal = page.locator("a.personal-link")
    expect(personal).to_have_count(1)
    token_url = personal.get_attribute("href")
    outsider = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    outsider.goto(token_url)
    answer(outsider, survey, "2")
    outsider.goto(token_url)
    expect(outsider.get_by_text("уже использована")).to_be_visible()
    assert Response.objects.filter(survey=survey, teacher__isnull=True).count() == 3

    # The head closes the survey.
    page.goto(f"/surveys/{survey.pk}/")
    page.get_by_role("link", name="Закрыть анкету").first.click()
    page.get_by_role("button", name="Закрыть").click()
    expect(page.locator(".message--success")).to_contain_text("Анкета закрыта")
    page.goto(f"/surveys/{survey.pk}/results/")
    expect(page.locator("#response-count")).to_have_text("3")
    page.get_by_role("button", name="Выйти").click()

    # Scores 5, 4 and 2: two of three respondents are satisfied -> 66,7 %.
    login(methodist)
    page.goto("/indicators/?year=2025&sort=satisfaction")
    row = page.locator("tr", has=page.get_by_role("link", name=association.name, exact=True))
    expect(row).to_contain_text("66,7")
    expect(row).to_contain_text("2 / 3")
