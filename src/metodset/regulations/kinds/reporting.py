import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from metodset.regulations.kinds.base import (
    Param,
    Result,
    RuleKind,
    Status,
    month_names,
)


class Passport(RuleKind):
    code = "passport"
    title = gettext_lazy("Passport of the association, published")
    params = {"published": Param(bool, required=False, default=True)}

    def evaluate(self, rule, facts):
        passport = facts.passport()
        if passport is None:
            return Result(Status.NO_DATA, self.cite(rule, _("no data on the passport yet")))
        if rule.params.get("published", True) and not passport.get("published"):
            return Result(Status.VIOLATED, self.cite(rule, _("the passport is not published")))
        return Result(Status.OK, self.cite(rule, _("the passport is published")))


class Portfolio(RuleKind):
    code = "portfolio"
    title = gettext_lazy("Portfolio of documents handed in by a deadline")
    remind_on = frozenset({Status.AT_RISK})
    params = {
        "documents": Param(list, item=str),
        "day": Param(int, required=False, minimum=1, maximum=31),
        "month": Param(int, required=False, minimum=1, maximum=12),
    }

    def describe(self, rule):
        n = len(rule.params["documents"])
        text = ngettext("A portfolio of %(n)s document", "A portfolio of %(n)s documents", n) % {
            "n": n
        }
        if rule.params.get("month"):
            text += _(", handed in by %(date)s") % {
                "date": f"{rule.params.get('day') or 1:02d}.{rule.params['month']:02d}"
            }
        return text

    def check_params(self, params):
        day, month = params.get("day"), params.get("month")
        if (day is None) != (month is None):
            missing = "month" if month is None else "day"
            return [(missing, _("the deadline needs both day and month"))]
        if day is not None:
            try:
                # A non-leap year: 29 February would not exist every year.
                dt.date(2025, month, day)
            except ValueError:
                return [
                    (
                        "day",
                        _("there is no such date: %(value)s") % {"value": f"{day:02d}.{month:02d}"},
                    )
                ]
        return []

    def evaluate(self, rule, facts):
        documents = len(rule.params["documents"])
        portfolio = facts.portfolio()
        if not rule.params.get("month"):
            if portfolio is None:
                return Result(
                    Status.NO_DATA,
                    self.cite(
                        rule, _("%(n)s documents; no data on the portfolio yet") % {"n": documents}
                    ),
                )
            return Result(Status.OK, self.cite(rule, _("the portfolio is kept")))
        deadline = dt.date(facts.year.ends_on.year, rule.params["month"], rule.params["day"] or 1)
        text = _("%(n)s documents due by %(date)s") % {
            "n": documents,
            "date": f"{deadline:%d.%m.%Y}",
        }
        if portfolio is None:
            if facts.today > deadline:
                return Result(
                    Status.NO_DATA, self.cite(rule, text + _("; no data on the portfolio yet"))
                )
            if (deadline - facts.today).days <= 30:
                return Result(Status.AT_RISK, self.cite(rule, text), facts.url("portfolio"))
            return Result(
                Status.NO_DATA, self.cite(rule, text + _("; no data on the portfolio yet"))
            )
        if portfolio.get("submitted_on") and portfolio["submitted_on"] <= deadline:
            return Result(
                Status.OK,
                self.cite(
                    rule,
                    _("the portfolio was handed in on %(date)s")
                    % {"date": f"{portfolio['submitted_on']:%d.%m.%Y}"},
                ),
            )
        return Result(
            Status.VIOLATED if facts.today > deadline else Status.AT_RISK,
            self.cite(rule, text),
            facts.url("portfolio"),
        )


class AnnualAnalysis(RuleKind):
    """The analysis of a school year is written at its end (from May) and accepted by the
    methodist; until May the one that counts is the previous year's.

    Fed by the analysis app: {"current": status, "previous": status} of the association's
    analyses of the year checked and the one before (None where there is none)."""

    code = "annual_analysis"
    title = gettext_lazy("Annual analysis of the work")

    def evaluate(self, rule, facts):
        analysis = facts.analysis()
        if analysis is None:
            return Result(Status.NO_DATA, self.cite(rule, _("no data on the annual analysis yet")))
        year, url = facts.year, facts.url("analysis")
        current, previous = analysis.get("current"), analysis.get("previous")
        if current == "accepted":
            return Result(
                Status.OK,
                self.cite(rule, _("the analysis of %(year)s is accepted") % {"year": year}),
            )
        if facts.today >= dt.date(year.ends_on.year, 5, 1):
            if facts.today > year.ends_on:
                text = _("the analysis of %(year)s was not accepted") % {"year": year}
                return Result(Status.VIOLATED, self.cite(rule, text), url)
            if current in ("adopted", "submitted"):
                text = _("the analysis of %(year)s awaits the methodist") % {"year": year}
            else:
                text = _("the analysis of %(year)s is due at the end of the school year") % {
                    "year": year
                }
            return Result(Status.AT_RISK, self.cite(rule, text), url)
        before = year.previous
        if facts.association.founded_on > before.ends_on:
            return Result(
                Status.NOT_APPLICABLE,
                self.cite(rule, _("the analysis of %(year)s is due from May") % {"year": year}),
            )
        if previous == "accepted":
            return Result(
                Status.OK,
                self.cite(rule, _("the analysis of %(year)s is accepted") % {"year": before}),
            )
        if previous is None:
            return Result(
                Status.NO_DATA,
                self.cite(rule, _("no analysis of %(year)s is recorded") % {"year": before}),
                url,
            )
        return Result(
            Status.AT_RISK,
            self.cite(rule, _("the analysis of %(year)s is not accepted yet") % {"year": before}),
            url,
        )


class ExternalEvaluation(RuleKind):
    code = "external_evaluation"
    title = gettext_lazy("External evaluation period")
    params = {"months": Param(list, item=int, minimum=1, maximum=12)}

    def describe(self, rule):
        return _("External evaluation of quality in: %(months)s") % {
            "months": month_names(rule.params["months"])
        }

    def evaluate(self, rule, facts):
        months = rule.params["months"]
        names = month_names(months)
        evaluation = facts.external_evaluation()  # the latest of the school year, if any
        if evaluation:
            return Result(
                Status.OK,
                self.cite(
                    rule,
                    _("evaluated on %(date)s by %(who)s")
                    % {
                        "date": f"{evaluation['evaluated_on']:%d.%m.%Y}",
                        "who": evaluation["evaluator"],
                    },
                ),
            )
        if facts.today.month in months:
            return Result(
                Status.AT_RISK,
                self.cite(
                    rule,
                    _("the external evaluation takes place now (months: %(m)s)") % {"m": names},
                ),
            )
        return Result(
            Status.NOT_APPLICABLE,
            self.cite(
                rule, _("the external evaluation takes place in these months: %(m)s") % {"m": names}
            ),
        )


class Indicators(RuleKind):
    code = "indicators"
    title = gettext_lazy("Effectiveness indicators the regulation names")
    params = {"codes": Param(list, item=str)}

    def describe(self, rule):
        from metodset.indicators.catalogue import CATALOGUE

        names = [str(CATALOGUE[c].name) if c in CATALOGUE else c for c in rule.params["codes"]]
        return _("Effectiveness indicators: %(names)s") % {"names": "; ".join(names)}

    def check_params(self, params):
        from metodset.indicators.catalogue import CATALOGUE

        unknown = [code for code in params.get("codes", []) if code not in CATALOGUE]
        if unknown:
            return [
                (
                    "codes",
                    _("unknown indicator codes: %(codes)s; known: %(known)s")
                    % {"codes": ", ".join(unknown), "known": ", ".join(sorted(CATALOGUE))},
                )
            ]
        return []

    def evaluate(self, rule, facts):
        values = facts.indicators()
        named = rule.params["codes"]
        known = [
            code
            for code in named
            if values.get(code) is not None and values[code].value is not None
        ]
        text = ngettext(
            "%(known)s of %(n)s indicator has data",
            "%(known)s of %(n)s indicators have data",
            len(named),
        ) % {"known": len(known), "n": len(named)}
        if not known:
            return Result(Status.NO_DATA, self.cite(rule, text), facts.url("indicators"))
        from metodset.indicators.catalogue import CATALOGUE
        from metodset.indicators.values import shown

        parts = [
            f"{CATALOGUE[code].name} — {shown(values[code])}\u00a0{CATALOGUE[code].unit}"
            if code in CATALOGUE
            else f"{code} — {shown(values[code])}"
            for code in known
        ]
        return Result(
            Status.OK,
            self.cite(rule, text + " (" + "; ".join(parts) + ")"),
            facts.url("indicators"),
        )
