import datetime as dt
import re

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


# What a portfolio item is made of (docs/regulations.md): produced from the records the product
# keeps, or uploaded by the head. The portfolio app builds each kind (portfolio/producers.py).
PORTFOLIO_SOURCES = (
    "appointment_order",
    "regulation",
    "analysis",
    "theme",
    "plan",
    "minutes",
    "databank",
    "self_education",
    "needs",
    "curricula",
    "passport",
    "upload",
)
PORTFOLIO_ITEM_FIELDS = {"code", "title", "clause", "source"}


def _item_problems(items: list[dict]) -> list[str]:
    """Russian messages for items that do not fit: code (a Latin word, unique), title, source."""
    problems, codes = [], set()
    for index, item in enumerate(items, start=1):
        where = f"items[{index}]"
        unknown = sorted(str(k) for k in set(item) - PORTFOLIO_ITEM_FIELDS)
        if unknown:
            problems.append(
                _("%(where)s: unknown fields %(fields)s; known: code, title, clause, source")
                % {"where": where, "fields": ", ".join(unknown)}
            )
        code = item.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", code):
            problems.append(
                _("%(where)s.code: a Latin word in lower case, e.g. «plan»") % {"where": where}
            )
        elif code in codes:
            problems.append(
                _("%(where)s.code: «%(code)s» is given twice") % {"where": where, "code": code}
            )
        codes.add(code)
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.append(_("%(where)s.title: must be a non-empty string") % {"where": where})
        clause = item.get("clause", "")
        if not isinstance(clause, str | int | float):
            problems.append(
                _("%(where)s.clause: must be a string, e.g. «п. 7.2»") % {"where": where}
            )
        if item.get("source") not in PORTFOLIO_SOURCES:
            problems.append(
                _("%(where)s.source: must be one of: %(choices)s")
                % {"where": where, "choices": ", ".join(PORTFOLIO_SOURCES)}
            )
    return problems


class Portfolio(RuleKind):
    code = "portfolio"
    title = gettext_lazy("Portfolio of documents handed in by a deadline")
    remind_on = frozenset({Status.AT_RISK})
    params = {
        # The regulation's list as words (kept for regulations written before `items`) …
        "documents": Param(list, required=False, item=str),
        # … or its items, each with a code, title, clause and what it is made of.
        "items": Param(list, required=False, item=dict),
        "day": Param(int, required=False, minimum=1, maximum=31),
        "month": Param(int, required=False, minimum=1, maximum=12),
    }

    def describe(self, rule):
        n = len(rule.params.get("items") or rule.params.get("documents") or [])
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
        problems = []
        if "items" not in params and "documents" not in params:
            problems.append(("items", _("name the portfolio's items (or its documents)")))
        if "items" in params:
            problems += [("items", message) for message in _item_problems(params["items"])]
        if (day is None) != (month is None):
            missing = "month" if month is None else "day"
            return [*problems, (missing, _("the deadline needs both day and month"))]
        if day is not None:
            try:
                # A non-leap year: 29 February would not exist every year.
                dt.date(2025, month, day)
            except ValueError:
                problems.append(
                    (
                        "day",
                        _("there is no such date: %(value)s") % {"value": f"{day:02d}.{month:02d}"},
                    )
                )
        return problems

    @staticmethod
    def item_count(rule) -> int:
        return len(rule.params.get("items") or rule.params.get("documents") or [])

    def evaluate(self, rule, facts):
        """«нарушено» once the deadline has passed without an accepted portfolio; under threat in
        the last 30 days; the portfolio page is where it is put right."""
        documents = self.item_count(rule)
        portfolio = facts.portfolio()
        accepted_on = (portfolio or {}).get("accepted_on")
        if accepted_on:
            return Result(
                Status.OK,
                self.cite(
                    rule,
                    _("the portfolio was accepted on %(date)s")
                    % {"date": f"{accepted_on:%d.%m.%Y}"},
                ),
                facts.url("portfolio"),
            )
        state = ""
        if portfolio and portfolio.get("returned"):
            state = _("; returned for corrections")
        elif portfolio and portfolio.get("submitted_on"):
            state = _("; handed in on %(date)s, not accepted yet") % {
                "date": f"{portfolio['submitted_on']:%d.%m.%Y}"
            }
        if not rule.params.get("month"):
            text = _("%(n)s documents") % {"n": documents}
            if portfolio is None:
                return Result(
                    Status.NO_DATA, self.cite(rule, text + _("; no data on the portfolio yet"))
                )
            if portfolio.get("submitted_on") and not portfolio.get("returned"):
                return Result(Status.OK, self.cite(rule, text + state), facts.url("portfolio"))
            return Result(
                Status.NO_DATA,
                self.cite(rule, text + (state or _("; not handed in yet"))),
                facts.url("portfolio"),
            )
        deadline = dt.date(facts.year.ends_on.year, rule.params["month"], rule.params["day"])
        text = _("%(n)s documents due by %(date)s") % {
            "n": documents,
            "date": f"{deadline:%d.%m.%Y}",
        }
        if facts.today > deadline:
            if portfolio is None:
                # Nothing feeds the fact (the portfolio app is not installed): not known.
                return Result(
                    Status.NO_DATA, self.cite(rule, text + _("; no data on the portfolio yet"))
                )
            return Result(
                Status.VIOLATED,
                self.cite(rule, text + (state or _("; not handed in"))),
                facts.url("portfolio"),
            )
        if (deadline - facts.today).days <= 30:
            return Result(Status.AT_RISK, self.cite(rule, text + state), facts.url("portfolio"))
        if portfolio is None:
            return Result(
                Status.NO_DATA, self.cite(rule, text + _("; no data on the portfolio yet"))
            )
        # Not due yet: nothing to judge before the last month.
        return Result(Status.NOT_APPLICABLE, self.cite(rule, text + state), facts.url("portfolio"))


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
