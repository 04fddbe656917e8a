"""Documents: fill a template (the municipality's own or the built-in) and keep own templates."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from metodset.core.access import require_perm
from metodset.core.declension import Case, short_name
from metodset.core.services import with_history_user
from metodset.documents import context as ctx
from metodset.documents import render, selectors
from metodset.documents.models import DocumentKind, DocumentTemplate
from metodset.documents.sandbox import UnsafeTemplate
from metodset.meetings.selectors import decisions_to_control, minutes_document_data
from metodset.plans.selectors import plan_document_data

MAX_TEMPLATE_SIZE = 5 * 1024 * 1024
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Generated:
    content: bytes
    name: str  # without extension


def _fill(kind: str, municipality_id: int, context: dict) -> bytes:
    own = selectors.template_for(municipality_id, kind)
    if own is None:
        return render.render_docx(render.builtin_path(kind), context)
    with own.file.open("rb") as handle:
        return render.render_docx(handle, context)


def _safe(text: str) -> str:
    for char in '\\/:*?"<>|':
        text = text.replace(char, "-")
    return " ".join(text.split())[:150].rstrip(". ")  # «Иванова М.П.» + «.docx»


def plan_document(plan) -> Generated:
    """The work plan as DOCX, with the stamps its workflow has reached."""
    data = plan_document_data(plan)
    content = _fill(DocumentKind.PLAN, plan.municipality_id, ctx.plan_context(data))
    return Generated(
        content, _safe(f"План работы «{data.association}» на {data.school_year} учебный год")
    )


def minutes_document(meeting, viewer=None) -> Generated:
    """The minutes (протокол) of a meeting as DOCX; reasons for absence as `viewer` may read
    them (meetings.selectors.minutes_document_data)."""
    data = minutes_document_data(meeting, viewer=viewer)
    content = _fill(DocumentKind.MINUTES, meeting.municipality_id, ctx.minutes_context(data))
    return Generated(content, _safe(f"Протокол № {data.number} от {ctx.fmt(data.date)}"))


def notice_document(meeting) -> Generated:
    """The notice of a meeting with its agenda as DOCX."""
    data = minutes_document_data(meeting)
    control = decisions_to_control(meeting)
    content = _fill(DocumentKind.NOTICE, meeting.municipality_id, ctx.notice_context(data, control))
    return Generated(content, _safe(f"Извещение о заседании № {data.number}"))


def _order_name(data: selectors.OrderDocument, subject: str) -> str:
    """«Проект приказа о …», or «Приказ № 157 от 09.09.2024 о …» once it is recorded."""
    if data.order_number:
        return _safe(f"Приказ № {data.order_number} от {ctx.fmt(data.order_date)} {subject}")
    return _safe(f"Проект приказа {subject}")


def order_creation_document(association) -> Generated:
    """The draft order creating an association as DOCX."""
    data = selectors.creation_order_data(association)
    context = ctx.order_creation_context(data)
    content = _fill(DocumentKind.ORDER_CREATION, association.municipality_id, context)
    kind = context["association_kind_genitive"]
    return Generated(content, _order_name(data, f"о создании {kind} «{data.association}»"))


def order_head_document(appointment) -> Generated:
    """The draft order appointing a head as DOCX."""
    data = selectors.head_order_data(appointment)
    content = _fill(
        DocumentKind.ORDER_HEAD,
        appointment.association.municipality_id,
        ctx.order_head_context(data),
    )
    head = short_name(data.head, Case.GENITIVE)  # «руководителя Куликова А.О.»
    return Generated(content, _order_name(data, f"о назначении руководителя {head}"))


def order_award_document(proposal) -> Generated:
    """The draft order rewarding a teacher, from a granted petition, as DOCX."""
    data = selectors.award_order_data(proposal)
    content = _fill(
        DocumentKind.ORDER_AWARD, proposal.municipality_id, ctx.order_award_context(data)
    )
    teacher = short_name(data.teacher, Case.GENITIVE)  # «о поощрении Ивановой М.П.»
    return Generated(content, _safe(f"Проект приказа о поощрении {teacher}"))


def to_pdf(generated: Generated) -> Generated:
    """The same document as PDF; raises render.ConverterMissing or render.ConversionFailed."""
    return Generated(render.docx_to_pdf(generated.content), generated.name)


# --- Own templates ---------------------------------------------------------------------


def check_template(uploaded, kind: str) -> None:
    """Refuse anything but a .docx that docxtpl reads and that uses known placeholders only."""
    if Path(uploaded.name or "").suffix.lower() != ".docx":
        raise ValidationError(_("Upload a .docx file."), code="file_type")
    if uploaded.size > MAX_TEMPLATE_SIZE:
        raise ValidationError(_("The template is larger than 5 MB."), code="file_size")
    uploaded.seek(0)
    head = uploaded.read(len(ZIP))
    uploaded.seek(0)
    try:
        if head != ZIP:
            raise zipfile.BadZipFile
        with zipfile.ZipFile(uploaded) as archive:
            if "word/document.xml" not in archive.namelist():
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ValidationError(
            _("The file is not a real Word document (.docx)."), code="file_content"
        ) from error
    finally:
        uploaded.seek(0)
    try:
        render.check_template_source(uploaded, ctx.PLACEHOLDERS[kind])
    except render.RenderError as error:
        raise ValidationError(
            _("The template has an error in its fields: %(error)s") % {"error": error},
            code="template_syntax",
        ) from error
    except UnsafeTemplate as problem:
        if not problem.unknown:
            raise ValidationError(
                _(
                    "The template uses what document fields may not: %(what)s. "
                    "Only the fields listed on this page, their parts, conditions, loops "
                    "and simple filters are allowed."
                )
                % {"what": ", ".join(sorted(problem.refused))},
                code="unsafe_template",
            ) from problem
        raise ValidationError(
            _(
                "The template uses unknown fields: %(names)s. "
                "The fields of this document are listed on this page."
            )
            % {"names": ", ".join(sorted(problem.unknown))},
            code="unknown_placeholder",
        ) from problem
    except Exception as error:  # python-docx refuses a package it cannot read
        raise ValidationError(
            _("The file is not a real Word document (.docx)."), code="file_content"
        ) from error
    finally:
        uploaded.seek(0)


@transaction.atomic
def template_upload(*, user, municipality, kind: str, file) -> DocumentTemplate:
    """Check the file and make it the municipality's template of `kind`, replacing any."""
    require_perm(user, "documents.manage_templates", municipality)
    kind = DocumentKind(kind)
    check_template(file, kind)
    template = DocumentTemplate.objects.filter(municipality=municipality, kind=kind).first()
    old_name = template.file.name if template else None
    if template is None:
        template = DocumentTemplate(municipality=municipality, kind=kind)
    template.file = file
    template.original_name = Path(file.name).name[:255]
    template.uploaded_by = user if getattr(user, "is_authenticated", False) else None
    template.full_clean()
    with_history_user(template, user)
    template.save()
    if old_name:
        storage = template.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return template


@transaction.atomic
def template_revert(*, user, municipality, kind: str) -> None:
    """Go back to the built-in template of `kind`; the uploaded file is removed."""
    require_perm(user, "documents.manage_templates", municipality)
    template = DocumentTemplate.objects.filter(municipality=municipality, kind=kind).first()
    if template is None:
        return
    name, storage = template.file.name, template.file.storage
    with_history_user(template, user)
    template.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
