from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_POST

from metodset.associations import selectors, services
from metodset.associations.access import get_association_for_user, get_membership_for_user
from metodset.associations.filters import AssociationFilter
from metodset.associations.forms import (
    AssociationForm,
    CompositionForm,
    HeadAssociationForm,
    HeadForm,
    LeaveForm,
    LiquidationForm,
    MemberForm,
    NetworkForm,
    NetworkReportForm,
)
from metodset.associations.models import Association, HeadAppointment, Membership
from metodset.core.access import require_perm
from metodset.core.dates import SchoolYear
from metodset.core.files import download_name, file_response
from metodset.core.forms import add_service_errors
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.orgs.selectors import authority_head_on
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind

DETAIL = "associations/association_detail.html"

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Name"), lambda a: a.name, 50),
    XlsxColumn(gettext_lazy("Kind"), lambda a: a.get_kind_display(), 30),
    XlsxColumn(gettext_lazy("Subject or area"), lambda a: a.area, 30),
    XlsxColumn(gettext_lazy("Part of"), lambda a: a.parent.name if a.parent else "", 40),
    XlsxColumn(gettext_lazy("Head"), lambda a: a.head_name or "", 35),
    XlsxColumn(gettext_lazy("Term ends"), lambda a: a.head_ends_on, 14),
    XlsxColumn(gettext_lazy("Members"), lambda a: a.member_count, 10),
    XlsxColumn(gettext_lazy("Status"), lambda a: a.get_status_display(), 14),
    XlsxColumn(gettext_lazy("Municipality"), lambda a: a.municipality.name, 25),
]


def _people_context(request: HttpRequest, association: Association) -> dict:
    """The members part of the card: who is in, who left, who heads, what the user may do."""
    user = request.user
    can_manage_members = (
        user.has_perm("associations.manage_members", association) and association.is_active
    )
    return {
        "association": association,
        "can_manage_members": can_manage_members,
        # A teacher's card is personal data: link it only for those who may open it.
        "link_teachers": not user.is_teacher or can_manage_members,
        **selectors.association_people(
            association,
            members_page=request.GET.get("members"),
            former_page=request.GET.get("former"),
        ),
    }


def _log_people_shown(request: HttpRequest, people: dict) -> None:
    """The members' names, organisations and posts are personal data: log who saw them."""
    shown = [r.teacher for r in (*people["members"], *people["former"], *people["appointments"])]
    privacy.access_record(request=request, people=shown, kind=AccessKind.LIST)


def association_list(request):
    return render_list(
        request,
        queryset=selectors.association_list(user=request.user),
        filterset_class=AssociationFilter,
        template="associations/association_list.html",
        sort_fields={
            "name": ("name",),
            "kind": ("kind", "name"),
            "area": ("area", "name"),
            "head": ("head_name", "name"),
            "members": ("member_count",),
            "term": ("head_ends_on",),
        },
        default_sort="name",
        export=(_("Associations"), EXPORT_COLUMNS),
    )


def _detail(
    request: HttpRequest,
    association: Association,
    *,
    member_form: MemberForm | None = None,
    status: int = 200,
) -> HttpResponse:
    from metodset.events.selectors import member_results
    from metodset.regulations.checks import check_for_page, liquidated_by

    user = request.user
    people = _people_context(request, association)
    _log_people_shown(request, people)
    if people["can_manage_members"] and member_form is None:
        member_form = MemberForm(association=association, user=user)
    today = timezone.localdate()
    verdicts = check_for_page(request, association, today)
    can_appoint = user.has_perm("associations.appoint_head", association) and association.is_active
    return render(
        request,
        DETAIL,
        {
            **people,
            "member_form": member_form if people["can_manage_members"] else None,
            "can_edit": user.has_perm("associations.change_association", association),
            "can_appoint": can_appoint,
            # Who signs the draft orders today: the methodist is told when nobody is recorded.
            "order_signer": (
                authority_head_on(association.municipality_id, today) if can_appoint else None
            ),
            "can_liquidate": user.has_perm("associations.liquidate_association", association)
            and association.is_active,
            "results": list(member_results(association=association)[:20]),
            "verdicts": verdicts,
            "compliance_year": SchoolYear.of(today),
            "compliance_liquidated": liquidated_by(association, today),
            "compliance_sources": sorted({v.regulation for v in verdicts}),
            "history": history_for(association),
            **_network_context(user, association),
            **_council_context(user, association),
        },
        status=status,
    )


def _network_context(user, association: Association) -> dict:
    """A network group's structure, schools, task and result (004 §3.3.2)."""
    if not association.is_network:
        return {}
    today = timezone.localdate()
    return {
        "base_organisations": list(association.base_organisations.order_by("name")),
        "partner_organisations": list(association.partner_organisations.order_by("name")),
        "network_ended": association.network_ended(today),
        "can_change_network": user.has_perm("associations.change_network", association)
        and association.is_active,
        "can_report_network": user.has_perm("associations.report_network", association)
        and association.network_ended(today),
    }


def _council_context(user, association: Association) -> dict:
    """The council's composition against the order that approved it (004 §3.7)."""
    if not association.is_council:
        return {}
    return {
        "composition": selectors.composition_state(association),
        "composition_approvals": list(selectors.composition_approvals(association)[:10]),
        "can_approve_composition": user.has_perm("associations.approve_composition", association)
        and association.is_active,
    }


def association_detail(request, pk: int):
    association = selectors.association_get(user=request.user, pk=pk)
    if request.htmx and request.htmx.target == "members":  # a page of the members
        return _members_section(request, association)
    return _detail(request, association)


def _chosen_order(request: HttpRequest, field: str) -> dict:
    """The order just registered from this form (acts:create?next= comes back with ?order=);
    the form's queryset decides whether it may be chosen."""
    order = request.GET.get("order", "")
    return {field: int(order)} if order.isdigit() else {}


def association_create(request):
    require_perm(request.user, "associations.add_association")
    form = AssociationForm(
        request.POST or None, user=request.user, initial=_chosen_order(request, "creation_order")
    )
    return form_page(
        request,
        form,
        save=lambda: services.association_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New association"),
        cancel_url=reverse("associations:list"),
        success_message=_(
            "The association has been created. Now appoint its head and add members."
        ),
    )


def association_edit(request, pk: int):
    association = get_association_for_user(request.user, pk, perm="associations.change_association")
    # The authority (through its methodist) changes everything; a head only how his
    # association describes itself.
    manages = request.user.has_perm("associations.appoint_head", association)
    form_class = AssociationForm if manages else HeadAssociationForm
    form = form_class(
        request.POST or None,
        instance=association,
        user=request.user,
        initial=_chosen_order(request, "creation_order") if manages else None,
    )
    return form_page(
        request,
        form,
        save=lambda: services.association_update(
            user=request.user, association=association, data=form.model_data()
        ),
        title=_("Edit: %(name)s") % {"name": association},
        cancel_url=association.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def association_liquidate(request, pk: int):
    association = get_association_for_user(
        request.user, pk, perm="associations.liquidate_association"
    )
    if not association.is_active:
        messages.info(request, _("The association is already liquidated."))
        return redirect(association)
    form = LiquidationForm(
        request.POST or None,
        association=association,
        user=request.user,
        initial=_chosen_order(request, "order"),
    )
    members = selectors.members_on(association).count()
    return confirm_page(
        request,
        action=lambda: services.association_liquidate(
            user=request.user,
            association=association,
            on=form.cleaned_data["on"],
            order=form.cleaned_data["order"],
        ),
        title=_("Liquidate the association"),
        question=_("Liquidate «%(name)s»?") % {"name": association},
        consequences=ngettext(
            "Its %(members)s membership closes and the head's term ends on that date; "
            "the members, heads and history are kept.",
            "Its %(members)s memberships close and the head's term ends on that date; "
            "the members, heads and history are kept.",
            members,
        )
        % {"members": members},
        confirm_label=_("Liquidate"),
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url(),
        success_message=_("The association has been liquidated."),
        form=form,
    )


@require_POST
def member_add(request, pk: int):
    """Add a member. HTMX swaps the members section; without it the page reloads."""
    association = get_association_for_user(request.user, pk, perm="associations.manage_members")
    form = MemberForm(request.POST, association=association, user=request.user)
    if form.is_valid():
        try:
            membership = services.member_add(
                user=request.user, association=association, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        if request.htmx:
            # htmx swaps only 2xx answers: the section comes back with the errors in it.
            return _members_section(request, association, member_form=form)
        return _detail(request, association, member_form=form, status=400)
    teacher = membership.teacher
    notice = teacher.by_gender(
        pgettext("masculine", "%(name)s has been added."),
        pgettext("feminine", "%(name)s has been added."),
    ) % {"name": teacher.full_name}
    if request.htmx:
        return _members_section(request, association, notice=notice)
    messages.success(request, notice)
    return redirect(association)


def _members_section(
    request: HttpRequest,
    association: Association,
    *,
    member_form: MemberForm | None = None,
    notice: str = "",
) -> HttpResponse:
    people = _people_context(request, association)
    _log_people_shown(request, people)
    return render(
        request,
        f"{DETAIL}#members",
        {
            **people,
            "member_form": member_form or MemberForm(association=association, user=request.user),
            "notice": notice,
        },
    )


def membership_end(request, pk: int):
    """Close a membership: a confirmation page, or with HTMX a form in the member's row."""
    membership = get_membership_for_user(request.user, pk, write=True)
    association = membership.association
    if request.htmx:
        # Each row's form has its own ids: several rows may be open at once.
        form = LeaveForm(request.POST or None, auto_id=f"id_m{membership.pk}_%s")
        return _membership_end_row(request, membership, form)
    form = LeaveForm(request.POST or None)
    return confirm_page(
        request,
        action=lambda: services.membership_end(
            user=request.user, membership=membership, left_on=form.cleaned_data["left_on"]
        ),
        title=_("Remove a member"),
        question=_("Remove from «%(association)s»: %(name)s?")
        % {"name": membership.teacher.full_name, "association": association},
        consequences=_(
            "The membership is closed on the date, not deleted: the association's history keeps it."
        ),
        confirm_label=_("Remove from the association"),
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url(),
        success_message=_("The membership is closed."),
        form=form,
    )


def _membership_end_row(request: HttpRequest, membership: Membership, form: LeaveForm):
    """The member's table row: its leave form (GET, or POST with errors) or its new state."""
    editing = request.GET.get("cancel") is None and membership.left_on is None
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                user=request.user, membership=membership, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            editing = False
    elif request.method == "POST":
        editing = True
    head = HeadAppointment.objects.current().filter(association=membership.association).first()
    return render(
        request,
        f"{DETAIL}#member_row",
        {
            "association": membership.association,
            "m": membership,
            "head": head,
            "can_manage_members": membership.association.is_active,
            "link_teachers": True,
            "leave_form": form if editing else None,
        },
    )


def head_appoint(request, pk: int):
    association = get_association_for_user(request.user, pk, perm="associations.appoint_head")
    if not association.is_active:
        messages.info(request, _("The association is liquidated."))
        return redirect(association)
    form = HeadForm(
        request.POST or None,
        association=association,
        user=request.user,
        initial=_chosen_order(request, "order"),
    )
    return form_page(
        request,
        form,
        save=lambda: services.head_appoint(
            user=request.user, association=association, **form.cleaned_data
        ),
        title=_("Appoint a head: %(name)s") % {"name": association},
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url(),
        success_message=_("The head has been appointed."),
    )


def _network_for_user(request, pk: int, perm: str | None = None) -> Association:
    association = get_association_for_user(request.user, pk, perm=perm)
    if not association.is_network:
        raise Http404
    return association


def network_edit(request, pk: int):
    association = _network_for_user(request, pk, "associations.change_network")
    form = NetworkForm(request.POST or None, association=association)
    return form_page(
        request,
        form,
        save=lambda: services.network_update(
            user=request.user, association=association, **form.cleaned_data
        ),
        title=_("Network group: %(name)s") % {"name": association},
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url() + "#network",
        success_message=_("Changes saved."),
    )


def network_report(request, pk: int):
    association = _network_for_user(request, pk, "associations.report_network")
    today = timezone.localdate()
    if not association.network_ended(today):
        messages.info(
            request, _("The result report is written once the group's work ends (its planned end).")
        )
        return redirect(association)
    form = NetworkReportForm(
        request.POST or None,
        request.FILES or None,
        initial={"result_report": association.result_report},
    )
    return form_page(
        request,
        form,
        save=lambda: services.network_report(
            user=request.user, association=association, today=today, **form.cleaned_data
        ),
        title=_("Result report: %(name)s") % {"name": association},
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url() + "#network",
        success_message=_("The result report is saved."),
    )


def network_report_file(request, pk: int):
    """The report's file, for whoever may see the association."""
    association = _network_for_user(request, pk)
    if not association.result_file:
        raise Http404
    title = _("Result report — %(name)s") % {"name": association.name}
    return file_response(
        association.result_file, download_name(title, association.result_file.name)
    )


def composition_approve(request, pk: int):
    association = get_association_for_user(
        request.user, pk, perm="associations.approve_composition"
    )
    if not association.is_council:
        raise Http404
    if not association.is_active:
        messages.info(request, _("The association is liquidated."))
        return redirect(association)
    form = CompositionForm(
        request.POST or None,
        association=association,
        user=request.user,
        initial=_chosen_order(request, "order"),
    )
    return form_page(
        request,
        form,
        save=lambda: services.composition_approve(
            user=request.user,
            association=association,
            order=form.cleaned_data["order"],
            on=timezone.localdate(),
        ),
        title=_("Approved composition: %(name)s") % {"name": association},
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url() + "#composition",
        success_message=_("The approved composition is recorded: today's members."),
        submit_label=_("Record the approval"),
        extra={
            "intro": _(
                "The members of the council today are recorded as the composition the order "
                "approves; the council's page then warns when the members change."
            )
        },
    )
