#!/usr/bin/env python3
"""Mutation testing for xltools: do the tests notice when the code is wrong?

    python benchmarks/mutate.py                          # the modules listed in benchmarks/mutation_config.json
    python benchmarks/mutate.py --module xltools/values.py --jobs 2 --limit 300 --json out.json
    python benchmarks/mutate.py --module xltools/cli.py --function _refuse_overwrite --function _batch
    python benchmarks/mutate.py --module xltools/money.py --list      # the mutants only, nothing run

A small AST mutator of our own (mutmut 3.8 and cosmic-ray 8.7 were tried: mutmut is fast but mutates
exception messages, skips module-level tables, reports by function rather than file:line and keeps
its settings in pyproject/setup.cfg; cosmic-ray runs one mutant at a time).  Each mutant is one small
textual edit of one file (line numbers kept), checked to compile and to differ from the original AST.

Operators: comparison flips (``< <=``, ``> >=``, ``== !=``, ``in / not in``, ``is / is not``),
``and``/``or`` swap, ``not`` removed, constants (numbers +-1, ``True``/``False``, short strings -> ``""``,
adjacent values of a dict literal swapped), arithmetic ``+ - * / // %`` swapped, ``return x`` ->
``return None``, a statement of an ``if``/``else`` body -> ``pass``, slice bounds +-1.

Not mutated: docstrings, type annotations, ``__all__``, f-strings, ``if TYPE_CHECKING`` blocks, lines
(or whole blocks whose first line is) marked ``# pragma: no mutate``.  Strings inside ``raise`` and in
logging/``warnings.warn`` calls are listed as "skipped: message text"; lines marked ``# pragma: no cover``
as "skipped: no cover".  Neither is run or counted.

How a module is run:

1. The working tree (``git ls-files -co --exclude-standard``; ``--from-head`` for the last commit) is copied
   once per worker into a temporary folder; the module is re-located by name if it moved.
2. Its tests: ``tests`` in the config, else every test file whose text names the module (dotted,
   path or ``from xltools... import leaf``) or one of its public names, plus the module's own doctests.
3. A baseline run of those tests records each test's duration and the lines of the module it executes
   (a ``sys.settrace`` on that one file).  Tests that start a Python subprocess or a process pool are
   "opaque" and run for every mutant.  Tests failing on the unmutated tree are left out (reported).
4. Each mutant: rewrite the file in a worker's copy, run ``pytest -x -q -p no:cacheprovider`` on the tests
   that executed the mutated statement (all of them when the line runs at import time), fastest first,
   each with a timeout of ``(its baseline time + the slowest setup) x --timeout-factor + 1 s``; restore.
   A failing/erroring run is "killed", a passing one "survived", a mutated line no test executes
   "survived (no coverage)".

Score = killed / (total - equivalent), where total excludes skipped mutants; timeouts are shown apart
(``score+timeout`` counts them as detected).  ``equivalent`` in the config lists mutants that cannot
change behaviour: ``{"module": ..., "original": "<the line, stripped>", "mutated": "<the mutated line,
stripped>", "why": ...}`` (``line`` may stand for ``original``, but moves with every edit above it); they
are listed, not run and not counted.

This file is also the pytest plugin loaded into the runs (``-p mutate``); the hooks at the bottom are
inert unless ``XLTOOLS_MUTATE_CONTROL`` is set.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CONFIG = HERE / "mutation_config.json"
CONTROL_ENV = "XLTOOLS_MUTATE_CONTROL"

# ----------------------------------------------------------------------------------------------- mutants


@dataclass
class Mutant:
    module: str  # path relative to the repository root, as found when the run started
    line: int  # 1-based line of the edit
    op: str
    description: str
    edits: list[tuple[int, int, str]]  # (start, end, text) character offsets into the source
    cover: tuple[int, int]  # the enclosing statement's lines: a test executing any of them is run
    original: str = ""
    mutated: str = ""
    status: str = "pending"  # killed | survived | no coverage | timeout | equivalent | skipped: ... | error
    detail: str = ""
    tests_run: int = 0
    seconds: float = 0.0
    killed_by: str = ""

    @property
    def key(self) -> str:
        return f"{self.module}:{self.line}:{self.op}:{self.mutated.strip()}"


_CMP_SWAP = {
    ast.Lt: ("<", "<="),
    ast.LtE: ("<=", "<"),
    ast.Gt: (">", ">="),
    ast.GtE: (">=", ">"),
    ast.Eq: ("==", "!="),
    ast.NotEq: ("!=", "=="),
    ast.In: ("in", "not in"),
    ast.NotIn: ("not in", "in"),
    ast.Is: ("is", "is not"),
    ast.IsNot: ("is not", "is"),
}
_CMP_TOKEN = {
    "<": r"(?<![<>=!])<(?![<=])",
    "<=": r"<=",
    ">": r"(?<![<>=!-])>(?![>=])",
    ">=": r">=",
    "==": r"==",
    "!=": r"!=",
    "in": r"(?<!not )\bin\b",
    "not in": r"\bnot\s+in\b",
    "is": r"\bis\b(?!\s+not\b)",
    "is not": r"\bis\s+not\b",
}
_ARITH_SWAP = {
    ast.Add: ("+", "-"),
    ast.Sub: ("-", "+"),
    ast.Mult: ("*", "/"),
    ast.Div: ("/", "*"),
    ast.FloorDiv: ("//", "/"),
    ast.Mod: ("%", "//"),
}
_ARITH_TOKEN = {"+": r"\+", "-": r"-", "*": r"(?<!\*)\*(?!\*)", "/": r"(?<!/)/(?!/)", "//": r"//", "%": r"%"}
_LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
_LOG_OWNERS = {"log", "logger", "logging", "LOG", "LOGGER", "_log", "_logger", "warnings"}
SHORT_STRING = 10  # strings up to this many characters become ""


class _Source:
    """Offsets: ``ast`` columns are UTF-8 byte offsets; edits are made on characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for ln in self.lines:
            self.starts.append(self.starts[-1] + len(ln))

    def offset(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.offset(node.lineno, node.col_offset),  # type: ignore[attr-defined]
            self.offset(node.end_lineno, node.end_col_offset),
        )  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        a, b = self.span(node)
        return self.text[a:b]

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


def _padded(node: ast.AST, text: str, *, wrap: bool = True) -> str:
    """``text`` in place of ``node``, keeping the line count (newlines inside parentheses)."""
    extra = node.end_lineno - node.lineno  # type: ignore[attr-defined]
    if extra == 0 and not wrap:
        return text
    return "(" + text + "\n" * extra + ")"


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _is_log_call(node: ast.Call) -> bool:
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in _LOG_METHODS:
        owner = f.value
        name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
        return name in _LOG_OWNERS
    return False


class _Generator:
    def __init__(self, module: str, text: str, functions: Iterable[str] = ()) -> None:
        self.module = module
        self.src = _Source(text)
        self.tree = ast.parse(text)
        self.functions = set(functions)
        self.mutants: list[Mutant] = []
        self.no_mutate = {i + 1 for i, ln in enumerate(self.src.lines) if re.search(r"#\s*pragma:\s*no\s+mutate", ln)}
        self.no_cover = {i + 1 for i, ln in enumerate(self.src.lines) if re.search(r"#\s*pragma:\s*no\s+cover", ln)}

    # -- walking ---------------------------------------------------------------------------------------
    def run(self) -> list[Mutant]:
        self._body(self.tree.body, stmt_ctx=None, in_scope=not self.functions, message=False)
        return self.mutants

    def _body(self, body: list[ast.stmt], *, stmt_ctx: ast.stmt | None, in_scope: bool, message: bool) -> None:
        for stmt in body:
            if _is_docstring(stmt):  # docstrings, and strings used as comments
                continue
            self._stmt(stmt, in_scope=in_scope, message=message)

    def _stmt(self, stmt: ast.stmt, *, in_scope: bool, message: bool) -> None:
        if stmt.lineno in self.no_mutate:
            return
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope = in_scope or stmt.name in self.functions
            for d in stmt.decorator_list:
                self._expr(d, stmt, in_scope=scope, message=message)
            if not isinstance(stmt, ast.ClassDef):
                for default in [*stmt.args.defaults, *(d for d in stmt.args.kw_defaults if d is not None)]:
                    self._expr(default, stmt, in_scope=scope, message=message)
            self._body(stmt.body, stmt_ctx=stmt, in_scope=scope, message=message)
            return
        if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.Pass, ast.Break, ast.Continue)):
            return
        if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                return
        if isinstance(stmt, ast.If):
            test = stmt.test
            if (
                (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
                or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
                or ast.unparse(test).replace("'", '"') == '__name__ == "__main__"'
            ):
                return
        if isinstance(stmt, ast.Raise):
            message = True
        # statements inside an if/else body -> pass
        if isinstance(stmt, ast.If) and in_scope:
            for branch in (stmt.body, stmt.orelse):
                if branch is stmt.orelse and len(branch) == 1 and isinstance(branch[0], ast.If) and self._is_elif(branch[0]):
                    continue
                for s in branch:
                    if isinstance(s, ast.Pass) or _is_docstring(s) or s.lineno in self.no_mutate:
                        continue
                    self._add(
                        s,
                        s,
                        "statement",
                        "removed (pass)",
                        [(*self.src.span(s), _padded(s, "None", wrap=True) if s.end_lineno > s.lineno else "pass")],
                    )
        if (
            isinstance(stmt, ast.Return)
            and stmt.value is not None
            and in_scope
            and not (isinstance(stmt.value, ast.Constant) and stmt.value.value is None)
        ):
            v = stmt.value
            self._add(v, stmt, "return", "return None", [(*self.src.span(v), _padded(v, "None", wrap=False))])
        # expressions and nested bodies
        for name, value in ast.iter_fields(stmt):
            if name in ("annotation", "returns", "type_comment"):
                continue
            if isinstance(value, ast.expr):
                if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)) and name in (
                    "targets",
                    "target",
                ):
                    continue
                self._expr(value, stmt, in_scope=in_scope, message=message or (isinstance(stmt, ast.Assert) and name == "msg"))
            elif isinstance(value, list):
                if value and isinstance(value[0], ast.stmt):
                    self._body(value, stmt_ctx=stmt, in_scope=in_scope, message=message)
                elif name == "handlers":
                    for h in value:
                        if h.type is not None:
                            self._expr(h.type, h, in_scope=in_scope, message=message)
                        self._body(h.body, stmt_ctx=h, in_scope=in_scope, message=message)
                elif name == "items":  # with
                    for item in value:
                        self._expr(item.context_expr, stmt, in_scope=in_scope, message=message)
                elif name == "cases":  # match: bodies only
                    for case in value:
                        self._body(case.body, stmt_ctx=stmt, in_scope=in_scope, message=message)
                elif name not in ("targets",):
                    for v in value:
                        if isinstance(v, ast.expr):
                            self._expr(v, stmt, in_scope=in_scope, message=message)

    def _is_elif(self, node: ast.If) -> bool:
        return self.src.text[self.src.offset(node.lineno, node.col_offset) :].startswith("elif")

    def _expr(self, node: ast.expr, stmt: ast.AST, *, in_scope: bool, message: bool) -> None:
        if not in_scope:
            # a function listed by --function may still be inside: look for lambdas? no; only defs matter
            return
        if isinstance(node, ast.JoinedStr):
            if message:
                self._add(node, stmt, "string", "message text", [], status="skipped: message text")
            return
        if isinstance(node, ast.Call) and _is_log_call(node):
            message = True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id.endswith(("Error", "Exception", "Warning"))
        ):
            message = True
        m = getattr(self, "_m_" + type(node).__name__, None)
        if m is not None and m(node, stmt, message) is False:
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self._expr(child, stmt, in_scope=in_scope, message=message)
            elif isinstance(child, ast.comprehension):
                for e in (child.iter, *child.ifs):
                    self._expr(e, stmt, in_scope=in_scope, message=message)
            elif isinstance(child, ast.keyword):
                self._expr(child.value, stmt, in_scope=in_scope, message=message)

    # -- operators --------------------------------------------------------------------------------------
    def _gap_edit(self, left: ast.AST, right: ast.AST, pattern: str, new: str) -> list[tuple[int, int, str]] | None:
        a = self.src.span(left)[1]
        b = self.src.span(right)[0]
        gap = self.src.text[a:b]
        found = re.search(pattern, gap)
        if not found:
            return None
        return [(a + found.start(), a + found.end(), new)]

    def _m_Compare(self, node: ast.Compare, stmt: ast.AST, message: bool) -> None:
        operands = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            old, new = _CMP_SWAP[type(op)]
            edits = self._gap_edit(operands[i], operands[i + 1], _CMP_TOKEN[old], new)
            if edits:
                self._add(node, stmt, "compare", f"{old} -> {new}", edits)

    def _m_BoolOp(self, node: ast.BoolOp, stmt: ast.AST, message: bool) -> None:
        old, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
        edits = []
        for a, b in zip(node.values, node.values[1:]):
            e = self._gap_edit(a, b, rf"\b{old}\b", new)
            if not e:
                return
            edits += e
        self._add(node, stmt, "boolean", f"{old} -> {new}", edits)

    def _m_UnaryOp(self, node: ast.UnaryOp, stmt: ast.AST, message: bool) -> bool | None:
        if isinstance(node.op, ast.Not):
            a = self.src.span(node)[0]
            if self.src.text[a : a + 3] == "not":
                self._add(node, stmt, "not", "not removed", [(a, a + 3, "")])
            return None
        if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float):
            if self._slice_bound(node):
                return False
            self._number(node, -node.operand.value, stmt)
            return False
        return None

    def _number(self, node: ast.expr, value: int | float, stmt: ast.AST, op: str = "number") -> None:
        literal = self.src.segment(node).lstrip("-").lower()
        for new in (value + 1, value - 1):
            text = repr(new)
            if isinstance(new, int) and literal[:2] in ("0o", "0x", "0b"):  # keep the literal's base: 0o666 -> 0o667
                text = ("-" if new < 0 else "") + {"0o": oct, "0x": hex, "0b": bin}[literal[:2]](abs(new))
            self._add(
                node, stmt, op, f"{self.src.segment(node)} -> {text}", [(*self.src.span(node), _padded(node, text, wrap=new < 0))]
            )

    def _m_Constant(self, node: ast.Constant, stmt: ast.AST, message: bool) -> None:
        v = node.value
        if isinstance(v, bool):
            self._add(node, stmt, "constant", f"{v} -> {not v}", [(*self.src.span(node), _padded(node, str(not v), wrap=False))])
        elif type(v) in (int, float):
            if self._slice_bound(node):
                return
            self._number(node, v, stmt)
        elif isinstance(v, str) and 0 < len(v) <= SHORT_STRING:
            self._add(
                node,
                stmt,
                "string",
                f"{v!r} -> ''",
                [(*self.src.span(node), _padded(node, '""', wrap=False))],
                status="skipped: message text" if message else "pending",
            )

    def _m_Dict(self, node: ast.Dict, stmt: ast.AST, message: bool) -> None:
        vals = node.values
        consts = [isinstance(v, ast.Constant) and not isinstance(v.value, bytes) for v in vals]
        if len(vals) < 2 or sum(consts) < 2:
            return
        for i in range(len(vals) - 1):
            a, b = vals[i], vals[i + 1]
            if not (consts[i] and consts[i + 1]) or a.value == b.value:  # type: ignore[attr-defined]
                continue
            ta, tb = self.src.segment(a), self.src.segment(b)
            self._add(
                a,
                stmt,
                "dict",
                f"values of keys {i} and {i + 1} swapped",
                [(*self.src.span(a), _padded(a, tb, wrap=False)), (*self.src.span(b), _padded(b, ta, wrap=False))],
            )

    def _m_BinOp(self, node: ast.BinOp, stmt: ast.AST, message: bool) -> None:
        swap = _ARITH_SWAP.get(type(node.op))
        if swap is None:
            return
        if any(
            isinstance(x, (ast.JoinedStr, ast.List, ast.Tuple))
            or (isinstance(x, ast.Constant) and isinstance(x.value, (str, bytes)))
            for x in (node.left, node.right)
        ):
            return  # concatenation / %-formatting: a TypeError, not an informative mutant
        old, new = swap
        edits = self._gap_edit(node.left, node.right, _ARITH_TOKEN[old], new)
        if edits:
            self._add(node, stmt, "arithmetic", f"{old} -> {new}", edits)

    def _m_Subscript(self, node: ast.Subscript, stmt: ast.AST, message: bool) -> None:
        s = node.slice
        if not isinstance(s, ast.Slice):
            return
        for bound in (s.lower, s.upper):
            if bound is None:
                continue
            value = self._const_number(bound)
            if value is not None:
                for new in (value + 1, value - 1):
                    self._add(
                        bound,
                        stmt,
                        "slice",
                        f"bound {value} -> {new}",
                        [(*self.src.span(bound), _padded(bound, repr(new), wrap=False))],
                    )
            else:
                text = self.src.segment(bound)
                for sign in ("+", "-"):
                    self._add(
                        bound,
                        stmt,
                        "slice",
                        f"bound {sign}1",
                        [(*self.src.span(bound), _padded(bound, f"({text}) {sign} 1", wrap=False))],
                    )

    @staticmethod
    def _const_number(node: ast.expr) -> int | None:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) is int
        ):
            return -node.operand.value
        return None

    def _slice_bound(self, node: ast.expr) -> bool:
        return id(node) in self._bounds

    @property
    def _bounds(self) -> set[int]:
        if not hasattr(self, "_bound_ids"):
            ids: set[int] = set()
            for n in ast.walk(self.tree):
                if isinstance(n, ast.Slice):
                    for b in (n.lower, n.upper):
                        if b is not None:
                            ids.add(id(b))
                            if isinstance(b, ast.UnaryOp):
                                ids.add(id(b.operand))
            self._bound_ids = ids
        return self._bound_ids

    # -- bookkeeping -------------------------------------------------------------------------------------
    def _add(
        self, node: ast.AST, stmt: ast.AST, op: str, description: str, edits: list[tuple[int, int, str]], status: str = "pending"
    ) -> None:
        line = node.lineno  # type: ignore[attr-defined]
        if line in self.no_mutate:
            return
        if status == "pending" and line in self.no_cover:
            status = "skipped: no cover"
        cover = (stmt.lineno, max(stmt.lineno, node.end_lineno or line))  # type: ignore[attr-defined]
        m = Mutant(self.module, line, op, description, edits, cover, status=status)
        m.original = self.src.lines[line - 1].rstrip("\n") if line - 1 < len(self.src.lines) else ""
        if edits:
            mutated = apply_edits(self.src.text, edits)
            m.mutated = mutated.splitlines()[line - 1] if line - 1 < len(mutated.splitlines()) else ""
            if status == "pending":
                try:
                    new_tree = ast.parse(mutated)
                except SyntaxError:
                    return  # not a competent mutant
                if ast.dump(new_tree) == self._dump:
                    return
                if len(mutated.splitlines()) != len(self.src.text.splitlines()):
                    return
        else:
            m.mutated = m.original
        self.mutants.append(m)

    @property
    def _dump(self) -> str:
        if not hasattr(self, "_dump_cache"):
            self._dump_cache = ast.dump(self.tree)
        return self._dump_cache


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    for a, b, new in sorted(edits, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def generate(module: str, text: str, functions: Iterable[str] = ()) -> list[Mutant]:
    seen: set[str] = set()
    out = []
    for m in _Generator(module, text, functions).run():
        if m.key in seen and m.status == "pending":
            continue
        seen.add(m.key)
        out.append(m)
    return out


# ----------------------------------------------------------------------------------------------- the tree


def git_files(root: Path, head: bool) -> list[str]:
    args = ["git", "ls-files", "-z"] if head else ["git", "ls-files", "-z", "-co", "--exclude-standard"]
    out = subprocess.run(args, cwd=root, capture_output=True, check=True).stdout.decode()
    return [f for f in out.split("\0") if f]


def copy_tree(root: Path, dest: Path, head: bool) -> None:
    if head:
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=root, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-xf", "-", "-C", str(dest)], input=archive, check=True)
        return
    for rel in git_files(root, head=False):
        src = root / rel
        if not src.is_file():
            continue  # deleted in the working tree
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def locate(module: str, files: list[str]) -> str | None:
    """``module`` if it exists, else the one file of the same name (a module moved into a subpackage)."""
    if module in files:
        return module
    name = Path(module).name
    same = [f for f in files if Path(f).name == name and f.startswith("xltools/")]
    if len(same) == 1:
        return same[0]
    return None


def locate_test(test: str, tree: Path) -> str | None:
    """A test file or node id of the config, followed to its new folder when the tests move."""
    path, sep, rest = test.partition("::")
    if (tree / path).exists():
        return test
    same = sorted(p.relative_to(tree).as_posix() for p in (tree / "tests").rglob(Path(path).name))
    return same[0] + sep + rest if len(same) == 1 else None


def dotted(module: str) -> str:
    return module[:-3].replace("/", ".") if module.endswith(".py") else module.replace("/", ".")


def public_names(text: str) -> set[str]:
    names: set[str] = set()
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return names
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not stmt.name.startswith("_"):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in stmt.targets):
            try:
                names.update(ast.literal_eval(stmt.value))
            except ValueError:
                pass
    return {n for n in names if len(n) >= 6 and n not in {"Config", "Result", "result", "format", "values", "string"}}


def find_tests(tree: Path, module: str, module_text: str) -> list[str]:
    """Test files that name the module: ``xltools.x.y``, ``xltools/x/y.py``, ``from xltools.x import y``,
    ``test_y.py``, or one of its public names (``parse_money``) — so the mapping survives a move."""
    dot = dotted(module)
    leaf = Path(module).stem
    package = dot.rsplit(".", 1)[0]
    patterns = [
        re.escape(dot) + r"\b",
        re.escape(module),
        rf"from\s+{re.escape(package)}\s+import\s+(\([^)]*|[^\n]*)\b{re.escape(leaf)}\b",
    ]
    names = public_names(module_text)
    if names:
        patterns.append(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b")
    rx = re.compile("|".join(f"(?:{p})" for p in patterns))
    found = []
    for path in sorted((tree / "tests").rglob("test_*.py")):
        rel = path.relative_to(tree).as_posix()
        if path.name == f"test_{leaf}.py" or rx.search(path.read_text(encoding="utf-8", errors="replace")):
            found.append(rel)
    return found


# ----------------------------------------------------------------------------------------------- config


def load_config(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def config_for(config: dict[str, Any], section: str, module: str, files: list[str], asked: str = "") -> Any:
    """The entry of ``section`` for ``module`` (or for the path it was asked by), the keys re-located
    like the modules themselves."""
    table = config.get(section, {})
    for key, value in table.items():
        if key in (module, asked) or locate(key, files) == module:
            return value
    return None


def equivalent_matches(entry: dict[str, Any], m: Mutant) -> bool:
    if Path(entry.get("module", "")).name != Path(m.module).name:
        return False
    if "line" in entry and int(entry["line"]) != m.line:
        return False
    if "original" in entry and entry["original"].strip() != m.original.strip():
        return False
    want = entry.get("mutated", "").strip()
    return (not want or want == m.mutated.strip()) and ("line" in entry or "original" in entry or bool(want))


# ----------------------------------------------------------------------------------------------- running


def _pytest_argv(args: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "mutate",
        "--doctest-modules",
        "--no-header",
        "-o",
        "addopts=",
        *args,
    ]


def run_env(tree: Path, control: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS", "PYTHONPATH")}
    env.update({"PYTHONPATH": os.pathsep.join([str(tree), str(HERE)]), CONTROL_ENV: str(control), "PYTHONHASHSEED": "0"})
    env.update(extra)
    return env


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _pyc_clear(path: Path) -> None:
    cache = path.parent / "__pycache__"
    if cache.is_dir():
        for pyc in cache.glob(path.stem + ".*.pyc"):
            pyc.unlink(missing_ok=True)


@dataclass
class Baseline:
    tests: dict[str, dict[str, Any]]  # nodeid -> duration, setup, outcome, lines, opaque
    import_lines: set[int]
    startup: float
    failing: list[str] = field(default_factory=list)
    xltools_file: str = ""


def baseline(tree: Path, module: str, test_args: list[str], env_extra: dict[str, str], log: Any) -> Baseline:
    """The unmutated run; test files that cannot even be collected (a tree caught mid-edit) are left out."""
    try:
        return _baseline(tree, module, test_args, env_extra, log)
    except RuntimeError as e:
        broken = set(re.findall(r"^ERROR collecting (\S+)", str(e), re.M)) | set(
            re.findall(r"^ERROR (\S+\.py)\s*$", str(e), re.M)
        )
        kept = [a for a in test_args if a.split("::")[0] not in broken]
        if not broken or kept == test_args:
            raise
        log(f"  baseline: left out, not collectable now: {', '.join(sorted(broken))}")
        test_args[:] = kept
        return _baseline(tree, module, test_args, env_extra, log)


def _baseline(tree: Path, module: str, test_args: list[str], env_extra: dict[str, str], log: Any) -> Baseline:
    work = Path(tempfile.mkdtemp(prefix="mutate-base-"))
    control = work / "control.json"
    out = work / "baseline.json"
    control.write_text(json.dumps({"mode": "baseline", "target": str(tree / module), "out": str(out)}))
    t0 = time.perf_counter()
    proc = subprocess.run(
        _pytest_argv(["-p", "no:randomly", *test_args]),
        cwd=tree,
        env=run_env(tree, control, env_extra),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    if not out.exists():
        raise RuntimeError(
            f"baseline run of {module} wrote nothing (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    data = json.loads(out.read_text())
    shutil.rmtree(work, ignore_errors=True)
    tests = data["tests"]
    if not tests or proc.returncode not in (0, 1):
        raise RuntimeError(
            f"baseline run of {module}: {len(tests)} tests, exit {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
        )
    failing = [n for n, t in tests.items() if t["outcome"] not in ("passed", "skipped")]
    total = sum(t["duration"] for t in tests.values())
    log(
        f"  baseline: {len(tests)} tests, {wall:.1f} s wall ({total:.1f} s in tests, traced), exit {proc.returncode}"
        + (f"; {len(failing)} failing, left out: {', '.join(failing[:5])}" if failing else "")
    )
    return Baseline(tests, set(data["import_lines"]), max(1.0, wall - total), failing, data.get("xltools_file", ""))


class Worker:
    def __init__(self, tree: Path, module: str, env_extra: dict[str, str]) -> None:
        self.tree = tree
        self.module = module
        self.path = tree / module
        self.original = self.path.read_text(encoding="utf-8")
        self.control = tree.parent / f"{tree.name}.control.json"
        self.marker = tree.parent / f"{tree.name}.timeout.txt"
        self.env = run_env(tree, self.control, {**env_extra, "PYTHONDONTWRITEBYTECODE": "1"})

    def run(self, m: Mutant, select: list[str], timeouts: dict[str, float], overall: float) -> None:
        files = list(dict.fromkeys(n.split("::")[0] for n in select))
        self.control.write_text(json.dumps({"mode": "run", "select": select, "timeouts": timeouts, "marker": str(self.marker)}))
        self.marker.write_text("")
        _pyc_clear(self.path)
        self.path.write_text(apply_edits(self.original, m.edits), encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            _pytest_argv(["-x", "-p", "no:randomly", *files]),
            cwd=self.tree,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            out, _ = proc.communicate(timeout=overall)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            kill_group(proc)
            out, _ = proc.communicate()
            rc = None
        finally:
            self.path.write_text(self.original, encoding="utf-8")
            _pyc_clear(self.path)
        m.seconds = round(time.perf_counter() - t0, 2)
        m.tests_run = len(select)
        text = out.decode("utf-8", "replace")
        timed_out = rc is None or self.marker.read_text(errors="replace").strip().startswith("Timeout")
        if timed_out:
            m.status = "timeout"
            m.detail = "whole run" if rc is None else "one test"
        elif rc == 0:
            m.status = "survived"
        elif rc in (1, 2, 3):
            m.status = "killed"
            failed = re.findall(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", text, re.M)
            m.killed_by = failed[0] if failed else ("collection/import" if rc in (2, 3) else "")
        else:
            m.status = "error"
            m.detail = f"pytest exit {rc}: " + text[-400:]


def select_tests(m: Mutant, base: Baseline, usable: list[str]) -> list[str] | None:
    """The tests to run for ``m`` (fastest first), or None when no test executes its statement."""
    lines = set(range(m.cover[0], m.cover[1] + 1))
    if lines & base.import_lines:
        return usable
    # opaque tests (a Python subprocess or a process pool) may execute it where the tracer cannot see
    chosen = [n for n in usable if base.tests[n]["opaque"] or lines & base.tests[n]["lines_set"]]
    return chosen or None


def run_module(module_arg: str, args: argparse.Namespace, config: dict[str, Any], log: Any) -> dict[str, Any]:
    files = git_files(ROOT, head=args.from_head)
    files = [f for f in files if args.from_head or (ROOT / f).is_file()]
    module = locate(module_arg, files)
    wanted = list(args.function or []) or list(
        config_for(config, "functions", module_arg, files) or (config.get("functions", {}).get(module_arg) or [])
    )
    if module is None and wanted:  # renamed as well as moved (xlbridge.py -> excel/bridge.py): the file defining them all
        defining = [
            f
            for f in files
            if f.startswith("xltools/")
            and f.endswith(".py")
            and (ROOT / f).is_file()
            and all(
                re.search(
                    rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(w)}\b",
                    (ROOT / f).read_text(encoding="utf-8", errors="replace"),
                    re.M,
                )
                for w in wanted
            )
        ]
        module = defining[0] if len(defining) == 1 else None
    if module is None:
        log(f"{module_arg}: not found in the tree (git ls-files)")
        return {"module": module_arg, "error": "not found"}
    if module != module_arg:
        log(f"{module_arg}: moved, now {module}")
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="xltools-mutate-"))
    try:
        trees = []
        for i in range(max(1, args.jobs)):
            t = tmp / f"w{i}"
            t.mkdir()
            copy_tree(ROOT, t, args.from_head)
            trees.append(t)
        text = (trees[0] / module).read_text(encoding="utf-8")
        functions = list(args.function or []) or list(config_for(config, "functions", module, files, module_arg) or wanted)
        mutants = generate(module, text, functions)
        for m in mutants:
            for e in config.get("equivalent", []):
                if equivalent_matches(e, m):
                    m.status = "equivalent"
                    m.detail = e.get("why", "")
        runnable = [m for m in mutants if m.status == "pending"]
        generated = len(runnable)
        limit = args.limit or config.get("limit", {}).get(module) or 0
        if limit and len(runnable) > limit:
            keep = set(map(id, random.Random(args.seed).sample(runnable, limit)))
            mutants = [m for m in mutants if m.status != "pending" or id(m) in keep]
            runnable = [m for m in mutants if m.status == "pending"]
        if args.list:
            for m in mutants:
                print(
                    f"{m.module}:{m.line}: [{m.op}] {m.description}  {m.status if m.status != 'pending' else ''}\n"
                    f"    - {m.original.strip()}\n    + {m.mutated.strip()}"
                )
            return {"module": module, "mutants": len(mutants)}

        tests = config_for(config, "tests", module, files, module_arg)
        if tests is None:
            tests = find_tests(trees[0], module, text)
        tests += [t for t in (config_for(config, "extra_tests", module, files, module_arg) or []) if t not in tests]
        tests = list(dict.fromkeys(filter(None, (locate_test(t, trees[0]) for t in tests))))
        excluded = [re.compile(p) for p in config.get("exclude_tests", [])]
        tests = [t for t in tests if not any(p.search(t) for p in excluded)]
        test_args = [*tests, module]
        log(
            f"{module}: {generated} mutants"
            + (f", {len(runnable)} sampled (--limit)" if len(runnable) < generated else "")
            + f"; tests: {' '.join(tests) or '(doctests only)'}"
        )
        env_extra = {k: str(v) for k, v in config.get("env", {}).items()}
        base = baseline(trees[0], module, test_args, env_extra, log)
        tests = [t for t in tests if t in test_args]
        if base.xltools_file and not base.xltools_file.startswith(str(trees[0])):
            raise RuntimeError(f"the runs import xltools from {base.xltools_file}, not from the copy")
        for t in base.tests.values():
            t["lines_set"] = set(t["lines"])
        usable = sorted((n for n, t in base.tests.items() if t["outcome"] == "passed"), key=lambda n: base.tests[n]["duration"])
        slowest_setup = max((t["setup"] for t in base.tests.values()), default=0.0)
        timeouts = {n: round((base.tests[n]["duration"] + slowest_setup) * args.timeout_factor + 1.0, 2) for n in usable}

        for t in trees:
            _pyc_clear(t / module)
        # the workers write no bytecode (a mutant's .pyc could be taken for the original's: same size, same
        # second); the baseline's, copied to every worker (sources keep their mtimes), spares recompiling the rest
        for pyc in trees[0].rglob("__pycache__/*.pyc"):
            for t in trees[1:]:
                dest = t / pyc.relative_to(trees[0])
                if not dest.exists() and dest.parent.parent.exists():
                    dest.parent.mkdir(exist_ok=True)
                    shutil.copy2(pyc, dest)

        workers = [Worker(t, module, env_extra) for t in trees]
        free = list(workers)
        lock = threading.Lock()
        budget = (args.budget_minutes or 0) * 60
        done = 0

        def one(m: Mutant) -> Mutant:
            nonlocal done
            if budget and time.perf_counter() - started > budget:
                m.status = "not run"
                m.detail = "over --budget-minutes"
                return m
            select = select_tests(m, base, usable)
            if select is None:
                m.status = "no coverage"
                return m
            with lock:
                w = free.pop()
            try:
                overall = base.startup * 3 + sum(timeouts[n] for n in select) + 10
                w.run(m, select, timeouts, overall)
            finally:
                with lock:
                    free.append(w)
                    done += 1
                    if args.verbose or m.status in ("survived", "timeout", "error"):
                        log(
                            f"  [{done}/{len(runnable)}] {m.status:8} {m.module}:{m.line} [{m.op}] {m.mutated.strip()[:100]}"
                            f"  ({m.tests_run} tests, {m.seconds} s)"
                        )
            return m

        with ThreadPoolExecutor(max_workers=len(workers)) as pool:
            for f in as_completed([pool.submit(one, m) for m in runnable]):
                f.result()
        return summarise(module, mutants, generated, base, tests, time.perf_counter() - started)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def summarise(
    module: str, mutants: list[Mutant], generated: int, base: Baseline, tests: list[str], seconds: float
) -> dict[str, Any]:
    count = {
        s: sum(1 for m in mutants if m.status == s)
        for s in ("killed", "survived", "no coverage", "timeout", "equivalent", "error", "not run")
    }
    skipped = sum(1 for m in mutants if m.status.startswith("skipped"))
    total = count["killed"] + count["survived"] + count["no coverage"] + count["timeout"] + count["error"]
    score = count["killed"] / total if total else None
    return {
        "module": module,
        "generated": generated,
        "run": total,
        **count,
        "skipped": skipped,
        "score": None if score is None else round(score, 4),
        "score_with_timeouts": None if not total else round((count["killed"] + count["timeout"]) / total, 4),
        "seconds": round(seconds, 1),
        "tests": tests,
        "baseline_failing": base.failing,
        "mutants": [{k: v for k, v in asdict(m).items() if k not in ("edits",)} for m in mutants],
    }


def report(results: list[dict[str, Any]], out: Any) -> None:
    print("\nmodule                                 run killed surv (nocov) tmout equiv skip  score  time", file=out)
    for r in results:
        if "run" not in r:
            print(f"{r['module']:38} {r.get('error', '')}", file=out)
            continue
        score = "   -  " if r["score"] is None else f"{r['score']:6.1%}"
        print(
            f"{r['module']:38} {r['run']:3} {r['killed']:6} {r['survived'] + r['no coverage']:4} ({r['no coverage']:5}) "
            f"{r['timeout']:5} "
            f"{r['equivalent']:5} {r['skipped']:4} {score} {r['seconds'] / 60:4.1f}m"
            + (f"  ({r['not run']} not run: budget)" if r["not run"] else ""),
            file=out,
        )
    for r in results:
        surv = [m for m in r.get("mutants", []) if m["status"] in ("survived", "no coverage", "error")]
        if surv:
            print(f"\nsurvivors in {r['module']}:", file=out)
            for m in sorted(surv, key=lambda m: m["line"]):
                tag = "" if m["status"] == "survived" else f" ({m['status']})"
                print(
                    f"  {m['module']}:{m['line']} [{m['op']}: {m['description']}]{tag}  {m['tests_run']} tests\n"
                    f"      - {m['original'].strip()}\n      + {m['mutated'].strip()}",
                    file=out,
                )
        eq = [m for m in r.get("mutants", []) if m["status"] == "equivalent"]
        if eq:
            print(f"\nequivalent (listed, not counted) in {r['module']}:", file=out)
            for m in eq:
                print(
                    f"  {m['module']}:{m['line']} + {m['mutated'].strip()}" + (f"  — {m['detail']}" if m["detail"] else ""),
                    file=out,
                )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--module", action="append", help="a module path, e.g. xltools/values.py (repeatable; default: the config's list)"
    )
    p.add_argument("--function", action="append", help="mutate only inside these functions/classes (repeatable)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--timeout-factor", type=float, default=3.0)
    p.add_argument("--limit", type=int, default=0, help="at most N mutants per module, a fixed random sample (--seed)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--budget-minutes", type=float, default=0, help="stop starting mutants of a module after this long")
    p.add_argument("--json", help="write the full results here")
    p.add_argument("--config", default=str(DEFAULT_CONFIG))
    p.add_argument("--from-head", action="store_true", help="copy the last commit instead of the working tree")
    p.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    p.add_argument("-v", "--verbose", action="store_true", help="print every mutant's result")
    args = p.parse_args(argv)
    config = load_config(Path(args.config))
    modules = args.module or config.get("modules", [])
    if not modules:
        p.error("no --module and no modules in the config")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    results = []
    for mod in modules:
        try:
            results.append(run_module(mod, args, config, log))
        except RuntimeError as e:
            log(f"{mod}: {e}")
            results.append({"module": mod, "error": str(e).splitlines()[0]})
        if args.json:  # after every module, so a long run leaves something behind
            Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.list:
        report(results, sys.stdout)
    return 0


# ----------------------------------------------------------------------------------------------- pytest plugin
# Loaded in the runs by ``-p mutate`` with XLTOOLS_MUTATE_CONTROL naming a JSON file:
#   baseline: {"mode": "baseline", "target": file, "out": json}  -> durations and lines executed per test
#   run:      {"mode": "run", "select": [nodeid...], "timeouts": {nodeid: s}, "marker": file}

_CONTROL: dict[str, Any] = (
    json.loads(Path(os.environ[CONTROL_ENV]).read_text()) if os.environ.get(CONTROL_ENV) and __name__ == "mutate" else {}
)
_STATE: dict[str, Any] = {"current": "<import>", "lines": {"<import>": set()}, "reports": {}, "opaque": set()}


def _tracer_factory(target: str) -> Any:
    lines = _STATE["lines"]

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            lines[_STATE["current"]].add(frame.f_lineno)
        return local

    def global_(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename == target:
            lines[_STATE["current"]].add(frame.f_lineno)
            return local
        return None

    return global_


def _flag_opaque(*_a: Any, **_k: Any) -> None:
    _STATE["opaque"].add(_STATE["current"])


if _CONTROL.get("mode") == "baseline":
    _tracer = _tracer_factory(_CONTROL["target"])
    sys.settrace(_tracer)
    threading.settrace(_tracer)
    _orig_popen_init = subprocess.Popen.__init__

    def _popen_init(self: Any, args: Any, *a: Any, **k: Any) -> None:
        argv = [args] if isinstance(args, (str, bytes, os.PathLike)) else list(args)
        if argv and "python" in Path(str(argv[0])).name:
            _flag_opaque()
        _orig_popen_init(self, args, *a, **k)

    subprocess.Popen.__init__ = _popen_init  # type: ignore[method-assign]
    try:
        import multiprocessing.process as _mp

        _orig_start = _mp.BaseProcess.start

        def _start(self: Any) -> None:
            _flag_opaque()
            _orig_start(self)

        _mp.BaseProcess.start = _start  # type: ignore[method-assign]
    except ImportError:  # pragma: no cover
        pass


def pytest_configure(config: Any) -> None:
    if not _CONTROL:
        return
    try:
        from hypothesis import Phase, settings

        # the same examples every run, none remembered from a killed mutant, and no shrinking: a failure
        # is a kill as it stands (shrinking one could outlast the timeout and read as a hang)
        settings.register_profile(
            "xltools-mutate",
            database=None,
            derandomize=True,
            print_blob=False,
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        )
        settings.load_profile("xltools-mutate")
    except ImportError:  # pragma: no cover
        pass


def pytest_collection_modifyitems(session: Any, config: Any, items: list[Any]) -> None:
    if _CONTROL.get("mode") != "run":
        return
    order = {n: i for i, n in enumerate(_CONTROL["select"])}
    keep = [it for it in items if it.nodeid in order]
    drop = [it for it in items if it.nodeid not in order]
    keep.sort(key=lambda it: order[it.nodeid])
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


try:
    import pytest as _pytest

    @_pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item: Any, nextitem: Any) -> Iterator[None]:
        mode = _CONTROL.get("mode")
        if mode == "baseline":
            _STATE["current"] = item.nodeid
            _STATE["lines"].setdefault(item.nodeid, set())
            yield
            _STATE["current"] = "<import>"
        elif mode == "run":
            import faulthandler

            fh = _STATE.setdefault("marker", open(_CONTROL["marker"], "w"))  # kept open for faulthandler
            faulthandler.dump_traceback_later(_CONTROL["timeouts"].get(item.nodeid, 60.0), exit=True, file=fh)
            yield
            faulthandler.cancel_dump_traceback_later()
        else:
            yield
except ImportError:  # pragma: no cover - the command-line side needs no pytest
    pass


def pytest_runtest_logreport(report: Any) -> None:
    if _CONTROL.get("mode") != "baseline":
        return
    r = _STATE["reports"].setdefault(report.nodeid, {"duration": 0.0, "setup": 0.0, "outcome": "passed"})
    r["duration"] += report.duration
    if report.when == "setup":
        r["setup"] = report.duration
    if report.failed:
        r["outcome"] = "failed"
    elif report.skipped and r["outcome"] == "passed":
        r["outcome"] = "skipped"


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    if _CONTROL.get("mode") != "baseline":
        return
    sys.settrace(None)
    threading.settrace(None)  # type: ignore[arg-type]
    xl = sys.modules.get("xltools")
    tests = {
        n: {**r, "lines": sorted(_STATE["lines"].get(n, ())), "opaque": n in _STATE["opaque"]}
        for n, r in _STATE["reports"].items()
    }
    Path(_CONTROL["out"]).write_text(
        json.dumps(
            {
                "tests": tests,
                "import_lines": sorted(_STATE["lines"]["<import>"]),
                "xltools_file": getattr(xl, "__file__", "") or "",
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
