from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template.loader import get_template

from metodset.people.models import Teacher

ROWS = 50


@login_not_required
def teachers(request):
    # One municipality's teachers by name, as the product's list (index municipality, name).
    rows = (
        Teacher.objects.filter(municipality_id=int(request.GET.get("m", 0)))
        .select_related("organisation")
        .order_by("last_name", "pk")[:ROWS]
    )
    return HttpResponse(get_template("floor/teachers.html").render({"rows": rows}))
