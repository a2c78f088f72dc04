"""A small evaluator for the formula text xltools writes into 监控表 / 自评表 (tests only).

It parses exactly the text the writer puts in a cell and evaluates it the way Excel does, for the
functions the yearly formulas use: lazy ``IF``/``IFERROR``, ``VLOOKUP``/``MATCH`` (exact), ``ISNUMBER``,
``MIN``/``MAX``/``ROUND``/``N``, ``OR``/``AND``/``NOT``, ``COUNTIF``/``SUM``/``COUNTA`` over a cell list,
``+ - * / &`` and comparisons (text sorts after numbers; a blank cell is 0 or "").  Floats, as in Excel.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r'\s*(?:(?P<num>\d+(?:\.\d+)?(?:E[+-]?\d+)?)|(?P<str>"(?:[^"]|"")*")|(?P<ref>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)'
                    r'|(?P<name>[A-Za-z_][A-Za-z_0-9.]*)|(?P<op><=|>=|<>|[-+*/&=<>(),]))')


class XLError(Exception):
    """#N/A, #DIV/0!, #VALUE!"""


Env = dict[str, Any]
Node = Callable[[Env], Any]


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise SyntaxError(text[pos:])
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _num(v: Any) -> float:
    if v is None or v == "":
        return 0.0
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    raise XLError("#VALUE!")


def _cmp(a: Any, b: Any) -> int:
    a = "" if a is None and isinstance(b, str) else 0.0 if a is None else a
    b = "" if b is None and isinstance(a, str) else 0.0 if b is None else b
    ta, tb = isinstance(a, str), isinstance(b, str)
    if ta != tb:
        return 1 if ta else -1
    if ta:
        a, b = a.lower(), b.lower()
    return (a > b) - (a < b)


def _round(x: float, n: float) -> float:
    m = 10 ** int(n)
    y = float(f"{abs(x) * m:.15g}")  # Excel rounds the number it shows (15 digits), half away from zero
    return math.copysign(math.floor(y + 0.5) / m, x)


def _cells(env: Env, ref: str) -> list[Any]:
    if ref in env.get("_names", {}):
        return [row[0] for row in env["_names"][ref]]
    a, _, b = ref.replace("$", "").partition(":")
    if not b:
        return [env.get(a)]
    col1, r1 = re.match(r"([A-Z]+)(\d+)", a).groups()  # type: ignore[union-attr]
    col2, r2 = re.match(r"([A-Z]+)(\d+)", b).groups()  # type: ignore[union-attr]
    return [env.get(f"{chr(c)}{r}") for c in range(ord(col1), ord(col2) + 1) for r in range(int(r1), int(r2) + 1)]


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks, self.i = _tokens(text), 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        t = self.toks[self.i]
        self.i += 1
        return t

    def expr(self, level: int = 0) -> Node:
        levels = [("=", "<>", "<", ">", "<=", ">="), ("&",), ("+", "-"), ("*", "/")]
        if level == len(levels):
            return self.unary()
        left = self.expr(level + 1)
        while (t := self.peek()) and t[0] == "op" and t[1] in levels[level]:
            op = self.take()[1]
            right = self.expr(level + 1)
            left = _binary(op, left, right)
        return left

    def unary(self) -> Node:
        t = self.peek()
        if t and t == ("op", "-"):
            self.take()
            inner = self.unary()
            return lambda env: -_num(inner(env))
        return self.atom()

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            value = float(text)
            return lambda env: value
        if kind == "str":
            s = text[1:-1].replace('""', '"')
            return lambda env: s
        if kind == "op" and text == "(":
            inner = self.expr()
            self.take()
            return inner
        if kind == "ref":
            ref = text.replace("$", "")
            return lambda env: ref if ":" in ref else env.get(ref)
        if kind == "name":
            if self.peek() == ("op", "("):
                self.take()
                args: list[Node] = []
                while self.peek() != ("op", ")"):
                    args.append(self.expr())
                    if self.peek() == ("op", ","):
                        self.take()
                self.take()
                return _call(text.upper(), args)
            name = text
            return lambda env: name
        raise SyntaxError(text)


def _binary(op: str, left: Node, right: Node) -> Node:
    def run(env: Env) -> Any:
        a, b = left(env), right(env)
        if op == "&":
            return f"{'' if a is None else a}{'' if b is None else b}"
        if op in ("=", "<>", "<", ">", "<=", ">="):
            c = _cmp(a, b)
            return {"=": c == 0, "<>": c != 0, "<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0}[op]
        x, y = _num(a), _num(b)
        if op == "/":
            if y == 0:
                raise XLError("#DIV/0!")
            return x / y
        return x + y if op == "+" else x - y if op == "-" else x * y
    return run


def _call(name: str, args: list[Node]) -> Node:
    def run(env: Env) -> Any:
        if name == "IF":
            cond = args[0](env)
            if isinstance(cond, str):
                raise XLError("#VALUE!")
            return args[1](env) if cond else (args[2](env) if len(args) > 2 else False)
        if name == "IFERROR":
            try:
                return args[0](env)
            except XLError:
                return args[1](env)
        if name == "ISNUMBER":
            try:
                v = args[0](env)
            except XLError:
                return False
            return isinstance(v, (int, float)) and not isinstance(v, bool)
        if name in ("OR", "AND"):
            vals = [bool(a(env)) for a in args]
            return any(vals) if name == "OR" else all(vals)
        if name == "NOT":
            return not args[0](env)
        if name == "N":
            v = args[0](env)
            return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0
        if name in ("MIN", "MAX"):
            vals = [_num(a(env)) for a in args]
            return min(vals) if name == "MIN" else max(vals)
        if name == "ROUND":
            return _round(_num(args[0](env)), _num(args[1](env)))
        if name == "MATCH":
            v, table = args[0](env), env["_names"][args[1](env)]
            if v is None:
                raise XLError("#N/A")
            for i, row in enumerate(table, 1):
                if _cmp(v, row[0]) == 0 and isinstance(v, str) == isinstance(row[0], str):
                    return float(i)
            raise XLError("#N/A")
        if name == "VLOOKUP":
            v, table, col = args[0](env), env["_names"][args[1](env)], int(_num(args[2](env)))
            for row in table:
                if v is not None and isinstance(v, str) and isinstance(row[0], str) and _cmp(v, row[0]) == 0:
                    return row[col - 1]
            raise XLError("#N/A")
        if name in ("SUM", "COUNTA", "COUNTIF"):
            cells = [c for a in args[:1] for c in _cells(env, a(env))]
            if name == "SUM":
                return sum(c for c in cells if isinstance(c, (int, float)) and not isinstance(c, bool))
            if name == "COUNTA":
                return float(sum(c is not None and c != "" for c in cells))
            crit = args[1](env)
            return float(sum(_cmp(c, crit) == 0 for c in cells if c is not None))
        raise NotImplementedError(name)
    return run


@lru_cache(maxsize=4096)
def compile_formula(text: str) -> Node:
    assert text.startswith("="), text
    p = _Parser(text[1:])
    node = p.expr()
    assert p.i == len(p.toks), text
    return node


def evaluate(text: str, env: Env) -> Any:
    """The value of formula ``text`` with the cells in ``env`` (``"E9": 0.98``) and ``env["_names"]``."""
    return compile_formula(text)(env)
