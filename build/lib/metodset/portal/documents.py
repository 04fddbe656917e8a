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
