"""Constants shared by the demo tests."""

import re

SMALL = 12  # teachers per municipality on average: enough for every rule, fast to load
EMAIL = re.compile(r"[\w.-]+@(?:[\w-]+\.)?metodset\.demo")
EXPECTED = {
    "rubtsovsk": ("г. Рубцовск", "Алтайский край"),
    "biysk-rayon": ("Бийский район", "Алтайский край"),
    "kuznetsk": ("г. Кузнецк", "Пензенская область"),
    "vesyegonsk": ("Весьегонский муниципальный округ", "Тверская область"),
    "choya": ("МО «Чойский район»", "Республика Алтай"),
}
