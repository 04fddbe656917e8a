from django.core.exceptions import PermissionDenied

from metodset.analysis.models import Analysis, ExternalEvaluation, Section
from metodset.analysis.selectors import analysis_queryset
from metodset.core.access import get_for_user


def get_analysis_for_user(user, pk: int, *, perm: str | None = None) -> Analysis:
    """The analysis if the user may see it (else 404) and, given `perm`, holds it (else 403)."""
    return get_for_user(analysis_queryset(), user, pk, perm=perm)


def get_section_for_user(user, pk: int, *, perm: str | None = None) -> Section:
    section = get_for_user(
        Section.objects.select_related("analysis__association", "analysis__municipality"),
        user,
        pk,
    )
    if perm and not user.has_perm(perm, section.analysis):
        raise PermissionDenied
    return section


def get_evaluation_for_user(user, pk: int, *, perm: str | None = None) -> ExternalEvaluation:
    evaluation = get_for_user(ExternalEvaluation.objects.select_related("association"), user, pk)
    if perm and not user.has_perm(perm, evaluation.association):
        raise PermissionDenied
    return evaluation
