"""A full name written in one cell («ФИО»), split into last name, first name and patronymic.

«Иванова Мария Петровна» → Иванова / Мария / Петровна. Handled too: a hyphenated
or two-word surname («Петрова-Водкина Анна Сергеевна», «Римская Корсакова Анна
Сергеевна»), a Turkic patronymic of two words («Алиев Руслан Ибрагим оглы»,
«Мамедова Лейла Гасан кызы»), no patronymic («Smith Anna»), the order «Имя
Отчество Фамилия», and a maiden name in brackets kept with the surname.
Initials instead of a name («Иванова М.П.») are refused: the bank keeps full names.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The second word of a Turkic patronymic: «Ибрагим оглы» (son of), «Гасан кызы» (daughter of).
PATRONYMIC_PARTICLES = {"оглы", "оглу", "улы", "уулу", "кызы", "гызы", "кизи"}
FEMALE_PARTICLES = {"кызы", "гызы", "кизи"}
_PATRONYMIC_ENDINGS = ("вич", "вна", "ич", "чна", "шна")
_FEMALE_ENDINGS = ("вна", "чна", "шна")


def looks_like_patronymic(word: str) -> bool:
    word = word.lower()
    return len(word) > 4 and word.endswith(_PATRONYMIC_ENDINGS)


def gender_from_patronymic(patronymic: str) -> str | None:
    """«f», «m» or None when the patronymic does not tell (or there is none)."""
    words = patronymic.lower().split()
    if not words:
        return None
    if words[-1] in PATRONYMIC_PARTICLES:
        return "f" if words[-1] in FEMALE_PARTICLES else "m"
    if not looks_like_patronymic(words[-1]):
        return None
    return "f" if words[-1].endswith(_FEMALE_ENDINGS) else "m"


def split_full_name(text: str) -> dict[str, str]:
    """{"last_name", "first_name", "patronymic"} of a full name, or a ValidationError."""
    # A maiden name in brackets stays with the surname: «Иванова (Петрова) Мария Петровна».
    words = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", " ".join(text.split()))).split(" ")
    words = [w for w in words if w]
    if any(re.fullmatch(r"\w\.(\w\.?)?", w) for w in words[1:]):
        raise ValidationError(
            _("«%(value)s»: write the first name and patronymic in full, not initials.")
            % {"value": text}
        )
    patronymic = ""
    if len(words) >= 4 and words[-1].lower() in PATRONYMIC_PARTICLES:
        patronymic = f"{words[-2]} {words[-1]}"
        words = words[:-2]
    elif (
        len(words) == 3 and looks_like_patronymic(words[1]) and not looks_like_patronymic(words[2])
    ):
        # «Мария Петровна Иванова»: the surname comes last.
        return {"last_name": words[2], "first_name": words[0], "patronymic": words[1]}
    elif len(words) >= 3:
        patronymic = words[-1]
        words = words[:-1]
    if len(words) < 2:
        raise ValidationError(
            _("«%(value)s»: a last name and a first name are needed.") % {"value": text}
        )
    return {"last_name": " ".join(words[:-1]), "first_name": words[-1], "patronymic": patronymic}
