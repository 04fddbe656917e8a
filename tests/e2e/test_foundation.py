"""A methodist and a teacher use the foundation in a real browser."""

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
    page.get_by_label("Педагог").select_option(str(newcomer.pk))
    page.get_by_label("Дата вступления").fill("2025-11-10")
    page.get_by_role("button", name="Включить в объединение").click()
    expect(page.locator(".message--success")).to_contain_text("включён")
    expect(page.locator("main")).to_contain_text("Новикова")
    page.get_by_role("button", name="Выйти").click()

    login(coordinator)
    page.goto(f"/associations/{association.pk}/")
    expect(page.locator("main")).to_contain_text("Новикова")
    expect(page.get_by_role("button", name="Включить в объединение")).to_have_count(0)
    expect(page.get_by_role("link", name="Изменить")).to_have_count(0)
