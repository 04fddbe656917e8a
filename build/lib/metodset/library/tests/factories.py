from metodset.core.dates import SchoolYear
from metodset.library import services
from metodset.library.models import Material, MaterialKind, Practice, Visibility


def material(user, municipality, *, authors=(), uploads=(), **fields) -> Material:
    values = {
        "kind": MaterialKind.LESSON_PLAN,
        "title": "Урок-исследование «Объединения веществ»",
        "summary": "Конспект урока для методических объединений учителей химии.",
        "school_year": SchoolYear.current().start_year,
        "visibility": Visibility.MUNICIPALITY,
    } | fields
    return services.material_save(
        user=user,
        material=Material(municipality=municipality, **values),
        authors=authors,
        uploads=uploads,
    )


def practice(user, municipality, *, authors, uploads=(), **fields) -> Practice:
    values = {
        "title": "Смысловое чтение на уроках истории",
        "description": "Приёмы смыслового чтения исторических источников в 5–9 классах.",
        "conditions": "Кабинет истории, комплект источников.",
        "results": "Рост доли учащихся, выполняющих задания на анализ источника.",
        "school_year": SchoolYear.current().start_year,
        "visibility": Visibility.PUBLIC,
    } | fields
    return services.practice_submit(
        user=user,
        practice=Practice(municipality=municipality, **values),
        authors=authors,
        uploads=uploads,
    )
