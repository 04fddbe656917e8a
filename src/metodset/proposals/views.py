from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from metodset.associations.models import Association
from metodset.core.access import require_perm
from metodset.core.downloads import attachment
from metodset.core.files import CONTENT_TYPES, file_response
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import form_page
from metodset.core.xlsx import XlsxColumn
from metodset.people.models import Teacher
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind
from metodset.proposals import exports, selectors, services
from metodset.proposals.access import (
    get_draft_for_user,
    get_position_for_user,
    get_proposal_for_user,
)
from metodset.proposals.filters import DraftFilter, ProposalFilter
from metodset.proposals.forms import (
    AdoptForm,
    CommentForm,
    DecisionForm,
    DraftForm,
    PositionForm,
    ProposalForm,
    TeacherChoiceForm,
)
from metodset.proposals.grounds import grounds_for

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Submitted"), lambda p: p.submitted_at.date(), 12),
    XlsxColumn(gettext_lazy("Kind"), lambda p: p.get_kind_display(), 30),
    XlsxColumn(gettext_lazy("Teacher"), lambda p: p.teacher.full_name, 35),
    XlsxColumn(gettext_lazy("Association"), lambda p: p.association.name, 40),
    XlsxColumn(
        gettext_lazy("Asked for"),
        lambda p: p.award or str(p.nomination or "") or p.get_category_display(),
        40,
    ),
    XlsxColumn(gettext_lazy("Status"), lambda p: p.get_status_display(), 18),
]


# --- Proposals ---------------------------------------------------------------------------


def proposal_list(request):
    return render_list(
        request,
        queryset=selectors.proposal_list(user=request.user),
        filterset_class=ProposalFilter,
        template="proposals/proposal_list.html",
        sort_fields={
            "submitted": ("submitted_at",),
            "teacher": ("teacher__last_name", "teacher__first_name"),
            "status": ("status", "-submitted_at"),
        },
        default_sort="-submitted",
        context={
            "can_submit": bool(request.user.headed_association_ids)
            or request.user.is_platform_admin
        },
        export=(_("Proposals"), EXPORT_COLUMNS),
        audit=privacy.teachers_audit("teacher"),
    )


def proposal_create(request):
    """Step one: the association and the member (GET ?association=&teacher=); step two: the
    proposal itself with the lines of his records to cite."""
    chooser = TeacherChoiceForm(request.GET or None, user=request.user)
    if not chooser.fields["association"].queryset.exists():
        raise PermissionDenied
    if not chooser.is_bound or not chooser.is_valid():
        return render(
            request,
            "proposals/proposal_choose.html",
            {"form": chooser},
            status=400 if chooser.is_bound else 200,
        )
    association: Association = chooser.cleaned_data["association"]
    teacher: Teacher = chooser.cleaned_data["teacher"]
    require_perm(request.user, "proposals.submit", association)
    lines = grounds_for(teacher)  # his records: personal data shown to the head
    if request.method == "GET":
        privacy.access_record(request=request, people=[teacher], kind=AccessKind.CARD)
    form = ProposalForm(request.POST or None, association=association, teacher=teacher, lines=lines)
    return form_page(
        request,
        form,
        save=lambda: services.proposal_submit(
            user=request.user,
            association=association,
            teacher=teacher,
            kind=form.cleaned_data["kind"],
            grounds=form.cleaned_data["grounds"],
            records=form.cleaned_data["records"],
            award=form.cleaned_data["award"],
            nomination=form.cleaned_data["nomination"],
            category=form.cleaned_data["category"],
        ),
        title=_("Proposal about %(teacher)s (%(association)s)")
        % {"teacher": teacher.full_name, "association": association},
        cancel_url=reverse("proposals:list"),
        success_message=_("The proposal is submitted to the methodical service."),
        submit_label=_("Submit the proposal"),
    )


def proposal_detail(request, pk: int):
    proposal = get_proposal_for_user(request.user, pk)
    privacy.access_record(request=request, people=[proposal.teacher], kind=AccessKind.CARD)
    return render(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "records": [line for line in proposal.records.splitlines() if line.strip()],
            "can_decide": proposal.is_pending
            and request.user.has_perm("proposals.decide", proposal),
            "can_order": proposal.has_order
            and request.user.has_perm("documents.draft_order", proposal),
            "history": history_for(proposal),
        },
    )


def proposal_decide(request, pk: int):
    proposal = get_proposal_for_user(request.user, pk, perm="proposals.decide")
    if not proposal.is_pending:
        messages.info(request, _("The proposal has already been decided."))
        return redirect(proposal)
    form = DecisionForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.proposal_decide(
            user=request.user,
            proposal=proposal,
            granted=form.cleaned_data["granted"],
            reason=form.cleaned_data["reason"],
        ),
        title=_("Decision: %(proposal)s") % {"proposal": proposal},
        cancel_url=proposal.get_absolute_url(),
        success_message=_("The decision is recorded."),
        extra={"proposal": proposal},
    )


# --- Draft acts --------------------------------------------------------------------------


def draft_list(request):
    return render_list(
        request,
        queryset=selectors.draft_list(user=request.user),
        filterset_class=DraftFilter,
        template="proposals/draft_list.html",
        sort_fields={"deadline": ("deadline",), "title": ("title",)},
        default_sort="-deadline",
        context={"can_open": request.user.has_perm("proposals.open_draft")},
    )


def draft_open(request):
    require_perm(request.user, "proposals.open_draft")
    municipality = request.user.municipality
    if municipality is None:
        raise Http404  # the platform admin opens drafts through a methodist's account
    form = DraftForm(request.POST or None, request.FILES or None, municipality=municipality)
    return form_page(
        request,
        form,
        save=lambda: services.draft_open(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("Open a draft act for discussion"),
        cancel_url=reverse("proposals:drafts"),
        success_message=_("The draft is open for discussion."),
        submit_label=_("Open for discussion"),
    )


def _my_associations(user, draft):
    """The draft's associations in whose name the user may comment or compile a position."""
    associations = draft.associations.order_by("name")
    if user.is_platform_admin:
        return associations
    teacher_id = getattr(user, "teacher_id", None)
    if teacher_id is None:
        return associations.none()
    from django.db.models import Q
    from django.utils import timezone

    from metodset.associations.models import in_force_q

    today = timezone.localdate()
    return associations.filter(
        Q(pk__in=user.headed_association_ids)
        | Q(
            pk__in=Association.objects.filter(
                in_force_q(today, "memberships__"), memberships__teacher_id=teacher_id
            ).values("pk")
        )
    ).distinct()


def draft_detail(request, pk: int):
    draft = get_draft_for_user(request.user, pk)
    mine = _my_associations(request.user, draft)
    headed = set(request.user.headed_association_ids)
    return render(
        request,
        "proposals/draft_detail.html",
        {
            "draft": draft,
            "discussion": selectors.discussion(draft),
            "comment_form": CommentForm(associations=mine) if draft.is_open and mine else None,
            "headed": headed if not request.user.is_platform_admin else {a.pk for a in mine},
            "can_export": request.user.has_perm("proposals.export_positions", draft),
            "history": history_for(draft),
        },
    )


def draft_file(request, pk: int):
    draft = get_draft_for_user(request.user, pk)
    from metodset.core.files import download_name

    return file_response(draft.file, download_name(draft.title, draft.file.name))


@require_POST
def comment_add(request, pk: int):
    draft = get_draft_for_user(request.user, pk)
    mine = _my_associations(request.user, draft)
    if not mine:
        raise PermissionDenied
    form = CommentForm(request.POST, associations=mine)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.comment_add(user=request.user, draft=draft, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The comment is added."))
    return redirect(draft.get_absolute_url() + "#discussion")


def position_compile(request, pk: int, association_pk: int):
    draft = get_draft_for_user(request.user, pk)
    association = get_object_or_404(draft.associations.all(), pk=association_pk)
    require_perm(request.user, "proposals.compile_position", association)
    position = draft.positions.filter(association=association).first()
    comments = list(draft.comments.filter(association=association).select_related("author"))
    initial = position.text if position else "\n".join(f"п. {c.clause}: {c.text}" for c in comments)
    form = PositionForm(request.POST or None, initial={"text": initial})
    return form_page(
        request,
        form,
        save=lambda: services.position_compile(
            user=request.user, draft=draft, association=association, **form.cleaned_data
        ),
        title=_("Position of %(association)s on «%(draft)s»")
        % {"association": association, "draft": draft},
        cancel_url=draft.get_absolute_url(),
        success_url=lambda _p: draft.get_absolute_url() + f"#association-{association.pk}",
        success_message=_("The position is saved."),
        template="proposals/position_form.html",
        extra={"comments": comments},
    )


def position_adopt(request, pk: int):
    position = get_position_for_user(request.user, pk)
    require_perm(request.user, "proposals.compile_position", position.association)
    form = AdoptForm(request.POST or None, choices=selectors.adoption_choices(position))
    draft = position.draft
    return form_page(
        request,
        form,
        save=lambda: services.position_adopt(
            user=request.user, position=position, decision=form.cleaned_data["decision"]
        ),
        title=_("Adoption of the position of %(association)s")
        % {"association": position.association},
        cancel_url=draft.get_absolute_url(),
        success_url=lambda _p: draft.get_absolute_url() + f"#association-{position.association_id}",
        success_message=_("The position is adopted."),
    )


def positions_docx(request, pk: int):
    draft = get_draft_for_user(request.user, pk, perm="proposals.export_positions")
    content, name = exports.positions_docx(draft)
    return attachment(content, name, "docx", CONTENT_TYPES["docx"])


def positions_xlsx(request, pk: int):
    draft = get_draft_for_user(request.user, pk, perm="proposals.export_positions")
    return exports.positions_xlsx(draft)
