import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.shared import Pt

from metodset.acts.tests.factories import OrderFactory
from metodset.associations.models import AssociationKind
from metodset.documents import builtin, services
from metodset.documents.tests.fixtures import docx_text
from metodset.meetings import services as meeting_services
from metodset.meetings.models import DecisionStatus
from metodset.meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
)
from metodset.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")


class TestLayout:
    @pytest.mark.parametrize("kind", builtin.KINDS)
    def test_it_follows_the_office_conventions(self, kind):
        document = Document(builtin.TEMPLATES_DIR / f"{kind}.docx")
        section = document.sections[0]
        margins = (section.left_margin, section.right_margin, section.top_margin)
        assert [round(m.mm) for m in (*margins, section.bottom_margin)] == [30, 10, 20, 20]
        normal = document.styles["Normal"].font
        assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
        # Page numbers in the header from the second page only.
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml
        assert section.first_page_header.paragraphs[0].text == ""

    @pytest.mark.parametrize("kind", builtin.KINDS)
    def test_the_committed_templates_are_what_the_builder_writes(self, kind):
        committed = (builtin.TEMPLATES_DIR / f"{kind}.docx").read_bytes()
        assert builtin.build_bytes(kind) == committed, "run manage.py document_templates"


class TestMinutes:
    def test_it_prints_the_requisites_attendance_and_every_question(self, meeting):
        text = docx_text(services.minutes_document(meeting).content)
        assert "ПРОТОКОЛ" in text and "заседания методического объединения" in text
        assert "12.11.2025" in text and f"№ {meeting.number}" in text
        assert meeting.municipality.authority_name in text
        assert "Председатель — М.П.\u00a0Иванова" in text
        assert "Секретарь — С.А.\u00a0Петров" in text
        assert "Присутствовали: 2 чел.: Иванова М.П., Петров С.А." in text
        # The reason itself is not printed unless the municipality chooses so.
        assert "Отсутствовали: 1 чел.: Сидоров И.И. (по уважительной причине)" in text
        assert "болезнь" not in text
        assert "Приглашённые: Кузнецова А.А. — методист РМК" in text
        assert "ПОВЕСТКА ДНЯ:" in text
        assert "1. О плане работы на учебный год" in text
        assert "2. Об олимпиаде школьников" in text
        for part in ("1. СЛУШАЛИ:", "2. СЛУШАЛИ:", "ВЫСТУПИЛИ:", "РЕШИЛИ:"):
            assert part in text
        assert "Принять план работы." in text
        assert "Подготовить участников к муниципальному этапу." in text
        # The second question had no discussion: no empty «ВЫСТУПИЛИ».
        assert text.count("ВЫСТУПИЛИ:") == 1
        # The signature block: position, line, «И.О. Фамилия».
        assert re.search(r"Председатель\n_+\nМ\.П\.\u00a0Иванова", text)
        assert re.search(r"Секретарь\n_+\nС\.А\.\u00a0Петров", text)

    def test_every_date_is_dd_mm_yyyy(self, meeting):
        text = docx_text(services.minutes_document(meeting).content)
        assert "2025-11-12" not in text and "12 ноября" not in text
        assert DATE.findall(text)

    def test_user_text_with_markup_characters_is_printed_as_is(self, meeting):
        meeting.agenda.filter(position=1).update(decision="Принять <план> & график")
        text = docx_text(services.minutes_document(meeting).content)
        assert "Принять <план> & график" in text

    def test_it_is_named_by_its_number_and_date(self, meeting):
        name = services.minutes_document(meeting).name
        assert name == f"Протокол № {meeting.number} от 12.11.2025"

    def test_it_costs_a_fixed_number_of_queries(
        self, meeting, school, django_assert_max_num_queries
    ):
        for _n in range(30):
            AttendanceFactory(meeting=meeting, teacher=TeacherFactory(organisation=school))
        # The four of minutes_document_data and one for the municipality's own template.
        with django_assert_max_num_queries(5):
            generated = services.minutes_document(meeting)
        assert "Присутствовали: 32 чел." in docx_text(generated.content)

    def test_the_council_keeps_minutes_of_the_council(self, meeting):
        meeting.association.kind = AssociationKind.COUNCIL
        meeting.association.save()
        text = docx_text(services.minutes_document(meeting).content)
        assert "заседания методического совета" in text


class TestNotice:
    def test_it_announces_the_meeting_with_its_agenda(self, meeting):
        text = docx_text(services.notice_document(meeting).content)
        assert "ИЗВЕЩЕНИЕ" in text
        assert (
            f"12.11.2025 в 14:30 состоится заседание № {meeting.number} методического объединения «"
        ) in text
        assert "МБОУ «Гимназия № 3», кабинет 21" in text
        assert "1. О плане работы на учебный год" in text
        assert "2. Об олимпиаде школьников" in text
        assert "20.11.2025" in text  # the date of issue: today
        assert "СЛУШАЛИ" not in text
        assert "КОНТРОЛЬ ИСПОЛНЕНИЯ" not in text  # nothing to control: no empty heading

    def test_it_lists_the_earlier_decisions_under_control(self, meeting, ivanova, petrov):
        earlier = MeetingFactory(association=meeting.association, date=dt.date(2025, 10, 15))
        for title, responsible, due, status in (
            ("Провести открытые уроки.", ivanova, dt.date(2025, 11, 1), DecisionStatus.OPEN),
            ("Обновить банк заданий.", petrov, None, DecisionStatus.DONE),
            ("Снятое с контроля.", petrov, None, DecisionStatus.CANCELLED),
        ):
            item = AgendaItemFactory(meeting=earlier, decision=title)
            meeting_services.decision_follow(
                user=None, item=item, responsible=responsible, due_on=due, status=status
            )
        text = docx_text(services.notice_document(meeting).content)
        assert "КОНТРОЛЬ ИСПОЛНЕНИЯ РЕШЕНИЙ:" in text
        assert (
            f"1. Провести открытые уроки (заседание № {earlier.number} от 15.10.2025; "
            "ответственный: Иванова М.П.; срок: 01.11.2025) — на исполнении, срок истёк."
        ) in text
        assert (
            f"2. Обновить банк заданий (заседание № {earlier.number} от 15.10.2025; "
            "ответственный: Петров С.А.) — исполнено."
        ) in text
        assert "Снятое с контроля" not in text


class TestPlan:
    def test_a_draft_has_blank_stamps_and_the_items_table(self, plan, appointment):
        text = docx_text(services.plan_document(plan).content)
        assert "ПЛАН РАБОТЫ" in text and "на 2025/2026 учебный год" in text
        assert "СОГЛАСОВАНО" in text and "УТВЕРЖДАЮ" in text and "__.__.20__" in text
        assert "ПРИНЯТ" not in text
        assert "Методическая тема: Профессиональная компетентность" in text
        assert "1. Изучить нормативные документы" in text
        assert "2. Обобщить опыт педагогов" in text
        document = Document(io.BytesIO(services.plan_document(plan).content))
        table = document.tables[-1]  # the items, and the signature in a row of its own
        header = [c.text for c in table.rows[0].cells]
        assert header == [
            "№ п/п",
            "Сроки",
            "Форма",
            "Тема, содержание",
            "Ответственные",
            "Ожидаемый результат",
        ]
        row = [c.text for c in table.rows[1].cells]
        assert row[0] == "1" and row[1] == "15.10.2025" and "Семинар по ФГОС" in row[3]
        assert row[4] == "Иванова М.П."
        assert len(table.rows) == 3  # the loop rows are gone
        assert table.rows[2].cells[0].text == "Руководитель объединения"
        assert "Руководитель объединения" in text and "М.П.\u00a0Иванова" in text

    def test_an_approved_plan_shows_the_order_in_its_stamp(self, plan, methodist):
        order = OrderFactory(
            municipality=plan.municipality, number="45-од", date=dt.date(2025, 9, 5)
        )
        type(plan).objects.filter(pk=plan.pk).update(
            status="approved",
            approval_order=order,
            approved_by=methodist,
            approved_at=dt.datetime(2025, 9, 5, 10, tzinfo=dt.UTC),
            agreed_by=methodist,
            agreed_at=dt.datetime(2025, 9, 3, 10, tzinfo=dt.UTC),
        )
        text = docx_text(services.plan_document(plan).content)
        assert "УТВЕРЖДЁН" in text and "приказом от 05.09.2025 № 45-од" in text
        assert "УТВЕРЖДАЮ" not in text
        assert "03.09.2025" in text  # the agreement stamp is filled


class TestOrders:
    def test_the_head_order_declines_the_name(self, appointment):
        text = docx_text(services.order_head_document(appointment).content)
        assert "ПРОЕКТ" in text and "ПРИКАЗ" in text
        assert "О назначении руководителя" in text
        assert (
            "1. Назначить Иванову Марию Петровну, учителя математики МБОУ «СОШ № 1», руководителем"
        ) in text
        assert "на срок с 01.09.2025 по 31.08.2028" in text
        assert "2. Ивановой Марии Петровне организовать работу" in text
        assert "ПРИКАЗЫВАЮ:" in text
        assert "С приказом ознакомлена:" in text
        assert "№ ______" in text  # a draft: the number is the authority's to give

    def test_a_male_head_is_declined_as_a_man(self, appointment, petrov):
        appointment.teacher = petrov
        appointment.save()
        text = docx_text(services.order_head_document(appointment).content)
        assert "Назначить Петрова Сергея Алексеевича, учителя математики" in text
        assert "Петрову Сергею Алексеевичу организовать" in text
        assert "С приказом ознакомлен:" in text

    def test_the_creation_order_names_the_kind_and_the_first_head(self, association, appointment):
        association.kind = AssociationKind.RMO
        association.save()
        text = docx_text(services.order_creation_document(association).content)
        assert "О создании районного методического объединения «" in text
        assert f"1. Создать районное методическое объединение «{association.name}»" in text
        assert "2. Назначить Иванову Марию Петровну" in text
        assert association.municipality.authority_name.upper() in text

    def test_a_recorded_order_gives_its_number_and_date(self, association):
        association.creation_order = OrderFactory(
            municipality=association.municipality, number="157", date=association.founded_on
        )
        association.save()
        text = docx_text(services.order_creation_document(association).content)
        assert "№ 157" in text and association.founded_on.strftime("%d.%m.%Y") in text
        assert "ПРОЕКТ" not in text  # the order exists: no longer a draft
        assert "Назначить" not in text  # no head yet


class TestOwnTemplate:
    def test_an_uploaded_template_governs_the_document(self, meeting, methodist):
        from django.core.files.uploadedfile import SimpleUploadedFile

        source = Document()
        source.add_paragraph("Протокол {{ number }} — {{ chair.accusative }}")
        buffer = io.BytesIO()
        source.save(buffer)
        services.template_upload(
            user=methodist,
            municipality=meeting.municipality,
            kind="minutes",
            file=SimpleUploadedFile("мой.docx", buffer.getvalue()),
        )
        text = docx_text(services.minutes_document(meeting).content)
        assert text.strip() == f"Протокол {meeting.number} — Иванову Марию Петровну"
        other = MeetingFactory(association=meeting.association, date=dt.date(2025, 12, 1))
        assert "Протокол" in docx_text(services.minutes_document(other).content)
