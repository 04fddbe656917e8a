import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from metodset.associations.tests.factories import AssociationFactory, MembershipFactory
from metodset.core.tests.roles import MANAGE, READ_ALL, READ_IN_SCOPE, ROLES
from metodset.documents.tests.fixtures import docx_text
from metodset.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from metodset.meetings.tests.pages import assert_clean
from metodset.people.tests.factories import TeacherFactory
from metodset.privacy.models import AccessKind, AccessLogEntry
from metodset.proposals import services
from metodset.proposals.models import DraftComment, Proposal, ProposalKind, ProposalStatus
from metodset.proposals.tests.fixtures import draft_file

pytestmark = pytest.mark.django_db

# A proposal names a teacher: the service and coordinators of the scope, the head of its
# association and the teacher it is about see it; the head of another association does not.
SEES_PROPOSAL = READ_IN_SCOPE | {"other_head": 404}
DECIDES = MANAGE | {"other_head": 404}
HEADS = dict.fromkeys(ROLES, 403) | {
    "anonymous": 302,
    "platform_admin": 200,
    "head": 200,
    "other_head": 200,
}
# The head of an association discussing the draft compiles its position.
COMPILES = MANAGE | {"methodist": 403, "head": 200}
OPENS_DRAFT = MANAGE | {
    "platform_admin": 404,  # he has no municipality: he opens drafts as a methodist
    "coordinator_other": 403,
    "methodist_other": 200,
}
ORDER = DECIDES

# (url name, the key of its arguments, expected status per role)
PAGES = [
    ("proposals:list", None, READ_ALL),
    ("proposals:create", None, HEADS),
    ("proposals:detail", "petition", SEES_PROPOSAL),
    ("proposals:decide", "petition", DECIDES),
    ("proposals:drafts", None, READ_ALL),
    ("proposals:draft_open", None, OPENS_DRAFT),
    ("proposals:draft", "draft", READ_IN_SCOPE),
    ("proposals:draft_file", "draft", READ_IN_SCOPE),
    ("proposals:position", "draft_association", COMPILES),
    ("proposals:position_adopt", "position", COMPILES),
    ("proposals:positions_docx", "draft", MANAGE),
    ("proposals:positions_xlsx", "draft", MANAGE),
    # The draft order of a granted petition: the documents app's download (DOCUMENT_KINDS).
    ("documents:order_award_docx", "granted", ORDER),
    ("documents:order_award_pdf", "granted", ORDER),
]
POST_ONLY = ["proposals:comment_add"]


@pytest.fixture
def objects(petition, granted_petition, draft, position, association):
    return {
        "petition": [petition.pk],
        "granted": [granted_petition.pk],
        "draft": [draft.pk],
        "draft_association": [draft.pk, association.pk],
        "position": [position.pk],
    }


def _cases():
    for name, key, expected in PAGES:
        for role in ROLES:
            yield pytest.param(name, key, role, expected[role], id=f"{name}-{role}")


class TestAccess:
    @pytest.mark.parametrize(("name", "key", "role", "status"), list(_cases()))
    def test_every_page_answers_every_role(
        self, client_for, objects, fake_pdf, name, key, role, status
    ):
        args = objects[key] if key else []
        response = client_for(role).get(reverse(name, args=args))
        assert response.status_code == status, f"{name} as {role}"

    def test_every_url_is_covered(self):
        from metodset.proposals.urls import urlpatterns

        names = {f"proposals:{p.name}" for p in urlpatterns}
        covered = {name for name, _k, _e in PAGES if name.startswith("proposals:")}
        assert names == covered | set(POST_ONLY)

    @pytest.mark.parametrize(
        ("role", "status"),
        [("head", 302), ("teacher", 302), ("other_head", 403), ("methodist", 403)],
    )
    def test_only_the_discussing_associations_comment(
        self, client_for, draft, association, role, status
    ):
        response = client_for(role).post(
            reverse("proposals:comment_add", args=[draft.pk]),
            {"association": association.pk, "clause": "2.1", "text": "Уточнить сроки."},
        )
        assert response.status_code == status
        assert DraftComment.objects.count() == (1 if status == 302 else 0)

    def test_a_methodist_of_another_municipality_does_not_see_the_draft(
        self, client_for, draft, association
    ):
        response = client_for("methodist_other").post(
            reverse("proposals:comment_add", args=[draft.pk]),
            {"association": association.pk, "clause": "1", "text": "Нет"},
        )
        assert response.status_code == 404

    def test_pages_are_clean(self, client_for, objects):
        for role, name, key in (
            ("head", "proposals:list", None),
            ("methodist", "proposals:detail", "petition"),
            ("teacher", "proposals:draft", "draft"),
            ("head", "proposals:position", "draft_association"),
        ):
            args = objects[key] if key else []
            assert_clean(client_for(role).get(reverse(name, args=args)))


class TestPetitionFlow:
    def test_a_head_petitions_with_the_members_records_and_the_methodist_grants(
        self, client_for, users, association, member, fake_pdf
    ):
        head = client_for("head")
        form_url = (
            reverse("proposals:create") + f"?association={association.pk}&teacher={member.pk}"
        )
        page = head.get(form_url)
        assert page.status_code == 200
        response = head.post(
            form_url,
            {
                "kind": ProposalKind.PETITION,
                "award": "Благодарственное письмо",
                "grounds": "Провела три открытых урока.",
            },
        )
        proposal = Proposal.objects.get()
        assert response.status_code == 302
        assert proposal.submitted_by == users["head"]
        methodist = client_for("methodist")
        response = methodist.post(
            reverse("proposals:decide", args=[proposal.pk]), {"granted": "1", "reason": ""}
        )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.GRANTED
        member.refresh_from_db()
        assert "Благодарственное письмо (2025)" in member.awards
        document = methodist.get(reverse("documents:order_award_docx", args=[proposal.pk]))
        assert document.status_code == 200
        text = docx_text(document.content)
        assert "О поощрении" in text
        assert "Благодарственное письмо" in text

    def test_a_refusal_without_a_reason_changes_nothing(self, client_for, petition):
        response = client_for("methodist").post(
            reverse("proposals:decide", args=[petition.pk]), {"granted": "0", "reason": ""}
        )
        assert response.status_code == 400
        assert "Укажите причину отказа" in response.text
        petition.refresh_from_db()
        assert petition.status == ProposalStatus.SUBMITTED

    def test_a_head_cannot_petition_for_a_stranger(self, client_for, association, municipality):
        stranger = TeacherFactory(organisation__municipality=municipality)
        url = reverse("proposals:create") + f"?association={association.pk}&teacher={stranger.pk}"
        response = client_for("head").get(url)
        assert response.status_code == 400
        assert not Proposal.objects.exists()


class TestAccessLog:
    """A proposal names a teacher and cites his records: who saw them is logged (152-ФЗ)."""

    def test_the_form_the_card_and_the_list_are_logged(
        self, client_for, users, association, member, petition
    ):
        form_url = (
            reverse("proposals:create") + f"?association={association.pk}&teacher={member.pk}"
        )
        assert client_for("head").get(form_url).status_code == 200
        methodist = client_for("methodist")
        methodist.get(reverse("proposals:detail", args=[petition.pk]))
        methodist.get(reverse("proposals:list"))
        methodist.get(reverse("proposals:list"), {"export": "xlsx"})
        logged = {(e.user_id, e.teacher_id, e.kind, e.path) for e in AccessLogEntry.objects.all()}
        assert logged == {
            (users["head"].pk, member.pk, AccessKind.CARD, reverse("proposals:create")),
            (
                users["methodist"].pk,
                member.pk,
                AccessKind.CARD,
                reverse("proposals:detail", args=[petition.pk]),
            ),
            (users["methodist"].pk, member.pk, AccessKind.LIST, reverse("proposals:list")),
            (users["methodist"].pk, member.pk, AccessKind.EXPORT, reverse("proposals:list")),
        }

    def test_the_teacher_reading_his_own_proposal_is_not_logged(self, client_for, petition):
        assert client_for("teacher").get(petition.get_absolute_url()).status_code == 200
        assert not AccessLogEntry.objects.exists()


class TestLists:
    def _proposals(self, users, association, n):
        for _i in range(n):
            teacher = MembershipFactory(association=association).teacher
            services.proposal_submit(
                user=users["head"],
                association=association,
                teacher=teacher,
                kind=ProposalKind.ATTESTATION,
                category="first",
                grounds="Результаты диагностики.",
            )

    def test_the_proposal_list_takes_the_same_queries_at_any_size(
        self, client_for, users, association, django_assert_num_queries
    ):
        client = client_for("methodist")
        url = reverse("proposals:list")
        self._proposals(users, association, 2)
        client.get(url)
        # session, user, count, page of proposals with teacher, association and
        # nomination joined, the menu's and the bell's reads
        with django_assert_num_queries(_count(client, url)) as small:
            client.get(url)
        self._proposals(users, association, 6)
        with django_assert_num_queries(len(small.captured_queries)):
            response = client.get(url)
        assert response.text.count("<tr>") == 9

    def test_the_draft_list_takes_the_same_queries_at_any_size(
        self, client_for, users, municipality, association, django_assert_num_queries
    ):
        client = client_for("head")
        url = reverse("proposals:drafts")

        def drafts(n):
            for i in range(n):
                services.draft_open(
                    user=users["methodist"],
                    municipality=municipality,
                    title=f"Проект {i}",
                    level="regional",
                    summary="Кратко",
                    file=draft_file(),
                    deadline=dt.date(2025, 12, 1),
                    associations=[association, AssociationFactory(municipality=municipality)],
                )

        drafts(1)
        client.get(url)
        with django_assert_num_queries(_count(client, url)) as small:
            client.get(url)
        drafts(5)
        with django_assert_num_queries(len(small.captured_queries)):
            response = client.get(url)
        assert response.text.count("<tr>") == 7


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


class TestDraftDiscussion:
    def test_two_associations_discuss_and_the_positions_export(
        self, client_for, users, municipality, association, other_head
    ):
        other = other_head.teacher_profile.head_appointments.get().association
        draft = services.draft_open(
            user=users["methodist"],
            municipality=municipality,
            title="Проект регионального положения об аттестации",
            level="regional",
            summary="Изменения в порядке аттестации.",
            file=draft_file(),
            deadline=dt.date(2025, 12, 20),
            associations=[association, other],
        )
        client_for("teacher").post(
            reverse("proposals:comment_add", args=[draft.pk]),
            {"association": association.pk, "clause": "3.2", "text": "Сократить сроки."},
        )
        for role, assoc, text in (
            ("head", association, "Поддержать с замечанием к п. 3.2."),
            ("other_head", other, "Поддержать без замечаний."),
        ):
            client = client_for(role)
            response = client.post(
                reverse("proposals:position", args=[draft.pk, assoc.pk]), {"text": text}
            )
            assert response.status_code == 302, response.text
        meeting = MeetingFactory(association=association, date=dt.date(2025, 11, 20))
        decision = AgendaItemFactory(meeting=meeting, decision="Одобрить позицию объединения.")
        position = draft.positions.get(association=association)
        response = client_for("head").post(
            reverse("proposals:position_adopt", args=[position.pk]), {"decision": decision.pk}
        )
        assert response.status_code == 302
        methodist = client_for("methodist")
        docx = methodist.get(reverse("proposals:positions_docx", args=[draft.pk]))
        text = "\n".join(
            cell.text
            for table in Document(io.BytesIO(docx.content)).tables
            for row in table.rows
            for cell in row.cells
        )
        assert "Поддержать с замечанием к п. 3.2." in text
        assert "Поддержать без замечаний." in text
        assert f"протокол № {meeting.number} от 20.11.2025" in text
        xlsx = methodist.get(reverse("proposals:positions_xlsx", args=[draft.pk]))
        book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
        positions = [row for row in book["Позиции"].iter_rows(values_only=True)][1:]
        assert {row[0] for row in positions} == {association.name, other.name}
        comments = [row for row in book["Замечания"].iter_rows(values_only=True)][1:]
        assert comments[0][0] == "3.2"
