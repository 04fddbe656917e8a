"""The Jinja environment every document template runs in, and the check of an uploaded one.

An authority's own template is untrusted: whoever may upload it could otherwise walk from a
placeholder to Python's internals (`today.__class__.__mro__…`) and run commands on the
server. Two independent locks:

- at upload, `check_source` walks the whole expression tree of every templated part of the
  DOCX (body, headers, footers, footnotes, document properties) and accepts only the
  documented fields, their documented parts, constants, `if`/`for`/`set`, comparisons and an
  allow-list of filters with constant arguments: no calls, no arithmetic, no subscripts
  other than constants, no globals, no private or dunder names;
- at render, `DocumentSandbox` (Jinja's immutable sandbox) refuses every call and every
  attribute that is not a documented part, with no globals and only the allowed filters —
  so a template that somehow got past the check (or a built-in one) still cannot execute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from metodset.documents.context import DOCUMENTED_PARTS

# Filters that only reshape text or a list; each may take constant positional arguments.
ALLOWED_FILTERS = frozenset(
    {
        "capitalize",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "join",
        "last",
        "length",
        "count",
        "list",
        "lower",
        "replace",
        "reverse",
        "round",
        "string",
        "title",
        "trim",
        "truncate",
        "upper",
        "wordcount",
    }
)
ALLOWED_TESTS = frozenset(
    {"defined", "undefined", "none", "string", "number", "even", "odd", "eq", "ne", "in"}
)
LOOP_PARTS = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0"}
)
ALLOWED_PARTS = DOCUMENTED_PARTS | LOOP_PARTS
_PART_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

# Node types a template may contain; anything else (calls, arithmetic, macros, includes,
# `with`, filter blocks, slices, keyword arguments…) is refused.
_ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.For,
    nodes.If,
    nodes.Assign,
    nodes.CondExpr,
    nodes.Filter,
    nodes.Test,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.Tuple,
    nodes.List,
)


# How a refused construct is named in the message (by what the author typed).
_SHOWN = {
    "Call": "( )",
    "Add": "+",
    "Sub": "-",
    "Mul": "*",
    "Div": "/",
    "FloorDiv": "//",
    "Mod": "%",
    "Pow": "**",
    "Neg": "-",
    "Pos": "+",
    "Slice": "[:]",
    "Keyword": "=",
    "Dict": "{ }",
    "Macro": "{% macro %}",
    "CallBlock": "{% call %}",
    "FilterBlock": "{% filter %}",
    "With": "{% with %}",
    "Include": "{% include %}",
    "Import": "{% import %}",
    "FromImport": "{% from %}",
    "Extends": "{% extends %}",
    "Block": "{% block %}",
    "AssignBlock": "{% set %}…{% endset %}",
}


class UnsafeTemplate(Exception):
    """The template goes beyond the documented fields.

    `unknown` holds top-level names that are not fields of the document, `refused` the
    constructs that are not allowed at all (a call, a private name, a filter…).
    """

    def __init__(self, unknown: set[str], refused: set[str]) -> None:
        self.unknown, self.refused = unknown, refused
        super().__init__(", ".join(sorted(unknown | refused)))


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Autoescaping sandbox: documented parts only, no calls, no globals."""

    def __init__(self) -> None:
        # Autoescape: names and decisions are user text and may hold «<» or «&».
        super().__init__(autoescape=True)
        self.globals.clear()  # range, dict, lipsum, cycler, joiner, namespace
        self.filters = {k: v for k, v in self.filters.items() if k in ALLOWED_FILTERS}
        self.tests = {k: v for k, v in self.tests.items() if k in ALLOWED_TESTS}

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        return attr in ALLOWED_PARTS and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj) -> bool:
        return False


def environment() -> DocumentSandbox:
    return DocumentSandbox()


def _part(name: object) -> bool:
    return isinstance(name, str) and bool(_PART_NAME.match(name)) and name in ALLOWED_PARTS


class _Checker:
    def __init__(self, names: set[str], local: set[str]) -> None:
        self.names, self.local = names, local
        self.unknown: set[str] = set()
        self.refused: set[str] = set()

    def visit(self, node: nodes.Node) -> None:
        if not isinstance(node, _ALLOWED_NODES):
            self.refused.add(_SHOWN.get(type(node).__name__, type(node).__name__.lower()))
        elif isinstance(node, nodes.Name):
            if node.name.startswith("_"):
                self.refused.add(node.name)
            elif node.ctx == "load" and node.name not in self.names | self.local | {"loop"}:
                self.unknown.add(node.name)
        elif isinstance(node, nodes.Getattr):
            if not _part(node.attr):
                self.refused.add(f".{node.attr}")
        elif isinstance(node, nodes.Getitem):
            key = node.arg
            if not isinstance(key, nodes.Const) or not (
                (isinstance(key.value, int) and not isinstance(key.value, bool)) or _part(key.value)
            ):
                self.refused.add("[…]")
        elif isinstance(node, nodes.Filter | nodes.Test):
            allowed = ALLOWED_FILTERS if isinstance(node, nodes.Filter) else ALLOWED_TESTS
            if node.name not in allowed:
                self.refused.add(f"|{node.name}")
            elif (
                node.kwargs
                or node.dyn_args
                or node.dyn_kwargs
                or not all(isinstance(arg, nodes.Const) for arg in node.args)
            ):
                self.refused.add(f"|{node.name}(…)")
        elif isinstance(node, nodes.For) and node.recursive:
            self.refused.add("recursive")
        for child in node.iter_child_nodes():
            self.visit(child)


def check_source(env: DocumentSandbox, source: str, names: Iterable[str]) -> None:
    """Raise UnsafeTemplate unless `source` keeps to the documented `names`, their parts and
    the allowed constructs; jinja2's TemplateSyntaxError if it does not parse."""
    tree = env.parse(source)
    # Names the template binds itself: loop variables and `set` targets.
    local = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    checker = _Checker(set(names), local)
    checker.visit(tree)
    if checker.unknown or checker.refused:
        raise UnsafeTemplate(checker.unknown, checker.refused)


__all__ = ["DocumentSandbox", "TemplateSyntaxError", "UnsafeTemplate", "check_source"]
