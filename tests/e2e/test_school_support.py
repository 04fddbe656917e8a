"""The support of a school in Chromium (issue #17): the methodist imports the results, the
risk list names the school with its reason, a support plan with a visit and an observed
lesson is recorded, and the observation form is printed as DOCX with the municipality's
criteria."""

import pytest
from docx import Document
from playwright.sync_api import expect

from metodset.imports.tests.files import xlsx
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.tests.factories import TeacherFactory
from metodset.schools.models import Observation, SupportPlan, Visit
from metodset.schools.tests.factories import (
    ObservationCriterionFactory,
    RiskCriterionFactory,
    subject,
)

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = [
    "ОО",
    "Предмет",
    "Класс",
    "Учебный год",
    "Процедура",
    "Средний балл",
    "Доля «2»",
    "Доля «5»",
    "Количество участников",
]
ROWS = [
    HEADER,
    ["СОШ № 7", "Математика", "5", "2024/2025", "ВПР", "3,1", "24,5", "8", "52"],
    ["СОШ № 8", "Математика", "5", "2024/2025", "ВПР", "3,9", "4", "30", "61"],
]
CRITERIA = ["Цель урока сформулирована и достигнута", "Обратная связь и оценивание"]


def test_methodist_imports_results_and_supports_a_school_on_the_risk_list(
    page, login, methodist, tmp_path
):
    municipality = methodist.municipality
    subject("Математика")
    school = OrganisationFactory(
        municipality=municipality, name="МБОУ «СОШ № 7»", short_name="СОШ № 7"
    )
    OrganisationFactory(municipality=municipality, name="МБОУ «СОШ № 8»", short_name="СОШ № 8")
    RiskCriterionFactory(municipality=municipality, name="Доля «2» выше 15 %")
    for position, name in enumerate(CRITERIA, start=1):
        ObservationCriterionFactory(
            municipality=municipality, name=name, position=position, max_score=2
        )
    teacher = TeacherFactory(organisation=school, last_name="Кузнецова", first_name="Ольга")
    path = tmp_path / "результаты ВПР.xlsx"
    path.write_bytes(xlsx(ROWS))
    login(methodist)

    # The results come in through the imports page: checked, then written all at once.
    page.goto("/imports/new/")
    page.get_by_label("Что загружаем").select_option("results")
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Загрузить и проверить").click()
    status = page.locator("#import-status")
    expect(status.get_by_role("heading", name="Проверен")).to_be_visible()
    page.get_by_role("button", name="Загрузить все строки").click()
    expect(page.locator("#import-status")).to_contain_text("Загружен")

    # The risk list names the school with its reason, and not the other one.
    page.goto("/schools/risk/")
    table = page.get_by_role("table")
    expect(table).to_contain_text("СОШ № 7")
    row = table.get_by_role("row").filter(has_text="СОШ № 7")
    expect(row).to_contain_text("Доля «2» выше 15 %")
    expect(table).not_to_contain_text("СОШ № 8")

    # A support plan opened from the list.
    row.get_by_role("link", name="Открыть план сопровождения").click()
    expect(page.locator("#id_goal")).to_be_visible()
    page.locator("#id_goal").fill("Снизить долю «2» по математике")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("link", name="Записать посещение")).to_be_visible()
    plan = SupportPlan.objects.get()
    assert (plan.organisation, plan.school_year) == (school, 2025)

    # A visit to the school.
    page.get_by_role("link", name="Записать посещение").click()
    expect(page.locator("#id_purpose")).to_be_visible()
    page.locator("#id_date").fill("2025-11-14")
    page.locator("#id_visitor").select_option(str(methodist.pk))
    page.locator("#id_purpose").fill("Посещение уроков математики")
    page.get_by_role("button", name="Сохранить").click()
    # The visit's own page follows, with its observations to add.
    expect(page.get_by_role("heading", name="Посещение: СОШ № 7, 14.11.2025")).to_be_visible()
    visit = Visit.objects.get()
    assert visit.plan == plan

    # An observed lesson with a score for each line of the municipality's form.
    expect(page.get_by_role("heading", name="Наблюдения уроков")).to_be_visible()
    page.get_by_role("link", name="Добавить").click()
    expect(page.locator("#id_topic")).to_be_visible()
    page.locator("#id_teacher").select_option(str(teacher.pk))
    page.locator("#id_topic").fill("Сложение дробей")
    page.locator("#id_recommendations").fill("Планировать этап рефлексии.")
    for criterion in municipality_criteria(municipality):
        page.locator(f"#id_score_{criterion.pk}").fill("2")
    page.get_by_role("button", name="Сохранить").click()
    print_link = page.get_by_role("link", name="Печать листа наблюдения (DOCX)")
    expect(print_link).to_be_visible()
    observation = Observation.objects.get()
    assert observation.scores.count() == len(CRITERIA)

    # The form printed: a DOCX that opens and holds the criteria, the teacher and the topic.
    with page.expect_download() as info:
        print_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(str(download.path()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for name in CRITERIA:
        assert name in text
    assert "Сложение дробей" in text and "Кузнецова" in text


def municipality_criteria(municipality):
    from metodset.schools.models import ObservationCriterion

    return ObservationCriterion.objects.filter(municipality=municipality).order_by("position")
