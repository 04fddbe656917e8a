"""What the documents app contributes to the extension points (metodset.core.extensions).

DOCUMENT_KINDS: every document generated from a record, by its kind (models.DocumentKind):
the access helper that fetches the record and checks the user may read it, the service that
makes the DOCX, and the URL segment. urls.py gives each kind a DOCX and a PDF download
(`documents:<kind>_docx`, `documents:<kind>_pdf`) from this table; a kind's template may be
replaced by the authority's own (DocumentTemplate).
"""

from metodset.documents import access, services
from metodset.documents.council import get_council_for_order, order_council_document
from metodset.documents.kinds import DocumentSource
from metodset.documents.schools import get_observation_for_user, observation_document

DOCUMENT_KINDS = {
    "plan": DocumentSource(access.get_plan_for_user, services.plan_document, "plan"),
    # Reasons for absence as the downloading user may read them.
    "minutes": DocumentSource(
        access.get_meeting_for_user, services.minutes_document, "minutes", for_viewer=True
    ),
    "notice": DocumentSource(access.get_meeting_for_user, services.notice_document, "notice"),
    "order_creation": DocumentSource(
        access.get_association_for_order, services.order_creation_document, "order-creation"
    ),
    "order_head": DocumentSource(
        access.get_appointment_for_order, services.order_head_document, "order-head"
    ),
    # integration: a granted petition to reward (proposals app, issue #16).
    "order_award": DocumentSource(
        access.get_petition_for_order, services.order_award_document, "order-award"
    ),
    # integration: the lesson observation form of the schools app (issue #17).
    "observation": DocumentSource(get_observation_for_user, observation_document, "observation"),
    # integration: the council's composition approved by an order (004 §3.7, issue #17).
    "order_council": DocumentSource(get_council_for_order, order_council_document, "order-council"),
}
