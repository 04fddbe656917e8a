"""A regulation as a YAML document (schema: docs/regulations.md), with errors that name
the line and the field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml
from django.utils.translation import gettext as _

from metodset.associations.models import AssociationKind
from metodset.regulations.kinds import REGISTRY, Param

TOP_LEVEL = {"title", "applies_to", "effective_from", "order", "source", "rules"}


@dataclass
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("line %(line)s, %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


class DocumentError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Document:
    title: str
    applies_to: list[str]
    effective_from: dt.date
    order: dict | None
    source: str
    rules: list[dict]


def _key_lines(node) -> dict[str, tuple[int, object]]:
    """For a mapping node: key -> (line of the value, value node)."""
    return (
        {k.value: (v.start_mark.line + 1, v) for k, v in node.value}
        if isinstance(node, yaml.MappingNode)
        else {}
    )


TYPE_NAMES = {int: "целое число", str: "строка", bool: "да/нет (true/false)", list: "список"}


STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _syntax_problem(error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    return Problem(
        mark.line + 1 if mark else 1,
        "YAML",
        _("the file is not valid YAML: %(problem)s")
        % {"problem": getattr(error, "problem", None) or error},
    )


def _structure(loader: yaml.SafeLoader, root) -> list[Problem]:
    """What PyYAML would accept or crash on but a regulation cannot hold: field names that are
    not strings, a field given twice (YAML keeps the last silently), dates that do not exist."""
    problems: list[Problem] = []
    seen_nodes: set[int] = set()
    stack = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen_nodes:  # an alias points back at a node already walked
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            names: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1
                label = key.value if isinstance(key, yaml.ScalarNode) else "?"
                name = f"{path}.{label}" if path else label
                if not isinstance(key, yaml.ScalarNode) or key.tag != STR_TAG:
                    problems.append(Problem(line, name, _("a field name must be a word")))
                    continue
                if key.value in names:
                    problems.append(
                        Problem(
                            line,
                            name,
                            _("the field is given twice (first on line %(line)s)")
                            % {"line": names[key.value]},
                        )
                    )
                names.setdefault(key.value, line)
                stack.append((value, name))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(node.value, start=1))
        elif node.tag == TIMESTAMP_TAG:
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                problems.append(
                    Problem(
                        node.start_mark.line + 1,
                        path or "—",
                        _("there is no such date: %(value)s") % {"value": node.value},
                    )
                )
    return sorted(problems, key=lambda p: p.line)


def parse(text: str) -> Document:
    try:
        loader = yaml.SafeLoader(text)  # the reader rejects control characters here
    except yaml.YAMLError as error:
        raise DocumentError([_syntax_problem(error)]) from error
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as error:
            raise DocumentError([_syntax_problem(error)]) from error
        data = None
        if root is not None:
            if problems := _structure(loader, root):
                raise DocumentError(problems)
            try:
                data = loader.construct_document(root)
            except yaml.YAMLError as error:
                raise DocumentError([_syntax_problem(error)]) from error
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise DocumentError(
            [
                Problem(
                    1, "—", _("the document must be a mapping with title, effective_from and rules")
                )
            ]
        )
    problems: list[Problem] = []
    lines = _key_lines(root)
    for key in data:
        if key not in TOP_LEVEL:
            problems.append(Problem(lines[key][0], str(key), _("unknown field")))
    for key in ("title", "effective_from", "rules"):
        if key not in data:
            problems.append(Problem(1, key, _("the field is required")))
    title = data.get("title")
    if "title" in data and (not isinstance(title, str) or not title.strip()):
        problems.append(Problem(lines["title"][0], "title", _("must be a non-empty string")))
    effective = data.get("effective_from")
    if "effective_from" in data and not isinstance(effective, dt.date):
        problems.append(
            Problem(lines["effective_from"][0], "effective_from", _("must be a date YYYY-MM-DD"))
        )
    applies_to = data.get("applies_to") or []
    kinds = {k for k, _label in AssociationKind.choices}
    if not isinstance(applies_to, list) or any(k not in kinds for k in applies_to):
        problems.append(
            Problem(
                lines.get("applies_to", (1,))[0],
                "applies_to",
                _("must be a list of kinds: %(kinds)s") % {"kinds": ", ".join(sorted(kinds))},
            )
        )
    order = data.get("order")
    if order is not None and not (
        isinstance(order, dict)
        and isinstance(order.get("number"), str | int)
        and isinstance(order.get("date"), dt.date)
    ):
        problems.append(
            Problem(lines["order"][0], "order", _("must have number and date (YYYY-MM-DD)"))
        )
    rules = data.get("rules")
    parsed_rules = []
    if "rules" in data:
        if not isinstance(rules, list):
            problems.append(Problem(lines["rules"][0], "rules", _("must be a list of rules")))
        else:
            rule_nodes = lines["rules"][1].value
            for index, (rule, node) in enumerate(zip(rules, rule_nodes, strict=True), start=1):
                parsed = _rule(rule, node, index, problems)
                if parsed:
                    parsed_rules.append(parsed)
    if problems:
        raise DocumentError(problems)
    return Document(
        title.strip(), applies_to, effective, order, str(data.get("source") or ""), parsed_rules
    )


def _rule(rule, node, index: int, problems: list[Problem]) -> dict | None:
    line = node.start_mark.line + 1
    where = f"rules[{index}]"
    if not isinstance(rule, dict):
        problems.append(
            Problem(line, where, _("a rule is a mapping with kind, clause and parameters"))
        )
        return None
    lines = _key_lines(node)
    kind = rule.get("kind")
    if kind is None:
        problems.append(Problem(line, f"{where}.kind", _("the field is required")))
        return None
    if not isinstance(kind, str) or kind not in REGISTRY:
        problems.append(
            Problem(
                lines["kind"][0],
                f"{where}.kind",
                _("unknown rule kind «%(kind)s»; known: %(known)s")
                % {"kind": kind, "known": ", ".join(sorted(REGISTRY))},
            )
        )
        return None
    definition = REGISTRY[kind]
    known_problems = len(problems)
    clause = rule.get("clause")
    if clause is None:
        # Every message of the rule cites its clause: a rule without one cannot be shown.
        problems.append(Problem(line, f"{where}.clause", _("the field is required, e.g. «п. 9.2»")))
    elif not isinstance(clause, str | int | float) or not str(clause).strip():
        problems.append(
            Problem(lines["clause"][0], f"{where}.clause", _("must be a string, e.g. «п. 9.2»"))
        )
    params = {}
    for name, value in rule.items():
        if name in {"kind", "clause"}:
            continue
        if name not in definition.params:
            problems.append(
                Problem(
                    lines[name][0],
                    f"{where}.{name}",
                    _("unknown parameter of «%(kind)s»") % {"kind": kind},
                )
            )
            continue
        message = _param_problem(definition.params[name], value)
        if message:
            problems.append(Problem(lines[name][0], f"{where}.{name}", message))
            continue
        params[name] = value
    for name, spec in definition.params.items():
        if spec.required and name not in rule:
            problems.append(
                Problem(
                    line,
                    f"{where}.{name}",
                    _("the parameter is required for «%(kind)s»") % {"kind": kind},
                )
            )
    if len(problems) == known_problems:  # each parameter is sound: check them together
        for name, message in definition.check_params(params):
            problems.append(Problem(lines.get(name, (line,))[0], f"{where}.{name}", message))
    return {"kind": kind, "clause": str(clause or "").strip(), "params": params}


ITEM_NAMES = {int: "целых чисел", str: "строк", dict: "описаний (поле: значение)"}


def _is(value, kind: type) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _param_problem(spec: Param, value) -> str:
    """The Russian message for a parameter value that does not fit its spec, or ""."""
    if not _is(value, spec.type):
        return _("must be %(type)s") % {"type": TYPE_NAMES[spec.type]}
    values = value if spec.type is list else [value]
    if spec.item is not None and not all(_is(v, spec.item) for v in values):
        return _("must be a list of %(items)s") % {"items": ITEM_NAMES[spec.item]}
    if spec.choices and any(v not in spec.choices for v in values):
        return _("must be one of: %(choices)s") % {"choices": ", ".join(spec.choices)}
    numbers = [v for v in values if _is(v, int)]
    low = 0 if spec.minimum is None else spec.minimum
    if any(v < low for v in numbers):
        return _("cannot be negative") if low == 0 else _("must be at least %(n)s") % {"n": low}
    if spec.maximum is not None and any(v > spec.maximum for v in numbers):
        return _("must be at most %(n)s") % {"n": spec.maximum}
    return ""


def dump(version) -> str:
    regulation = version.regulation
    document = {
        "title": regulation.title,
        "applies_to": list(regulation.applies_to),
        "effective_from": version.effective_from,
    }
    if version.order_id:
        document["order"] = {"number": version.order.number, "date": version.order.date}
    elif version.order_number:  # named by the document, not (yet) registered
        document["order"] = {"number": version.order_number, "date": version.order_date}
    if version.source_text:
        document["source"] = version.source_text
    document["rules"] = [
        {"kind": r["kind"], "clause": r.get("clause", ""), **r.get("params", {})}
        for r in version.rules
    ]
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
