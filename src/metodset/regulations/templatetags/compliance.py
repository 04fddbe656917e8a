"""Template tags of the compliance panel and of pages that cite the regulation."""

from django import template

from metodset.regulations.citations import citation, clause_of, page_rules, rules_in_force
from metodset.regulations.links import fix_link_for

register = template.Library()


def _request(context):
    """The page's request: also inside an inclusion tag's template (the passport panel),
    whose context has no `request` variable but keeps the RequestContext's request."""
    return getattr(context, "request", None) or context.get("request")


@register.simple_tag(takes_context=True)
def fix_link(context, url: str, shown=None) -> str:
    """The verdict's «исправить» link if the reader may fix it there, else "". `shown`: the
    object the page shows the verdicts of, loaded for the reader (see fix_link_for)."""
    request = _request(context)
    if request is None or not url:
        return ""
    if not hasattr(request, "_fix_links"):
        request._fix_links = {}
    return fix_link_for(request.user, url, request._fix_links, shown)


def _subject(context, subject):
    """(municipality id, association kind) of an association, a municipality or, with
    neither, the reader's own municipality."""
    from metodset.associations.models import Association

    if isinstance(subject, Association):
        return subject.municipality_id, subject.kind
    if subject is not None and getattr(subject, "pk", None):
        return subject.pk, ""
    request = _request(context)
    user = getattr(request, "user", None)
    return getattr(user, "municipality_id", None), ""


@register.simple_tag(takes_context=True)
def cite_rule(context, subject, kind: str, param: str = "", code: str = "") -> str:
    """«(п. 9.1 положения)»: the clause of the `kind` rule of the regulation in force for
    `subject` (an association, a municipality, or None for the reader's municipality);
    "" where that regulation has no such rule. Loaded once per page and subject."""
    municipality_id, association_kind = _subject(context, subject)
    request = _request(context)
    if request is None:
        rules = rules_in_force(municipality_id, association_kind=association_kind)
    else:
        rules = page_rules(request, municipality_id, association_kind)
    return citation(clause_of(rules, kind, param=param, code=code))
