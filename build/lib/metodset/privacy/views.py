import re
from operator import itemgetter

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from metodset.core.access import require_perm
from metodset.core.listing import render_list
from metodset.core.views import confirm_page
from metodset.core.xlsx import XlsxColumn, xlsx_workbook_response
from metodset.privacy import selectors, services
from metodset.privacy.access import get_teacher_for_user
from metodset.privacy.filters import AccessLogFilter
from metodset.privacy.forms import AnonymiseForm
from metodset.privacy.models import AccessKind, AccessLogEntry, ConsentText


def _who(entry: AccessLogEntry) -> str:
    return entry.user.get_full_name() if entry.user else "—"


def _whose(entry: AccessLogEntry) -> str:
    if entry.teacher is not None:
        return entry.teacher.full_name
    return _("deleted card No. %(pk)s") % {"pk": entry.teacher_id}


LOG_COLUMNS = [
    XlsxColumn(
        gettext_lazy("When"), lambda e: timezone.localtime(e.at).strftime("%d.%m.%Y %H:%M"), 18
    ),
    XlsxColumn(gettext_lazy("Who"), _who, 30),
    XlsxColumn(gettext_lazy("Whose data"), _whose, 30),
    XlsxColumn(gettext_lazy("Municipality"), lambda e: str(e.municipality), 25),
    XlsxColumn(gettext_lazy("Access"), lambda e: e.get_kind_display(), 25),
    XlsxColumn(gettext_lazy("Page"), lambda e: e.path, 40),
    XlsxColumn(gettext_lazy("IP address"), lambda e: e.address or "", 16),
]


def access_log(request: HttpRequest) -> HttpResponse:
    """Who saw or exported whose personal data (152-ФЗ art. 18.1, 19)."""
    require_perm(request.user, "privacy.view_accesslog")
    return render_list(
        request,
        queryset=selectors.access_log_list(user=request.user),
        filterset_class=AccessLogFilter,
        template="privacy/access_log.html",
        sort_fields={"at": ("at",)},
        default_sort="-at",
        export=(_("Personal data access log"), LOG_COLUMNS),
        context={"retention_days": settings.METODSET_PD_ACCESS_LOG_DAYS},
    )


def _personal_data(request: HttpRequest, pk: int):
    teacher = get_teacher_for_user(request.user, pk, perm="privacy.export_teacher")
    sections = selectors.teacher_personal_data(teacher)
    services.access_record(request=request, people=[teacher], kind=AccessKind.PERSONAL_EXPORT)
    return teacher, sections


def _filename(teacher, extension: str) -> str:
    return f"personal-data-{teacher.pk}-{timezone.localdate():%Y%m%d}.{extension}"


def teacher_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about a person, machine-readable."""
    teacher, sections = _personal_data(request, pk)
    response = JsonResponse(
        {
            "exported_at": timezone.localtime().isoformat(),
            "teacher_id": teacher.pk,
            "sections": [section.as_json() for section in sections],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(teacher, "json")}"'
    return response


def _sheet_title(section: selectors.Section) -> str:
    # Excel's limits: 31 characters, none of []:*?/\ (openpyxl numbers repeated titles).
    title = re.sub(r"[\[\]:*?/\\]", " ", section.title)[:31].strip()
    return title[:1].upper() + title[1:]


def _sheet(section: selectors.Section) -> tuple:
    if len(section.rows) == 1:  # one record (the card, the account) reads down, not across
        labels = [label for _name, label in section.columns]
        pairs = list(zip(labels, section.rows[0], strict=True))
        columns = [
            XlsxColumn(_("Field"), itemgetter(0), 35),
            XlsxColumn(_("Value"), itemgetter(1), 60),
        ]
        return _sheet_title(section), columns, pairs
    columns = [
        XlsxColumn(label, itemgetter(index), 22)
        for index, (_name, label) in enumerate(section.columns)
    ]
    return _sheet_title(section), columns, section.rows


def teacher_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about a person, one sheet per kind of record."""
    teacher, sections = _personal_data(request, pk)
    return xlsx_workbook_response(_filename(teacher, "xlsx"), [_sheet(s) for s in sections])


def teacher_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    teacher = get_teacher_for_user(request.user, pk, perm="privacy.anonymise_teacher")
    if teacher.anonymised_at:
        messages.info(request, _("This person has already been anonymised."))
        return redirect(teacher)
    form = AnonymiseForm(request.POST or None, teacher=teacher)
    return confirm_page(
        request,
        action=lambda: services.teacher_anonymise(
            user=request.user, teacher=teacher, address=services.client_address(request)
        ),
        title=_("Anonymise the person"),
        question=_("Anonymise %(name)s?") % {"name": teacher.full_name},
        consequences=_(
            "His name, date of birth (the year stays), e-mail, phone, education, awards and "
            "titles are replaced in the card and its whole history, and wherever they were "
            "typed into the municipality's orders, minutes, plans and notifications; his user "
            "account is closed; his PD certificates and the titles of his publications and "
            "practices are removed. Memberships, participations, attendance, growth records "
            "and every count stay. This cannot be undone: export his data first if it is "
            "needed."
        ),
        confirm_label=_("Anonymise"),
        cancel_url=teacher.get_absolute_url(),
        success_url=teacher.get_absolute_url(),
        success_message=_("The person has been anonymised."),
        form=form,
    )


def consent_text(request: HttpRequest, pk: int) -> HttpResponse:
    text = get_object_or_404(ConsentText, pk=pk)
    return render(request, "privacy/consent_text.html", {"text": text})
