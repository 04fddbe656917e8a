from dataclasses import dataclass

import pytest

from metodset.core.declension import (
    Case,
    decline,
    decline_position,
    gender_of,
    initials_surname,
    short_name,
)


@dataclass
class P:
    last_name: str
    first_name: str
    patronymic: str
    gender: str = ""


IVANOVA = P("Иванова", "Мария", "Петровна", "f")
PETROV = P("Петров", "Сергей", "Алексеевич", "m")


class TestDecline:
    @pytest.mark.parametrize(
        ("case", "expected"),
        [
            (Case.NOMINATIVE, "Иванова Мария Петровна"),
            (Case.GENITIVE, "Ивановой Марии Петровны"),
            (Case.DATIVE, "Ивановой Марии Петровне"),
            (Case.ACCUSATIVE, "Иванову Марию Петровну"),
            (Case.INSTRUMENTAL, "Ивановой Марией Петровной"),
        ],
    )
    def test_it_declines_a_woman(self, case, expected):
        assert decline(IVANOVA, case) == expected

    @pytest.mark.parametrize(
        ("case", "expected"),
        [
            (Case.GENITIVE, "Петрова Сергея Алексеевича"),
            (Case.DATIVE, "Петрову Сергею Алексеевичу"),
            (Case.ACCUSATIVE, "Петрова Сергея Алексеевича"),
        ],
    )
    def test_it_declines_a_man(self, case, expected):
        assert decline(PETROV, case) == expected

    def test_an_unknown_gender_is_taken_from_the_patronymic(self):
        assert gender_of(P("Черных", "Александра", "Ильинична")) == "f"
        assert gender_of(P("Черных", "Александр", "Ильич")) == "m"
        assert gender_of(P("Ким", "Саша", "")) is None
        # «Черных» does not change; the woman's first name and patronymic do.
        assert decline(P("Черных", "Александра", "Ильинична"), "acc") == (
            "Черных Александру Ильиничну"
        )
        assert decline(P("Черных", "Александр", "Ильич"), "dat") == "Черных Александру Ильичу"

    def test_without_gender_or_patronymic_the_endings_decide(self):
        assert decline(P("Иванова", "Мария", ""), "acc") == "Иванову Марию"

    def test_both_parts_of_a_double_surname_change(self):
        woman = P("Римская-Корсакова", "Анна", "Ивановна", "f")
        assert decline(woman, "acc") == "Римскую-Корсакову Анну Ивановну"
        man = P("Петров-Водкин", "Кузьма", "Сергеевич", "m")
        assert decline(man, "dat") == "Петрову-Водкину Кузьме Сергеевичу"

    def test_the_signature_puts_initials_first(self):
        assert initials_surname(IVANOVA) == "М.П.\u00a0Иванова"
        assert initials_surname(P("Ким", "Саша", "")) == "С.\u00a0Ким"
        assert decline(None, "acc") == "" and initials_surname(None) == ""


class TestPosition:
    def test_it_declines_the_head_word_and_keeps_the_rest(self):
        assert decline_position("учитель математики", "acc") == "учителя математики"
        assert decline_position("Старший воспитатель", "dat") == "Старшему воспитателю"
        assert (
            decline_position("заместитель директора по УВР", "gen")
            == "заместителя директора по УВР"
        )
        assert decline_position("педагог-психолог", "ins") == "педагогом-психологом"

    def test_an_unknown_head_word_gives_nothing_to_print(self):
        assert decline_position("инженер-программист", "acc") == ""
        assert decline_position("", "acc") == ""
        assert decline_position("учитель", "nom") == "учитель"


class TestShortName:
    @pytest.mark.parametrize(
        ("person", "case", "expected"),
        [
            (P("Куликов", "Андрей", "Олегович"), Case.GENITIVE, "Куликова А.О."),
            (P("Горшкова", "Юлия", "Валерьевна"), Case.GENITIVE, "Горшковой Ю.В."),
            (P("Горшкова", "Юлия", "Валерьевна"), Case.DATIVE, "Горшковой Ю.В."),
            (P("Куликов", "Андрей", "Олегович"), Case.DATIVE, "Куликову А.О."),
            (P("Черных", "Иван", "Ильич"), Case.GENITIVE, "Черных И.И."),
            (P("Римская-Корсакова", "Анна", "", "f"), Case.GENITIVE, "Римской-Корсаковой А."),
            (IVANOVA, Case.NOMINATIVE, "Иванова М.П."),
        ],
    )
    def test_only_the_surname_declines(self, person, case, expected):
        assert short_name(person, case) == expected
