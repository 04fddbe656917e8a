"""What each import expects: Russian column headers, parsers and the matching key.

A parser turns a cell's text into a value or raises ValidationError with a
Russian reason; an empty optional cell gives the field's empty value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.orgs.models import OrganisationKind
from metodset.people.models import Category, EducationLevel, Gender


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool = False
    parse: Callable[[str], object] = str
    example: str = ""
    aliases: tuple[str, ...] = ()  # other headers people write for the same column


def parse_date(text: str) -> dt.date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("«%(value)s» is not a date (ДД.ММ.ГГГГ).") % {"value": text})


def parse_int(text: str) -> int:
    try:
        value = int(text.replace(" ", "").replace("\xa0", ""))
    except ValueError:
        raise ValidationError(_("«%(value)s» is not a whole number.") % {"value": text}) from None
    if value < 0:
        raise ValidationError(_("The number cannot be negative."))
    return value


def parse_yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered in {"да", "1", "yes", "+", "true"}:
        return True
    if lowered in {"нет", "0", "no", "-", "false"}:
        return False
    raise ValidationError(_("Write «да» or «нет», not «%(value)s».") % {"value": text})


def choice(aliases: dict[str, str]) -> Callable[[str], str]:
    """A parser for a choice field, accepting the Russian labels and short forms."""

    def parse(text: str) -> str:
        key = text.lower().replace("ё", "е").strip(" .")
        if key in aliases:
            return aliases[key]
        allowed = ", ".join(sorted({a for a in aliases if len(a) > 2}))
        raise ValidationError(
            _("«%(value)s» is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
        )

    return parse


def _labels(choices, extra: dict[str, str]) -> dict[str, str]:
    from django.utils import translation

    with translation.override("ru"):
        found = {str(label).lower().replace("ё", "е"): value for value, label in choices}
    return found | extra


GENDERS = {
    "ж": Gender.FEMALE,
    "жен": Gender.FEMALE,
    "женский": Gender.FEMALE,
    "м": Gender.MALE,
    "муж": Gender.MALE,
    "мужской": Gender.MALE,
}


def _gender(text: str) -> str:
    return choice(GENDERS)(text)


SECONDARY_PEDAGOGICAL = EducationLevel.SECONDARY_VOCATIONAL_PEDAGOGICAL


def _education(text: str) -> str:
    return choice(
        _labels(
            EducationLevel.choices,
            {
                "высшее": EducationLevel.HIGHER,
                "высшее педагогическое": EducationLevel.HIGHER_PEDAGOGICAL,
                "среднее профессиональное": EducationLevel.SECONDARY_VOCATIONAL,
                "среднее специальное": EducationLevel.SECONDARY_VOCATIONAL,
                "среднее профессиональное педагогическое": SECONDARY_PEDAGOGICAL,
                "среднее специальное педагогическое": SECONDARY_PEDAGOGICAL,
            },
        )
    )(text)


def _category(text: str) -> str:
    return choice(
        _labels(
            Category.choices,
            {
                "высшая": Category.HIGHEST,
                "первая": Category.FIRST,
                "сзд": Category.CONFORMITY,
                "соответствие": Category.CONFORMITY,
                "соответствие занимаемой должности": Category.CONFORMITY,
                "без категории": Category.NONE,
                "нет": Category.NONE,
            },
        )
    )(text)


def _org_kind(text: str) -> str:
    return choice(
        _labels(
            OrganisationKind.choices,
            {
                "школа": OrganisationKind.SCHOOL,
                "оо": OrganisationKind.SCHOOL,
                "доу": OrganisationKind.KINDERGARTEN,
                "детский сад": OrganisationKind.KINDERGARTEN,
                "удо": OrganisationKind.ADDITIONAL,
                "дополнительное образование": OrganisationKind.ADDITIONAL,
                "орган управления образованием": OrganisationKind.AUTHORITY,
                "методическая служба": OrganisationKind.METHODICAL_SERVICE,
                "другое": OrganisationKind.OTHER,
            },
        )
    )(text)


TEACHER_COLUMNS = [
    Column("last_name", gettext_lazy("Last name"), True, example="Иванова"),
    Column("first_name", gettext_lazy("First name"), True, example="Мария"),
    Column("patronymic", gettext_lazy("Patronymic"), example="Петровна"),
    Column("gender", gettext_lazy("Gender (ж/м)"), True, _gender, "ж"),
    Column("birth_date", gettext_lazy("Date of birth"), True, parse_date, "15.03.1985"),
    Column("email", gettext_lazy("E-mail"), example="ivanova@school1.ru"),
    Column("phone", gettext_lazy("Phone"), example="+7 900 000-00-00"),
    Column("organisation", gettext_lazy("Organisation"), True, example="СОШ № 1"),
    Column("position", gettext_lazy("Position"), True, example="учитель математики"),
    Column("education_level", gettext_lazy("Education"), True, _education, "высшее педагогическое"),
    Column("education_institution", gettext_lazy("Educational institution"), example="АлтГПУ"),
    Column("graduation_year", gettext_lazy("Graduation year"), parse=parse_int, example="2007"),
    Column("specialty", gettext_lazy("Specialty by diploma"), example="учитель математики"),
    Column(
        "subjects", gettext_lazy("Subjects (comma-separated)"), example="математика, информатика"
    ),
    Column(
        "teaching_since", gettext_lazy("Teaching experience since"), True, parse_date, "01.09.2007"
    ),
    Column("working_since", gettext_lazy("Total experience since"), True, parse_date, "01.09.2006"),
    Column("category", gettext_lazy("Category"), parse=_category, example="первая"),
    Column(
        "category_assigned_on",
        gettext_lazy("Category assigned on"),
        parse=parse_date,
        example="20.12.2022",
    ),
    Column(
        "awards", gettext_lazy("Awards"), example="Почётная грамота Министерства просвещения РФ"
    ),
    Column("honorary_titles", gettext_lazy("Honorary titles")),
]

ORGANISATION_COLUMNS = [
    Column(
        "name",
        gettext_lazy("Full name of the organisation"),
        True,
        example="МБОУ «Средняя общеобразовательная школа № 1»",
        aliases=("наименование", "название", "полное название"),
    ),
    Column("short_name", gettext_lazy("Short name"), example="СОШ № 1"),
    Column("kind", gettext_lazy("Kind"), True, _org_kind, "школа", ("тип", "тип организации")),
    Column("address", gettext_lazy("Address"), example="ул. Ленина, 1"),
    Column("phone", gettext_lazy("Phone")),
    Column("email", gettext_lazy("E-mail")),
    Column("website", gettext_lazy("Website")),
    Column("director", gettext_lazy("Director")),
    Column("is_venue", gettext_lazy("Venue (да/нет)"), parse=parse_yes_no, example="нет"),
    Column("venue_capacity", gettext_lazy("Venue capacity"), parse=parse_int),
]
