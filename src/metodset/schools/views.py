"""Pages of the schools app: thin, each an access check plus a selector or a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from metodset.core.access import chosen_municipality, get_for_user, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.listing import render_list
from metodset.core.models import Municipality
from metodset.core.views import form_page
from metodset.schools import selectors, services
from metodset.schools.access import (
    get_observation_to_acknowledge_for_user,
    get_own_observation_for_user,
)
from metodset.schools.filters import ResultFilter
from metodset.schools.forms import (
    ObservationCriterionForm,
    ObservationForm,
    RiskCriterionForm,
    SupportMeasureForm,
    SupportPlanForm,
    VisitForm,
)
from metodset.schools.models import (
    Observation,
    ObservationCriterion,
    RiskCriterion,
    SupportMeasure,
    SupportPlan,
    Visit,
)


def _municipality(request) -> Municipality:
    """The municipality a page is about: the user's own, or the one chosen (`?municipality=`)
    among those he may see; another one does not exist for him."""
    require_perm(request.user, "schools.view")
    return chosen_municipality(request.user, request.GET.get("municipality"))


def _year(request, default: int) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else default


def _context(request, municipality: Municipality, **extra) -> dict:
    return {
        "municipality": municipality,
        "municipalities": Municipality.objects.for_user(request.user),
        "can_manage": request.user.has_perm("schools.add_record"),
        **extra,
    }


def index(request):
    """/schools/: the service's staff start on the support of schools, a teacher on the
    observations of his own lessons (the anonymous are sent to log in by the middleware)."""
    if request.user.has_perm("schools.view"):
        return redirect("schools:support")
    return redirect("schools:mine")


def result_list(request):
    require_perm(request.user, "schools.view")
    return render_list(
        request,
        queryset=selectors.results_for_user(request.user),
        filterset_class=ResultFilter,
        template="schools/result_list.html",
        sort_fields={
            "school": ("organisation__name",),
            "year": ("school_year",),
            "fail": ("fail_share",),
            "mean": ("mean_score",),
        },
        default_sort="-year",
    )


def risk_list(request):
    municipality = _municipality(request)
    years = selectors.result_years(municipality.pk)
    year = _year(request, years[0] if years else SchoolYear.current().previous.start_year)
    entries = selectors.risk_list(municipality, year)
    return render(
        request,
        "schools/risk_list.html",
        _context(
            request,
            municipality,
            entries=entries,
            year=SchoolYear(year),
            years=[SchoolYear(y) for y in years],
            plans={
                p.organisation_id: p
                for p in SupportPlan.objects.filter(municipality=municipality, school_year=year + 1)
            },
        ),
    )


def criteria(request):
    municipality = _municipality(request)
    return render(
        request,
        "schools/criteria.html",
        _context(
            request,
            municipality,
            risk_criteria=RiskCriterion.objects.filter(municipality=municipality),
            form_criteria=ObservationCriterion.objects.filter(municipality=municipality),
        ),
    )


def _criteria_url(municipality) -> str:
    return f"{reverse('schools:criteria')}?municipality={municipality.pk}"


def risk_criterion_add(request):
    municipality = _municipality(request)
    require_perm(request.user, "schools.add_record")
    form = RiskCriterionForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.risk_criterion_create(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New risk criterion"),
        cancel_url=_criteria_url(municipality),
        success_url=_criteria_url(municipality),
        success_message=_("The criterion is added."),
    )


def risk_criterion_edit(request, pk: int):
    criterion = get_for_user(
        RiskCriterion.objects.all(), request.user, pk, perm="schools.change_record"
    )
    form = RiskCriterionForm(request.POST or None, instance=criterion)
    return form_page(
        request,
        form,
        save=lambda: services.risk_criterion_update(
            user=request.user, criterion=criterion, data=form.cleaned_data
        ),
        title=str(criterion),
        cancel_url=_criteria_url(criterion.municipality),
        success_url=_criteria_url(criterion.municipality),
        success_message=_("The criterion is saved."),
    )


def form_criterion_add(request):
    municipality = _municipality(request)
    require_perm(request.user, "schools.add_record")
    form = ObservationCriterionForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.observation_criterion_create(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New line of the observation form"),
        cancel_url=_criteria_url(municipality),
        success_url=_criteria_url(municipality),
        success_message=_("The criterion is added."),
    )


def form_criterion_edit(request, pk: int):
    criterion = get_for_user(
        ObservationCriterion.objects.all(), request.user, pk, perm="schools.change_record"
    )
    form = ObservationCriterionForm(request.POST or None, instance=criterion)
    return form_page(
        request,
        form,
        save=lambda: services.observation_criterion_update(
            user=request.user, criterion=criterion, data=form.cleaned_data
        ),
        title=str(criterion),
        cancel_url=_criteria_url(criterion.municipality),
        success_url=_criteria_url(criterion.municipality),
        success_message=_("The criterion is saved."),
    )


def support_dashboard(request):
    municipality = _municipality(request)
    year = _year(request, SchoolYear.current().start_year)
    return render(
        request,
        "schools/support.html",
        _context(
            request,
            municipality,
            outcomes=selectors.support_dashboard(municipality, year),
            year=SchoolYear(year),
            before=SchoolYear(year).previous,
            years=[SchoolYear(y) for y in range(year + 1, year - 4, -1)],
        ),
    )


def plan_add(request):
    municipality = _municipality(request)
    require_perm(request.user, "schools.add_record")
    initial = {"school_year": _year(request, SchoolYear.current().start_year)}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = int(request.GET["organisation"])
    form = SupportPlanForm(request.POST or None, municipality=municipality, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.support_plan_create(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New support plan"),
        cancel_url=reverse("schools:support"),
        success_message=_("The support plan is opened."),
    )


def _plan(request, pk: int, perm: str | None = None) -> SupportPlan:
    require_perm(request.user, "schools.view")
    return get_for_user(
        SupportPlan.objects.select_related("organisation", "municipality"),
        request.user,
        pk,
        perm=perm,
    )


def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    before = {
        e.organisation.pk: e.reasons
        for e in selectors.risk_list(plan.municipality, plan.school_year - 1)
    }
    return render(
        request,
        "schools/plan_detail.html",
        {
            "plan": plan,
            "reasons": before.get(plan.organisation_id, []),
            "measures": selectors.plan_measures(plan),
            "visits": plan.visits.select_related("visitor").prefetch_related(
                "observations__teacher"
            ),
            "can_manage": request.user.has_perm("schools.change_record", plan),
        },
    )


def plan_edit(request, pk: int):
    plan = _plan(request, pk, "schools.change_record")
    form = SupportPlanForm(request.POST or None, instance=plan, municipality=plan.municipality)
    return form_page(
        request,
        form,
        save=lambda: services.support_plan_update(
            user=request.user, plan=plan, data=form.cleaned_data
        ),
        title=str(plan),
        cancel_url=plan.get_absolute_url(),
        success_message=_("The support plan is saved."),
    )


def measure_add(request, pk: int):
    plan = _plan(request, pk, "schools.change_record")
    form = SupportMeasureForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        save=lambda: services.support_measure_add(
            user=request.user, plan=plan, **form.cleaned_data
        ),
        title=_("New measure"),
        cancel_url=plan.get_absolute_url(),
        success_message=_("The measure is added."),
    )


def measure_edit(request, pk: int):
    require_perm(request.user, "schools.view")
    measure = get_for_user(
        SupportMeasure.objects.select_related("plan__organisation"),
        request.user,
        pk,
        perm="schools.change_record",
    )
    form = SupportMeasureForm(request.POST or None, instance=measure, plan=measure.plan)
    return form_page(
        request,
        form,
        save=lambda: services.support_measure_update(
            user=request.user, measure=measure, data=form.cleaned_data
        ),
        title=_("Measure"),
        cancel_url=measure.plan.get_absolute_url(),
        success_message=_("The measure is saved."),
    )


def visit_add(request, pk: int):
    plan = _plan(request, pk, "schools.change_record")
    form = VisitForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        save=lambda: services.visit_record(user=request.user, plan=plan, **form.cleaned_data),
        title=_("Visit to %(school)s") % {"school": plan.organisation},
        cancel_url=plan.get_absolute_url(),
        success_message=_("The visit is recorded."),
    )


def visit_detail(request, pk: int):
    require_perm(request.user, "schools.view")
    visit = get_for_user(
        Visit.objects.select_related("plan__organisation", "visitor"), request.user, pk
    )
    return render(
        request,
        "schools/visit_detail.html",
        {
            "visit": visit,
            "observations": visit.observations.select_related("teacher", "subject"),
            "can_manage": request.user.has_perm("schools.change_record", visit),
        },
    )


def visit_edit(request, pk: int):
    require_perm(request.user, "schools.view")
    visit = get_for_user(
        Visit.objects.select_related("plan__organisation"),
        request.user,
        pk,
        perm="schools.change_record",
    )
    form = VisitForm(request.POST or None, instance=visit, plan=visit.plan)
    return form_page(
        request,
        form,
        save=lambda: services.visit_update(user=request.user, visit=visit, data=form.cleaned_data),
        title=str(visit),
        cancel_url=visit.get_absolute_url(),
        success_message=_("The visit is saved."),
    )


def observation_add(request, pk: int):
    require_perm(request.user, "schools.view")
    visit = get_for_user(
        Visit.objects.select_related("plan__organisation", "municipality"),
        request.user,
        pk,
        perm="schools.change_record",
    )
    form = ObservationForm(request.POST or None, visit=visit)
    return form_page(
        request,
        form,
        save=lambda: services.observation_record(
            user=request.user, visit=visit, scores=form.scores(), **form.model_data()
        ),
        title=_("Lesson observation"),
        cancel_url=visit.get_absolute_url(),
        success_message=_("The observation is recorded."),
    )


def _observation(request, pk: int, perm: str | None = None) -> Observation:
    require_perm(request.user, "schools.view")
    return get_for_user(
        Observation.objects.select_related(
            "visit__plan__organisation", "visit__visitor", "teacher", "subject", "municipality"
        ),
        request.user,
        pk,
        perm=perm,
    )


def observation_detail(request, pk: int):
    observation = _observation(request, pk)
    return render(
        request,
        "schools/observation_detail.html",
        {
            "observation": observation,
            "scores": observation.scores.select_related("criterion"),
            "can_manage": request.user.has_perm("schools.change_record", observation),
        },
    )


def observation_edit(request, pk: int):
    observation = _observation(request, pk, "schools.change_record")
    form = ObservationForm(request.POST or None, instance=observation, visit=observation.visit)
    return form_page(
        request,
        form,
        save=lambda: services.observation_update(
            user=request.user,
            observation=observation,
            data=form.model_data(),
            scores=form.scores(),
        ),
        title=_("Lesson observation"),
        cancel_url=observation.get_absolute_url(),
        success_message=_("The observation is saved."),
    )


def my_observations(request):
    """The observations of the user's own lessons, the latest first."""
    return render(
        request,
        "schools/my_observations.html",
        {"observations": selectors.own_observations(request.user)},
    )


def my_observation(request, pk: int):
    observation = get_own_observation_for_user(request.user, pk)
    return render(
        request,
        "schools/my_observation.html",
        {
            "observation": observation,
            "scores": observation.scores.select_related("criterion"),
            # his own observation (the access above): the button until he is acquainted
            "can_acknowledge": observation.acknowledged_on is None,
        },
    )


@require_POST
def observation_acknowledge(request, pk: int):
    """«Ознакомлен(а)»: the observed teacher confirms he has read the observation."""
    observation = get_observation_to_acknowledge_for_user(request.user, pk)
    before = observation.acknowledged_on
    try:
        observation = services.observation_acknowledge(user=request.user, observation=observation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if before is None:
            messages.success(request, _("You have acknowledged the observation."))
        else:
            messages.info(request, _("The observation was acknowledged before."))
    return redirect("schools:mine_detail", pk=observation.pk)
