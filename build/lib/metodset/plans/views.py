from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from metodset.associations.access import get_association_for_user
from metodset.associations.models import Association
from metodset.core.forms import add_service_errors
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.models import Municipality
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.plans import selectors, services
from metodset.plans.access import get_plan_for_user, get_plan_item_for_user
from metodset.plans.filters import AssociationPlanFilter, PlanFilter
from metodset.plans.forms import (
    AdoptForm,
    ApproveForm,
    CopyForm,
    ItemMeetingForm,
    ItemStatusForm,
    PlanForm,
    PlanItemForm,
    ReturnForm,
)
from metodset.plans.models import Plan, PlanItem, PlanOwner, PlanStatus

DETAIL = "plans/plan_detail.html"
CHANGE = "plans.change_plan"
REVIEW = "plans.review_plan"

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Association"), lambda p: p.owner_name, 45),
    XlsxColumn(gettext_lazy("School year"), lambda p: str(p.year), 12),
    XlsxColumn(gettext_lazy("Methodical theme"), lambda p: p.theme, 50),
    XlsxColumn(gettext_lazy("Status"), lambda p: p.get_status_display(), 18),
    XlsxColumn(gettext_lazy("Items"), lambda p: p.item_count, 8),
    XlsxColumn(gettext_lazy("Done"), lambda p: p.done_count, 8),
    XlsxColumn(gettext_lazy("Municipality"), lambda p: p.municipality.name, 25),
]
SORT_FIELDS = {
    "year": ("school_year", "association__name"),
    "association": ("association__name", "-school_year"),
    "status": ("status", "association__name"),
}


# --- Lists ------------------------------------------------------------------------------


def plan_index(request):
    """Plans of every association the user may see: the methodist finds what awaits him."""
    return render_list(
        request,
        queryset=selectors.plan_list(user=request.user),
        filterset_class=PlanFilter,
        template="plans/plan_list.html",
        sort_fields=SORT_FIELDS,
        default_sort="-year",
        export=(_("Work plans"), EXPORT_COLUMNS),
    )


def association_plans(request, pk: int):
    association = get_association_for_user(request.user, pk)
    can_add = request.user.has_perm("plans.add_plan", association) and association.is_active
    return render_list(
        request,
        queryset=selectors.plan_list(user=request.user, association=association),
        filterset_class=AssociationPlanFilter,
        template="plans/plan_list.html",
        sort_fields=SORT_FIELDS,
        default_sort="-year",
        context={"association": association, "can_add": can_add},
        export=(_("Work plans"), EXPORT_COLUMNS),
    )


def _service_municipality(request: HttpRequest, pk: int, *, write: bool = False):
    """The municipality whose service's plans are asked for (404 out of scope); writing
    them is its methodist's (403 for anyone else)."""
    municipality = get_object_or_404(Municipality.objects.for_user(request.user), pk=pk)
    probe = Plan(municipality=municipality, owner=PlanOwner.SERVICE)
    if write and not request.user.has_perm("plans.add_plan", probe):
        raise PermissionDenied
    return municipality, request.user.has_perm("plans.add_plan", probe)


def service_plans(request, pk: int):
    """The plans of the municipality's methodical service itself (004 §4.1)."""
    municipality, can_add = _service_municipality(request, pk)
    return render_list(
        request,
        queryset=selectors.plan_list(user=request.user, service_of=municipality),
        filterset_class=AssociationPlanFilter,
        template="plans/plan_list.html",
        sort_fields=SORT_FIELDS,
        default_sort="-year",
        context={"service": municipality, "can_add_service": can_add},
        export=(_("Work plans"), EXPORT_COLUMNS),
    )


def service_plan_create(request, pk: int):
    municipality, _can_add = _service_municipality(request, pk, write=True)
    form = PlanForm(
        request.POST or None, instance=Plan(municipality=municipality, owner=PlanOwner.SERVICE)
    )
    return form_page(
        request,
        form,
        save=lambda: services.plan_create(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New work plan of the methodical service"),
        cancel_url=reverse("plans:service", args=[municipality.pk]),
        success_message=_("The draft plan is created. Now add its items."),
    )


# --- The plan ---------------------------------------------------------------------------


def _association_for_writing(request: HttpRequest, pk: int) -> Association:
    association = get_association_for_user(request.user, pk, perm="plans.add_plan")
    if not association.is_active:
        raise PermissionDenied
    return association


def plan_create(request, pk: int):
    association = _association_for_writing(request, pk)
    form = PlanForm(
        request.POST or None,
        instance=Plan(association=association, municipality_id=association.municipality_id),
    )
    return form_page(
        request,
        form,
        save=lambda: services.plan_create(
            user=request.user, association=association, **form.cleaned_data
        ),
        title=_("New work plan: %(name)s") % {"name": association},
        cancel_url=reverse("plans:association", args=[association.pk]),
        success_message=_("The draft plan is created. Now add its items."),
    )


def plan_copy(request, pk: int):
    """Start a year's plan from the previous year's (service plan_copy_from_previous)."""
    association = _association_for_writing(request, pk)
    form = CopyForm(request.POST or None)
    result = {}

    def copy():
        result["plan"] = services.plan_copy_from_previous(
            user=request.user,
            association=association,
            school_year=form.cleaned_data["school_year"],
        )

    response = confirm_page(
        request,
        action=copy,
        title=_("Copy last year's plan"),
        question=_("Start the plan of «%(name)s» from the plan of the school year before it?")
        % {"name": association},
        consequences=_(
            "The theme, goal, priorities, tasks and items are copied into a new draft; the "
            "items' dates move one year on and all items are planned again."
        ),
        confirm_label=_("Copy"),
        cancel_url=reverse("plans:association", args=[association.pk]),
        success_url=reverse("plans:association", args=[association.pk]),
        success_message=_("The plan is copied. Check the dates and the responsible people."),
        form=form,
    )
    if "plan" in result:
        return redirect(result["plan"])
    return response


def _detail_context(request: HttpRequest, plan: Plan, *, item_form=None) -> dict:
    user = request.user
    can_change = user.has_perm(CHANGE, plan)
    can_review = user.has_perm(REVIEW, plan)
    editable = can_change and plan.is_draft
    context = {
        "plan": plan,
        "association": plan.association,
        "items": list(selectors.plan_items(plan)),
        "can_edit": editable,
        "can_mark": user.has_perm("plans.mark_items", plan),
        "can_schedule": user.has_perm("meetings.add_meeting", plan.association),
        "can_adopt": user.has_perm("plans.adopt_plan", plan) and plan.is_draft,
        "can_agree": can_review and plan.status == PlanStatus.ADOPTED,
        "can_approve": can_review and plan.status in (PlanStatus.ADOPTED, PlanStatus.AGREED),
        "can_publish": can_review and plan.status in (PlanStatus.AGREED, PlanStatus.APPROVED),
        "can_return": can_review and not plan.is_draft,
        "history": history_for(plan),
        "link_teachers": not user.is_teacher or can_change,
    }
    if editable:
        context["item_form"] = item_form or PlanItemForm(user=user, plan=plan, auto_id="id_new_%s")
    return context


def plan_detail(request, pk: int):
    plan = get_plan_for_user(request.user, pk)
    return render(request, DETAIL, _detail_context(request, plan))


def plan_edit(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm=CHANGE)
    if not plan.is_draft:
        messages.error(request, _("Only a draft plan can be edited."))
        return redirect(plan)
    form = PlanForm(request.POST or None, instance=plan)
    return form_page(
        request,
        form,
        save=lambda: services.plan_update(user=request.user, plan=plan, data=form.cleaned_data),
        title=_("Edit: %(name)s") % {"name": plan},
        cancel_url=plan.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def plan_delete(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm=CHANGE)
    return confirm_page(
        request,
        action=lambda: services.plan_delete(user=request.user, plan=plan),
        title=_("Delete the plan"),
        question=_("Delete the draft «%(plan)s»?") % {"plan": plan},
        consequences=_("Its items go with it. The change history is kept."),
        confirm_label=_("Delete"),
        cancel_url=plan.get_absolute_url(),
        success_url=(
            reverse("plans:association", args=[plan.association_id])
            if plan.association_id
            else reverse("plans:service", args=[plan.municipality_id])
        ),
        success_message=_("The plan has been deleted."),
    )


# --- Workflow ---------------------------------------------------------------------------


def plan_adopt(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm="plans.adopt_plan")
    form = AdoptForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        save=lambda: services.plan_adopt(
            user=request.user, plan=plan, decision=form.cleaned_data["decision"]
        ),
        title=_("Adoption at a meeting: %(plan)s") % {"plan": plan},
        cancel_url=plan.get_absolute_url(),
        success_message=_("The adoption of the plan is recorded."),
        submit_label=_("Record the adoption"),
        template="plans/plan_adopt.html",
        extra={"plan": plan, "has_choices": form.fields["decision"].queryset.exists()},
    )


def plan_agree(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm=REVIEW)
    return confirm_page(
        request,
        action=lambda: services.plan_agree(user=request.user, plan=plan),
        title=_("Agree the plan"),
        question=_("Agree «%(plan)s» on behalf of the methodical service?") % {"plan": plan},
        consequences=_("Your name and the date are recorded in the plan."),
        confirm_label=_("Agree"),
        cancel_url=plan.get_absolute_url(),
        success_url=plan.get_absolute_url(),
        success_message=_("The plan is agreed."),
    )


def plan_approve(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm=REVIEW)
    form = ApproveForm(request.POST or None, user=request.user, plan=plan)
    return confirm_page(
        request,
        action=lambda: services.plan_approve(
            user=request.user, plan=plan, order=form.cleaned_data["order"]
        ),
        title=_("Approve the plan"),
        question=_("Approve «%(plan)s»?") % {"plan": plan},
        consequences=_("Your name and the date are recorded in the plan, with the order if any."),
        confirm_label=_("Approve"),
        cancel_url=plan.get_absolute_url(),
        success_url=plan.get_absolute_url(),
        success_message=_("The plan is approved."),
        form=form,
    )


def plan_publish(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm=REVIEW)
    return confirm_page(
        request,
        action=lambda: services.plan_publish(user=request.user, plan=plan),
        title=_("Publish the plan"),
        question=_("Publish «%(plan)s»?") % {"plan": plan},
        consequences=_(
            "Teachers and parents will see it in the section «Муниципальная методическая "
            "служба» of the authority's site."
        ),
        confirm_label=_("Publish"),
        cancel_url=plan.get_absolute_url(),
        success_url=plan.get_absolute_url(),
        success_message=_("The plan is published."),
    )


def plan_return(request, pk: int):
    plan = get_plan_for_user(request.user, pk, perm=REVIEW)
    form = ReturnForm(request.POST or None)
    return confirm_page(
        request,
        action=lambda: services.plan_return_to_draft(
            user=request.user, plan=plan, reason=form.cleaned_data["reason"]
        ),
        title=_("Return the plan to a draft"),
        question=_("Return «%(plan)s» to its head for rework?") % {"plan": plan},
        consequences=_(
            "Its adoption, agreement, approval and publication are undone (the history keeps "
            "them); the plan has to be adopted at a meeting again."
        ),
        confirm_label=_("Return to a draft"),
        cancel_url=plan.get_absolute_url(),
        success_url=plan.get_absolute_url(),
        success_message=_("The plan is a draft again."),
        form=form,
    )


# --- Items (HTMX rows) ------------------------------------------------------------------


def _items_section(request: HttpRequest, plan: Plan, *, item_form=None, notice: str = ""):
    context = _detail_context(request, plan, item_form=item_form)
    context["notice"] = notice
    return render(request, f"{DETAIL}#items", context)


@require_POST
def item_add(request, pk: int):
    """Add an item; HTMX swaps the items section, without it the page reloads."""
    plan = get_plan_for_user(request.user, pk, perm=CHANGE)
    form = PlanItemForm(request.POST, user=request.user, plan=plan, auto_id="id_new_%s")
    if form.is_valid():
        try:
            services.plan_item_add(user=request.user, plan=plan, **form.model_data())
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        if request.htmx:
            return _items_section(request, plan, item_form=form)
        context = _detail_context(request, plan, item_form=form)
        return render(request, DETAIL, context, status=400)
    notice = _("The item is added.")
    if request.htmx:
        return _items_section(request, plan, notice=notice)
    messages.success(request, notice)
    return redirect(plan.get_absolute_url() + "#items")


def _row(request: HttpRequest, item: PlanItem, **extra) -> HttpResponse:
    plan = item.plan
    user = request.user
    item = selectors.plan_items(plan).get(pk=item.pk)
    context = {
        "plan": plan,
        "item": item,
        "can_edit": user.has_perm(CHANGE, plan) and plan.is_draft,
        "can_mark": user.has_perm("plans.mark_items", plan),
        "can_schedule": user.has_perm("meetings.add_meeting", plan.association),
        "link_teachers": not user.is_teacher or user.has_perm(CHANGE, plan),
        **extra,
    }
    return render(request, f"{DETAIL}#item_row", context)


def item_row(request, pk: int):
    """An item's row as the plan shows it (HTMX: back from an edit form)."""
    item = get_plan_item_for_user(request.user, pk)
    if not request.htmx:
        return redirect(item.plan.get_absolute_url() + f"#item-{item.pk}")
    return _row(request, item)


def item_edit(request, pk: int):
    """Edit an item of a draft in its row (HTMX) or on a page of its own."""
    item = get_plan_item_for_user(request.user, pk, perm=CHANGE)
    plan = item.plan
    form = PlanItemForm(
        request.POST or None, instance=item, user=request.user, plan=plan, auto_id=f"id_i{pk}_%s"
    )
    if not request.htmx:
        return form_page(
            request,
            form,
            save=lambda: services.plan_item_update(
                user=request.user, item=item, data=form.model_data()
            ),
            title=_("Plan item"),
            cancel_url=plan.get_absolute_url(),
            success_url=plan.get_absolute_url() + f"#item-{item.pk}",
            success_message=_("Changes saved."),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_update(user=request.user, item=item, data=form.model_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _row(request, item)
    return _row(request, item, edit_form=form)


def item_status(request, pk: int):
    """Mark an item done, moved or cancelled (with a reason), in its row or on a page."""
    item = get_plan_item_for_user(request.user, pk, perm="plans.mark_items")
    plan = item.plan
    form = ItemStatusForm(
        request.POST or None,
        initial={"status": item.status, "reason": item.status_reason, "moved_to": item.moved_to},
        auto_id=f"id_s{pk}_%s",
    )

    def save():
        try:
            services.plan_item_set_status(user=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            raise _status_error(error) from error
        return plan

    if not request.htmx:
        return form_page(
            request,
            form,
            save=save,
            title=_("Status of the item: %(item)s") % {"item": item},
            cancel_url=plan.get_absolute_url(),
            success_url=plan.get_absolute_url() + f"#item-{item.pk}",
            success_message=_("The status is saved."),
        )
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _row(request, item)
    return _row(request, item, status_form=form)


def _status_error(error: ValidationError) -> ValidationError:
    """The model names the reason `status_reason`; the status form calls it `reason`."""
    if hasattr(error, "error_dict") and "status_reason" in error.error_dict:
        errors = dict(error.error_dict)
        errors["reason"] = errors.pop("status_reason")
        return ValidationError(errors)
    return error


@require_POST
def item_delete(request, pk: int):
    item = get_plan_item_for_user(request.user, pk, perm=CHANGE)
    plan = item.plan
    try:
        services.plan_item_delete(user=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan.get_absolute_url() + "#items")
    if request.htmx:
        return _items_section(request, plan, notice=_("The item is removed."))
    messages.success(request, _("The item is removed."))
    return redirect(plan.get_absolute_url() + "#items")


def item_meeting(request, pk: int):
    """Schedule the meeting a plan item foresees; the item is done once its minutes are signed."""
    item = get_plan_item_for_user(request.user, pk)
    plan = item.plan
    if not request.user.has_perm("meetings.add_meeting", plan.association):
        raise PermissionDenied
    form = ItemMeetingForm(request.POST or None, user=request.user, item=item)
    return form_page(
        request,
        form,
        save=lambda: services.plan_item_meeting_create(
            user=request.user, item=item, **form.cleaned_data
        ),
        title=_("A meeting for the plan item: %(item)s") % {"item": item},
        cancel_url=plan.get_absolute_url(),
        success_message=_(
            "The meeting is scheduled with the item's topic on its agenda. The item will be "
            "done once the meeting has taken place and its minutes are signed."
        ),
        submit_label=_("Schedule the meeting"),
    )
