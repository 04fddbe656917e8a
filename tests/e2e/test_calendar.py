"""The month calendar in a browser: HTMX month switching without a reload, the list on a
phone, copying the subscription address and renewing it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from metodset.calendars.models import CalendarFeed
from metodset.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_months_switch_in_place_and_the_address_is_copied_and_renewed(
    page, login, methodist, association
):
    MeetingFactory(association=association, date=dt.date(2025, 12, 10))
    login(methodist)
    page.goto("/calendar/")
    expect(page.locator("#month-title")).to_have_text("Ноябрь 2025")
    expect(page.locator('td[aria-current="date"] .day__number')).to_have_text("20")
    page.evaluate("window.stillHere = true")

    page.get_by_role("link", name="Декабрь →").click()
    expect(page.locator("#month-title")).to_have_text("Декабрь 2025")
    expect(page).to_have_url(re.compile(r"/calendar/\?month=2025-12$"))
    expect(page.locator(".calendar__grid .entry--meeting")).to_contain_text("Заседание № 1")
    assert page.evaluate("window.stillHere") is True  # swapped by HTMX, not reloaded

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Скопировать").click()
    expect(page.get_by_role("button", name="Скопировано")).to_be_visible()
    old_url = page.get_by_label("Адрес для подписки").input_value()
    assert page.evaluate("navigator.clipboard.readText()") == old_url
    assert page.request.get(old_url).status == 200

    page.get_by_role("link", name="Сменить адрес").click()
    page.get_by_role("button", name="Сменить адрес").click()
    expect(page.locator(".message--success")).to_contain_text("новый адрес")
    new_url = page.get_by_label("Адрес для подписки").input_value()
    assert new_url != old_url
    assert page.request.get(old_url).status == 404
    assert page.request.get(new_url).headers["content-type"] == "text/calendar; charset=utf-8"
    assert CalendarFeed.objects.get(association=None).token in new_url


def test_a_phone_gets_a_list_of_days(page, login, teacher_user, association):
    MeetingFactory(association=association, date=dt.date(2025, 11, 25))
    page.set_viewport_size({"width": 360, "height": 780})
    login(teacher_user)
    page.goto("/calendar/")
    expect(page.locator(".calendar__grid")).to_be_hidden()
    day = page.locator(".calendar__list .calendar__day")
    expect(day).to_have_count(1)
    expect(day.locator("h3")).to_have_text("25 ноября, вторник")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
