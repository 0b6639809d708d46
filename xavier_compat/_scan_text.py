"""Source text of AST nodes for ``xavier_compat.scan``, on every Python from 3.7.

Python >= 3.8 records end positions, so a node's text is cut from the source (what
``ast.get_source_segment`` does, without re-splitting the file per call).  Python 3.7 does not:
there :func:`unparse` rebuilds an equivalent expression (``ast.unparse`` only exists from 3.9).
Columns in the AST are UTF-8 byte offsets; :meth:`Source.column` turns them into characters.
"""
import ast
from typing import List, Optional

# Binding strength, as in the language reference (higher binds tighter).
_BINOP = {ast.Add: ("+", 11), ast.Sub: ("-", 11), ast.Mult: ("*", 12), ast.Div: ("/", 12),
          ast.FloorDiv: ("//", 12), ast.Mod: ("%", 12), ast.MatMult: ("@", 12), ast.Pow: ("**", 14),
          ast.LShift: ("<<", 10), ast.RShift: (">>", 10), ast.BitOr: ("|", 7), ast.BitXor: ("^", 8),
          ast.BitAnd: ("&", 9)}
_UNARY = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~", ast.Not: "not "}
_CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
        ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
_ATOM = 16


class Source:
    """One unit of source text (a file, or a notebook cell) and the nodes parsed from it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines = None  # type: Optional[List[str]]

    @property
    def lines(self) -> List[str]:
        if self._lines is None:  # the parser's line breaks: \n, \r\n, \r
            self._lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return self._lines

    def segment(self, node: ast.AST) -> str:
        """The node's source text, continuation lines joined by one space (unparsed on 3.7)."""
        end = getattr(node, "end_lineno", None)
        if end is None or getattr(node, "end_col_offset", None) is None:
            return unparse(node)
        first, last = node.lineno - 1, end - 1
        lines = self.lines
        if first == last:
            return _cut(lines[first], node.col_offset, node.end_col_offset)
        parts = [_cut(lines[first], node.col_offset, None)]
        parts.extend(line.strip() for line in lines[first + 1:last])
        parts.append(_cut(lines[last], 0, node.end_col_offset).strip())
        text = ""
        for part in parts:
            if part:
                glue = "" if not text or text[-1] in "([{" or part[0] in ")]}" else " "
                text += glue + part
        return text

    def column(self, node: ast.AST) -> int:
        """1-based character column of the node's first character."""
        line = self.lines[node.lineno - 1] if node.lineno - 1 < len(self.lines) else ""
        if line.isascii():
            return node.col_offset + 1
        return len(line.encode("utf-8")[:node.col_offset].decode("utf-8", "replace")) + 1


def _cut(line: str, start: int, stop: Optional[int]) -> str:
    if line.isascii():
        return line[start:stop]
    return line.encode("utf-8")[start:stop].decode("utf-8", "replace")


def unparse(node: ast.AST) -> str:
    """Expression text equivalent to ``node`` (``ast.unparse`` style; unknown forms print as '...')."""
    return _unparse(node)[0]


def _p(node: ast.AST, minimum: int) -> str:
    text, prec = _unparse(node)
    return "(%s)" % text if prec < minimum else text


def _unparse(node: ast.AST):  # -> (text, precedence)
    t = type(node)
    if t is ast.Name:
        return node.id, _ATOM
    if t is ast.Attribute:
        return "%s.%s" % (_p(node.value, _ATOM), node.attr), _ATOM
    if t is ast.Call:
        args = [_unparse(a)[0] for a in node.args]
        args += [("%s=%s" % (k.arg, _unparse(k.value)[0])) if k.arg else "**" + _unparse(k.value)[0]
                 for k in node.keywords]
        return "%s(%s)" % (_p(node.func, _ATOM), ", ".join(args)), _ATOM
    if t.__name__ in ("Constant", "Num", "Str", "Bytes", "NameConstant"):
        value = getattr(node, "value", getattr(node, "n", getattr(node, "s", None)))
        if value is Ellipsis:
            return "...", _ATOM
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            return repr(value), 13
        return repr(value), _ATOM
    if t is ast.BinOp:
        sym, prec = _BINOP.get(type(node.op), ("?", 11))
        right_assoc = type(node.op) is ast.Pow
        left = _p(node.left, prec + 1 if right_assoc else prec)
        right = _p(node.right, prec if right_assoc else prec + 1)
        return "%s %s %s" % (left, sym, right), prec
    if t is ast.UnaryOp:
        if type(node.op) is ast.Not:
            return "not " + _p(node.operand, 4), 4
        return _UNARY[type(node.op)] + _p(node.operand, 13), 13
    if t is ast.BoolOp:
        word, prec = (" and ", 3) if type(node.op) is ast.And else (" or ", 2)
        # like ast.unparse: each further operand must bind one level tighter
        return word.join(_p(v, prec + 1 + i) for i, v in enumerate(node.values)), prec
    if t is ast.Compare:
        parts = [_p(node.left, 6)]
        for op, right in zip(node.ops, node.comparators):
            parts += [_CMP[type(op)], _p(right, 6)]
        return " ".join(parts), 5
    if t is ast.IfExp:
        return "%s if %s else %s" % (_p(node.body, 2), _p(node.test, 2), _p(node.orelse, 1)), 1
    if t in (ast.Tuple, ast.List, ast.Set):
        items = ", ".join(_p(e, 1) for e in node.elts)
        if t is ast.List:
            return "[%s]" % items, _ATOM
        if t is ast.Set:
            return "{%s}" % items, _ATOM
        return "(%s)" % (items + ("," if len(node.elts) == 1 else "")), _ATOM
    if t is ast.Dict:
        items = ", ".join(("%s: %s" % (_p(k, 1), _p(v, 1))) if k is not None else "**" + _p(v, 1)
                          for k, v in zip(node.keys, node.values))
        return "{%s}" % items, _ATOM
    if t is ast.Subscript:
        return "%s[%s]" % (_p(node.value, _ATOM), _slice(node.slice)), _ATOM
    if t is ast.Starred:
        return "*" + _p(node.value, _ATOM), _ATOM
    if t is ast.Lambda:
        return "lambda ...: " + _p(node.body, 1), 0
    return "...", _ATOM


def _slice(node: ast.AST) -> str:
    t = type(node)
    if t.__name__ == "Index":  # Python < 3.9
        return _slice(node.value)
    if t is ast.Slice:
        lower = _unparse(node.lower)[0] if node.lower else ""
        text = "%s:%s" % (lower, _unparse(node.upper)[0] if node.upper else "")
        return text + (":" + _unparse(node.step)[0] if node.step else "")
    if t.__name__ == "ExtSlice":
        return ", ".join(_slice(d) for d in node.dims)
    if t is ast.Tuple:
        return ", ".join(_slice(e) for e in node.elts)
    return _unparse(node)[0]
