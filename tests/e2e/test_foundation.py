"""A methodist and a teacher use the foundation in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from metodset.orgs.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def test_methodist_adds_an_organisation_and_finds_it(page, login, methodist):
    login(methodist)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
    page.get_by_text("Ещё").click()  # the reference pages are under «Ещё»
    page.get_by_role("link", name="Организации").first.click()
    page.get_by_role("link", name="Добавить организацию").first.click()
    page.get_by_label("Вид").select_option("school")
    page.get_by_label("Полное наименование").fill("МБОУ «Гимназия № 11»")
    page.get_by_label("Краткое наименование").fill("Гимназия № 11")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message--success")).to_contain_text("Организация добавлена")
    assert Organisation.objects.filter(
        municipality=methodist.municipality, name="МБОУ «Гимназия № 11»"
    ).exists()

    page.goto("/orgs/")
    page.get_by_role("searchbox").fill("Гимназия")
    expect(page.locator("#results")).to_contain_text("Гимназия № 11")


def test_teacher_cannot_add_an_organisation(page, login, teacher_user):
    login(teacher_user)
    page.goto("/orgs/")
    expect(page.get_by_role("link", name="Добавить организацию")).to_have_count(0)
    response = page.goto("/orgs/new/")
    assert response.status == 403


def test_pages_fit_a_phone_screen(page, login, methodist):
    page.set_viewport_size({"width": 360, "height": 740})
    login(methodist)
    page.goto("/orgs/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_head_adds_a_member_and_a_coordinator_only_reads(
    page, login, head, association, coordinator, municipality
):
    from metodset.people.tests.factories import TeacherFactory

    newcomer = TeacherFactory(organisation__municipality=municipality, last_name="Новикова")
    login(head)
    page.goto(f"/associations/{association.pk}/")
    # The member picker is a search (core.autocomplete), chosen by the keyboard.
    picker = page.get_by_role("combobox", name="Педагог")
    picker.fill("Новик")
    expect(page.get_by_role("option", name=newcomer.full_name)).to_be_visible()
    picker.press("ArrowDown")
    expect(picker).to_have_attribute("aria-activedescendant", "id_teacher_listbox_0")
    picker.press("Enter")
    expect(picker).to_have_value(re.compile("^Новикова Анна Сергеевна"))
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.get_by_label("Дата вступления").fill("2025-11-10")
    page.get_by_role("button", name="Включить в объединение").click()
    expect(page.locator(".message--success")).to_contain_text("Новикова Анна Сергеевна включена")
    expect(page.locator("main")).to_contain_text("Новикова")
    page.get_by_role("button", name="Выйти").click()

    login(coordinator)
    page.goto(f"/associations/{association.pk}/")
    expect(page.locator("main")).to_contain_text("Новикова")
    expect(page.get_by_role("button", name="Включить в объединение")).to_have_count(0)
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)


def test_on_a_phone_the_header_is_one_line_and_the_menu_folds(page, login, methodist):
    """Issue 12: at 360 px the header took 320 px; the menu and the account fold now."""
    page.set_viewport_size({"width": 360, "height": 740})
    login(methodist)
    assert page.locator("header.topbar").bounding_box()["height"] <= 64
    organisations = page.get_by_role("link", name="Организации")
    expect(organisations).to_be_hidden()
    page.get_by_text("Меню", exact=True).click()
    expect(organisations).to_be_visible()
    organisations.click()
    page.wait_for_url("**/orgs/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_text("Меню", exact=True).click()
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url("**/accounts/login/**")


def test_on_a_phone_a_teacher_reaches_the_survey_button(page, login, teacher_user, association):
    from metodset.associations.tests.factories import MembershipFactory
    from metodset.surveys.models import SurveyStatus
    from metodset.surveys.tests.factories import SurveyFactory

    MembershipFactory(association=association, teacher=teacher_user.teacher_profile)
    SurveyFactory(association=association, status=SurveyStatus.OPEN)
    page.set_viewport_size({"width": 360, "height": 740})
    login(teacher_user)
    page.goto("/surveys/")
    button = page.get_by_role("link", name="Заполнить")
    box = button.bounding_box()
    # whole, inside the screen and inside its scrolling table: not clipped
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    wrap = page.locator(".table-wrap").bounding_box()
    assert box["x"] + box["width"] <= wrap["x"] + wrap["width"]
