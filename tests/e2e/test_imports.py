"""A methodist imports a school's own list: an unknown column mapped by hand on the preview."""

import pytest
from playwright.sync_api import expect

from metodset.imports.tests.files import line, xlsx
from metodset.orgs.tests.factories import OrganisationFactory
from metodset.people.models import Teacher

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = [
    ["Список педагогов МБОУ «СОШ № 1»"],
    [],
    line(
        "№ п/п | ФИО | Д.р. | Где работает | Должность | Образование | Пед. стаж | Общий стаж"
        " | Квалификационная категория"
    ),
    line(
        "1 | Иванова Мария Петровна | 15.03.1985 | СОШ № 1 | учитель | высшее | 15 | 17"
        " | ВКК, 20.12.2022"
    ),
]


def test_methodist_maps_an_unknown_column_and_imports(page, login, methodist, tmp_path):
    OrganisationFactory(municipality=methodist.municipality, short_name="СОШ № 1")
    path = tmp_path / "педагоги.xlsx"
    path.write_bytes(xlsx(ROWS))
    login(methodist)
    page.goto("/imports/new/")
    page.get_by_label("Что загружаем").select_option("teachers")
    page.get_by_label("Файл").set_input_files(str(path))
    page.get_by_role("button", name="Загрузить и проверить").click()
    status = page.locator("#import-status")
    expect(status).to_contain_text("Нет обязательных столбцов: Организация.")
    expect(status).to_contain_text("Заголовки столбцов — в строке 3")
    unknown = page.get_by_label("Столбец «Где работает» загружается как")
    expect(unknown).to_have_value("")
    unknown.select_option("organisation")
    page.get_by_role("button", name="Проверить заново с этими столбцами").click()
    expect(status.get_by_role("heading", name="Проверен")).to_be_visible()
    expect(status).to_contain_text("выбрано вручную")
    page.get_by_role("button", name="Загрузить все строки").click()
    expect(page.locator("#import-status")).to_contain_text("Загружен")
    teacher = Teacher.objects.get()
    assert (teacher.last_name, teacher.gender, teacher.category) == ("Иванова", "f", "highest")

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
