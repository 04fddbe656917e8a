import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metodset.core.dates import full_years_between, years_ago, years_later
from metodset.regulations.kinds.base import Param, Result, RuleKind, Status

CATEGORY_NAMES = {
    "highest": "высшая",
    "first": "первая",
    "conformity": "соответствие",
    "none": "без категории",
}
EDUCATION_ORDER = [
    "other",
    "secondary_vocational",
    "secondary_vocational_pedagogical",
    "higher",
    "higher_pedagogical",
]


class HeadAppointed(RuleKind):
    code = "head_appointed"
    title = gettext_lazy("A head is appointed by order")

    def evaluate(self, rule, facts):
        head = facts.head()
        if head is None:
            return Result(
                Status.VIOLATED, self.cite(rule, _("no head is appointed")), facts.url("head")
            )
        if head.order_id is None:
            return Result(
                Status.AT_RISK,
                self.cite(rule, _("the head's appointment has no order")),
                facts.url("head"),
            )
        return Result(
            Status.OK,
            self.cite(rule, _("the head is appointed by %(order)s") % {"order": head.order}),
        )


class HeadTermMax(RuleKind):
    code = "head_term_max"
    title = gettext_lazy("Maximum term of a head")
    remind_on = frozenset({Status.AT_RISK})
    params = {
        "years": Param(int, minimum=1, maximum=10),
        "warn_days": Param(int, required=False, default=60, maximum=366),
    }

    def describe(self, rule):
        years = rule.params["years"]
        days = rule.params.get("warn_days", 60)
        return ngettext(
            "The head's term is at most %(years)s year",
            "The head's term is at most %(years)s years",
            years,
        ) % {"years": years} + ngettext(
            "; reminded %(days)s day before it ends",
            "; reminded %(days)s days before it ends",
            days,
        ) % {"days": days}

    def evaluate(self, rule, facts):
        head = facts.head()
        if head is None:
            expired = facts.expired_head()
            if expired is not None:
                return Result(
                    Status.VIOLATED,
                    self.cite(
                        rule,
                        _("the term of the head %(name)s ended on %(end)s; no head is appointed")
                        % {
                            "name": expired.teacher.short_name,
                            "end": f"{expired.ends_on:%d.%m.%Y}",
                        },
                    ),
                    facts.url("head"),
                )
            return Result(
                Status.NOT_APPLICABLE, self.cite(rule, _("no head is appointed")), facts.url("head")
            )
        years = rule.params["years"]
        limit = years_later(head.starts_on - dt.timedelta(days=1), years)
        if head.ends_on > limit:
            return Result(
                Status.VIOLATED,
                self.cite(
                    rule,
                    _("the term %(start)s — %(end)s is longer than %(years)s years")
                    % {
                        "start": f"{head.starts_on:%d.%m.%Y}",
                        "end": f"{head.ends_on:%d.%m.%Y}",
                        "years": years,
                    },
                ),
                facts.url("head"),
            )
        days_left = (head.ends_on - facts.today).days
        text = _("the term ends on %(end)s, in %(days)s days") % {
            "end": f"{head.ends_on:%d.%m.%Y}",
            "days": days_left,
        }
        if days_left <= rule.params.get("warn_days", 60):
            return Result(Status.AT_RISK, self.cite(rule, text), facts.url("head"))
        return Result(Status.OK, self.cite(rule, text))


class HeadQualification(RuleKind):
    code = "head_qualification"
    title = gettext_lazy("Qualification requirements for a head")
    params = {
        "education": Param(str, required=False, default="higher", choices=tuple(EDUCATION_ORDER)),
        "categories": Param(
            list,
            required=False,
            default=["highest", "first"],
            item=str,
            choices=tuple(CATEGORY_NAMES),
        ),
        "min_years": Param(int, required=False, default=0, maximum=60),
    }

    def describe(self, rule):
        from metodset.people.models import EducationLevel

        parts = [
            _("education: %(level)s or higher")
            % {
                "level": str(
                    dict(EducationLevel.choices).get(rule.params.get("education", "higher"), "")
                ).lower()
            }
        ]
        categories = rule.params.get("categories", ["highest", "first"])
        if categories:
            parts.append(
                _("category: %(allowed)s")
                % {"allowed": ", ".join(CATEGORY_NAMES.get(c, c) for c in categories)}
            )
        years = rule.params.get("min_years", 0)
        if years:
            parts.append(
                ngettext(
                    "at least %(n)s year of experience", "at least %(n)s years of experience", years
                )
                % {"n": years}
            )
        return _("Requirements for the head: ") + "; ".join(parts)

    def evaluate(self, rule, facts):
        head = facts.head()
        if head is None:
            return Result(
                Status.NOT_APPLICABLE, self.cite(rule, _("no head is appointed")), facts.url("head")
            )
        teacher = head.teacher
        problems = []
        education = rule.params.get("education", "higher")
        if EDUCATION_ORDER.index(teacher.education_level) < EDUCATION_ORDER.index(education):
            problems.append(
                _("education is %(level)s")
                % {"level": teacher.get_education_level_display().lower()}
            )
        categories = rule.params.get("categories") or []
        if categories and teacher.category not in categories:
            problems.append(
                _("category is «%(category)s», required: %(allowed)s")
                % {
                    "category": CATEGORY_NAMES.get(teacher.category, teacher.category),
                    "allowed": ", ".join(CATEGORY_NAMES.get(c, c) for c in categories),
                }
            )
        years = full_years_between(teacher.teaching_since, facts.today)
        min_years = rule.params.get("min_years", 0)
        if years < min_years:
            problems.append(
                _("%(years)s years of experience, at least %(min)s required")
                % {"years": years, "min": min_years}
            )
        if problems:
            return Result(
                Status.VIOLATED,
                self.cite(
                    rule,
                    _("the head %(name)s: ") % {"name": teacher.short_name} + "; ".join(problems),
                ),
                teacher.get_absolute_url(),
            )
        return Result(
            Status.OK,
            self.cite(
                rule,
                _("the head meets the requirements (%(years)s years of experience)")
                % {"years": years},
            ),
        )


class HeadRenewal(RuleKind):
    code = "head_renewal"
    title = gettext_lazy("The head renews PD and attestation regularly")
    remind_on = frozenset({Status.AT_RISK, Status.VIOLATED})
    params = {"years": Param(int, minimum=1, maximum=10)}

    def describe(self, rule):
        years = rule.params["years"]
        return ngettext(
            "The head renews PD and attestation once in %(n)s year",
            "The head renews PD and attestation once in %(n)s years",
            years,
        ) % {"n": years}

    def evaluate(self, rule, facts):
        head = facts.head()
        if head is None:
            return Result(
                Status.NOT_APPLICABLE, self.cite(rule, _("no head is appointed")), facts.url("head")
            )
        years = rule.params["years"]
        since = years_ago(facts.today, years)
        last_course = facts.head_last_course_end()
        category_date = facts.head_category_date()
        problems = []
        if last_course is None or last_course < since:
            problems.append(_("no PD course in the last %(n)s years") % {"n": years})
        if category_date is None or category_date < since:
            problems.append(_("no attestation in the last %(n)s years") % {"n": years})
        url = facts.growth_url(head.teacher_id)
        if problems:
            return Result(Status.VIOLATED, self.cite(rule, "; ".join(problems)), url)
        soon = years_later(min(last_course, category_date), years)
        if (soon - facts.today).days <= 90:
            return Result(
                Status.AT_RISK,
                self.cite(rule, _("renewal is due by %(date)s") % {"date": f"{soon:%d.%m.%Y}"}),
                url,
            )
        return Result(
            Status.OK,
            self.cite(
                rule,
                _("PD and attestation are current until %(date)s") % {"date": f"{soon:%d.%m.%Y}"},
            ),
        )
