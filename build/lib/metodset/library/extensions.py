"""What the library app contributes to the extension points (metodset.core.extensions).

INDICATOR_SOURCES: the bank's practices; the dissemination indicator counts those accepted
after expert review, so a review's verdict starts a new generation of the cached values.
"""

INDICATOR_SOURCES = ["library.Practice"]


def practice_grounds(teacher) -> list[str]:
    """integration: the grounds of a proposal (proposals app, issue #16) cite the teacher's
    practices accepted for dissemination after expert review."""
    from django.utils.translation import gettext as _

    from metodset.library.models import COUNTED_STATUSES, Practice

    practices = (
        Practice.objects.filter(authors=teacher, status__in=COUNTED_STATUSES)
        .exclude(accepted_on=None)
        .order_by("-accepted_on")
    )
    return [
        _("Practice «%(title)s» accepted for dissemination (%(level)s), %(date)s")
        % {
            "title": p.title,
            "level": p.get_acceptance_level_display() or "—",
            "date": p.accepted_on.strftime("%d.%m.%Y"),
        }
        for p in practices
    ]


PROPOSAL_GROUNDS = [practice_grounds]
