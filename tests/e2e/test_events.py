"""Issue 5, end to end: a teacher registers, the head marks attendance, the teacher
downloads the certificate, and its code verifies on the public page."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from metodset.events.models import Participation
from metodset.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_registration_attendance_certificate(
    page, login, browser, live_server, head, association, teacher_user, pdf_support
):
    from metodset.associations.tests.factories import MembershipFactory

    MembershipFactory(association=association, teacher=teacher_user.teacher_profile)
    event = EventFactory(
        municipality=association.municipality,
        association=association,
        title="Семинар «Наставничество в школе»",
        starts_at=dt.datetime(2025, 11, 20, 6, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 11, 21, 12, 0, tzinfo=dt.UTC),
        capacity=20,
    )

    login(teacher_user)
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.locator(".message--success")).to_contain_text("Вы зарегистрированы")
    page.get_by_role("button", name="Выйти").click()

    login(head)
    page.goto(f"/events/{event.pk}/")
    page.get_by_label(teacher_user.teacher_profile.full_name).check()
    page.get_by_role("button", name="Сохранить отметки присутствия").click()
    expect(page.locator(".message--success")).to_contain_text("сохранены")
    page.get_by_role("button", name="Выйти").click()

    login(teacher_user)
    page.goto(f"/events/{event.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Скачать сертификат").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    code = Participation.objects.get(event=event).certificate_code
    assert re.fullmatch(r"[A-Z2-9]{10}", code)

    anonymous = browser.new_context(base_url=live_server.url).new_page()
    anonymous.goto("/events/certificates/verify/")
    anonymous.get_by_label("Код сертификата").fill(code)
    anonymous.get_by_role("button", name="Проверить").click()
    expect(anonymous.get_by_text("Сертификат действителен")).to_be_visible()
    expect(anonymous.get_by_text(teacher_user.teacher_profile.full_name)).to_be_visible()
