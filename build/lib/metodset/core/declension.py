"""Russian names and positions in the case a sentence needs.

«назначить Иванову Марию Петровну, учителя математики, руководителем …»: the object of
an order is in the accusative, the addressee of a task in the dative. Names go through
petrovich (rules of the Petrovich project, MIT); a missing gender is guessed from the
patronymic, and without one the rules themselves decide from the endings.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from petrovich import Case as _Case
from petrovich import Gender as _Gender
from petrovich import Petrovich


class Case(StrEnum):
    NOMINATIVE = "nom"
    GENITIVE = "gen"
    DATIVE = "dat"
    ACCUSATIVE = "acc"
    INSTRUMENTAL = "ins"
    PREPOSITIONAL = "pre"


_CASES = {
    Case.NOMINATIVE: _Case.NOMINATIVE,
    Case.GENITIVE: _Case.GENITIVE,
    Case.DATIVE: _Case.DATIVE,
    Case.ACCUSATIVE: _Case.ACCUSATIVE,
    Case.INSTRUMENTAL: _Case.INSTRUMENTAL,
    Case.PREPOSITIONAL: _Case.PREPOSITIONAL,
}


@cache
def _engine() -> Petrovich:
    return Petrovich()  # reads its rules file once per process


def gender_of(person) -> str | None:
    """«f», «m» or None: the stored gender, else what the patronymic tells."""
    if person.gender in ("f", "m"):
        return person.gender
    patronymic = (person.patronymic or "").lower().strip()
    if patronymic.endswith(("вна", "чна", "шна", "кызы", "гызы")):
        return "f"
    if patronymic.endswith(("вич", "ич", "оглы", "улы")):
        return "m"
    return None


def decline(person, case: Case | str) -> str:
    """The full name «Фамилия Имя Отчество» of `person` in `case`."""
    case = Case(case)
    if person is None:
        return ""
    parts = (person.last_name, person.first_name, person.patronymic)
    if case == Case.NOMINATIVE:
        return " ".join(p for p in parts if p)
    gender = {"f": _Gender.FEMALE, "m": _Gender.MALE}.get(gender_of(person) or "")
    engine, target = _engine(), _CASES[case]
    declined = []
    for inflect, value in zip(
        (engine.lastname, engine.firstname, engine.middlename), parts, strict=True
    ):
        if value and value.strip():
            declined.append(inflect(value.strip(), target, gender))
    return " ".join(declined)


def short_name(person, case: Case | str = Case.NOMINATIVE) -> str:
    """«Куликов А.О.» in `case`: «о назначении руководителя Куликова А.О.», «выдан
    Горшковой Ю.В.». Only the surname declines; the initials stay."""
    if person is None:
        return ""
    case = Case(case)
    last_name = (person.last_name or "").strip()
    if last_name and case != Case.NOMINATIVE:
        gender = {"f": _Gender.FEMALE, "m": _Gender.MALE}.get(gender_of(person) or "")
        last_name = _engine().lastname(last_name, _CASES[case], gender)
    initials = "".join(f"{p.strip()[0]}." for p in (person.first_name, person.patronymic) if p)
    return f"{last_name} {initials}".strip()


def initials_surname(person) -> str:
    """«М.П. Иванова»: the signature transcript of ГОСТ Р 7.0.97-2016, item 5.25."""
    if person is None:
        return ""
    initials = "".join(f"{p.strip()[0]}." for p in (person.first_name, person.patronymic) if p)
    return f"{initials}\u00a0{person.last_name}" if initials else person.last_name


# The head words of the usual positions, by case: enough for «учителя математики»,
# «заместителя директора по УВР», «старшего воспитателя». A position starting with
# another word is left as it is and introduced by «по должности», which needs no case.
_WORDS = {
    "учитель": {"gen": "учителя", "acc": "учителя", "dat": "учителю", "ins": "учителем"},
    "учитель-логопед": {
        "gen": "учителя-логопеда",
        "acc": "учителя-логопеда",
        "dat": "учителю-логопеду",
        "ins": "учителем-логопедом",
    },
    "учитель-дефектолог": {
        "gen": "учителя-дефектолога",
        "acc": "учителя-дефектолога",
        "dat": "учителю-дефектологу",
        "ins": "учителем-дефектологом",
    },
    "педагог": {"gen": "педагога", "acc": "педагога", "dat": "педагогу", "ins": "педагогом"},
    "педагог-организатор": {
        "gen": "педагога-организатора",
        "acc": "педагога-организатора",
        "dat": "педагогу-организатору",
        "ins": "педагогом-организатором",
    },
    "педагог-психолог": {
        "gen": "педагога-психолога",
        "acc": "педагога-психолога",
        "dat": "педагогу-психологу",
        "ins": "педагогом-психологом",
    },
    "методист": {"gen": "методиста", "acc": "методиста", "dat": "методисту", "ins": "методистом"},
    "воспитатель": {
        "gen": "воспитателя",
        "acc": "воспитателя",
        "dat": "воспитателю",
        "ins": "воспитателем",
    },
    "директор": {"gen": "директора", "acc": "директора", "dat": "директору", "ins": "директором"},
    "заведующий": {
        "gen": "заведующего",
        "acc": "заведующего",
        "dat": "заведующему",
        "ins": "заведующим",
    },
    "заместитель": {
        "gen": "заместителя",
        "acc": "заместителя",
        "dat": "заместителю",
        "ins": "заместителем",
    },
    "преподаватель": {
        "gen": "преподавателя",
        "acc": "преподавателя",
        "dat": "преподавателю",
        "ins": "преподавателем",
    },
    "социальный": {"gen": "социального", "acc": "социального", "dat": "социальному"},
    "старший": {"gen": "старшего", "acc": "старшего", "dat": "старшему", "ins": "старшим"},
    "музыкальный": {"gen": "музыкального", "acc": "музыкального", "dat": "музыкальному"},
    "руководитель": {
        "gen": "руководителя",
        "acc": "руководителя",
        "dat": "руководителю",
        "ins": "руководителем",
    },
    "тьютор": {"gen": "тьютора", "acc": "тьютора", "dat": "тьютору", "ins": "тьютором"},
    "инструктор": {
        "gen": "инструктора",
        "acc": "инструктора",
        "dat": "инструктору",
        "ins": "инструктором",
    },
    "советник": {"gen": "советника", "acc": "советника", "dat": "советнику", "ins": "советником"},
}
_ADJECTIVES = {"социальный", "старший", "музыкальный"}
_WORD = re.compile(r"\S+")


def decline_position(position: str, case: Case | str) -> str:
    """«учитель математики» → «учителя математики»; '' when the head word is unknown."""
    case = Case(case)
    position = (position or "").strip()
    if case == Case.NOMINATIVE or not position:
        return position
    words = _WORD.findall(position)
    out = list(words)
    for index, word in enumerate(words):
        forms = _WORDS.get(word.lower())
        if not forms or case.value not in forms:
            return ""
        form = forms[case.value]
        out[index] = form.capitalize() if word[0].isupper() else form
        if word.lower() not in _ADJECTIVES:
            return " ".join(out)  # the words after the head noun keep their case
    return ""
