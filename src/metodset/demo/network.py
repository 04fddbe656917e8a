"""The demo's network groups and councils (004 §3.3.2, §3.7), after the associations are
saved: what each network group is, on whose base it works and, once ended, its result; and
the council's composition recorded against the latest order that approved it. Ended groups
are liquidated with a result report; active ones work towards a planned end ahead.

Base and partner schools are those most of the group's members work in, so they follow
the generated teachers; nothing here draws from the generator's random sequence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from metodset.acts.models import OrderKind
from metodset.associations.models import AssociationKind, NetworkSubtype
from metodset.associations.services import composition_approve, network_report, network_update
from metodset.core.dates import SchoolYear
from metodset.orgs.models import OrganisationKind

# By the association's key in demo/data.py: structure, task, planned end, result report.
NETWORK = {
    "fullday": (
        NetworkSubtype.PROJECT,
        "Разработать и апробировать модель «Школы полного дня»: расписание внеурочной "
        "деятельности, сетевые программы дополнительного образования на базе школ района.",
        dt.date(2024, 12, 31),
        "Модель «Школы полного дня» апробирована в двух школах: составлено единое расписание "
        "урочной и внеурочной деятельности, разработаны 4 сетевые программы дополнительного "
        "образования; опыт представлен на районной августовской конференции.",
    ),
    "literacy": (
        NetworkSubtype.TEMPORARY,
        "Подготовить банк заданий по функциональной грамотности и провести для педагогов "
        "практикумы по их использованию на уроках.",
        dt.date(2024, 5, 31),
        "Собран банк из 120 заданий по шести направлениям функциональной грамотности; "
        "проведено 5 практикумов для 86 педагогов; материалы переданы методическим "
        "объединениям округа.",
    ),
    # Active groups: None for a planned end at the end of the next school year, whatever
    # day the demo is loaded; no result report yet.
    "resource": (
        NetworkSubtype.RESOURCE_CENTRE,
        "Организовать на базе опорных школ района методическое сопровождение педагогов по "
        "использованию ресурсов цифровой образовательной среды (ФГИС «Моя школа», "
        "электронные образовательные ресурсы) на уроках и во внеурочной деятельности.",
        None,
        "",
    ),
    "discussion": (
        NetworkSubtype.DISCUSSION,
        "Обсудить с педагогами школ района практики формирования функциональной "
        "грамотности обучающихся и отобрать задания для включения в банк района.",
        None,
        "",
    ),
    "virtual": (
        NetworkSubtype.VIRTUAL,
        "Вести на сайте управления образования раздел для обмена опытом применения "
        "цифровых инструментов на уроке: видеоуроки, разработки, онлайн-консультации.",
        None,
        "",
    ),
}
SCHOOLS = (OrganisationKind.SCHOOL, OrganisationKind.ADDITIONAL, OrganisationKind.KINDERGARTEN)


def _schools(draft) -> list:
    """The members' schools, the most frequent first (ties by name)."""
    counts = Counter(
        teacher.organisation
        for teacher, _joined, _left in draft.members.values()
        if teacher.organisation.kind in SCHOOLS
    )
    return [o for o, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0].name))]


def network_groups(drafts, today: dt.date) -> None:
    for draft in drafts:
        spec = draft.spec
        if spec.kind != AssociationKind.NETWORK or spec.key not in NETWORK:
            continue
        subtype, task, planned_end, report = NETWORK[spec.key]
        if planned_end is None:
            planned_end = dt.date(SchoolYear.of(today).start_year + 2, 5, 31)
        schools = _schools(draft)
        association = draft.instance
        network_update(
            user=None,
            association=association,
            network_subtype=subtype,
            base_organisations=schools[:2],
            partner_organisations=schools[2:4],
            task=task,
            planned_end=max(planned_end, spec.founded),
        )
        if report and association.network_ended(today):
            network_report(user=None, association=association, result_report=report, today=today)


def council_compositions(drafts, orders, today: dt.date) -> None:
    """Each council's composition as approved by the latest order on it (today's members:
    the council's page and the 004 rule then find them the same)."""
    approving = [o for o in orders if o.kind == OrderKind.COUNCIL and o.instance is not None]
    if not approving:
        return
    latest = max(approving, key=lambda o: (o.date, o.seq))
    for draft in drafts:
        if draft.spec.kind == AssociationKind.COUNCIL and draft.instance.is_active:
            composition_approve(
                user=None, association=draft.instance, order=latest.instance, on=today
            )
