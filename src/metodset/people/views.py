from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from metodset.core.access import require_perm
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.people import selectors, services
from metodset.people.access import get_teacher_for_user
from metodset.people.filters import TeacherFilter
from metodset.people.forms import OwnProfileForm, TeacherForm, ThemeForm
from metodset.privacy import selectors as privacy_selectors
from metodset.privacy import services as privacy
from metodset.privacy.models import AccessKind

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Full name"), lambda t: t.full_name, 35),
    XlsxColumn(gettext_lazy("Date of birth"), lambda t: t.birth_date, 14),
    XlsxColumn(gettext_lazy("Organisation"), lambda t: str(t.organisation), 30),
    XlsxColumn(gettext_lazy("Position"), lambda t: t.position, 25),
    XlsxColumn(gettext_lazy("Education"), lambda t: t.get_education_level_display(), 25),
    XlsxColumn(gettext_lazy("Subjects"), lambda t: ", ".join(s.name for s in t.subjects.all()), 30),
    XlsxColumn(gettext_lazy("Teaching years"), lambda t: t.teaching_years(), 10),
    XlsxColumn(gettext_lazy("Total years"), lambda t: t.total_years(), 10),
    XlsxColumn(gettext_lazy("Category"), lambda t: t.get_category_display(), 25),
    XlsxColumn(gettext_lazy("Category assigned on"), lambda t: t.category_assigned_on, 14),
    XlsxColumn(gettext_lazy("Associations"), lambda t: t.association_count, 10),
    XlsxColumn(gettext_lazy("Young teacher"), lambda t: t.is_young(), 10),
    XlsxColumn(gettext_lazy("E-mail"), lambda t: t.email, 25),
]


def teacher_list(request):
    return render_list(
        request,
        queryset=selectors.teacher_list(
            user=request.user, with_subjects=request.GET.get("export") == "xlsx"
        ),
        filterset_class=TeacherFilter,
        template="people/teacher_list.html",
        sort_fields={
            "name": ("last_name", "first_name", "patronymic"),
            "organisation": ("organisation__name", "last_name"),
            "category": ("category", "last_name"),
            "experience": ("teaching_experience", "last_name"),
        },
        default_sort="name",
        export=(_("Teachers"), EXPORT_COLUMNS),
        audit=privacy.teachers_audit(),
    )


def teacher_detail(request, pk: int):
    teacher = selectors.teacher_get(user=request.user, pk=pk)
    user = request.user
    privacy.access_record(request=request, people=[teacher], kind=AccessKind.CARD)
    can_edit = user.has_perm("people.change_teacher", teacher)
    can_manage = user.has_perm("privacy.anonymise_teacher", teacher)
    appointments = teacher.head_appointments.all()
    return render(
        request,
        "people/teacher_detail.html",
        {
            "teacher": teacher,
            "can_edit": can_edit,
            "can_delete": user.has_perm("people.delete_teacher", teacher),
            "theme_form": ThemeForm() if can_edit else None,
            "memberships": teacher.memberships.all(),
            "appointments": appointments,
            "headed_ids": {a.association_id for a in appointments if a.is_current},
            "history": history_for(teacher),
            "can_export": user.has_perm("privacy.export_teacher", teacher),
            "can_anonymise": can_manage and not teacher.anonymised_at,
            "can_read_log": can_manage and user.has_perm("privacy.view_accesslog"),
            "consents": privacy_selectors.consents_of(teacher) if can_manage or can_edit else [],
        },
    )


def my_profile(request):
    """«Мой профиль»: a teacher's own card; users without one have no profile here."""
    if not request.user.teacher_id:
        raise Http404
    return redirect("people:detail", request.user.teacher_id)


def teacher_create(request):
    require_perm(request.user, "people.add_teacher")
    form = TeacherForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.teacher_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New teacher"),
        cancel_url=reverse("people:list"),
        success_message=_("The teacher has been added to the bank."),
    )


def teacher_edit(request, pk: int):
    teacher = get_teacher_for_user(request.user, pk, write=True)
    # The methodist edits the whole card; a teacher editing himself keeps his
    # contacts, education, subjects and awards, not his post or category.
    if request.user.has_perm("people.manage_teacher", teacher):
        form = TeacherForm(request.POST or None, instance=teacher, user=request.user)
    else:  # he enters his own data: asked for his consent (152-ФЗ art. 9)
        form = OwnProfileForm(
            request.POST or None, instance=teacher, user=request.user, consent_user=request.user
        )
    return form_page(
        request,
        form,
        save=privacy.consent_saving(
            request,
            form,
            lambda: services.teacher_update(
                user=request.user, teacher=teacher, data=form.model_data()
            ),
        ),
        title=_("Edit: %(name)s") % {"name": teacher.full_name},
        cancel_url=teacher.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def teacher_delete(request, pk: int):
    teacher = get_teacher_for_user(request.user, pk, delete=True)
    return confirm_page(
        request,
        action=lambda: services.teacher_delete(user=request.user, teacher=teacher),
        title=_("Delete the teacher's card"),
        question=_("Delete the card of %(name)s?") % {"name": teacher.full_name},
        consequences=_(
            "His self-education themes, PD courses, attestations, diagnostics and individual "
            "routes are deleted with the card. A teacher who has left is better marked as not "
            "working. This cannot be undone; the change history is kept without his name, date "
            "of birth and contacts."
        ),
        confirm_label=_("Delete"),
        cancel_url=teacher.get_absolute_url(),
        success_url=reverse("people:list"),
        success_message=_("The card has been deleted."),
    )


@require_POST
def theme_add(request, pk: int):
    teacher = get_teacher_for_user(request.user, pk, write=True)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            services.self_education_theme_set(
                user=request.user, teacher=teacher, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The self-education theme is saved."))
    else:
        messages.error(request, _("State the theme and the school year."))
    return redirect(teacher)
