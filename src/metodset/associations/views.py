from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from metodset.associations import selectors, services
from metodset.associations.filters import AssociationFilter
from metodset.associations.forms import (
    AssociationForm,
    HeadAssociationForm,
    HeadForm,
    LeaveForm,
    LiquidationForm,
    MemberForm,
)
from metodset.associations.models import Association, Membership
from metodset.core.access import get_for_user, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Name"), lambda a: a.name, 50),
    XlsxColumn(gettext_lazy("Kind"), lambda a: a.get_kind_display(), 30),
    XlsxColumn(gettext_lazy("Subject or area"), lambda a: a.area, 30),
    XlsxColumn(gettext_lazy("Head"), lambda a: a.head_name or "", 35),
    XlsxColumn(gettext_lazy("Term ends"), lambda a: a.head_ends_on, 14),
    XlsxColumn(gettext_lazy("Members"), lambda a: a.member_count, 10),
    XlsxColumn(gettext_lazy("Status"), lambda a: a.get_status_display(), 14),
    XlsxColumn(gettext_lazy("Municipality"), lambda a: a.municipality.name, 25),
]


def _association(request, pk: int, perm: str | None = None) -> Association:
    queryset = Association.objects.select_related(
        "municipality", "parent", "organisation", "creation_order", "liquidation_order"
    )
    return get_for_user(queryset, request.user, pk, perm=perm)


def association_list(request):
    return render_list(
        request,
        queryset=selectors.association_list(user=request.user),
        filterset_class=AssociationFilter,
        template="associations/association_list.html",
        sort_fields={
            "name": ("name",),
            "kind": ("kind", "name"),
            "members": ("member_count",),
            "term": ("head_ends_on",),
        },
        default_sort="name",
        export=(_("Associations"), EXPORT_COLUMNS),
    )


def association_detail(request, pk: int):
    association = _association(request, pk)
    user = request.user
    card = selectors.association_card(association)
    can_manage_members = (
        user.has_perm("associations.manage_members", association) and association.is_active
    )
    from metodset.events.selectors import member_results
    from metodset.regulations.checks import check

    verdicts = check(association)

    return render(
        request,
        "associations/association_detail.html",
        {
            "association": association,
            "can_edit": user.has_perm("associations.change_association", association),
            "can_manage_members": can_manage_members,
            "can_appoint": user.has_perm("associations.appoint_head", association)
            and association.is_active,
            "can_liquidate": user.has_perm("associations.liquidate_association", association)
            and association.is_active,
            "member_form": MemberForm(association=association, user=user)
            if can_manage_members
            else None,
            "results": list(member_results(association=association)[:20]),
            "verdicts": verdicts,
            "compliance_year": SchoolYear.current(),
            "compliance_sources": sorted({v.regulation for v in verdicts}),
            "history": history_for(association),
            **card,
        },
    )


def association_create(request):
    require_perm(request.user, "associations.add_association")
    form = AssociationForm(request.POST or None, user=request.user)
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
    association = _association(request, pk, perm="associations.change_association")
    manages = request.user.has_perm("associations.appoint_head", association)
    form_class = AssociationForm if manages else HeadAssociationForm
    form = form_class(request.POST or None, instance=association, user=request.user)
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
    association = _association(request, pk, perm="associations.liquidate_association")
    form = LiquidationForm(request.POST or None, association=association)
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
        consequences=_(
            "All memberships close and the head's term ends on that date. The history is kept."
        ),
        confirm_label=_("Liquidate"),
        cancel_url=association.get_absolute_url(),
        success_url=association.get_absolute_url(),
        success_message=_("The association has been liquidated."),
        form=form,
    )


@require_POST
def member_add(request, pk: int):
    association = _association(request, pk, perm="associations.manage_members")
    form = MemberForm(request.POST, association=association, user=request.user)
    if form.is_valid():
        try:
            services.member_add(user=request.user, association=association, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The teacher has been added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(association)


def membership_end(request, pk: int):
    membership = get_for_user(
        Membership.objects.select_related("association", "teacher"), request.user, pk
    )
    if not request.user.has_perm("associations.manage_members", membership.association):
        raise PermissionDenied
    form = LeaveForm(request.POST or None)
    return confirm_page(
        request,
        action=lambda: services.membership_end(
            user=request.user, membership=membership, left_on=form.cleaned_data["left_on"]
        ),
        title=_("A member leaves"),
        question=_("%(name)s leaves «%(association)s».")
        % {"name": membership.teacher.full_name, "association": membership.association},
        consequences=_(
            "The membership is closed on the date, not deleted: the association's history keeps it."
        ),
        confirm_label=_("Close the membership"),
        cancel_url=membership.association.get_absolute_url(),
        success_url=membership.association.get_absolute_url(),
        success_message=_("The membership is closed."),
        form=form,
    )


def head_appoint(request, pk: int):
    association = _association(request, pk, perm="associations.appoint_head")
    form = HeadForm(request.POST or None, association=association, user=request.user)
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
