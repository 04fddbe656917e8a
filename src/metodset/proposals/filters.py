import django_filters
from django.utils.translation import gettext_lazy as _

from metodset.core.filters import FilterSet
from metodset.proposals.models import DraftAct, DraftLevel, Proposal, ProposalKind, ProposalStatus


class ProposalFilter(FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProposalKind.choices, empty_label=_("all")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices, empty_label=_("all")
    )

    class Meta:
        model = Proposal
        fields = ["kind", "status"]


class DraftFilter(FilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=DraftLevel.choices, empty_label=_("all")
    )

    class Meta:
        model = DraftAct
        fields = ["level"]
