import datetime as dt

import pytest

from metodset.associations.tests.factories import MembershipFactory
from metodset.plans.tests.factories import PlanFactory
from metodset.regulations.services import regulation_import

REGULATION = """\
title: Положение о ММО
effective_from: 2020-09-01
source: |
  1. Общие положения.
  7.2. В Портфолио руководителя ММО должна быть следующая документация.
rules:
  - kind: portfolio
    clause: пп. 7.2, 9.5
    day: 31
    month: 5
    items:
      - code: regulation
        title: Положение о ММО
        clause: п. 7.2
        source: regulation
      - code: plan
        title: План работы на учебный год
        clause: п. 7.2
        source: plan
      - code: databank
        title: Банк данных о педагогах ММО
        clause: п. 7.2
        source: databank
      - code: analysis
        title: Анализ работы за прошедший учебный год
        clause: п. 9.5
        source: analysis
      - code: results
        title: Результаты диагностик, мониторингов, олимпиад
        clause: п. 7.2
        source: upload
"""


@pytest.fixture
def regulation(municipality):
    return regulation_import(user=None, municipality=municipality, text=REGULATION)


@pytest.fixture
def objects(association, regulation, head):
    """The home association under the regulation, with a plan and two members."""
    PlanFactory(association=association, school_year=2025)
    members = [MembershipFactory(association=association) for _ in range(2)]
    members[0].teacher.specialty = "учитель математики и физики"
    members[0].teacher.awards = 'Почетная грамота Минпросвещения\n=HYPERLINK("x")'
    members[0].teacher.honorary_titles = "Почетный работник сферы образования"
    members[0].teacher.save()
    from metodset.portfolio.models import Curriculum

    curriculum = Curriculum.objects.create(
        association=association, kind="programme", title="Алгебра 7–9", grades="7–9"
    )
    curriculum.teachers.set([members[0].teacher])
    return {"association": association, "curriculum": curriculum, "members": members}


@pytest.fixture
def year():
    from metodset.core.dates import SchoolYear

    return SchoolYear(2025)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEADLINE = dt.date(2026, 5, 31)


def assemble(client, association, codes=("results", "analysis")):
    """Upload what the records do not give (here the analysis, none being adopted, and the
    results) and hand the portfolio in, as the head."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    for code in codes:
        client.post(
            reverse("portfolio:upload", args=[association.pk, code]),
            {"year": 2025, "file": SimpleUploadedFile(f"{code}.pdf", PDF)},
        )
    return client.post(reverse("portfolio:submit", args=[association.pk]), {"year": 2025})
