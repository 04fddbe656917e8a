"""What each import expects: Russian column headers, parsers and the matching key.

A parser turns a cell's text into a value or raises ValidationError with a
Russian reason; an empty optional cell gives the field's empty value. A parser
may return a dict of several fields: a full name gives the last name, the first
name and the patronymic; a category with a date («высшая, 20.12.2022») gives
the date too, unless the file has a column for it. The headers schools write
instead of the template's are in synonyms.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.core.dates import SchoolYear
from metodset.imports.names import split_full_name
from metodset.orgs.models import OrganisationKind
from metodset.people.models import Category, EducationLevel, Gender


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool = False
    parse: Callable[[str], object] = str
    example: str = ""
    # A column that stands for several fields (a full name: last name, first name, patronymic);
    # it is not in the template, which has a column for each of them.
    provides: tuple[str, ...] = ()

    @property
    def in_template(self) -> bool:
        return not self.provides


_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](\d{4}|\d{2})(?!\d)")


def parse_date(text: str) -> dt.date:
    cleaned = re.sub(r"\s*г(ода?)?\.?$", "", text.strip())  # «15.03.1985 г.»
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("«%(value)s» is not a date (ДД.ММ.ГГГГ).") % {"value": text})


_YEARS = re.compile(
    r"(?P<years>\d{1,2})\s*(л|лет|г|год|года)?\.?,?\s*((?P<months>\d{1,2})\s*(м|мес|месяц\w*)\.?)?"
)


def parse_since(text: str) -> dt.date:
    """The date experience counts from: a date, or a number of years («15», «12 лет 3 мес.»).

    Years are counted back from 1 September of the current school year, as
    schools count experience, so a file checked twice in a school year gives
    the same date.
    """
    try:
        return parse_date(text)
    except ValidationError:
        match = _YEARS.fullmatch(text.strip().lower())
        if match is None or int(match["years"]) > 70:
            raise ValidationError(
                _("«%(value)s» is neither a date (ДД.ММ.ГГГГ) nor a number of years.")
                % {"value": text}
            ) from None
    months = int(match["years"]) * 12 + int(match["months"] or 0)
    counted = SchoolYear.current().start_year * 12 + 8 - months  # 8: September, from zero
    return dt.date(counted // 12, counted % 12 + 1, 1)


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
        key = " ".join(text.lower().replace("ё", "е").split()).strip(" .")
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


@cache
def _education_parser() -> Callable[[str], str]:
    return choice(
        _labels(
            EducationLevel.choices,
            {
                "высшее": EducationLevel.HIGHER,
                "высшее профессиональное": EducationLevel.HIGHER,
                "впо": EducationLevel.HIGHER,
                "высшее педагогическое": EducationLevel.HIGHER_PEDAGOGICAL,
                "высшее профессиональное педагогическое": EducationLevel.HIGHER_PEDAGOGICAL,
                "среднее профессиональное": EducationLevel.SECONDARY_VOCATIONAL,
                "среднее специальное": EducationLevel.SECONDARY_VOCATIONAL,
                "спо": EducationLevel.SECONDARY_VOCATIONAL,
                "среднее профессиональное педагогическое": SECONDARY_PEDAGOGICAL,
                "среднее специальное педагогическое": SECONDARY_PEDAGOGICAL,
            },
        )
    )


def _education(text: str) -> str:
    return _education_parser()(text)


# Words around a category that say nothing about which one it is.
_CATEGORY_FILLER = {
    "квалификационная",
    "квалификационной",
    "квалиф",
    "квал",
    "кв",
    "категория",
    "категории",
    "кат",
    "кк",
    "к",
}
CATEGORY_SPELLINGS = {
    Category.HIGHEST: {"высшая", "высш", "в", "вкк", "вк"},
    Category.FIRST: {"первая", "перв", "1", "i", "пкк", "1кк"},
    Category.CONFORMITY: {"сзд", "соотв", "соответствие"},
    Category.NONE: {"", "без", "б", "бк", "нет", "не имеет", "отсутствует", "не аттестован"},
}


def parse_category(text: str) -> str | dict:
    """«высшая», «Высшая кв. категория», «ВКК», «1 категория», «1КК», «СЗД», «б/к»…

    A date in the cell («первая, 15.12.2021», «высшая (приказ от 20.12.2022)»)
    is the date the category was assigned.
    """
    lowered = text.lower().replace("ё", "е")
    date = _DATE.search(lowered)
    core = re.sub(r"\([^)]*\)", " ", _DATE.sub(" ", lowered))
    words = [w for w in re.findall(r"\d+|[a-zа-я]+", core) if w not in _CATEGORY_FILLER]
    key = " ".join(words)
    found = next((c for c, spellings in CATEGORY_SPELLINGS.items() if key in spellings), None)
    if found is None and words and words[0].startswith("соответств"):
        found = Category.CONFORMITY  # «соответствие занимаемой должности», «соответствует …»
    if found is None and words and words[0].startswith("высш"):
        found = Category.HIGHEST
    if found is None and words and words[0].startswith("перв"):
        found = Category.FIRST
    if found is None:
        raise ValidationError(
            _(
                "«%(value)s» is not a category: write «высшая», «первая», «соответствие "
                "занимаемой должности» (СЗД) or «без категории»."
            )
            % {"value": text}
        )
    if date is None or found == Category.NONE:
        return found
    return {"category": found, "category_assigned_on": parse_date(date.group(0))}


@cache
def _org_kind_parser() -> Callable[[str], str]:
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
    )


def _org_kind(text: str) -> str:
    return _org_kind_parser()(text)


TEACHER_COLUMNS = [
    Column(
        "full_name",
        gettext_lazy("Full name (last name, first name, patronymic)"),
        parse=split_full_name,
        provides=("last_name", "first_name", "patronymic"),
    ),
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
        "teaching_since", gettext_lazy("Teaching experience since"), True, parse_since, "01.09.2007"
    ),
    Column(
        "working_since", gettext_lazy("Total experience since"), True, parse_since, "01.09.2006"
    ),
    Column("category", gettext_lazy("Category"), parse=parse_category, example="первая"),
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
    ),
    Column("short_name", gettext_lazy("Short name"), example="СОШ № 1"),
    Column("kind", gettext_lazy("Kind"), True, _org_kind, "школа"),
    Column("address", gettext_lazy("Address"), example="ул. Ленина, 1"),
    Column("phone", gettext_lazy("Phone")),
    Column("email", gettext_lazy("E-mail")),
    Column("website", gettext_lazy("Website")),
    Column("director", gettext_lazy("Director")),
    Column("is_venue", gettext_lazy("Venue (да/нет)"), parse=parse_yes_no, example="нет"),
    Column("venue_capacity", gettext_lazy("Venue capacity"), parse=parse_int),
]


# --- integration: the schools app's results and the region's bias lists (issue #17) -------


def parse_school_year(text: str) -> int:
    """«2024/2025», «2024-2025» or «2025»: a single year is the one the school year ends in,
    as the procedures are held in spring (ВПР 2025 belongs to 2024/2025)."""
    cleaned = text.strip().replace(" ", "").rstrip("г.")
    match = re.fullmatch(r"(\d{4})(?:[/-](\d{2,4}))?", cleaned)
    if match is None:
        raise ValidationError(
            _("«%(value)s» is not a school year (2024/2025) or a year (2025).") % {"value": text}
        )
    first = int(match[1])
    start = first if match[2] else first - 1
    if not 2000 <= start <= 2100:
        raise ValidationError(_("«%(value)s» is not a plausible year.") % {"value": text})
    return start


def parse_decimal(text: str):
    from decimal import Decimal, InvalidOperation

    cleaned = text.replace(" ", "").replace("\xa0", "").replace(",", ".").rstrip("%")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_("«%(value)s» is not a number.") % {"value": text}) from None
    if not value.is_finite() or value < 0:
        raise ValidationError(_("The number cannot be negative."))
    return value.quantize(Decimal("0.01"))


def parse_grade(text: str) -> int:
    value = parse_int(re.sub(r"\s*(кл\.?|класс)$", "", text.strip().lower()))
    if not 1 <= value <= 11:
        raise ValidationError(_("A grade is from 1 to 11, not «%(value)s».") % {"value": text})
    return value


PROCEDURES = {
    "впр": "vpr",
    "всероссийские проверочные работы": "vpr",
    "огэ": "oge",
    "егэ": "ege",
    "рдр": "regional",
    "рд": "regional",
    "региональная диагностика": "regional",
    "региональные диагностические работы": "regional",
    "региональная диагностическая работа": "regional",
}


def _procedure(text: str) -> str:
    return choice(PROCEDURES)(text)


RESULT_COLUMNS = [
    Column("organisation", gettext_lazy("School"), True, example="СОШ № 1"),
    Column("subject", gettext_lazy("Subject"), True, example="Математика"),
    Column("grade", gettext_lazy("Grade"), True, parse_grade, "5"),
    Column("school_year", gettext_lazy("School year"), True, parse_school_year, "2024/2025"),
    Column("procedure", gettext_lazy("Procedure"), True, _procedure, "ВПР"),
    Column("mean_score", gettext_lazy("Mean score"), True, parse_decimal, "3,6"),
    Column("fail_share", gettext_lazy("Share of «2», %"), True, parse_decimal, "12,5"),
    Column("top_share", gettext_lazy("Share of top marks, %"), True, parse_decimal, "20"),
    Column("participants", gettext_lazy("Participants"), True, parse_int, "48"),
]

BIAS_COLUMNS = [
    Column("organisation", gettext_lazy("School"), True, example="СОШ № 1"),
    Column("school_year", gettext_lazy("School year"), True, parse_school_year, "2024/2025"),
    Column("procedure", gettext_lazy("Procedure"), True, _procedure, "ВПР"),
    Column("subject", gettext_lazy("Subject"), example="Математика"),
    Column("source", gettext_lazy("Source"), example="письмо Минобрнауки от 10.09.2025 № 123"),
]
