"""Words of the demo's plans, practices and publications, varied by the association's area
and the teacher's profile, so that no two associations share a methodical theme by chance
and the bank holds no two practices of the same title."""

from __future__ import annotations

import random

from . import data as D
from . import tracks as T

# Where a practice is used, by track: «на уроках математики», «в детском саду».
LESSONS = {
    "primary": "в начальной школе",
    "russian": "на уроках русского языка и литературы",
    "math": "на уроках математики",
    "english": "на уроках английского языка",
    "german": "на уроках немецкого языка",
    "history": "на уроках истории и обществознания",
    "physics": "на уроках физики",
    "chemistry": "на уроках химии",
    "biology": "на уроках биологии",
    "geography": "на уроках географии",
    "informatics": "на уроках информатики",
    "pe": "на уроках физической культуры",
    "obzr": "на уроках ОБЗР",
    "music": "на уроках музыки",
    "art": "на уроках изобразительного искусства",
    "labour": "на уроках труда (технологии)",
}
PRESCHOOL = {"educator", "senior_educator", "music_director", "pe_instructor"}
SPECIALISTS = {"psychologist", "speech", "social", "counsellor"}
LESSON_METHODS = (
    "Приёмы смыслового чтения",
    "Технология развития критического мышления",
    "Кейс-метод",
    "Технология «перевёрнутый класс»",
    "Приёмы формирующего оценивания",
    "Проектная задача как форма итоговой работы",
    "Дифференцированные задания для разноуровневой группы",
    "Исследовательские задания",
    "Игровые технологии",
    "Цифровые образовательные ресурсы",
    "Задания в формате PISA",
    "Работа в малых группах",
    "Опорные конспекты и ментальные карты",
    "Учебный проект",
    "Рефлексия",
    "Технология проблемного обучения",
    "Интерактивные рабочие листы",
    "Межпредметные связи",
    "Самостоятельная работа с взаимопроверкой",
    "Практико-ориентированные задачи",
)
GENERAL_METHODS = (
    "Наставничество «педагог — педагог»",
    "Работа с родителями",
    "Сопровождение обучающихся с ОВЗ",
    "Работа с одарёнными детьми",
    "Здоровьесберегающие технологии",
    "Электронное портфолио обучающегося",
    "Квест как форма занятия",
    "Социальное партнёрство с учреждениями культуры",
    "Краеведческий материал",
    "Волонтёрские практики",
    "Тайм-менеджмент педагога",
    "Профилактика эмоционального выгорания",
)
# The setting of a practice that is not a lesson, by kind of track.
SETTING = {
    "preschool": "в детском саду",
    "additional": "в объединении дополнительного образования",
    "specialist": "в работе специалиста сопровождения",
    "service": "в методической работе",
}
PUBLICATION_KINDS = (
    "Методическая разработка",
    "Статья",
    "Конспект занятия",
    "Из опыта работы:",
    "Методические рекомендации",
)

# Methodical themes of a plan: «…» takes the members in the genitive («учителей математики»).
PLAN_THEMES = (
    "Повышение профессиональной компетентности {who} как условие достижения нового "
    "качества образования",
    "Совершенствование методического мастерства {who} в условиях реализации обновлённых ФГОС",
    "Профессиональное развитие {who} через распространение эффективных педагогических практик",
    "Непрерывное профессиональное развитие {who} как ресурс повышения качества образования",
    "Развитие профессиональных компетенций {who} в условиях цифровой трансформации образования",
)
# Topics of the meetings between the first (the plan) and the last (the year's results).
MEETING_TOPICS = (
    "Функциональная грамотность: итоги диагностики обучающихся",
    "Обобщение опыта: {theme}",
    "Анализ результатов мониторинга и всероссийских проверочных работ",
    "Из опыта работы педагогов: {theme}",
    "Об итогах открытых уроков и мастер-классов",
    "Наставничество: первый год молодого педагога",
    "Подготовка обучающихся к муниципальному этапу олимпиады",
    "Об участии педагогов в профессиональных конкурсах",
    "Работа с обучающимися с ОВЗ: опыт и трудности",
    "Цифровые образовательные ресурсы: практика применения",
)
# (form, topic) of the other items; «{theme}» is one of the area's themes.
OTHER_TOPICS = (
    ("seminar", "Семинар «{theme}»"),
    ("seminar", "Семинар «Задания нового формата для оценки функциональной грамотности»"),
    ("master_class", "Мастер-класс «{theme}»"),
    ("master_class", "Мастер-класс «Цифровые инструменты формирующего оценивания»"),
    ("open_lesson", "Открытые уроки (занятия) молодых педагогов"),
    ("open_lesson", "Открытые уроки (занятия) победителей профессиональных конкурсов"),
    ("round_table", "Круглый стол «Наставничество: итоги и перспективы»"),
    ("round_table", "Круглый стол «{theme}: опыт и трудности»"),
    ("remote_seminar", "Вебинар «{theme}»"),
    ("consultation", "Консультации для педагогов, проходящих аттестацию"),
    ("conference", "Педагогические чтения «{theme}»"),
)


def track_of_position(position: str) -> str | None:
    """The demo track of a teacher by his position («…, учитель математики»)."""
    for key, track in T.TRACKS.items():
        if position == track.position or position.endswith(f", {track.position}"):
            return key
    return None


def setting(track: str | None) -> str:
    if track in LESSONS:
        return LESSONS[track]
    if track in PRESCHOOL:
        return SETTING["preschool"]
    if track in SPECIALISTS:
        return SETTING["specialist"]
    if track and track.startswith("service"):
        return SETTING["service"]
    if track and track.startswith("do_"):
        return SETTING["additional"]
    return "в образовательной организации"


def practice_candidates(track: str | None) -> list[str]:
    """Titles of experience units a teacher of the track might have: his track's themes and
    methods in his setting."""
    themes = list(T.TRACKS[track].themes) if track in T.TRACKS else []
    methods = (LESSON_METHODS if track in LESSONS else ()) + GENERAL_METHODS
    where = setting(track)
    return themes + [f"{method} {where}" for method in methods]


def practice_title(rng: random.Random, track: str | None, used: set[str], place: str) -> str:
    """A title no practice of the demo has yet; `place` (the school) tells apart the rare
    practice of a profile whose titles are all taken."""
    free = [t for t in practice_candidates(track) if t not in used]
    if free:
        title = rng.choice(free)
    else:
        base = rng.choice(practice_candidates(track))
        title, n = f"{base} (опыт {place})", 2
        while title in used:
            title, n = f"{base} (опыт {place}, {n})", n + 1
    used.add(title)
    return title


def association_specs(slug: str) -> dict[str, D.AssociationSpec]:
    """The demo's associations of a municipality by name."""
    spec = next((m for m in D.MUNICIPALITIES if m.slug == slug), None)
    return {a.name: a for a in spec.associations} if spec else {}


def who(name: str) -> str:
    """The members of an association in the genitive: «учителей математики»."""
    first, _space, rest = name.partition(" ")
    if first in {"ММО", "МПОП", "РМО", "ШМО"} and rest:
        return rest.split(" МБОУ", 1)[0]
    return "педагогов"


def area_themes(spec: D.AssociationSpec | None) -> list[str]:
    """The self-education themes of the association's profiles, or the general ones."""
    if spec is None or not spec.tracks:
        return list(T.GENERAL_THEMES)
    themes = [theme for key in sorted(spec.tracks) for theme in T.TRACKS[key].themes]
    return themes or list(T.GENERAL_THEMES)


def plan_theme(
    rng: random.Random, name: str, spec: D.AssociationSpec | None, used: set[str]
) -> str:
    """A methodical theme of the association's own, for its members or of its area, which
    no other plan of the municipality's year has (`used`, added to)."""
    theme = ""
    for _attempt in range(12):
        if rng.random() < 0.55:
            theme = rng.choice(PLAN_THEMES).format(who=who(name))
        else:
            theme = rng.choice(area_themes(spec))
        if theme not in used:
            break
    else:
        theme = f"{theme} ({name})"
    used.add(theme)
    return theme


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
