"""Pages of the PD order: thin, each an access check plus a selector or a service."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from metodset.associations.models import Association
from metodset.core.access import chosen_municipality, get_for_user, pk_param, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.downloads import attachment
from metodset.core.files import CONTENT_TYPES
from metodset.core.models import Municipality
from metodset.core.views import confirm_page, form_page
from metodset.growth import services as growth_services
from metodset.growth.models import Competence
from metodset.pdorders import exports, selectors, services
from metodset.pdorders.forms import (
    CompetenceForm,
    CourseForm,
    EnrolForm,
    LineForm,
    ProposalForm,
    RequestForm,
)
from metodset.pdorders.models import Enrolment, PDRequest, PDRequestLine, PlannedCourse


def _municipality(request) -> Municipality:
    return chosen_municipality(request.user, request.GET.get("municipality"))


def request_list(request):
    require_perm(request.user, "pdorders.view")
    year = SchoolYear.from_param(request.GET.get("year"))
    requests = selectors.requests_for_user(request.user, year.start_year if year else None)
    association_pk = pk_param(request.GET.get("association"))
    if association_pk:
        requests = requests.filter(association_id=association_pk)
    associations = []
    if request.user.headed_association_ids:
        associations = list(Association.objects.filter(pk__in=request.user.headed_association_ids))
    return render(
        request,
        "pdorders/request_list.html",
        {
            "requests": requests[:300],
            "year": year,
            "years": [SchoolYear(y) for y in range(SchoolYear.current().start_year + 1, 2019, -1)],
            "headed": associations,
        },
    )


def request_add(request):
    require_perm(request.user, "pdorders.add_request")
    association = None
    if "association" in request.GET:
        association = get_for_user(
            Association.objects.all(),
            request.user,
            pk_param(request.GET["association"]),
            perm="pdorders.change_request",
        )
        municipality = association.municipality
    else:
        require_perm(request.user, "pdorders.add_course")
        municipality = _municipality(request)
    form = RequestForm(
        request.POST or None, initial={"school_year": SchoolYear.current().start_year + 1}
    )
    return form_page(
        request,
        form,
        save=lambda: services.pd_request_create(
            user=request.user,
            municipality=municipality,
            association=association,
            **form.cleaned_data,
        ),
        title=_("New PD request: %(whose)s") % {"whose": association or municipality},
        cancel_url=reverse("pdorders:list"),
        success_url=lambda r: reverse("pdorders:propose", args=[r.pk]),
        success_message=_("The request is opened: choose its lines."),
    )


def _request(request, pk: int, perm: str = "pdorders.view_request") -> PDRequest:
    require_perm(request.user, "pdorders.view")
    return get_for_user(
        PDRequest.objects.select_related("association", "municipality"),
        request.user,
        pk,
        perm=perm,
    )


def request_detail(request, pk: int):
    pd_request = _request(request, pk)
    lines = selectors.request_lines(pd_request)
    return render(
        request,
        "pdorders/request_detail.html",
        {
            "pd_request": pd_request,
            "lines": lines,
            "total_places": sum(line.places for line in lines),
            "can_manage": request.user.has_perm("pdorders.change_request", pd_request),
            "can_see_courses": request.user.has_perm("pdorders.view_courses"),
        },
    )


def request_propose(request, pk: int):
    pd_request = _request(request, pk, "pdorders.change_request")
    proposals = selectors.proposal(pd_request)
    form = ProposalForm(request.POST or None, proposals=proposals)
    competences = Competence.objects.filter(municipality_id=pd_request.municipality_id)
    return form_page(
        request,
        form,
        save=lambda: (
            services.pd_request_lines_add(
                user=request.user,
                request=pd_request,
                lines=form.chosen({c.pk: c for c in competences}),
            )
            and pd_request
        ),
        title=_("Lines proposed from the data"),
        cancel_url=pd_request.get_absolute_url(),
        success_url=pd_request.get_absolute_url(),
        success_message=_("The chosen lines are added to the request."),
        submit_label=_("Add the ticked lines"),
        template="pdorders/request_propose.html",
        extra={"pd_request": pd_request},
    )


def line_add(request, pk: int):
    pd_request = _request(request, pk, "pdorders.change_request")
    form = LineForm(request.POST or None, request=pd_request)
    return form_page(
        request,
        form,
        save=lambda: services.pd_request_lines_add(
            user=request.user,
            request=pd_request,
            lines=[
                services.ChosenLine(
                    topic=form.cleaned_data["topic"],
                    hours=form.cleaned_data["hours"],
                    places=form.cleaned_data["places"],
                    source=form.instance.source,
                    competence=form.cleaned_data["competence"],
                    teachers=list(form.cleaned_data["teachers"]),
                    note=form.cleaned_data["note"],
                )
            ],
        )[0],
        title=_("New line of the request"),
        cancel_url=pd_request.get_absolute_url(),
        success_url=pd_request.get_absolute_url(),
        success_message=_("The line is added."),
    )


def _line(request, pk: int) -> PDRequestLine:
    require_perm(request.user, "pdorders.view")
    return get_for_user(
        PDRequestLine.objects.select_related("request__association", "request__municipality"),
        request.user,
        pk,
        perm="pdorders.change_request",
    )


def line_edit(request, pk: int):
    line = _line(request, pk)
    form = LineForm(request.POST or None, instance=line, request=line.request)
    return form_page(
        request,
        form,
        save=lambda: services.pd_request_line_update(
            user=request.user, line=line, data=form.cleaned_data
        ),
        title=str(line),
        cancel_url=line.request.get_absolute_url(),
        success_url=line.request.get_absolute_url(),
        success_message=_("The line is saved."),
    )


def line_delete(request, pk: int):
    line = _line(request, pk)
    return confirm_page(
        request,
        action=lambda: services.pd_request_line_delete(user=request.user, line=line),
        title=_("Remove the line"),
        question=_("Remove «%(topic)s» from the request?") % {"topic": line.topic},
        confirm_label=_("Remove"),
        cancel_url=line.request.get_absolute_url(),
        success_url=line.request.get_absolute_url(),
        success_message=_("The line is removed."),
    )


def request_xlsx(request, pk: int):
    return exports.request_xlsx(_request(request, pk))


def request_docx(request, pk: int):
    content, name = exports.request_docx(_request(request, pk))
    return attachment(content, name, "docx", CONTENT_TYPES["docx"])


def course_list(request):
    require_perm(request.user, "pdorders.view_courses")
    return render(
        request,
        "pdorders/course_list.html",
        {"courses": selectors.courses_for_user(request.user)[:300]},
    )


def course_add(request):
    require_perm(request.user, "pdorders.add_course")
    municipality = _municipality(request)
    initial = {}
    line_pk = pk_param(request.GET.get("line"))
    if line_pk:
        initial["line"] = line_pk
    form = CourseForm(request.POST or None, municipality=municipality, initial=initial)
    return form_page(
        request,
        form,
        save=lambda: services.planned_course_create(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New planned course"),
        cancel_url=reverse("pdorders:courses"),
        success_message=_("The course is recorded."),
    )


def _course(request, pk: int, perm: str | None = None) -> PlannedCourse:
    require_perm(request.user, "pdorders.view_courses")
    return get_for_user(
        PlannedCourse.objects.select_related("municipality", "line__request__association"),
        request.user,
        pk,
        perm=perm,
    )


def course_detail(request, pk: int):
    course = _course(request, pk)
    can_manage = request.user.has_perm("pdorders.change_course", course)
    return render(
        request,
        "pdorders/course_detail.html",
        {
            "course": course,
            "enrolments": selectors.course_enrolments(course),
            "can_manage": can_manage,
            "form": EnrolForm(course=course) if can_manage else None,
        },
    )


def course_edit(request, pk: int):
    course = _course(request, pk, "pdorders.change_course")
    form = CourseForm(request.POST or None, instance=course, municipality=course.municipality)
    return form_page(
        request,
        form,
        save=lambda: services.planned_course_update(
            user=request.user, course=course, data=form.cleaned_data
        ),
        title=str(course),
        cancel_url=course.get_absolute_url(),
        success_message=_("The course is saved."),
    )


def enrol(request, pk: int):
    course = _course(request, pk, "pdorders.change_course")
    form = EnrolForm(request.POST or None, course=course)
    return form_page(
        request,
        form,
        save=lambda: (
            services.enrolment_add(
                user=request.user, course=course, teacher=form.cleaned_data["teacher"]
            ).course
        ),
        title=_("Enrolment on %(course)s") % {"course": course.title},
        cancel_url=course.get_absolute_url(),
        success_message=_("The teacher is enrolled."),
        submit_label=_("Enrol"),
    )


def unenrol(request, pk: int):
    require_perm(request.user, "pdorders.view_courses")
    enrolment = get_for_user(
        Enrolment.objects.select_related("course", "teacher"),
        request.user,
        pk,
        perm="pdorders.change_course",
    )
    course = enrolment.course
    return confirm_page(
        request,
        action=lambda: services.enrolment_remove(user=request.user, enrolment=enrolment),
        title=_("Remove the enrolment"),
        question=_("Remove %(teacher)s from the course?") % {"teacher": enrolment.teacher},
        confirm_label=_("Remove"),
        cancel_url=course.get_absolute_url(),
        success_url=course.get_absolute_url(),
        success_message=_("The enrolment is removed."),
    )


def competence_list(request):
    require_perm(request.user, "pdorders.view_courses")
    municipality = _municipality(request)
    return render(
        request,
        "pdorders/competence_list.html",
        {
            "municipality": municipality,
            "competences": Competence.objects.filter(municipality=municipality),
            "can_manage": request.user.has_perm("growth.manage_needs", municipality),
        },
    )


def competence_add(request):
    municipality = _municipality(request)
    require_perm(request.user, "growth.manage_needs", municipality)
    form = CompetenceForm(request.POST or None)
    form.instance.municipality = municipality
    url = f"{reverse('pdorders:competences')}?municipality={municipality.pk}"
    return form_page(
        request,
        form,
        save=lambda: growth_services.competence_add(
            user=request.user, municipality=municipality, **form.cleaned_data
        ),
        title=_("New competence"),
        cancel_url=url,
        success_url=url,
        success_message=_("The competence is added."),
    )


def my_enrolments(request):
    return render(
        request,
        "pdorders/my_enrolments.html",
        {"enrolments": selectors.own_enrolments(request.user)},
    )
