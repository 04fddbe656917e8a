from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from metodset.core.access import get_for_user, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.views import form_page
from metodset.roadmaps import services
from metodset.roadmaps.forms import MeasureForm, RoadmapForm
from metodset.roadmaps.models import Roadmap, RoadmapMeasure


def roadmap_list(request):
    require_perm(request.user, "schools.view")
    roadmaps = (
        Roadmap.objects.for_user(request.user)
        .select_related("association", "municipality")
        .order_by("-school_year", "municipality__name", "association__name", "pk")[:200]
    )
    return render(request, "roadmaps/roadmap_list.html", {"roadmaps": roadmaps})


def roadmap_create(request):
    require_perm(request.user, "roadmaps.add_roadmap")
    municipality = request.user.municipality
    if municipality is None:
        from django.http import Http404

        raise Http404
    form = RoadmapForm(
        request.POST or None,
        municipality=municipality,
        initial={"school_year": SchoolYear.current().start_year},
    )
    return form_page(
        request,
        form,
        save=lambda: services.roadmap_create(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New roadmap"),
        cancel_url=reverse("roadmaps:list"),
        success_url=lambda roadmap: reverse("roadmaps:detail", args=[roadmap.pk]),
        success_message=_("The roadmap is opened."),
    )


def roadmap_detail(request, pk: int):
    require_perm(request.user, "schools.view")
    roadmap = get_for_user(Roadmap.objects.select_related("association"), request.user, pk)
    return render(
        request,
        "roadmaps/roadmap_detail.html",
        {
            "roadmap": roadmap,
            "measures": roadmap.measures.select_related("event", "plan_item"),
            "can_manage": request.user.has_perm("roadmaps.change_roadmap", roadmap),
        },
    )


def measure_add(request, pk: int):
    require_perm(request.user, "schools.view")
    roadmap = get_for_user(Roadmap.objects.all(), request.user, pk, perm="roadmaps.change_roadmap")
    form = MeasureForm(request.POST or None, roadmap=roadmap)
    url = reverse("roadmaps:detail", args=[roadmap.pk])
    return form_page(
        request,
        form,
        save=lambda: services.roadmap_measure_add(
            user=request.user, roadmap=roadmap, **form.cleaned_data
        ),
        title=_("New measure"),
        cancel_url=url,
        success_url=url,
        success_message=_("The measure is added."),
    )


def measure_edit(request, pk: int):
    require_perm(request.user, "schools.view")
    measure = get_for_user(
        RoadmapMeasure.objects.select_related("roadmap"),
        request.user,
        pk,
        perm="roadmaps.change_roadmap",
    )
    form = MeasureForm(request.POST or None, instance=measure, roadmap=measure.roadmap)
    url = reverse("roadmaps:detail", args=[measure.roadmap_id])
    return form_page(
        request,
        form,
        save=lambda: services.roadmap_measure_update(
            user=request.user, measure=measure, data=form.cleaned_data
        ),
        title=_("Measure"),
        cancel_url=url,
        success_url=url,
        success_message=_("The measure is saved."),
    )
