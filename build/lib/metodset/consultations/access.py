from metodset.consultations.models import ConsultationRequest
from metodset.core.access import get_for_user


def get_request_for_user(user, pk: int, *, perm: str | None = None) -> ConsultationRequest:
    """The request if the user handles it or asked it (else 404), holding `perm` (else 403)."""
    queryset = ConsultationRequest.objects.visible_to(user).select_related(
        "association", "municipality", "asked_by", "answered_by", "event", "consent_text"
    )
    return get_for_user(queryset, user, pk, perm=perm)
