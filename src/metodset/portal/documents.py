"""Links to a plan's DOCX/PDF, only where the documents app serves them to the public.

The documents app (src/metodset/documents/) is built separately. The portal links a
download only when it can reverse the public URL name below; until then the passport
shows the plan as an HTML table and no download link.
"""

from django.urls import NoReverseMatch, reverse

# The public URL name the documents app is expected to provide: (plan pk, format).
PUBLIC_PLAN_DOCUMENT = "documents:public_plan"
FORMATS = ("docx", "pdf")


def plan_document_links(plan) -> list[tuple[str, str]]:
    """[(format label, url)] for the formats the documents app publishes; [] if none."""
    links = []
    for fmt in FORMATS:
        try:
            links.append((fmt.upper(), reverse(PUBLIC_PLAN_DOCUMENT, args=[plan.pk, fmt])))
        except NoReverseMatch:
            continue
    return links


def passport_docx(association, year, results) -> bytes:
    """The passport with its results as DOCX: the same facts as the public page (the
    association annotated by selectors.passport_association_get), nobody named but the head."""
    import io

    from django.utils.translation import gettext as _

    from metodset.documents.builtin import CENTER, LEFT, _new_document, grid_table, para

    doc = _new_document()
    para(doc, _("Passport of the association").upper(), align=CENTER, bold=True, after=6)
    para(doc, str(association), align=CENTER, after=12)
    head = association.heads[0] if association.heads else None
    facts = [
        (_("Kind"), association.get_kind_display()),
        (_("Subject or area"), association.area or "—"),
        (_("Created"), f"{association.founded_on:%d.%m.%Y}"),
        (_("Head"), head.teacher.full_name if head else "—"),
        (_("Members"), str(association.member_count)),
    ]
    for label, value in facts:
        para(doc, f"{label}: {value}", align=LEFT, size=12, after=3)
    if association.description:
        para(doc, association.description, align=LEFT, size=12, before=6)

    def table(title: str, lines) -> None:
        para(doc, title, bold=True, before=12, after=6, keep=True)
        rows = grid_table(
            doc,
            ["", str(year), str(year.previous)],
            [100, 35, 35],
        )
        for line in lines:
            cells = rows.add_row().cells
            for cell, value in zip(cells, [line.label, line.value, line.previous], strict=True):
                cell.paragraphs[0].alignment = LEFT
                cell.paragraphs[0].add_run(str(value if value is not None else "—"))

    table(_("Results of the school year %(year)s") % {"year": year}, results.numbers)
    if results.indicators:
        table(_("Indicators"), results.indicators)
    if results.practices:
        para(doc, _("Practices published in the bank"), bold=True, before=12, after=6, keep=True)
        for practice in results.practices:
            level = practice.get_acceptance_level_display() if practice.acceptance_level else ""
            para(doc, f"«{practice.title}»" + (f", {level}" if level else ""), size=12, after=3)
    if results.events:
        para(doc, _("Events held"), bold=True, before=12, after=6, keep=True)
        for event in results.events:
            para(doc, f"{event.starts_at:%d.%m.%Y} — {event.title}", size=12, after=3)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
