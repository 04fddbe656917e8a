"""The demo's fixed content: the five municipalities of the seed regulations.

Authorities, methodical services, association kinds and the orders of the regulations are
the real ones (see /work/shared/seeds); organisations, people and their history are invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from metodset.associations.models import AssociationKind
from metodset.orgs.models import OrganisationKind as OK

from . import tracks as T

DOMAIN = "metodset.demo"
PASSWORD = "metodset-demo"
DEFAULT_SEED = 2025
DEFAULT_TEACHERS = 200  # per municipality on average; small districts get fewer


@dataclass(frozen=True)
class RegionSpec:
    key: str
    name: str
    institute: str
    ministry_award: tuple[tuple[int, int, str], ...]  # (from year, to year, award)
    providers: tuple[str, ...] = ()  # the region's own PD providers (the federal ones besides)


REGIONS = {
    r.key: r
    for r in (
        RegionSpec(
            "altai-krai",
            "Алтайский край",
            "КАУ ДПО «Алтайский институт развития образования имени Адриана Митрофановича "
            "Топорова» (АИРО; до 2021 года — КГБУ ДПО АКИПКРО)",
            (
                (
                    1995,
                    2015,
                    "Почётная грамота Главного управления образования и молодёжной "
                    "политики Алтайского края",
                ),
                (2016, 2100, "Почётная грамота Министерства образования и науки Алтайского края"),
            ),
            (
                "КАУ ДПО «Алтайский институт развития образования имени А. М. Топорова»",
                "КГБУ «Алтайский краевой информационно-аналитический центр»",
            ),
        ),
        RegionSpec(
            "penza",
            "Пензенская область",
            "ГАОУ ДПО «Институт регионального развития Пензенской области» (ИРР ПО)",
            ((1995, 2100, "Почётная грамота Министерства образования Пензенской области"),),
            (
                "ГАОУ ДПО «Институт регионального развития Пензенской области»",
                "ФГБОУ ВО «Пензенский государственный университет»",
            ),
        ),
        RegionSpec(
            "tver",
            "Тверская область",
            "ГБОУ ДПО «Тверской областной институт усовершенствования учителей» (ТОИУУ)",
            ((1995, 2100, "Почётная грамота Министерства образования Тверской области"),),
            (
                "ГБОУ ДПО «Тверской областной институт усовершенствования учителей»",
                "ФГБОУ ВО «Тверской государственный университет»",
            ),
        ),
        RegionSpec(
            "altai-republic",
            "Республика Алтай",
            "БУ ДПО РА «Институт повышения квалификации и профессиональной переподготовки "
            "работников образования Республики Алтай»",
            (
                (
                    1995,
                    2100,
                    "Почётная грамота Министерства образования и науки Республики Алтай",
                ),
            ),
            (
                "БУ ДПО РА «Институт повышения квалификации и профессиональной переподготовки "
                "работников образования Республики Алтай»",
                "ФГБОУ ВО «Горно-Алтайский государственный университет»",
            ),
        ),
    )
}

# Universities and colleges by region: (name, first graduation year, last, levels).
UNIVERSITY = "university"  # pedagogical or classical university: higher education
COLLEGE = "college"


@dataclass(frozen=True)
class Institution:
    name: str
    first: int
    last: int
    level: str
    pedagogical: bool = True
    suits: frozenset[str] = frozenset()  # tracks a non-pedagogical diploma fits


TECH = frozenset({"do_tech"})
CULTURE = frozenset({"do_art", "do_organiser", "music_director"})


_ALTAI_COMMON = (
    Institution("Барнаульский государственный педагогический институт", 1960, 1992, UNIVERSITY),
    Institution("Барнаульский государственный педагогический университет", 1993, 2009, UNIVERSITY),
    Institution("Алтайская государственная педагогическая академия", 2010, 2013, UNIVERSITY),
    Institution(
        "ФГБОУ ВО «Алтайский государственный педагогический университет»", 2014, 2100, UNIVERSITY
    ),
    Institution("Бийский государственный педагогический институт", 1960, 1999, UNIVERSITY),
    Institution(
        "Бийский педагогический государственный университет имени В. М. Шукшина",
        2000,
        2009,
        UNIVERSITY,
    ),
    Institution(
        "Алтайская государственная академия образования имени В. М. Шукшина",
        2010,
        2014,
        UNIVERSITY,
    ),
    Institution(
        "ФГБОУ ВО «Алтайский государственный гуманитарно-педагогический университет имени "
        "В. М. Шукшина»",
        2015,
        2100,
        UNIVERSITY,
    ),
    Institution("Алтайский государственный университет", 1975, 2100, UNIVERSITY, False),
)

INSTITUTIONS = {
    "altai-krai": (
        *_ALTAI_COMMON,
        Institution("Рубцовское педагогическое училище", 1960, 1994, COLLEGE),
        Institution("КГБПОУ «Рубцовский педагогический колледж»", 1995, 2100, COLLEGE),
        Institution("Бийское педагогическое училище", 1960, 1994, COLLEGE),
        Institution("КГБПОУ «Бийский педагогический колледж»", 1995, 2100, COLLEGE),
        Institution(
            "КГБПОУ «Рубцовский аграрно-промышленный техникум»", 1960, 2100, COLLEGE, False, TECH
        ),
        Institution(
            "КГБПОУ «Алтайский краевой колледж культуры и искусств»",
            1960,
            2100,
            COLLEGE,
            False,
            CULTURE,
        ),
    ),
    "penza": (
        Institution(
            "Пензенский государственный педагогический институт имени В. Г. Белинского",
            1960,
            1992,
            UNIVERSITY,
        ),
        Institution(
            "Пензенский государственный педагогический университет имени В. Г. Белинского",
            1993,
            2012,
            UNIVERSITY,
        ),
        Institution("ФГБОУ ВО «Пензенский государственный университет»", 2013, 2100, UNIVERSITY),
        Institution("Пензенский государственный университет", 1993, 2012, UNIVERSITY, False),
        Institution("Саратовский государственный университет", 1960, 2100, UNIVERSITY, False),
        Institution("Пензенское педагогическое училище", 1960, 1994, COLLEGE),
        Institution("ГАПОУ ПО «Пензенский социально-педагогический колледж»", 1995, 2100, COLLEGE),
        Institution("Кузнецкий колледж электронной техники", 1960, 2100, COLLEGE, False, TECH),
        Institution("ГАПОУ ПО «Пензенский колледж искусств»", 1960, 2100, COLLEGE, False, CULTURE),
    ),
    "tver": (
        Institution("Калининский государственный университет", 1971, 1990, UNIVERSITY),
        Institution("ФГБОУ ВО «Тверской государственный университет»", 1991, 2100, UNIVERSITY),
        Institution(
            "Ярославский государственный педагогический университет имени К. Д. Ушинского",
            1993,
            2100,
            UNIVERSITY,
        ),
        Institution("Череповецкий государственный университет", 1997, 2100, UNIVERSITY, False),
        Institution("Бежецкое педагогическое училище", 1960, 1994, COLLEGE),
        Institution("ГБПОУ «Тверской педагогический колледж»", 1995, 2100, COLLEGE),
        Institution("ГБПОУ «Тверской политехнический колледж»", 1960, 2100, COLLEGE, False, TECH),
        Institution(
            "ГБПОУ «Тверской колледж культуры имени Н. А. Львова»",
            1960,
            2100,
            COLLEGE,
            False,
            CULTURE,
        ),
    ),
    "altai-republic": (
        Institution(
            "Горно-Алтайский государственный педагогический институт", 1960, 1992, UNIVERSITY
        ),
        Institution(
            "ФГБОУ ВО «Горно-Алтайский государственный университет»", 1993, 2100, UNIVERSITY
        ),
        *_ALTAI_COMMON[:4],
        Institution("Горно-Алтайское педагогическое училище", 1960, 1994, COLLEGE),
        Institution("БПОУ РА «Горно-Алтайский педагогический колледж»", 1995, 2100, COLLEGE),
        Institution("Горно-Алтайский политехнический колледж", 1960, 2100, COLLEGE, False, TECH),
        Institution(
            "Горно-Алтайский колледж культуры и искусства", 1960, 2100, COLLEGE, False, CULTURE
        ),
    ),
}

# PD providers any region's teachers study with, beside their region's own.
FEDERAL_PROVIDERS = (
    "ФГАОУ ДПО «Академия Минпросвещения России»",
    "ФГБНУ «Институт стратегии развития образования»",
)

FEDERAL_AWARDS = (
    (1995, 2018, "Почётная грамота Министерства образования и науки Российской Федерации"),
    (2019, 2100, "Почётная грамота Министерства просвещения Российской Федерации"),
    (2019, 2100, "Благодарность Министерства просвещения Российской Федерации"),
    (1995, 2100, "Диплом победителя муниципального этапа конкурса «Учитель года»"),
)

HONORARY_TITLES = (
    # (from year, to year, title, minimum years of teaching when awarded)
    (1975, 1991, "Отличник народного просвещения", 10),
    (2002, 2016, "Почётный работник общего образования Российской Федерации", 15),
    (2016, 2019, "Почётный работник сферы образования Российской Федерации", 15),
    (2020, 2100, "Почётный работник воспитания и просвещения Российской Федерации", 15),
)
HONOURED_TEACHER = (1995, 2100, "Заслуженный учитель Российской Федерации", 20)


@dataclass(frozen=True)
class Locality:
    name: str  # «г. Рубцовск», «с. Сростки»
    postcode: str
    streets: tuple[str, ...]
    adjective: str = ""  # «Сростинская» for school names


@dataclass(frozen=True)
class OrgSpec:
    key: str
    kind: str
    name: str
    short_name: str
    locality: str
    mix: dict[str, float] | None = None  # teacher profiles; None: no teachers
    size: float = 1.0
    venue: bool | None = None  # None: decided by chance


@dataclass(frozen=True)
class AssociationSpec:
    key: str
    kind: str
    name: str
    area: str
    teacher_category: str
    founded: dt.date
    tracks: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()  # members: teachers of these subjects, too
    description: str = ""
    genitive: str = ""  # «творческой группы …» for order titles; the name by default
    accusative: str = ""  # «творческую группу …» for «Ликвидировать …»; the name by default
    parent: str = ""  # key of the parent association (ШМО under an РМО)
    school: str = ""  # key of the school of a ШМО
    liquidated: dt.date | None = None
    liquidation_reason: str = ""

    @property
    def is_council(self) -> bool:
        return self.kind == AssociationKind.COUNCIL


@dataclass(frozen=True)
class FixedOrder:
    date: dt.date
    number: str | None
    title: str
    text: str


@dataclass(frozen=True)
class MunicipalitySpec:
    slug: str
    region: str
    name: str
    authority_name: str
    authority_full: str
    authority_short: str
    service_name: str
    service_org: str
    service_short: str
    phone_code: str
    localities: tuple[Locality, ...]
    district: str  # «Бийский район» in rural addresses; empty for a town
    size: float
    orders_per_day: float
    award: str
    regulation: FixedOrder
    associations: tuple[AssociationSpec, ...]
    organisations: tuple[OrgSpec, ...] = field(default=())
    association_word: str = "методических объединений"  # for order titles
    extra_orders: tuple[tuple[str, str, str], ...] = ()  # ("MM-DD", title, text), every year
    service_head: str = "заведующий методическим кабинетом"  # position of the service's head
    settlement: str = ""  # where the authority sits: the place of issue of its documents
    # The head of the education authority, who signs its orders: the position as printed
    # above the signature, and the day the present head took office (a predecessor before).
    authority_head: str = "Начальник отдела образования"
    authority_head_since: dt.date = dt.date(2021, 8, 16)

    @property
    def town(self) -> Locality:
        return self.localities[0]


URBAN_STREETS_COMMON = (
    "ул. Ленина",
    "ул. Советская",
    "ул. Комсомольская",
    "ул. Октябрьская",
    "ул. Пушкина",
    "ул. Гоголя",
    "ул. Кирова",
    "ул. Калинина",
    "ул. Мира",
    "ул. Садовая",
    "ул. Пролетарская",
    "ул. Гагарина",
    "ул. Молодёжная",
    "ул. Строителей",
)
RURAL_STREETS = (
    "ул. Школьная",
    "ул. Центральная",
    "ул. Советская",
    "ул. Молодёжная",
    "ул. Ленина",
    "ул. Садовая",
    "ул. Набережная",
    "пер. Школьный",
)


def _school(key, number, locality, *, kind="СОШ", size=1.0, owner="МБОУ", style="quoted"):
    """An urban school: МБОУ «СОШ № 5» (or МБОУ СОШ № 5 г. Кузнецка)."""
    long_kind = {
        "СОШ": "Средняя общеобразовательная школа",
        "ООШ": "Основная общеобразовательная школа",
        "Гимназия": "Гимназия",
        "Лицей": "Лицей",
    }[kind]
    owner_long = {
        "МБОУ": "Муниципальное бюджетное общеобразовательное учреждение",
        "МОУ": "Муниципальное общеобразовательное учреждение",
    }[owner]
    if style == "kuznetsk":
        town = "г. Кузнецка"
        lower = long_kind[0].lower() + long_kind[1:]
        name = f"{owner_long} {lower} № {number} города Кузнецка"
        short = f"{owner} {kind} № {number} {town}"
    else:
        name = f"{owner_long} «{long_kind} № {number}»"
        short = f"{owner} «{kind} № {number}»"
    return OrgSpec(key, OK.SCHOOL, name, short, locality, T.SCHOOL_MIX, size)


def _rural_school(key, locality: Locality, *, kind="СОШ", size=0.6, owner="МБОУ", suffix=""):
    long_kind = {
        "СОШ": "средняя общеобразовательная школа",
        "ООШ": "основная общеобразовательная школа",
    }[kind]
    owner_long = {
        "МБОУ": "Муниципальное бюджетное общеобразовательное учреждение",
        "МКОУ": "Муниципальное казённое общеобразовательное учреждение",
        "МОУ": "Муниципальное общеобразовательное учреждение",
    }[owner]
    number = f" № {suffix}" if suffix else ""
    name = f"{owner_long} «{locality.adjective} {long_kind}{number}»"
    short = f"{owner} «{locality.adjective} {kind}{number}»"
    return OrgSpec(key, OK.SCHOOL, name, short, locality.name, T.SCHOOL_MIX, size)


def _kindergarten(key, number, nickname, locality, *, size=0.35, owner="МБДОУ", place=""):
    owner_long = {
        "МБДОУ": "Муниципальное бюджетное дошкольное образовательное учреждение",
        "МКДОУ": "Муниципальное казённое дошкольное образовательное учреждение",
        "МДОУ": "Муниципальное дошкольное образовательное учреждение",
    }[owner]
    title = f"Детский сад № {number} „{nickname}“" if number else f"Детский сад „{nickname}“"
    tail = f" {place}" if place else ""
    return OrgSpec(
        key,
        OK.KINDERGARTEN,
        f"{owner_long} «{title}»{tail}",
        f"{owner} «{title}»{tail}",
        locality,
        T.KINDERGARTEN_MIX,
        size,
    )


def _additional(key, title, locality, mix, *, size=1.0, owner="МБУ ДО", tail="", venue=True):
    owner_long = {
        "МБУ ДО": "Муниципальное бюджетное учреждение дополнительного образования",
        "МУ ДО": "Муниципальное учреждение дополнительного образования",
    }[owner]
    suffix = f" {tail}" if tail else ""
    return OrgSpec(
        key,
        OK.ADDITIONAL,
        f"{owner_long} «{title}»{suffix}",
        f"{owner} «{title}»{suffix}",
        locality,
        mix,
        size,
        venue,
    )


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


COMPETITION_TEXT = (
    "В целях выявления и распространения лучших педагогических практик, повышения "
    "профессионального мастерства педагогических работников\n\nПРИКАЗЫВАЮ:\n1. Утвердить "
    "положение о конкурсе (приложение 1) и состав оргкомитета (приложение 2).\n"
    "2. Руководителям образовательных организаций обеспечить участие педагогических "
    "работников в конкурсе.\n3. Контроль за исполнением настоящего приказа оставляю за собой."
)
OLYMPIAD_ORDER = (
    "О проведении муниципального этапа всероссийской олимпиады школьников в {school_year} "
    "учебном году"
)
OLYMPIAD_TEXT = (
    "В соответствии с Порядком проведения всероссийской олимпиады школьников\n\n"
    "ПРИКАЗЫВАЮ:\n1. Провести муниципальный этап всероссийской олимпиады школьников в ноябре — "
    "декабре по графику (приложение 1).\n2. Утвердить составы жюри по общеобразовательным "
    "предметам (приложение 2).\n3. Руководителям методических объединений обеспечить "
    "подготовку олимпиадных заданий и работу жюри.\n"
    "4. Контроль за исполнением настоящего приказа оставляю за собой."
)
COURSES_TEXT = (
    "В целях непрерывного повышения профессионального мастерства педагогических работников"
    "\n\nПРИКАЗЫВАЮ:\n1. Утвердить график повышения квалификации педагогических работников "
    "(приложение).\n2. Руководителям образовательных организаций направлять педагогов на "
    "обучение по дополнительным профессиональным программам из федерального реестра.\n"
    "3. Контроль за исполнением настоящего приказа оставляю за собой."
)
DIAGNOSTICS_TEXT = (
    "В целях выявления профессиональных дефицитов педагогических работников и построения "
    "индивидуальных образовательных маршрутов\n\nПРИКАЗЫВАЮ:\n1. Провести диагностику "
    "профессиональных компетенций педагогических работников по графику (приложение).\n"
    "2. Руководителям ММО учесть результаты диагностики при планировании работы.\n"
    "3. Контроль за исполнением настоящего приказа оставляю за собой."
)

# --- г. Рубцовск ---------------------------------------------------------------------------

RUBTSOVSK_TOWN = Locality(
    "г. Рубцовск",
    "658200",
    (
        "пр. Ленина",
        "пр. Рубцовский",
        "ул. Комсомольская",
        "ул. Октябрьская",
        "ул. Красная",
        "ул. Калинина",
        "ул. Алтайская",
        "ул. Светлова",
        "ул. Тихвинская",
        "ул. Громова",
        "ул. Федоренко",
        "ул. Пролетарская",
        "ул. Западная",
        "ул. Дзержинского",
        "ул. Степная",
    ),
)


def _rubtsovsk_orgs() -> tuple[OrgSpec, ...]:
    town = RUBTSOVSK_TOWN.name
    schools = [
        _school("gym3", 3, town, kind="Гимназия", size=1.2),
        _school("lyc24", 24, town, kind="Лицей", size=1.1),
        *(
            _school(f"s{n}", n, town, size=size)
            for n, size in (
                (1, 1.0),
                (2, 0.9),
                (5, 1.0),
                (9, 0.8),
                (10, 1.1),
                (11, 0.9),
                (18, 1.0),
                (19, 0.9),
                (23, 1.0),
                (26, 0.8),
            )
        ),
        _school("o4", 4, town, kind="ООШ", size=0.5),
    ]
    kindergartens = [
        _kindergarten(f"kg{n}", n, nick, town)
        for n, nick in (
            (2, "Солнышко"),
            (4, "Ромашка"),
            (7, "Колокольчик"),
            (12, "Теремок"),
            (15, "Сказка"),
            (19, "Радуга"),
            (22, "Берёзка"),
            (28, "Светлячок"),
            (33, "Золотой ключик"),
            (41, "Улыбка"),
            (44, "Дюймовочка"),
            (53, "Журавушка"),
        )
    ]
    additional = [
        _additional("ddt", "Дом детского творчества", town, T.HOUSE_OF_CREATIVITY_MIX, size=1.6),
        _additional("cdt", "Центр детского творчества", town, T.HOUSE_OF_CREATIVITY_MIX, size=1.4),
        _additional("syut", "Станция юных техников", town, T.TECHNICAL_MIX, size=0.9),
        _additional("syun", "Станция юных натуралистов", town, T.NATURALISTS_MIX, size=0.8),
        _additional(
            "dyussh1", "Детско-юношеская спортивная школа № 1", town, T.SPORTS_SCHOOL_MIX, size=1.0
        ),
        _additional(
            "dyussh2", "Детско-юношеская спортивная школа № 2", town, T.SPORTS_SCHOOL_MIX, size=0.8
        ),
        _additional("ctk", "Центр туризма и краеведения", town, T.TOURISM_MIX, size=0.8),
        _additional("dyuc", "Детско-юношеский центр", town, T.YOUTH_CENTRE_MIX, size=0.8),
        _additional(
            "itcube", "Центр цифрового образования детей „IT-куб“", town, T.IT_MIX, size=0.5
        ),
    ]
    return tuple(schools + kindergartens + additional)


def _do(direction: str) -> str:
    """«техническая» → «технической направленности»."""
    return f"{direction.removesuffix('ая')}ой направленности"


RUBTSOVSK_DESCRIPTION = (
    "Профессионально-общественное объединение педагогов дополнительного образования "
    "г. Рубцовска {direction} (Положение о ММО, п. 1.2). Участники — руководители структурных "
    "подразделений, педагоги дополнительного образования, педагоги-организаторы, методисты "
    "(п. 1.4). Заседания — не реже 4 раз в учебный год (п. 9.2)."
)


def _rubtsovsk_mmo(key, direction, track, founded="2015-09-01"):
    return AssociationSpec(
        key,
        AssociationKind.MMO,
        f"ММО педагогов дополнительного образования {_do(direction)}",
        f"{direction} направленность",
        "педагоги дополнительного образования",
        _d(founded),
        tracks=frozenset({track}),
        description=RUBTSOVSK_DESCRIPTION.format(direction=_do(direction)),
    )


RUBTSOVSK = MunicipalitySpec(
    slug="rubtsovsk",
    region="altai-krai",
    name="г. Рубцовск",
    authority_name="МКУ «Управление образования» г. Рубцовска",
    authority_full="Муниципальное казённое учреждение «Управление образования» г. Рубцовска",
    authority_short="МКУ «Управление образования» г. Рубцовска",
    service_name="Информационно-методический отдел МКУ «Управление образования» г. Рубцовска",
    service_org="Информационно-методический отдел МКУ «Управление образования» г. Рубцовска",
    service_short="ИМО Управления образования",
    service_head="начальник информационно-методического отдела",
    settlement="г. Рубцовск",
    authority_head="Начальник МКУ «Управление образования» г. Рубцовска",
    authority_head_since=_d("2019-01-14"),
    phone_code="38557",
    localities=(RUBTSOVSK_TOWN,),
    district="",
    size=1.3,
    orders_per_day=1.1,
    award="Почётная грамота МКУ «Управление образования» г. Рубцовска",
    regulation=FixedOrder(
        _d("2015-08-24"),
        None,
        "Об утверждении Положения о муниципальном методическом объединении педагогов "
        "дополнительного образования г. Рубцовска",
        "В целях обеспечения участия профессионального сообщества в управлении процессами "
        "развития муниципальной системы общего и дополнительного образования\n\nПРИКАЗЫВАЮ:\n"
        "1. Утвердить Положение о муниципальном методическом объединении педагогов "
        "дополнительного образования г. Рубцовска (приложение).\n"
        "2. Руководителям учреждений дополнительного образования обеспечить участие педагогов "
        "в работе ММО.\n3. Контроль за исполнением настоящего приказа оставляю за собой.",
    ),
    association_word="муниципальных методических объединений педагогов дополнительного образования",
    associations=(
        _rubtsovsk_mmo("tech", "техническая", "do_tech"),
        _rubtsovsk_mmo("art", "художественная", "do_art"),
        _rubtsovsk_mmo("social", "социально-гуманитарная", "do_social"),
        _rubtsovsk_mmo("sport", "физкультурно-спортивная", "do_sport"),
        _rubtsovsk_mmo("science", "естественнонаучная", "do_science", "2016-09-01"),
        _rubtsovsk_mmo("tourism", "туристско-краеведческая", "do_tourism", "2016-09-01"),
        AssociationSpec(
            "organisers",
            AssociationKind.MMO,
            "ММО педагогов-организаторов и методистов учреждений дополнительного образования",
            "организационно-массовая и методическая работа",
            "педагоги-организаторы, методисты",
            _d("2019-10-01"),
            tracks=frozenset({"do_organiser", "do_methodist"}),
            description=RUBTSOVSK_DESCRIPTION.format(
                direction="(педагоги-организаторы и методисты)"
            ),
        ),
        AssociationSpec(
            "council",
            AssociationKind.COUNCIL,
            "Методический совет ММО педагогов дополнительного образования г. Рубцовска",
            "ключевые направления деятельности ММО",
            "представители Управления образования, руководители ММО",
            _d("2015-09-15"),
            description="Определяет ключевые направления деятельности ММО; в состав входят "
            "представители МКУ «Управление образования» г. Рубцовска и руководители ММО "
            "(Положение о ММО, п. 4.1).",
            genitive="методического совета ММО педагогов дополнительного образования",
        ),
        AssociationSpec(
            "gifted",
            AssociationKind.MMO,
            "ММО педагогов дополнительного образования по работе с одарёнными детьми",
            "работа с одарёнными детьми",
            "педагоги дополнительного образования",
            _d("2017-01-16"),
            tracks=frozenset({"do_art", "do_tech", "do_science"}),
            liquidated=_d("2023-06-30"),
            liquidation_reason="в связи с передачей направления работы с одарёнными детьми в "
            "ММО по направленностям дополнительного образования",
        ),
    ),
    extra_orders=(
        (
            "02-10",
            "О проведении муниципального конкурса профессионального мастерства педагогов "
            "дополнительного образования «Сердце отдаю детям» в {year} году",
            COMPETITION_TEXT,
        ),
        (
            "09-20",
            "Об организации повышения квалификации педагогических работников в "
            "{school_year} учебном году",
            COURSES_TEXT,
        ),
    ),
)

# --- Бийский район --------------------------------------------------------------------------

BIYSK_LOCALITIES = (
    Locality(
        "г. Бийск", "659300", ("ул. Ленина", "ул. Советская", "ул. Мухачёва", "пер. Липового")
    ),
    Locality("с. Первомайское", "659360", RURAL_STREETS, "Первомайская"),
    Locality("с. Сростки", "659370", RURAL_STREETS, "Сростинская"),
    Locality("с. Малоенисейское", "659362", RURAL_STREETS, "Малоенисейская"),
    Locality("с. Верх-Катунское", "659375", RURAL_STREETS, "Верх-Катунская"),
    Locality("с. Енисейское", "659363", RURAL_STREETS, "Енисейская"),
    Locality("п. Светлоозёрское", "659366", RURAL_STREETS, "Светлоозёрская"),
    Locality("с. Новиково", "659373", RURAL_STREETS, "Новиковская"),
    Locality("с. Стан-Бехтемир", "659368", RURAL_STREETS, "Стан-Бехтемирская"),
    Locality("с. Усятское", "659371", RURAL_STREETS, "Усятская"),
    Locality("с. Большеугренёво", "659364", RURAL_STREETS, "Большеугренёвская"),
    Locality("с. Малоугренёво", "659365", RURAL_STREETS, "Малоугренёвская"),
)


def _village_orgs(localities, kinds, kindergartens, *, owner="МБОУ", kg_owner="МБДОУ"):
    by_name = {loc.name: loc for loc in localities}
    orgs = []
    for i, (place, kind, size) in enumerate(kinds):
        orgs.append(_rural_school(f"school{i}", by_name[place], kind=kind, size=size, owner=owner))
    for i, (place, nickname) in enumerate(kindergartens):
        orgs.append(
            _kindergarten(f"kg{i}", None, nickname, place, owner=kg_owner, size=0.3, place=place)
        )
    return orgs


def _biysk_orgs() -> tuple[OrgSpec, ...]:
    schools = (
        ("с. Первомайское", "СОШ", 1.1),
        ("с. Сростки", "СОШ", 0.9),
        ("с. Малоенисейское", "СОШ", 0.8),
        ("с. Верх-Катунское", "СОШ", 0.8),
        ("с. Енисейское", "СОШ", 0.6),
        ("п. Светлоозёрское", "СОШ", 0.6),
        ("с. Новиково", "СОШ", 0.5),
        ("с. Стан-Бехтемир", "СОШ", 0.5),
        ("с. Усятское", "СОШ", 0.5),
        ("с. Большеугренёво", "ООШ", 0.35),
        ("с. Малоугренёво", "ООШ", 0.3),
    )
    kindergartens = (
        ("с. Первомайское", "Солнышко"),
        ("с. Первомайское", "Колокольчик"),
        ("с. Сростки", "Берёзка"),
        ("с. Малоенисейское", "Теремок"),
        ("с. Верх-Катунское", "Ромашка"),
        ("с. Енисейское", "Радуга"),
        ("п. Светлоозёрское", "Светлячок"),
        ("с. Новиково", "Рябинка"),
        ("с. Усятское", "Ласточка"),
    )
    orgs = _village_orgs(BIYSK_LOCALITIES, schools, kindergartens)
    orgs.append(
        _additional(
            "cdt",
            "Центр детского творчества",
            "с. Первомайское",
            T.HOUSE_OF_CREATIVITY_MIX,
            size=0.7,
            tail="Бийского района",
        )
    )
    orgs.append(
        _additional(
            "dyussh",
            "Детско-юношеская спортивная школа",
            "с. Первомайское",
            T.SPORTS_SCHOOL_MIX,
            size=0.5,
            tail="Бийского района",
        )
    )
    return tuple(orgs)


BIYSK_DESCRIPTION = (
    "Профессионально-общественное объединение муниципальной системы образования, "
    "осуществляющее организационную, координационную, экспертную и научно-методическую работу "
    "по родственным учебным предметам (Положение о МПОП, п. 1.2). Заседания — не реже 4 раз "
    "в учебный год (п. 7.2)."
)


def _mpop(key, name, area, tracks, founded="2016-09-01", **extra):
    return AssociationSpec(
        key,
        AssociationKind.MPOP,
        f"МПОП {name}",
        area,
        "учителя общеобразовательных учреждений",
        _d(founded),
        tracks=frozenset(tracks),
        description=BIYSK_DESCRIPTION,
        **extra,
    )


BIYSK = MunicipalitySpec(
    slug="biysk-rayon",
    region="altai-krai",
    name="Бийский район",
    authority_name="Комитет администрации Бийского района по образованию и делам молодежи",
    authority_full="Комитет администрации Бийского района по образованию и делам молодежи",
    authority_short="Комитет по образованию Бийского района",
    service_name="Районный методический кабинет Комитета администрации Бийского района по "
    "образованию и делам молодежи",
    service_org="Районный методический кабинет Комитета администрации Бийского района по "
    "образованию и делам молодежи",
    service_short="РМК Бийского района",
    service_head="заведующий районным методическим кабинетом",
    settlement="г. Бийск",
    authority_head="Председатель Комитета по образованию и делам молодежи",
    authority_head_since=_d("2021-08-16"),
    phone_code="3854",
    localities=BIYSK_LOCALITIES,
    district="Бийский район",
    size=1.0,
    orders_per_day=0.7,
    award="Почётная грамота Комитета администрации Бийского района по образованию и делам молодежи",
    regulation=FixedOrder(
        _d("2016-08-29"),
        None,
        "Об утверждении Положения о муниципальных профессиональных объединениях педагогов "
        "общеобразовательных учреждений Бийского района",
        "В целях повышения роли общественного участия в управлении процессами развития "
        "муниципальной системы образования\n\nПРИКАЗЫВАЮ:\n1. Утвердить Положение о "
        "муниципальных профессиональных объединениях педагогов общеобразовательных учреждений "
        "Бийского района (приложение).\n2. Контроль за исполнением настоящего приказа оставляю "
        "за собой.",
    ),
    association_word="муниципальных профессиональных объединений педагогов",
    associations=(
        _mpop(
            "russian",
            "учителей русского языка и литературы",
            "русский язык и литература",
            {"russian"},
        ),
        _mpop("math", "учителей математики", "математика", {"math"}),
        _mpop("primary", "учителей начальных классов", "начальное общее образование", {"primary"}),
        _mpop(
            "history", "учителей истории и обществознания", "история и обществознание", {"history"}
        ),
        _mpop(
            "languages", "учителей иностранного языка", "иностранные языки", {"english", "german"}
        ),
        _mpop(
            "science",
            "учителей естественнонаучного цикла",
            "физика, химия, биология, география",
            {"physics", "chemistry", "biology", "geography"},
        ),
        _mpop(
            "pe",
            "учителей физической культуры и ОБЗР",
            "физическая культура, основы безопасности и защиты Родины",
            {"pe", "obzr"},
            "2018-09-03",
        ),
        _mpop(
            "aesthetic",
            "учителей музыки, изобразительного искусства и труда (технологии)",
            "музыка, изобразительное искусство, труд (технология)",
            {"music", "art", "labour", "informatics"},
            "2021-09-01",
        ),
        _mpop(
            "orkse",
            "учителей ОРКСЭ и ОДНКНР",
            "основы религиозных культур и светской этики",
            set(),
            subjects=frozenset({T.ORKSE}),
            liquidated=_d("2024-05-31"),
            liquidation_reason="в связи с включением вопросов преподавания ОРКСЭ и ОДНКНР в "
            "планы работы МПОП учителей начальных классов и МПОП учителей истории и "
            "обществознания",
        ),
    ),
    extra_orders=(
        (
            "01-20",
            "О проведении муниципального этапа всероссийского конкурса «Учитель года "
            "России» в {year} году",
            COMPETITION_TEXT,
        ),
    ),
)

# --- г. Кузнецк -----------------------------------------------------------------------------

KUZNETSK_TOWN = Locality(
    "г. Кузнецк",
    "442530",
    (
        "ул. Ленина",
        "ул. Белинского",
        "ул. Маяковского",
        "ул. Рабочая",
        "ул. Калинина",
        "ул. Комсомольская",
        "ул. Гражданская",
        "ул. Пушкина",
        "ул. Октябрьская",
        "ул. Победы",
        "ул. Свердлова",
        "ул. Кирова",
        "ул. Молодой Гвардии",
        "ул. Стекловская",
    ),
)


def _kuznetsk_orgs() -> tuple[OrgSpec, ...]:
    town = KUZNETSK_TOWN.name
    schools = [
        _school(f"s{n}", n, town, size=size, style="kuznetsk")
        for n, size in (
            (1, 1.0),
            (2, 0.9),
            (3, 1.1),
            (5, 0.9),
            (6, 0.8),
            (8, 1.0),
            (9, 0.7),
            (10, 1.0),
            (12, 0.9),
            (14, 0.8),
            (16, 1.0),
            (17, 0.9),
        )
    ]
    schools.append(
        OrgSpec(
            "gym",
            OK.SCHOOL,
            "Муниципальное бюджетное общеобразовательное учреждение гимназия № 1 города Кузнецка",
            "МБОУ гимназия № 1 г. Кузнецка",
            town,
            T.SCHOOL_MIX,
            1.2,
        )
    )
    kindergartens = [
        _kindergarten(f"kg{n}", n, nick, town, place="г. Кузнецка")
        for n, nick in (
            (1, "Алёнушка"),
            (3, "Ёлочка"),
            (5, "Сказка"),
            (8, "Родничок"),
            (11, "Семицветик"),
            (13, "Огонёк"),
            (17, "Незабудка"),
            (21, "Василёк"),
            (24, "Снежинка"),
            (27, "Звёздочка"),
            (30, "Малыш"),
            (32, "Капелька"),
        )
    ]
    additional = [
        _additional(
            "cdt",
            "Центр детского творчества",
            town,
            T.HOUSE_OF_CREATIVITY_MIX,
            size=1.0,
            tail="г. Кузнецка",
        ),
        _additional(
            "dyussh",
            "Детско-юношеская спортивная школа",
            town,
            T.SPORTS_SCHOOL_MIX,
            size=0.7,
            tail="г. Кузнецка",
        ),
        _additional(
            "syut", "Станция юных техников", town, T.TECHNICAL_MIX, size=0.4, tail="г. Кузнецка"
        ),
    ]
    return tuple(schools + kindergartens + additional)


KUZNETSK_DESCRIPTION = (
    "Методическое сопровождение учебной, воспитательной, опытно-экспериментальной работы "
    "в рамках родственных учебных предметов (образовательной области) или воспитательного "
    "направления (Положение об организации ММО в городе Кузнецке, п. 2.1). План работы "
    "размещается на сайте управления образования в разделе «Муниципальная методическая "
    "служба»."
)


def _kuz(key, name, area, category, tracks, founded="2017-09-01", **extra):
    return AssociationSpec(
        key,
        AssociationKind.MMO,
        f"ММО {name}",
        area,
        category,
        _d(founded),
        tracks=frozenset(tracks),
        description=KUZNETSK_DESCRIPTION,
        **extra,
    )


KUZNETSK = MunicipalitySpec(
    slug="kuznetsk",
    region="penza",
    name="г. Кузнецк",
    authority_name="Управление образования города Кузнецка",
    authority_full="Управление образования города Кузнецка",
    authority_short="Управление образования г. Кузнецка",
    service_name="Муниципальная методическая служба управления образования города Кузнецка",
    service_org="Муниципальная методическая служба управления образования города Кузнецка",
    service_short="ММС г. Кузнецка",
    service_head="руководитель муниципальной методической службы",
    settlement="г. Кузнецк",
    authority_head="Начальник управления образования города Кузнецка",
    authority_head_since=_d("2018-02-05"),
    phone_code="84157",
    localities=(KUZNETSK_TOWN,),
    district="",
    size=1.2,
    orders_per_day=0.62,
    award="Почётная грамота управления образования города Кузнецка",
    regulation=FixedOrder(
        _d("2024-09-09"),
        "157",
        "Об утверждении Положения об организации муниципального методического объединения "
        "в городе Кузнецке",
        "В целях совершенствования методической работы в системе образования города Кузнецка, "
        "оказания поддержки образовательным организациям в освоении инновационных технологий "
        "и методик в рамках реализации федеральных государственных образовательных стандартов "
        "начального общего образования, основного общего образования и среднего общего "
        "образования\n\nПРИКАЗЫВАЮ:\n1. Утвердить Положение об организации муниципального "
        "методического объединения в городе Кузнецке (Приложение).\n2. Контроль за исполнением "
        "настоящего приказа возложить на заместителя начальника управления образования города "
        "Кузнецка.",
    ),
    association_word="муниципальных методических объединений",
    associations=(
        _kuz(
            "primary",
            "учителей начальных классов",
            "начальное общее образование",
            "учителя начальных классов",
            {"primary"},
        ),
        _kuz(
            "russian",
            "учителей русского языка и литературы",
            "русский язык и литература",
            "учителя русского языка и литературы",
            {"russian"},
        ),
        _kuz("math", "учителей математики", "математика", "учителя математики", {"math"}),
        _kuz(
            "preschool",
            "воспитателей дошкольных образовательных организаций",
            "дошкольное образование",
            "воспитатели ДОО",
            {"educator", "senior_educator"},
        ),
        _kuz(
            "languages",
            "учителей иностранного языка",
            "иностранные языки",
            "учителя иностранного языка",
            {"english", "german"},
        ),
        _kuz(
            "history",
            "учителей истории и обществознания",
            "история и обществознание",
            "учителя истории и обществознания",
            {"history"},
        ),
        _kuz(
            "psych",
            "педагогов-психологов и учителей-логопедов",
            "психолого-педагогическое сопровождение",
            "педагоги-психологи, учителя-логопеды",
            {"psychologist", "speech"},
            "2019-01-14",
        ),
        _kuz(
            "science",
            "учителей физики, химии и биологии",
            "естественнонаучные предметы",
            "учителя физики, химии, биологии",
            {"physics", "chemistry", "biology"},
            "2020-09-01",
        ),
        _kuz(
            "pe",
            "учителей физической культуры и ОБЗР",
            "физическая культура, основы безопасности и защиты Родины",
            "учителя физической культуры и ОБЗР",
            {"pe", "obzr"},
            "2024-09-16",
        ),
        _kuz(
            "obzh",
            "преподавателей-организаторов ОБЖ",
            "основы безопасности жизнедеятельности",
            "преподаватели-организаторы ОБЖ",
            {"obzr"},
            "2017-09-01",
            liquidated=_d("2024-08-30"),
            liquidation_reason="в связи с введением с 1 сентября 2024 года учебного предмета "
            "«Основы безопасности и защиты Родины»",
        ),
        # п. 3.6: the ММО organises the network interaction of teachers, its main resource
        # being the authority's site: a virtual association works there.
        AssociationSpec(
            "virtual",
            AssociationKind.NETWORK,
            "Виртуальное методическое объединение «Цифровой урок»",
            "цифровые инструменты на уроке",
            "учителя общеобразовательных организаций",
            _d("2025-02-03"),
            tracks=frozenset({"informatics", "math", "english", "primary"}),
            description="Сетевое взаимодействие педагогов на официальном сайте управления "
            "образования города Кузнецка, раздел «Муниципальная методическая служба» "
            "(Положение об ММО, п. 3.6).",
            genitive="виртуального методического объединения «Цифровой урок»",
            accusative="виртуальное методическое объединение «Цифровой урок»",
        ),
    ),
    extra_orders=(
        (
            "01-27",
            "О проведении муниципального этапа всероссийского конкурса «Учитель года "
            "России» в {year} году",
            COMPETITION_TEXT,
        ),
        (
            "10-01",
            "О проведении диагностики профессиональных компетенций педагогических "
            "работников в {school_year} учебном году",
            DIAGNOSTICS_TEXT,
        ),
    ),
)

# --- Весьегонский муниципальный округ -------------------------------------------------------

VESYEGONSK_LOCALITIES = (
    Locality(
        "г. Весьегонск",
        "171720",
        (
            "ул. Карла Маркса",
            "ул. Советская",
            "ул. Коммунистическая",
            "ул. Ленина",
            "ул. Первомайская",
            "ул. Серова",
            "ул. Володарского",
            "ул. Кирова",
            "ул. Южная",
            "ул. Степана Разина",
        ),
        "Весьегонская",
    ),
    Locality("с. Чамерово", "171730", RURAL_STREETS, "Чамеровская"),
    Locality("с. Кесьма", "171735", RURAL_STREETS, "Кесемская"),
    Locality("с. Любегощи", "171725", RURAL_STREETS, "Любегощинская"),
    Locality("д. Ивановское", "171727", RURAL_STREETS, "Ивановская"),
    Locality("с. Егна", "171732", RURAL_STREETS, "Егонская"),
)


def _vesyegonsk_orgs() -> tuple[OrgSpec, ...]:
    town, chamerovo, kesma, lyubegoshchi, ivanovskoye, yegna = VESYEGONSK_LOCALITIES
    orgs = [
        _rural_school("s1", town, owner="МОУ", size=1.4),
        _rural_school("s2", town, kind="ООШ", owner="МОУ", size=0.6, suffix="2"),
        _rural_school("chamerovo", chamerovo, owner="МОУ", size=0.5),
        _rural_school("kesma", kesma, owner="МОУ", size=0.45),
        _rural_school("lyubegoshchi", lyubegoshchi, owner="МОУ", size=0.4),
        _rural_school("ivanovskoye", ivanovskoye, kind="ООШ", owner="МОУ", size=0.3),
        _rural_school("yegna", yegna, kind="ООШ", owner="МОУ", size=0.3),
    ]
    for number, nick in (
        (1, "Солнышко"),
        (2, "Ромашка"),
        (3, "Сказка"),
        (4, "Улыбка"),
        (5, "Колокольчик"),
        (6, "Берёзка"),
    ):
        orgs.append(_kindergarten(f"kg{number}", number, nick, town.name, owner="МДОУ"))
    for i, (place, nick) in enumerate(
        (
            (chamerovo.name, "Теремок"),
            (kesma.name, "Родничок"),
            (lyubegoshchi.name, "Ласточка"),
            (ivanovskoye.name, "Незабудка"),
            (yegna.name, "Рябинка"),
        )
    ):
        orgs.append(
            _kindergarten(f"rkg{i}", None, nick, place, owner="МДОУ", size=0.2, place=place)
        )
    orgs += [
        _additional(
            "ddt",
            "Весьегонский Дом детского творчества",
            town.name,
            T.HOUSE_OF_CREATIVITY_MIX,
            size=0.6,
            owner="МУ ДО",
        ),
        _additional(
            "dyussh",
            "Весьегонская детско-юношеская спортивная школа",
            town.name,
            T.SPORTS_SCHOOL_MIX,
            size=0.4,
            owner="МУ ДО",
        ),
    ]
    return tuple(orgs)


VESYEGONSK_DESCRIPTION = (
    "Создано при методическом кабинете Отдела образования (Положение о ММО, п. 1.2). "
    "План работы согласуется с заведующим МК (п. 3.2); заседания — не реже трёх раз за "
    "учебный год (п. 3.3)."
)


def _ves(key, name, area, category, tracks, founded, **extra):
    return AssociationSpec(
        key,
        extra.pop("kind", AssociationKind.MMO),
        name,
        area,
        category,
        _d(founded),
        tracks=frozenset(tracks),
        description=extra.pop("description", VESYEGONSK_DESCRIPTION),
        **extra,
    )


VESYEGONSK = MunicipalitySpec(
    slug="vesyegonsk",
    region="tver",
    name="Весьегонский муниципальный округ",
    authority_name="Отдел образования Администрации Весьегонского муниципального округа",
    authority_full="Отдел образования Администрации Весьегонского муниципального округа",
    authority_short="Отдел образования Весьегонского МО",
    service_name="Методический кабинет Отдела образования Администрации Весьегонского "
    "муниципального округа",
    service_org="Методический кабинет Отдела образования Администрации Весьегонского "
    "муниципального округа",
    service_short="МК Отдела образования",
    service_head="заведующий методическим кабинетом",
    settlement="г. Весьегонск",
    authority_head="Заведующий Отделом образования",
    authority_head_since=_d("2022-09-01"),
    phone_code="48264",
    localities=VESYEGONSK_LOCALITIES,
    district="Весьегонский муниципальный округ",
    size=0.75,
    orders_per_day=0.35,
    award="Почётная грамота Отдела образования Администрации Весьегонского муниципального округа",
    regulation=FixedOrder(
        _d("2019-08-28"),
        None,
        "Об утверждении Положения о муниципальном методическом объединении классных руководителей",
        "В целях обновления программно-методического сопровождения классных руководителей, "
        "создания условий для раскрытия их творческого потенциала\n\nПРИКАЗЫВАЮ:\n1. Утвердить "
        "Положение о муниципальном методическом объединении классных руководителей "
        "(приложение).\n2. Заведующему методическим кабинетом обеспечить организационно-"
        "методическое сопровождение работы ММО.\n3. Контроль за исполнением настоящего приказа "
        "оставляю за собой.",
    ),
    association_word="муниципальных методических объединений",
    associations=(
        _ves(
            "class",
            "ММО классных руководителей",
            "воспитательная работа",
            "классные руководители общеобразовательных организаций",
            T.CLASS_TEACHER_TRACKS,
            "2019-09-02",
        ),
        _ves(
            "primary",
            "ММО учителей начальных классов",
            "начальное общее образование",
            "учителя начальных классов",
            {"primary"},
            "2018-09-03",
        ),
        _ves(
            "russian",
            "ММО учителей русского языка и литературы",
            "русский язык и литература",
            "учителя русского языка и литературы",
            {"russian"},
            "2018-09-03",
        ),
        _ves(
            "stem",
            "ММО учителей математики, физики и информатики",
            "математика, физика, информатика",
            "учителя математики, физики и информатики",
            {"math", "physics", "informatics"},
            "2018-09-03",
        ),
        _ves(
            "preschool",
            "ММО педагогов дошкольного образования",
            "дошкольное образование",
            "воспитатели и специалисты ДОО",
            {"educator", "senior_educator", "music_director", "pe_instructor"},
            "2020-10-01",
        ),
        _ves(
            "humanities",
            "ММО учителей истории, обществознания и географии",
            "история, обществознание, география",
            "учителя истории, обществознания, географии",
            {"history", "geography"},
            "2022-09-01",
        ),
        _ves(
            "literacy",
            "Творческая группа «Функциональная грамотность»",
            "функциональная грамотность",
            "учителя-предметники",
            {"russian", "math", "biology", "primary"},
            "2021-10-01",
            kind=AssociationKind.NETWORK,
            description="Временная творческая группа по формированию и оценке функциональной "
            "грамотности обучающихся.",
            genitive="творческой группы «Функциональная грамотность»",
            accusative="творческую группу «Функциональная грамотность»",
            liquidated=_d("2024-05-31"),
            liquidation_reason="в связи с выполнением задач, для решения которых группа была "
            "создана",
        ),
    ),
    extra_orders=(
        (
            "03-14",
            "О проведении муниципального конкурса «Педагогический дебют» в {year} году",
            COMPETITION_TEXT,
        ),
    ),
)

# --- МО «Чойский район» ---------------------------------------------------------------------

CHOYA_LOCALITIES = (
    Locality(
        "с. Чоя",
        "649180",
        (
            "ул. Ленина",
            "ул. Советская",
            "ул. Заречная",
            "ул. Школьная",
            "ул. Алтайская",
            "ул. Мира",
        ),
        "Чойская",
    ),
    Locality("с. Паспаул", "649185", RURAL_STREETS, "Паспаульская"),
    Locality("с. Каракокша", "649181", RURAL_STREETS, "Каракокшинская"),
    Locality("с. Уймень", "649183", RURAL_STREETS, "Уйменская"),
    Locality("с. Сейка", "649184", RURAL_STREETS, "Сейкинская"),
    Locality("с. Ынырга", "649186", RURAL_STREETS, "Ыныргинская"),
    Locality("с. Туньжа", "649182", RURAL_STREETS, "Туньжинская"),
    Locality("с. Красносельск", "649187", RURAL_STREETS, "Красносельская"),
    Locality("с. Ускуч", "649188", RURAL_STREETS, "Ускучская"),
)


def _choya_orgs() -> tuple[OrgSpec, ...]:
    schools = (
        ("с. Чоя", "СОШ", 1.6),
        ("с. Паспаул", "СОШ", 0.8),
        ("с. Каракокша", "СОШ", 0.7),
        ("с. Уймень", "СОШ", 0.6),
        ("с. Сейка", "СОШ", 0.6),
        ("с. Ынырга", "ООШ", 0.3),
        ("с. Туньжа", "ООШ", 0.25),
        ("с. Красносельск", "ООШ", 0.3),
        ("с. Ускуч", "ООШ", 0.25),
    )
    kindergartens = (
        ("с. Чоя", "Солнышко"),
        ("с. Чоя", "Колокольчик"),
        ("с. Паспаул", "Радуга"),
        ("с. Каракокша", "Сказка"),
        ("с. Уймень", "Берёзка"),
        ("с. Сейка", "Улыбка"),
        ("с. Ынырга", "Ёлочка"),
        ("с. Красносельск", "Родничок"),
    )
    orgs = _village_orgs(CHOYA_LOCALITIES, schools, kindergartens)
    orgs += [
        _additional(
            "cdt",
            "Чойский районный центр детского творчества",
            "с. Чоя",
            T.HOUSE_OF_CREATIVITY_MIX,
            size=0.5,
        ),
        _additional(
            "dyussh",
            "Чойская детско-юношеская спортивная школа",
            "с. Чоя",
            T.SPORTS_SCHOOL_MIX,
            size=0.35,
        ),
    ]
    return tuple(orgs)


CHOYA_DESCRIPTION = (
    "Районное методическое объединение педагогов по предметам и направлениям — структура "
    "муниципальной методической службы, построенная по предметному принципу (Положение о "
    "ММС, п. 3.3.1)."
)


CHOYA_NETWORK_DESCRIPTION = (
    "Непостоянный субъект методического пространства, созданный на базе образовательных "
    "учреждений для решения конкретной задачи (Положение о ММС, п. 3.3.2)."
)


def _rmo(key, name, area, tracks, founded="2020-09-01"):
    return AssociationSpec(
        key,
        AssociationKind.RMO,
        f"РМО {name}",
        area,
        "учителя" + name.removeprefix("учителей"),
        _d(founded),
        tracks=frozenset(tracks),
        description=CHOYA_DESCRIPTION,
    )


CHOYA = MunicipalitySpec(
    slug="choya",
    region="altai-republic",
    name="МО «Чойский район»",
    authority_name="Отдел образования администрации МО «Чойский район»",
    authority_full="Отдел образования администрации муниципального образования «Чойский район»",
    authority_short="Отдел образования МО «Чойский район»",
    service_name="Муниципальная методическая служба (РМК МКУ «Центр по обеспечению "
    "деятельности отдела образования АМО „Чойский район“ и ПУ»)",
    service_org="Районный методический кабинет МКУ «Центр по обеспечению деятельности отдела "
    "образования АМО „Чойский район“ и ПУ»",
    service_short="РМК Чойского района",
    service_head="руководитель районного методического кабинета",
    settlement="с. Чоя",
    authority_head="Начальник отдела образования",
    authority_head_since=_d("2020-03-02"),
    phone_code="38840",
    localities=CHOYA_LOCALITIES,
    district="Чойский район",
    size=0.75,
    orders_per_day=0.55,
    award="Почётная грамота отдела образования администрации МО «Чойский район»",
    regulation=FixedOrder(
        _d("2020-08-10"),
        "123",
        "Об утверждении Положения о муниципальной методической службе в системе образования "
        "МО «Чойский район»",
        "В целях обеспечения повышения качества образования, профессиональной компетентности "
        "педагогических и управленческих работников муниципальной системы образования\n\n"
        "ПРИКАЗЫВАЮ:\n1. Утвердить Положение о муниципальной методической службе в системе "
        "образования МО «Чойский район» (приложение).\n2. Руководителю РМК организовать работу "
        "районных методических объединений в соответствии с Положением.\n3. Контроль за "
        "исполнением настоящего приказа оставляю за собой.",
    ),
    association_word="районных методических объединений",
    associations=(
        _rmo("primary", "учителей начальных классов", "начальное общее образование", {"primary"}),
        _rmo(
            "russian",
            "учителей русского языка и литературы",
            "русский язык и литература",
            {"russian"},
        ),
        _rmo(
            "math",
            "учителей математики и информатики",
            "математика и информатика",
            {"math", "informatics"},
        ),
        _rmo(
            "history", "учителей истории и обществознания", "история и обществознание", {"history"}
        ),
        _rmo(
            "languages", "учителей иностранного языка", "иностранные языки", {"english", "german"}
        ),
        _rmo(
            "science",
            "учителей естественнонаучного цикла",
            "физика, химия, биология, география",
            {"physics", "chemistry", "biology", "geography"},
        ),
        _rmo(
            "pe",
            "учителей физической культуры и ОБЗР",
            "физическая культура и ОБЗР",
            {"pe", "obzr"},
            "2021-09-01",
        ),
        AssociationSpec(
            "shmo",
            AssociationKind.SHMO,
            "ШМО учителей начальных классов МБОУ «Чойская СОШ»",
            "начальное общее образование",
            "учителя начальных классов",
            _d("2021-09-01"),
            tracks=frozenset({"primary"}),
            description="Школьное методическое объединение; его деятельность регламентируется "
            "локальными актами школы (Положение о ММС, п. 3.9).",
            parent="primary",
            school="school0",  # МБОУ «Чойская СОШ»
        ),
        AssociationSpec(
            "council",
            AssociationKind.COUNCIL,
            "Методический совет муниципальной методической службы МО «Чойский район»",
            "координация методической работы",
            "представители ММС, руководители РМО",
            _d("2020-09-01"),
            description="Координирует методическую работу на муниципальном уровне; председатель "
            "— руководитель РМК; состав утверждается приказом отдела образования (Положение о "
            "ММС, пп. 3.5–3.7).",
            genitive="методического совета муниципальной методической службы",
        ),
        AssociationSpec(
            "fullday",
            AssociationKind.NETWORK,
            "Проектная группа «Школа полного дня»",
            "внеурочная деятельность и дополнительное образование",
            "педагоги общеобразовательных организаций",
            _d("2022-02-01"),
            tracks=frozenset({"primary", "pe", "music", "art", "do_art", "do_sport"}),
            description=CHOYA_NETWORK_DESCRIPTION,
            genitive="проектной группы «Школа полного дня»",
            accusative="проектную группу «Школа полного дня»",
            liquidated=_d("2024-12-27"),
            liquidation_reason="в связи с завершением проекта",
        ),
        # Active network structures of п. 3.3.2: their task and planned end are set in
        # demo/network.py.
        AssociationSpec(
            "resource",
            AssociationKind.NETWORK,
            "Ресурсный центр «Цифровая образовательная среда»",
            "цифровая образовательная среда",
            "учителя-предметники и учителя начальных классов",
            _d("2024-10-01"),
            tracks=frozenset({"math", "informatics", "physics", "primary"}),
            description=CHOYA_NETWORK_DESCRIPTION,
            genitive="ресурсного центра «Цифровая образовательная среда»",
            accusative="ресурсный центр «Цифровая образовательная среда»",
        ),
        AssociationSpec(
            "discussion",
            AssociationKind.NETWORK,
            "Дискуссионная площадка «Функциональная грамотность: от задания к уроку»",
            "функциональная грамотность",
            "учителя-предметники",
            _d("2025-01-20"),
            tracks=frozenset({"russian", "math", "biology", "history", "geography"}),
            description=CHOYA_NETWORK_DESCRIPTION,
            genitive="дискуссионной площадки «Функциональная грамотность: от задания к уроку»",
            accusative="дискуссионную площадку «Функциональная грамотность: от задания к уроку»",
        ),
    ),
    extra_orders=(
        (
            "04-08",
            "О проведении районного конкурса профессионального мастерства «Педагог года» "
            "в {year} году",
            COMPETITION_TEXT,
        ),
    ),
)

MUNICIPALITIES: tuple[MunicipalitySpec, ...] = tuple(
    MunicipalitySpec(**{**spec.__dict__, "organisations": orgs})
    for spec, orgs in (
        (RUBTSOVSK, _rubtsovsk_orgs()),
        (BIYSK, _biysk_orgs()),
        (KUZNETSK, _kuznetsk_orgs()),
        (VESYEGONSK, _vesyegonsk_orgs()),
        (CHOYA, _choya_orgs()),
    )
)

COORDINATOR_REGION = "altai-krai"
