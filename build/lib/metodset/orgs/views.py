from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.core.access import require_perm
from metodset.core.history import history_for
from metodset.core.listing import render_list
from metodset.core.views import confirm_page, form_page
from metodset.core.xlsx import XlsxColumn
from metodset.orgs import selectors, services
from metodset.orgs.access import get_authority_head_for_user, get_organisation_for_user
from metodset.orgs.filters import OrganisationFilter
from metodset.orgs.forms import AuthorityHeadForm, OrganisationForm
from metodset.orgs.models import AuthorityHead

EXPORT_COLUMNS = [
    XlsxColumn(gettext_lazy("Name"), lambda o: o.name, 50),
    XlsxColumn(gettext_lazy("Short name"), lambda o: o.short_name, 25),
    XlsxColumn(gettext_lazy("Kind"), lambda o: o.get_kind_display()),
    XlsxColumn(gettext_lazy("Address"), lambda o: o.address, 40),
    XlsxColumn(gettext_lazy("Phone"), lambda o: o.phone),
    XlsxColumn(gettext_lazy("E-mail"), lambda o: o.email),
    XlsxColumn(gettext_lazy("Director"), lambda o: o.director, 30),
    XlsxColumn(gettext_lazy("Teachers"), lambda o: o.teacher_count, 10),
    XlsxColumn(gettext_lazy("Venue"), lambda o: o.is_venue, 10),
    XlsxColumn(gettext_lazy("Municipality"), lambda o: o.municipality.name, 25),
]


def organisation_list(request):
    return render_list(
        request,
        queryset=selectors.organisation_list(user=request.user),
        filterset_class=OrganisationFilter,
        template="orgs/organisation_list.html",
        sort_fields={"name": ("name",), "kind": ("kind", "name"), "teachers": ("teacher_count",)},
        default_sort="name",
        export=(_("Organisations"), EXPORT_COLUMNS),
    )


def organisation_detail(request, pk: int):
    organisation = get_organisation_for_user(request.user, pk)
    teachers = organisation.teachers.for_user(request.user).working()
    return render(
        request,
        "orgs/organisation_detail.html",
        {
            "organisation": organisation,
            "teachers": teachers.order_by("last_name", "first_name")[:50],
            "can_edit": request.user.has_perm("orgs.change_organisation", organisation),
            "history": history_for(organisation),
        },
    )


def organisation_create(request):
    require_perm(request.user, "orgs.add_organisation")
    form = OrganisationForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.organisation_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New organisation"),
        cancel_url=reverse("orgs:list"),
        success_message=_("The organisation has been added."),
    )


def organisation_edit(request, pk: int):
    organisation = get_organisation_for_user(request.user, pk, write=True)
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.organisation_update(
            user=request.user, organisation=organisation, data=form.model_data()
        ),
        title=_("Edit: %(name)s") % {"name": organisation},
        cancel_url=organisation.get_absolute_url(),
        success_message=_("Changes saved."),
    )


def organisation_delete(request, pk: int):
    organisation = get_organisation_for_user(request.user, pk, write=True)
    require_perm(request.user, "orgs.delete_organisation", organisation)
    return confirm_page(
        request,
        action=lambda: services.organisation_delete(user=request.user, organisation=organisation),
        title=_("Delete organisation"),
        question=_("Delete «%(name)s»?") % {"name": organisation.name},
        consequences=_("This cannot be undone. The change history is kept."),
        confirm_label=_("Delete"),
        cancel_url=organisation.get_absolute_url(),
        success_url=reverse("orgs:list"),
        success_message=_("The organisation has been deleted."),
    )


# --- Heads of the education authority: who signs the orders -----------------------------


def authority_heads(request):
    """Per municipality: the place its documents are issued and the heads of its authority."""
    lines = selectors.authority_head_list(user=request.user, today=timezone.localdate())
    manageable = {
        line.municipality.pk
        for line in lines
        if request.user.has_perm(
            "orgs.change_authorityhead", AuthorityHead(municipality=line.municipality)
        )
    }
    return render(request, "orgs/authority_heads.html", {"lines": lines, "manageable": manageable})


def authority_head_create(request):
    require_perm(request.user, "orgs.add_authorityhead")
    form = AuthorityHeadForm(
        request.POST or None,
        user=request.user,
        initial={"municipality": request.GET.get("municipality")},
    )
    return form_page(
        request,
        form,
        save=lambda: services.authority_head_create(
            user=request.user, municipality=form.municipality(), **form.model_data()
        ),
        title=_("New head of the education authority"),
        cancel_url=reverse("orgs:authority_heads"),
        success_message=_("The head is recorded; orders of the term are signed in this name."),
    )


def authority_head_edit(request, pk: int):
    head = get_authority_head_for_user(request.user, pk, write=True)
    form = AuthorityHeadForm(request.POST or None, instance=head, user=request.user)
    return form_page(
        request,
        form,
        save=lambda: services.authority_head_update(
            user=request.user, head=head, data=form.model_data()
        ),
        title=_("Edit: %(name)s") % {"name": head.full_name},
        cancel_url=reverse("orgs:authority_heads"),
        success_message=_("Changes saved."),
    )


def authority_head_delete(request, pk: int):
    head = get_authority_head_for_user(request.user, pk, write=True)
    require_perm(request.user, "orgs.delete_authorityhead", head)
    back = reverse("orgs:authority_heads")
    return confirm_page(
        request,
        action=lambda: services.authority_head_delete(user=request.user, head=head),
        title=_("Delete the record of the head"),
        question=_("Delete %(name)s, %(position)s (%(term)s)?")
        % {"name": head.full_name, "position": head.position, "term": head.term},
        consequences=_(
            "Orders of this term will print no signatory. When a head leaves office, "
            "enter the last day instead. The change history is kept."
        ),
        confirm_label=_("Delete"),
        cancel_url=back,
        success_url=back,
        success_message=_("The record is deleted."),
    )
