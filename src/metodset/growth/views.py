from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.core.access import get_for_user, require_perm
from metodset.core.dates import SchoolYear
from metodset.core.files import file_response
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.growth import selectors, services
from metodset.growth.filters import AttestationFilter, CourseFilter, YoungFilter
from metodset.growth.forms import KINDS, RouteStepForm
from metodset.growth.models import Attestation, Mentoring, PDCourse, Route, RouteStep
from metodset.people.models import Teacher
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind


def _teacher(request, pk: int) -> Teacher:
    return get_object_or_404(
        Teacher.objects.for_user(request.user).select_related("organisation"), pk=pk
    )


def my_growth(request):
    if not request.user.teacher_id:
        raise Http404
    return redirect("growth:teacher", request.user.teacher_id)


def teacher_growth(request, pk: int):
    teacher = _teacher(request, pk)
    privacy.access_record(request=request, people=[teacher], kind=AccessKind.CARD)
    return render(
        request,
        "growth/teacher_growth.html",
        {
            "teacher": teacher,
            "can_edit": request.user.has_perm("growth.keep_records", teacher),
            "kinds": KINDS,
            "current_year": SchoolYear.current(),
            **selectors.teacher_growth(teacher),
        },
    )


def record_add(request, pk: int, kind: str):
    if kind not in KINDS:
        raise Http404
    teacher = _teacher(request, pk)
    require_perm(request.user, "growth.keep_records", teacher)
    _model, form_class, title = KINDS[kind]
    form = form_class(
        request.POST or None, request.FILES or None, teacher=teacher, user=request.user
    )
    return form_page(
        request,
        form,
        save=privacy.consent_saving(
            request,
            form,
            lambda: services.record_save(user=request.user, record=form.instance, m2m=_m2m(form)),
        ),
        title=f"{title}: {teacher.short_name}",
        cancel_url=reverse("growth:teacher", args=[teacher.pk]),
        success_url=reverse("growth:teacher", args=[teacher.pk]),
        success_message=_("Saved."),
    )


def _m2m(form) -> dict:
    """The many-to-many values of a record form, set after the record is saved."""
    return {
        f.name: form.cleaned_data[f.name]
        for f in form.instance._meta.many_to_many
        if f.name in form.cleaned_data
    }


def record_delete(request, kind: str, record_pk: int):
    if kind not in KINDS:
        raise Http404
    model = KINDS[kind][0]
    record = get_object_or_404(
        model.objects.for_user(request.user).select_related("teacher"), pk=record_pk
    )
    require_perm(request.user, "growth.change_record", record)
    back = reverse("growth:teacher", args=[record.teacher_id])
    return confirm_page(
        request,
        action=lambda: services.record_delete(user=request.user, record=record),
        title=_("Delete the record"),
        question=_("Delete «%(record)s»?") % {"record": record},
        confirm_label=_("Delete"),
        cancel_url=back,
        success_url=back,
        success_message=_("The record has been deleted."),
    )


def certificate_file(request, pk: int):
    """A PD course's certificate, to those who may see its teacher: it has no public address."""
    course = get_for_user(PDCourse.objects.select_related("teacher"), request.user, pk)
    return file_response(course.certificate, course.download_name())


def route_step_add(request, route_pk: int):
    route = get_object_or_404(
        Route.objects.for_user(request.user).select_related("teacher"), pk=route_pk
    )
    require_perm(request.user, "growth.change_record", route)
    form = RouteStepForm(request.POST or None, instance=RouteStep(route=route))
    back = reverse("growth:teacher", args=[route.teacher_id])
    return form_page(
        request,
        form,
        save=lambda: services.route_step_add(user=request.user, step=form.instance),
        title=_("A step of the route «%(route)s»") % {"route": route},
        cancel_url=back,
        success_url=back,
        success_message=_("Saved."),
    )


def _name(record) -> str:
    return record.teacher.full_name


ATTESTATION_COLUMNS = [
    XlsxColumn(gettext_lazy("Teacher"), _name, 35),
    XlsxColumn(gettext_lazy("Organisation"), lambda a: str(a.teacher.organisation), 30),
    XlsxColumn(gettext_lazy("Category"), lambda a: a.get_category_display(), 25),
    XlsxColumn(gettext_lazy("Assigned on"), lambda a: a.assigned_on, 14),
    XlsxColumn(gettext_lazy("Valid until"), lambda a: a.expires_on, 14),
    XlsxColumn(gettext_lazy("Next attestation planned for"), lambda a: a.next_planned_on, 14),
]
COURSE_COLUMNS = [
    XlsxColumn(gettext_lazy("Teacher"), _name, 35),
    XlsxColumn(gettext_lazy("Programme"), lambda c: c.program, 45),
    XlsxColumn(gettext_lazy("Provider"), lambda c: c.provider, 30),
    XlsxColumn(gettext_lazy("Hours"), lambda c: c.hours, 8),
    XlsxColumn(gettext_lazy("From"), lambda c: c.starts_on, 14),
    XlsxColumn(gettext_lazy("To"), lambda c: c.ends_on, 14),
    XlsxColumn(gettext_lazy("In the federal registry"), lambda c: c.in_federal_registry, 10),
]
YOUNG_COLUMNS = [
    XlsxColumn(gettext_lazy("Teacher"), lambda t: t.full_name, 35),
    XlsxColumn(gettext_lazy("Organisation"), lambda t: str(t.organisation), 30),
    XlsxColumn(gettext_lazy("Age"), lambda t: t.age(), 8),
    XlsxColumn(gettext_lazy("Teaching years"), lambda t: t.teaching_years(), 8),
    XlsxColumn(
        gettext_lazy("Mentor"),
        lambda t: ", ".join(m.mentor.full_name for m in t.current_mentors),
        35,
    ),
]


def attestation_schedule(request):
    return render_list(
        request,
        queryset=Attestation.objects.for_user(request.user).select_related(
            "teacher", "teacher__organisation"
        ),
        filterset_class=AttestationFilter,
        template="growth/attestation_list.html",
        sort_fields={
            "expires": ("expires_on",),
            "teacher": ("teacher__last_name", "teacher__first_name"),
        },
        default_sort="expires",
        export=(_("Attestation schedule"), ATTESTATION_COLUMNS),
        audit=privacy.teachers_audit("teacher"),
    )


def course_schedule(request):
    return render_list(
        request,
        queryset=PDCourse.objects.for_user(request.user).select_related(
            "teacher", "teacher__organisation"
        ),
        filterset_class=CourseFilter,
        template="growth/course_list.html",
        sort_fields={
            "starts": ("starts_on",),
            "teacher": ("teacher__last_name", "teacher__first_name"),
        },
        default_sort="-starts",
        export=(_("PD schedule"), COURSE_COLUMNS),
        audit=privacy.teachers_audit("teacher"),
    )


def young_teachers(request):
    from django.db.models import Prefetch, Q

    current = Mentoring.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=SchoolYear.current().starts_on)
    )
    queryset = (
        Teacher.objects.for_user(request.user)
        .working()
        .young()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("mentored_by", current.select_related("mentor"), to_attr="current_mentors")
        )
    )
    return render_list(
        request,
        queryset=queryset,
        filterset_class=YoungFilter,
        template="growth/young_list.html",
        sort_fields={"name": ("last_name", "first_name"), "teaching": ("-teaching_since",)},
        default_sort="name",
        export=(_("Young teachers"), YOUNG_COLUMNS),
        audit=privacy.teachers_audit(),
    )


def needs(request):
    """The list of professional needs the methodical service keeps; teachers choose from it."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.db.models import Count

    from metodset.growth.models import Need

    if not request.user.has_perm("growth.manage_needs") and request.user.is_head:
        # integration: the head reads his members' needs in the data bank (issue #14).
        return redirect("portfolio:needs")
    require_perm(request.user, "growth.manage_needs")
    municipality = request.user.municipality
    if request.method == "POST" and municipality is not None:
        try:
            if "delete" in request.POST:
                need = get_object_or_404(
                    Need.objects.for_user(request.user), pk=request.POST["delete"]
                )
                services.need_delete(user=request.user, need=need)
                messages.success(request, _("Removed from the list."))
            elif request.POST.get("name", "").strip():
                services.need_add(
                    user=request.user, municipality=municipality, name=request.POST["name"]
                )
                messages.success(request, _("Added to the list."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("growth:needs")
    items = (
        Need.objects.for_user(request.user).annotate(chosen=Count("teacherneed")).order_by("name")
    )
    return render(
        request, "growth/needs.html", {"needs": items, "can_add": municipality is not None}
    )
