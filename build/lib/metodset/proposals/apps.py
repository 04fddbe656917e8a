from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "metodset.proposals"
    verbose_name = _("Proposals and draft acts")
