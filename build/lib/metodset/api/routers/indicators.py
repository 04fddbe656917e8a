from ninja import Router, Schema

from metodset.api.schemas import ERRORS
from metodset.associations.models import Association
from metodset.core.access import get_for_user
from metodset.core.dates import SchoolYear
from metodset.indicators.catalogue import CATALOGUE
from metodset.indicators.compute import for_associations

router = Router(tags=["Показатели"])


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    higher_is_better: bool
    clauses: str
    value: float | None
    numerator: int | None
    denominator: int | None


@router.get("/associations/{pk}", response={200: list[IndicatorOut], **ERRORS})
def association_indicators(request, pk: int, year: int | None = None):
    """Every indicator of an association for a school year (the current one by default)."""
    association = get_for_user(Association.objects.all(), request.user, pk)
    school_year = SchoolYear(year) if year and 2000 <= year <= 2100 else SchoolYear.current()
    values = for_associations([association.pk], school_year)[association.pk]
    return [
        {
            "code": code,
            "name": str(indicator.name),
            "unit": indicator.unit,
            "higher_is_better": indicator.higher_is_better,
            "clauses": indicator.clauses,
            "value": values[code].value,
            "numerator": values[code].numerator,
            "denominator": values[code].denominator,
        }
        for code, indicator in CATALOGUE.items()
    ]
