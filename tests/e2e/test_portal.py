"""Issue 4, end to end: the head publishes the passport from the association page, and a
visitor without an account finds it from the login page."""

import pytest
from playwright.sync_api import expect

from metodset.associations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_head_publishes_and_the_public_finds_the_passport(
    page, login, head, association, municipality
):
    MembershipFactory(association=association, teacher__last_name="Участникова")
    login(head)
    page.goto(f"/associations/{association.pk}/")
    panel = page.locator("#passport-panel")
    expect(panel).to_contain_text("не опубликован")
    panel.get_by_role("link", name="Опубликовать паспорт").click()
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.locator(".message--success")).to_contain_text("Паспорт опубликован")
    expect(panel).to_contain_text("опубликован с ")
    page.get_by_role("button", name="Выйти").click()

    page.goto("/accounts/login/")
    page.get_by_role("link", name="портале методической службы, без входа").click()
    page.get_by_role("link", name=municipality.name).click()
    expect(page.get_by_role("navigation", name="Главное меню")).to_have_count(0)
    page.get_by_role("link", name=association.name).click()
    expect(page.get_by_role("heading", name="Паспорт объединения")).to_be_visible()
    expect(page.locator("main")).to_contain_text(head.teacher_profile.full_name)
    expect(page.locator("main")).not_to_contain_text("Участникова")
