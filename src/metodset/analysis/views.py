from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from metodset.analysis import selectors, services
from metodset.analysis.access import (
    get_analysis_for_user,
    get_evaluation_for_user,
    get_section_for_user,
)
from metodset.analysis.forms import (
    AcceptForm,
    AdoptForm,
    EvaluationForm,
    GenerateForm,
    ReturnForm,
    SectionForm,
)
from metodset.analysis.models import Analysis, AnalysisStatus, ExternalEvaluation, Owner
from metodset.associations.access import get_association_for_user
from metodset.core.dates import SchoolYear
from metodset.core.history import history_for
from metodset.core.models import Municipality
from metodset.core.views import confirm_page, form_page

CHANGE = "analysis.change_analysis"
REVIEW = "analysis.review_analysis"
EVALUATE = "analysis.record_evaluation"


def _year(request: HttpRequest) -> SchoolYear:
    return SchoolYear.from_param(request.GET.get("year")) or SchoolYear.current()


def analysis_index(request):
    """Every analysis of a school year the user may see: one query whatever their number."""
    year = _year(request)
    analyses = list(selectors.analysis_list(user=request.user, year=year))
    service_municipality = None
    if request.user.is_authenticated and request.user.municipality_id:
        service_municipality = request.user.municipality
    can_add_service = service_municipality is not None and request.user.has_perm(
        "analysis.add_analysis",
        Analysis(municipality=service_municipality, owner=Owner.SERVICE),
    )
    return render(
        request,
        "analysis/analysis_list.html",
        {
            "analyses": analyses,
            "year": year,
            "years": [SchoolYear(SchoolYear.current().start_year - d) for d in range(3)],
            "service_municipality": service_municipality if can_add_service else None,
        },
    )


def association_analyses(request, pk: int):
    """An association's analyses and external evaluations."""
    association = get_association_for_user(request.user, pk)
    user = request.user
    return render(
        request,
        "analysis/association.html",
        {
            "association": association,
            "analyses": list(selectors.association_analyses(association)),
            "evaluations": list(selectors.evaluations_of(association)),
            "can_add": user.has_perm("analysis.add_analysis", association)
            and association.is_active,
            "can_evaluate": user.has_perm(EVALUATE, association),
            "form": GenerateForm(),
        },
    )


def _generate_page(request, *, association=None, municipality=None, cancel_url: str):
    form = GenerateForm(request.POST or None)
    owner = association or municipality.service_name or _("methodical service")
    return form_page(
        request,
        form,
        save=lambda: services.analysis_generate(
            user=request.user,
            association=association,
            municipality=municipality,
            school_year=form.cleaned_data["school_year"],
        ),
        title=_("New annual analysis: %(owner)s") % {"owner": owner},
        cancel_url=cancel_url,
        success_message=_(
            "The draft is made from the year's records. Write the conclusions and tasks of "
            "each section."
        ),
        submit_label=_("Make the draft"),
    )


def analysis_create(request, pk: int):
    association = get_association_for_user(request.user, pk, perm="analysis.add_analysis")
    if not association.is_active:
        raise PermissionDenied
    return _generate_page(
        request,
        association=association,
        cancel_url=reverse("analysis:association", args=[association.pk]),
    )


def service_analysis_create(request, pk: int):
    municipality = get_object_or_404(Municipality.objects.for_user(request.user), pk=pk)
    probe = Analysis(municipality=municipality, owner=Owner.SERVICE)
    if not request.user.has_perm("analysis.add_analysis", probe):
        raise PermissionDenied
    return _generate_page(request, municipality=municipality, cancel_url=reverse("analysis:list"))


def analysis_detail(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk)
    user = request.user
    can_change = user.has_perm(CHANGE, analysis)
    can_review = user.has_perm(REVIEW, analysis)
    return render(
        request,
        "analysis/analysis_detail.html",
        {
            "analysis": analysis,
            "sections": selectors.sections(analysis),
            "can_edit": can_change and analysis.is_editable,
            "can_adopt": can_change and analysis.is_editable,
            "can_submit": can_change and analysis.status == AnalysisStatus.ADOPTED,
            "can_review": can_review and analysis.status == AnalysisStatus.SUBMITTED,
            "can_return": can_review
            and analysis.status
            in (AnalysisStatus.ADOPTED, AnalysisStatus.SUBMITTED, AnalysisStatus.ACCEPTED),
            "can_delete": can_change and analysis.status == AnalysisStatus.DRAFT,
            "history": history_for(analysis),
        },
    )


def analysis_refresh(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk, perm=CHANGE)
    return confirm_page(
        request,
        action=lambda: services.analysis_refresh(user=request.user, analysis=analysis),
        title=_("Take the numbers again"),
        question=_("Take the numbers of «%(analysis)s» again from today's records?")
        % {"analysis": analysis},
        consequences=_("The conclusions and tasks you wrote stay as they are."),
        confirm_label=_("Take the numbers again"),
        cancel_url=analysis.get_absolute_url(),
        success_url=analysis.get_absolute_url(),
        success_message=_("The numbers are taken again."),
    )


def analysis_delete(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk, perm=CHANGE)
    back = (
        reverse("analysis:association", args=[analysis.association_id])
        if analysis.association_id
        else reverse("analysis:list")
    )
    return confirm_page(
        request,
        action=lambda: services.analysis_delete(user=request.user, analysis=analysis),
        title=_("Delete the draft"),
        question=_("Delete «%(analysis)s»?") % {"analysis": analysis},
        confirm_label=_("Delete"),
        cancel_url=analysis.get_absolute_url(),
        success_url=back,
        success_message=_("The draft is deleted."),
    )


def section_edit(request, pk: int):
    section = get_section_for_user(request.user, pk, perm=CHANGE)
    analysis = section.analysis
    if not analysis.is_editable:
        raise PermissionDenied
    form = SectionForm(request.POST or None, instance=section)
    return form_page(
        request,
        form,
        save=lambda: (
            services.section_update(
                user=request.user,
                section=section,
                conclusions=form.cleaned_data["conclusions"],
                tasks=form.cleaned_data["tasks"],
                edit_token=form.cleaned_data.get("edit_token", ""),
            )
            and analysis
        ),
        title=_("%(section)s: conclusions and tasks") % {"section": section.title},
        cancel_url=analysis.get_absolute_url(),
        success_url=analysis.get_absolute_url() + f"#section-{section.code}",
        success_message=_("The section is saved."),
        template="analysis/section_edit.html",
        extra={"section": section},
    )


def analysis_adopt(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk, perm=CHANGE)
    form = AdoptForm(request.POST or None, analysis=analysis)
    return form_page(
        request,
        form,
        save=lambda: services.analysis_adopt(
            user=request.user, analysis=analysis, decision=form.cleaned_data["decision"]
        ),
        title=_("Adoption at a meeting: %(analysis)s") % {"analysis": analysis},
        cancel_url=analysis.get_absolute_url(),
        success_message=_("The adoption of the analysis is recorded."),
        submit_label=_("Record the adoption"),
        template="analysis/analysis_adopt.html",
        extra={"analysis": analysis, "has_choices": form.fields["decision"].queryset.exists()},
    )


def analysis_submit(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk, perm=CHANGE)
    return confirm_page(
        request,
        action=lambda: services.analysis_submit(user=request.user, analysis=analysis),
        title=_("Submit the analysis"),
        question=_("Hand «%(analysis)s» in to the methodical service?") % {"analysis": analysis},
        consequences=_("The methodist accepts it or returns it with comments."),
        confirm_label=pgettext("analysis", "Submit"),
        cancel_url=analysis.get_absolute_url(),
        success_url=analysis.get_absolute_url(),
        success_message=_("The analysis is submitted."),
    )


def analysis_accept(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk, perm=REVIEW)
    form = AcceptForm(request.POST or None)
    return confirm_page(
        request,
        action=lambda: services.analysis_accept(
            user=request.user, analysis=analysis, comment=form.cleaned_data["comment"]
        ),
        title=_("Accept the analysis"),
        question=_("Accept «%(analysis)s»?") % {"analysis": analysis},
        confirm_label=_("Accept"),
        cancel_url=analysis.get_absolute_url(),
        success_url=analysis.get_absolute_url(),
        success_message=_("The analysis is accepted."),
        form=form,
    )


def analysis_return(request, pk: int):
    analysis = get_analysis_for_user(request.user, pk, perm=REVIEW)
    form = ReturnForm(request.POST or None)
    return confirm_page(
        request,
        action=lambda: services.analysis_return(
            user=request.user, analysis=analysis, comment=form.cleaned_data["comment"]
        ),
        title=_("Return the analysis"),
        question=_("Return «%(analysis)s» for rework?") % {"analysis": analysis},
        consequences=_(
            "Its adoption and submission are undone (the history keeps them): it has to be "
            "adopted at a meeting and submitted again."
        ),
        confirm_label=_("Return"),
        cancel_url=analysis.get_absolute_url(),
        success_url=analysis.get_absolute_url(),
        success_message=_("The analysis is returned with your comments."),
        form=form,
    )


# --- External evaluation ----------------------------------------------------------------------


def evaluation_add(request, pk: int):
    association = get_association_for_user(request.user, pk, perm=EVALUATE)
    form = EvaluationForm(
        request.POST or None, instance=ExternalEvaluation(association=association)
    )
    back = reverse("analysis:association", args=[association.pk])
    return form_page(
        request,
        form,
        save=lambda: services.evaluation_record(
            user=request.user, association=association, **form.cleaned_data
        ),
        title=_("External evaluation: %(association)s") % {"association": association},
        cancel_url=back,
        success_url=back + "#evaluations",
        success_message=_("The external evaluation is recorded."),
    )


def evaluation_delete(request, pk: int):
    evaluation = get_evaluation_for_user(request.user, pk, perm=EVALUATE)
    back = reverse("analysis:association", args=[evaluation.association_id])
    return confirm_page(
        request,
        action=lambda: services.evaluation_delete(user=request.user, evaluation=evaluation),
        title=_("Delete the external evaluation"),
        question=_("Delete the record «%(evaluation)s»?") % {"evaluation": evaluation},
        confirm_label=_("Delete"),
        cancel_url=back,
        success_url=back + "#evaluations",
        success_message=_("The record is deleted."),
    )
