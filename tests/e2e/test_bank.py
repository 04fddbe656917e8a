"""Issue 15, end to end: a teacher submits a practice with a file; the methodist appoints two
experts; one returns it with comments; the teacher fixes it; both accept; the methodist
accepts it for dissemination and publishes it; it appears on the public portal and in the
dissemination indicator (checked before and after). Then axe-core checks the portal pages
the bank adds, at 1366 and 360 px."""

import pytest
from playwright.sync_api import expect

from metodset.accounts.models import Role
from metodset.accounts.tests.factories import UserFactory
from metodset.associations.tests.factories import MembershipFactory
from metodset.core.dates import SchoolYear
from metodset.indicators.compute import for_associations
from metodset.library.models import Practice, PracticeStatus
from metodset.people.tests.factories import TeacherFactory
from metodset.portal.tests.factories import PassportFactory
from tests.e2e.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Смысловое чтение на уроках истории"


def _dissemination(association) -> float | None:
    year = SchoolYear.current()
    return for_associations([association.pk], year)[association.pk]["dissemination_units"].value


def _as(page, login, user):
    page.context.clear_cookies()
    return login(user)


def _review(page, verdict: str, opinion: str) -> None:
    page.get_by_role("link", name="Написать рецензию").click()
    # Wait for the review form itself: reading the radios before it has loaded reads the
    # practice page, finds none and sends the form without scores.
    expect(page.locator('textarea[name="opinion"]')).to_be_visible()
    names = page.eval_on_selector_all(
        'input[type=radio][name^="score_"]', "els => [...new Set(els.map(e => e.name))]"
    )
    assert names, "the review form shows no score criteria"
    for name in names:
        page.locator(f'input[name="{name}"]').last.check()
    page.locator(f'input[name="verdict"][value="{verdict}"]').check()
    page.locator('textarea[name="opinion"]').fill(opinion)
    page.get_by_role("button", name="Отправить рецензию").click()
    expect(page.locator(".message--success")).to_contain_text("Рецензия отправлена")


def test_a_practice_goes_from_submission_to_the_portal(
    page, login, methodist, association, municipality, tmp_path, browser, live_server
):
    author = UserFactory(role=Role.TEACHER, municipality=municipality)
    teacher = TeacherFactory(user=author, organisation__municipality=municipality)
    MembershipFactory(association=association, teacher=teacher)
    experts = [UserFactory(role=Role.TEACHER, municipality=municipality) for _ in range(2)]
    PassportFactory(association=association)
    before = _dissemination(association)
    assert not before

    # The teacher submits the practice with a file.
    attachment = tmp_path / "опыт.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    _as(page, login, author)
    page.goto("/library/practices/new/")
    page.get_by_label("Название").fill(TITLE)
    page.get_by_label("Описание опыта").fill("Приёмы смыслового чтения источников в 5–9 классах.")
    page.get_by_label("Результаты").fill("Доля учащихся, анализирующих источник, выросла.")
    # The author is among the authors already (the picker shows him chosen).
    expect(page.locator(f'input[name="authors"][value="{teacher.pk}"]')).to_be_checked()
    page.locator('select[name="association"]').select_option(str(association.pk))
    page.get_by_label("Кому доступно").select_option("public")
    page.locator('input[name="files"]').set_input_files(str(attachment))
    page.get_by_role("button", name="Подать на экспертизу").click()
    expect(page.locator(".message--success")).to_be_visible()
    practice = Practice.objects.get(title=TITLE)
    assert practice.status == PracticeStatus.SUBMITTED
    assert practice.files.count() == 1
    # He cannot appoint experts nor accept his own practice.
    expect(page.get_by_role("link", name="Назначить экспертов")).to_have_count(0)
    expect(page.get_by_role("link", name="Принять к распространению")).to_have_count(0)

    # The methodist appoints two experts.
    _as(page, login, methodist)
    page.goto(f"/library/practices/{practice.pk}/")
    page.get_by_role("link", name="Назначить экспертов").click()
    for expert in experts:
        page.locator(f'input[name="experts"][value="{expert.pk}"]').check()
    page.get_by_role("button", name="Назначить").click()
    expect(page.locator(".message--success")).to_contain_text("Эксперты назначены")

    # The first expert returns it with comments.
    _as(page, login, experts[0])
    page.goto(f"/library/practices/{practice.pk}/")
    _review(page, "return", "Добавьте количественные результаты.")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.RETURNED

    # The teacher fixes it and submits it again.
    _as(page, login, author)
    page.goto(f"/library/practices/{practice.pk}/")
    expect(page.locator("main")).to_contain_text("Добавьте количественные результаты.")
    page.get_by_role("link", name="Доработать и подать снова").click()
    page.locator('textarea[name="results"]').fill("Доля учащихся: с 40 до 65 %.")
    page.get_by_role("button", name="Подать снова").click()
    expect(page.locator(".message--success")).to_be_visible()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.UNDER_REVIEW

    # Both experts accept.
    for expert in experts:
        _as(page, login, expert)
        page.goto(f"/library/practices/{practice.pk}/")
        _review(page, "accept", "Опыт актуален, результаты подтверждены.")
    assert not _dissemination(association)

    # The methodist accepts it for dissemination and publishes it at once.
    _as(page, login, methodist)
    page.goto(f"/library/practices/{practice.pk}/")
    page.get_by_role("link", name="Принять к распространению").click()
    page.locator('select[name="level"]').select_option("municipal")
    page.locator('input[name="publish"]').check()
    page.get_by_role("button", name="Принять").click()
    expect(page.locator(".message--success")).to_be_visible()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert _dissemination(association) == 1

    # A visitor without an account finds it on the portal: the bank and the passport.
    page.context.clear_cookies()
    page.goto(f"/p/{municipality.slug}/bank/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.goto(f"/p/{municipality.slug}/associations/{association.pk}/")
    expect(page.locator("main")).to_contain_text(TITLE)

    # axe-core on the portal pages, wide and narrow.
    pages = [
        "/p/",
        f"/p/{municipality.slug}/",
        f"/p/{municipality.slug}/bank/",
        f"/p/{municipality.slug}/bank/practices/{practice.pk}/",
        f"/p/{municipality.slug}/associations/{association.pk}/",
        f"/p/{municipality.slug}/results/",
    ]
    for width, height in ((1366, 900), (360, 740)):
        # axe is injected as a script, which the pages' CSP refuses: bypassed for the check.
        context = browser.new_context(
            base_url=live_server.url,
            locale="ru-RU",
            viewport={"width": width, "height": height},
            bypass_csp=True,
        )
        checker = context.new_page()
        for url in pages:
            checker.goto(url)
            assert violations(checker) == [], f"{url} at {width} px"
            wide = checker.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= width, f"{url} is {wide} px wide at {width} px"
        context.close()
