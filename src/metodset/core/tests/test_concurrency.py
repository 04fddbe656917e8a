"""Optimistic locking (core/concurrency.py): the second of two people editing the same
record is refused with what the first changed, and keeps what he typed."""

import re

import pytest
from django.urls import reverse

from metodset.associations.services import association_update
from metodset.core.concurrency import EDIT_TOKEN, EditConflict, edit_token
from metodset.meetings import services as meetings
from metodset.meetings.tests.factories import AgendaItemFactory
from metodset.people.services import teacher_update
from metodset.people.tests.factories import TeacherFactory
from metodset.plans.services import plan_item_update
from metodset.plans.tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db

FIELDS = ["title", "speakers", "discussion", "decision"]


class TestServices:
    def test_a_stale_token_is_refused_naming_theirs_and_yours(self, head, association):
        question = AgendaItemFactory(meeting__association=association, decision="Старое.")
        token = edit_token(question, FIELDS)
        meetings.agenda_item_update(user=head, item=question, data={"decision": "Их решение."})
        with pytest.raises(EditConflict) as conflict:
            meetings.agenda_item_update(
                user=head, item=question, data={"decision": "Моё решение.", EDIT_TOKEN: token}
            )
        assert conflict.value.changes == [("Решили", "Их решение.", "Моё решение.")]
        assert "сохранено другим — «Их решение.», у вас — «Моё решение.»" in str(conflict.value)
        question.refresh_from_db()
        assert question.decision == "Их решение."
        # The token the conflict hands back makes the second save deliberate and possible.
        meetings.agenda_item_update(
            user=head,
            item=question,
            data={"decision": "Моё решение.", EDIT_TOKEN: conflict.value.token},
        )
        question.refresh_from_db()
        assert question.decision == "Моё решение."

    def test_a_change_of_another_field_or_the_same_value_is_no_conflict(self, head, association):
        question = AgendaItemFactory(meeting__association=association)
        token = edit_token(question, ["decision"])
        meetings.agenda_item_update(user=head, item=question, data={"title": "Новый заголовок"})
        meetings.agenda_item_update(
            user=head, item=question, data={"decision": "Да.", EDIT_TOKEN: token}
        )
        other = edit_token(question, ["decision"])
        meetings.agenda_item_update(user=head, item=question, data={"decision": "Одно и то же."})
        meetings.agenda_item_update(
            user=head, item=question, data={"decision": "Одно и то же.", EDIT_TOKEN: other}
        )

    def test_plan_items_associations_and_teachers_are_guarded(self, methodist, association, head):
        item = PlanItemFactory(plan__association=association, topic="Семинар")
        token = edit_token(item, ["topic"])
        plan_item_update(user=methodist, item=item, data={"topic": "Их тема"})
        with pytest.raises(EditConflict):
            plan_item_update(user=methodist, item=item, data={"topic": "Моя", EDIT_TOKEN: token})

        token = edit_token(association, ["description"])
        association_update(user=methodist, association=association, data={"description": "А"})
        with pytest.raises(EditConflict):
            association_update(
                user=head, association=association, data={"description": "Б", EDIT_TOKEN: token}
            )

        teacher = TeacherFactory(organisation__municipality=methodist.municipality)
        token = edit_token(teacher, ["phone"])
        teacher_update(user=methodist, teacher=teacher, data={"phone": "+7 900 000-00-01"})
        with pytest.raises(EditConflict):
            teacher_update(
                user=methodist,
                teacher=teacher,
                data={"phone": "+7 900 000-00-02", EDIT_TOKEN: token},
            )


def _token(html: str) -> str:
    return re.search(r'name="edit_token" value="([^"]*)"', html).group(1)


class TestPages:
    def test_the_second_save_shows_the_conflict_and_keeps_the_text(self, client_for, association):
        question = AgendaItemFactory(meeting__association=association, decision="Старое.")
        url = reverse("meetings:agenda_edit", args=[question.pk])
        client = client_for("head")
        token = _token(client.get(url).text)
        data = {"title": question.title, "speakers": "", "discussion": ""}
        first = client.post(url, data | {"decision": "Первое.", EDIT_TOKEN: token})
        assert first.status_code == 302
        second = client.post(url, data | {"decision": "Второе.", EDIT_TOKEN: token})
        assert second.status_code == 400
        assert "сохранил другой пользователь" in second.text
        assert "«Первое.»" in second.text and "Второе.</textarea>" in second.text
        question.refresh_from_db()
        assert question.decision == "Первое."
        again = client.post(url, data | {"decision": "Второе.", EDIT_TOKEN: _token(second.text)})
        assert again.status_code == 302
        question.refresh_from_db()
        assert question.decision == "Второе."
