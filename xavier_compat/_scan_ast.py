"""The AST side of ``xavier_compat.scan``: aliases, qualified names, formulas, and raw findings.

One :class:`Analysis` per module (a ``.py`` file, or all code cells of a notebook): a single walk
collects imports, simple assignments, calls and attribute chains; names are then resolved through the
module's imports (flow-insensitive), and each call is looked up in ``_scan_rules``.  Pure: no TensorFlow.
"""
import ast
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from . import _scan_rules as R
from ._backend import PY37_AST
from .fans import compute_fans

_DEFAULT_ALIASES = {"tf": "tensorflow", "np": "numpy"}  # used only when the module binds neither name
_ALIAS_ROOTS = frozenset(["tensorflow", "numpy", "math", "prettytensor", "random", "keras"])
_SKIP_FIELDS = frozenset(["ctx", "op", "ops", "type_comment", "type_ignores"])
_FIELDS = {}  # type: Dict[type, Tuple[str, ...]]


def normalize(name: str) -> str:
    """Fold ``tensorflow.compat.v1.X`` / ``tensorflow.compat.v2.X`` onto ``tensorflow.X``."""
    if not name.startswith("tensorflow.c"):
        return name
    for prefix in ("tensorflow.compat.v1", "tensorflow.compat.v2"):
        if name == prefix or name.startswith(prefix + "."):
            name = "tensorflow" + name[len(prefix):]
    if name.startswith("tensorflow.contrib.layers.python.layers."):
        parts = name.split(".")
        name = ".".join(parts[:3] + parts[6:])  # drop python.layers.<module>
    return name


def display(name: str) -> str:
    return "tf" + name[len("tensorflow"):] if name.startswith("tensorflow") else name


# Python 3.7's parser yields Num / Str / NameConstant where 3.8+ yields Constant.
_LEGACY_LITERALS = () if not PY37_AST else ((ast.Num, "n"), (ast.Str, "s"), (ast.NameConstant, "value"))


def literal(node: ast.AST) -> Tuple[bool, Any]:
    """(True, value) for a literal number/string/bool/None (signed numbers too), else (False, None)."""
    if isinstance(node, ast.Constant):
        return True, node.value
    for cls, attr in _LEGACY_LITERALS:
        if isinstance(node, cls):
            return True, getattr(node, attr)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        ok, v = literal(node.operand)
        if ok and isinstance(v, (int, float)) and not isinstance(v, bool):
            return True, -v if isinstance(node.op, ast.USub) else v
    return False, None


def number(node: ast.AST) -> Optional[float]:
    """The value of a numeric constant expression (``6.0``, ``-4``, ``2 * 3``), else None."""
    ok, v = literal(node)
    if ok:
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
    if isinstance(node, ast.BinOp):
        a, b = number(node.left), number(node.right)
        if a is not None and b is not None:
            try:
                return {ast.Mult: a * b, ast.Add: a + b, ast.Sub: a - b,
                        ast.Div: a / b if b else None, ast.Pow: a ** b}.get(type(node.op))
            except (OverflowError, ValueError, ZeroDivisionError):
                return None
    return None


class Hit(NamedTuple):
    """A raw finding: the unit (cell) and node it sits on, and the rule's verdict."""

    unit: int
    node: ast.AST
    kind: str
    name: str
    shim: str
    replacement: str
    note: str


class Formula(NamedTuple):
    """gain * sqrt(k / D): D a sum of two fans (mode fan_avg) or a single fan."""

    gain: float
    gain_expr: Optional[str]
    k: float
    mode: str


class Analysis:
    """Resolve and classify everything legacy in one module (list of ``(tree, source)`` units)."""

    def __init__(self, units: List[Tuple[ast.AST, Any]]) -> None:
        self.units = units
        self.calls = []  # type: List[Tuple[ast.Call, int, int]]  (node, scope id, unit)
        self.chains = []  # type: List[Tuple[ast.Attribute, int]]
        self.imports = []  # type: List[Tuple[ast.AST, int]]
        self.assigns = []  # type: List[Tuple[int, int, str, ast.AST]]  (unit, line, target, value)
        self.mults = []  # type: List[Tuple[ast.BinOp, int, int]]
        self.bindings = {}  # type: Dict[int, Dict[str, List[ast.AST]]]
        self.parents = {}  # type: Dict[int, int]
        self.defs = {}  # type: Dict[str, ast.AST]
        self.func_of = {}  # type: Dict[int, ast.Call]  id(func node) -> its call
        self.stars = []  # type: List[str]
        self.cur = 0  # the unit whose source text() reads
        self._qualified = {}  # type: Dict[int, Optional[str]]  (nodes stay alive in self.units)
        for i, (tree, _src) in enumerate(units):
            self._collect(tree, i)
        self.aliases = self._aliases()

    # -- pass 1: one walk ----------------------------------------------------------------------
    def _collect(self, tree: ast.AST, unit: int) -> None:
        module_scope = 0
        self.bindings.setdefault(module_scope, {})
        stack = [(tree, module_scope)]
        pop, push = stack.pop, stack.append
        calls, chains, bindings = self.calls, self.chains, self.bindings
        while stack:
            node, scope = pop()
            t = type(node)
            if t is ast.Attribute:
                base = node.value
                while type(base) is ast.Attribute:
                    base = base.value
                if type(base) is ast.Name:
                    chains.append((node, unit))
                else:
                    push((base, scope))
                continue
            if t is ast.Name:
                continue
            if t is ast.Call:
                calls.append((node, scope, unit))
                self.func_of[id(node.func)] = node
            elif t is ast.Assign:
                if len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
                    name = node.targets[0].id
                    bindings[scope].setdefault(name, []).append(node.value)
                    self.assigns.append((unit, node.lineno, name, node.value))
            elif t is ast.BinOp:
                if type(node.op) is ast.Mult and ast.Call in (type(node.left), type(node.right)):
                    self.mults.append((node, scope, unit))
            elif t is ast.Import or t is ast.ImportFrom:
                self.imports.append((node, unit))
                continue
            elif t is ast.FunctionDef or t is ast.AsyncFunctionDef or t is ast.ClassDef:
                if scope == module_scope:
                    self.defs[node.name] = node
                inner = id(node)
                self.parents[inner] = scope
                bindings[inner] = {}
                scope = inner
            fields = _FIELDS.get(t)
            if fields is None:
                fields = _FIELDS[t] = tuple(f for f in t._fields if f not in _SKIP_FIELDS)
            for f in fields:
                value = getattr(node, f, None)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, ast.AST):
                            push((item, scope))
                elif isinstance(value, ast.AST):
                    push((value, scope))

    def _aliases(self) -> Dict[str, str]:
        aliases = {}  # type: Dict[str, str]
        for node, _unit in self.imports:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        aliases[a.asname] = normalize(a.name)
                    else:
                        top = a.name.split(".")[0]
                        aliases[top] = top
            elif node.module and not node.level:
                for a in node.names:
                    if a.name == "*":
                        self.stars.append(normalize(node.module))
                    else:
                        aliases[a.asname or a.name] = normalize(node.module + "." + a.name)
        bound = set(aliases) | {name for _u, _l, name, _v in self.assigns}
        for name, target in _DEFAULT_ALIASES.items():
            if name not in bound:
                aliases[name] = target
        self.aliases = aliases
        for _unit, _line, name, value in sorted(self.assigns, key=lambda a: (a[0], a[1])):
            if type(value) in (ast.Attribute, ast.Name):
                q = self._qualify(value)  # uncached: the aliases are still changing
                if q and q.split(".")[0] in _ALIAS_ROOTS:
                    aliases[name] = q
        return aliases

    def qualify(self, node: ast.AST) -> Optional[str]:
        """``tf.contrib.layers.xavier_initializer`` -> canonical dotted name, or None if unresolved."""
        key = id(node)
        if key in self._qualified:
            return self._qualified[key]
        self._qualified[key] = q = self._qualify(node)
        return q

    def _qualify(self, node: ast.AST) -> Optional[str]:
        parts = []
        while type(node) is ast.Attribute:
            parts.append(node.attr)
            node = node.value
        if type(node) is not ast.Name:
            return None
        root = self.aliases.get(node.id)
        if root is None:
            return self._star(node.id, parts)
        parts.append(root)
        return normalize(".".join(reversed(parts)))

    def lookup(self, scope: int, name: str) -> List[ast.AST]:
        """The values assigned to ``name`` in ``scope`` or an enclosing one (innermost first)."""
        while True:
            found = self.bindings.get(scope, {}).get(name)
            if found:
                return found
            if scope not in self.parents:
                return []
            scope = self.parents[scope]

    # -- formulas ------------------------------------------------------------------------------
    def formula(self, node: ast.AST, scope: int, depth: int = 0) -> Optional[Formula]:
        """Find gain * sqrt(k / D) in ``node``, following local names a few steps."""
        if depth > 6 or node is None:
            return None
        t = type(node)
        if t is ast.Name:
            for value in self.lookup(scope, node.id):
                f = self.formula(value, scope, depth + 1)
                if f:
                    return f
            return None
        if t is ast.UnaryOp and isinstance(node.op, (ast.USub, ast.UAdd)):
            return self.formula(node.operand, scope, depth + 1)
        if t is ast.BinOp:
            op = type(node.op)
            if op in (ast.Mult, ast.Div):
                for this, other in ((node.left, node.right), (node.right, node.left)):
                    if op is ast.Div and this is node.right:
                        break
                    f = self.formula(this, scope, depth + 1)
                    if f:
                        c = number(other)
                        if c is not None:
                            return f._replace(gain=f.gain * c if op is ast.Mult else f.gain / c)
                        expr = self.text(other)
                        return f._replace(gain_expr=expr if not f.gain_expr else f.gain_expr + " * " + expr)
                if op is ast.Div:  # c / sqrt(D) and sqrt(k) / sqrt(D)
                    c, d = self._sqrt_arg(node.left), self._sqrt_arg(node.right)
                    k = number(c) if c is not None else number(node.left)
                    if d is not None and k is not None:
                        return Formula(1.0, None, k if c is not None else k * k, self._mode(d))
            if op is ast.Pow and number(node.right) == 0.5:
                return self._ratio(node.left)
            return None
        if t is ast.Call:
            inner = self._sqrt_arg(node)
            if inner is not None:
                return self._ratio(inner)
            if self.qualify(node.func) in R.CAST_FUNCS and node.args:
                return self.formula(node.args[0], scope, depth + 1)
        return None

    def _sqrt_arg(self, node: ast.AST) -> Optional[ast.AST]:
        if type(node) is ast.Call and len(node.args) == 1 and self.qualify(node.func) in R.SQRT_FUNCS:
            return node.args[0]
        return None

    def _ratio(self, node: ast.AST) -> Optional[Formula]:
        if type(node) is ast.BinOp and type(node.op) is ast.Div:
            k = number(node.left)
            if k is not None and number(node.right) is None:
                return Formula(1.0, None, k, self._mode(node.right))
        return None

    def _mode(self, denominator: ast.AST) -> str:
        d = denominator
        if type(d) is ast.BinOp and type(d.op) is ast.Add:
            return "fan_avg"
        if type(d) is ast.Call and type(d.func) is ast.Name and d.func.id == "sum":
            return "fan_avg"
        return "fan_out" if "out" in self.text(d).lower() else "fan_in"

    def _star(self, name: str, parts: List[str]) -> Optional[str]:
        for module in self.stars:
            q = normalize(".".join([module, name] + list(reversed(parts))))
            contrib = q.startswith("tensorflow.contrib.") and name in _CONTRIB_NAMES
            if q in R.RULES or q in R.RANDOM_OPS or contrib:
                return q
        return None

    # -- text ----------------------------------------------------------------------------------
    def text(self, node: ast.AST, unit: Optional[int] = None) -> str:
        src = self.units[self.cur if unit is None else unit][1]
        return src.segment(node)

    # -- pass 2: verdicts ----------------------------------------------------------------------
    def hits(self) -> List[Hit]:
        """Every finding of the module, in source order."""
        out = []  # type: List[Hit]
        self.weight = {}  # type: Dict[int, Optional[ast.AST]]  id(call) -> shape node, for weight values
        randoms = []
        for call, scope, unit in self.calls:
            self.cur = unit
            q = self.qualify(call.func)
            if q is None:
                self._local_pretty(call, unit, out)
                continue
            rule_key = _rule_key(q)
            if rule_key is not None:
                rule = R.RULES[rule_key]
                rep, note = rule.build(self.args(call, rule.params))
                out.append(Hit(unit, call, rule.kind, display(q), rule.shim, rep, note))
                if rule_key == "tensorflow.get_variable":
                    bound = self.bind(call, rule.params)
                    if "initializer" in bound:
                        self.mark(bound["initializer"], scope, bound.get("shape"))
            elif q.startswith("tensorflow.layers.") and q.count(".") == 2:
                self._tf_layer(call, q, unit, out)
            elif q in R.RANDOM_OPS:
                randoms.append((call, scope, unit, q))
            elif q in R.WEIGHT_SINKS:
                param, index = R.WEIGHT_SINKS[q]
                bound = self.bind(call, ("_",) * index + (param,))
                if param in bound:
                    self.mark(bound[param], scope, None)
            for kw in call.keywords:
                if kw.arg in R.WEIGHT_KEYWORDS:
                    self.mark(kw.value, scope, None)
        consumed = set()
        for binop, scope, unit in self.mults:
            self.cur = unit
            self._scaled_draw(binop, scope, unit, consumed, out)
        for call, scope, unit, q in randoms:
            if id(call) not in consumed:
                self.cur = unit
                self._random(call, scope, unit, q, out)
        self._contrib(out)
        out.sort(key=lambda h: (h.unit, h.node.lineno, h.node.col_offset, h.kind))
        return out

    def bind(self, call: ast.Call, params: Tuple[str, ...]) -> Dict[str, ast.AST]:
        """Map TF1 parameter names to argument nodes (positional by ``params`` order, then keywords)."""
        bound = {}
        for i, arg in enumerate(call.args):
            if i < len(params) and type(arg) is not ast.Starred:
                bound[params[i]] = arg
        for kw in call.keywords:
            if kw.arg:
                bound[kw.arg] = kw.value
        return bound

    def args(self, call: ast.Call, params: Tuple[str, ...]) -> R.Args:
        texts, lits, nested = {}, {}, {}
        for name, node in self.bind(call, params).items():
            texts[name] = self.text(node)
            ok, value = literal(node)
            if ok:
                lits[name] = value
            rep = self.replacement_of(node)
            if rep:
                nested[name] = rep
        return R.Args(texts, lits, nested)

    def replacement_of(self, node: ast.AST) -> Optional[str]:
        """The TF2 replacement text of a legacy initializer call passed as an argument, if it is one."""
        if type(node) is not ast.Call:
            return None
        if type(node.func) is ast.Name and node.func.id == R.LOCAL_PRETTY and node.func.id in self.defs:
            rule = R.RULES["prettytensor.layers.xavier_init"]
            return rule.build(self.args(node, rule.params))[0]
        q = self.qualify(node.func)
        key = _rule_key(q) if q else None
        if key is None or R.RULES[key].kind == "tf1_variables":
            return None
        return R.RULES[key].build(self.args(node, R.RULES[key].params))[0]

    def mark(self, node: ast.AST, scope: int, shape: Optional[ast.AST], depth: int = 0) -> None:
        """Remember that ``node`` (or what a local name holds) becomes a weight's initial value."""
        if type(node) is ast.Call:
            self.weight[id(node)] = shape
        elif type(node) is ast.Name and depth < 3:
            for value in self.lookup(scope, node.id):
                self.mark(value, scope, shape, depth + 1)

    def _local_pretty(self, call: ast.Call, unit: int, out: List[Hit]) -> None:
        func = call.func
        if type(func) is ast.Name and func.id == R.LOCAL_PRETTY and func.id in self.defs:
            rule = R.RULES["prettytensor.layers.xavier_init"]
            rep, note = rule.build(self.args(call, rule.params))
            note = R._join("local copy of prettytensor's xavier_init (def at line %d)"
                           % self.defs[func.id].lineno, note)
            out.append(Hit(unit, call, rule.kind, func.id, R.SHIM_LOCAL_PRETTY, rep, note))

    def _tf_layer(self, call: ast.Call, q: str, unit: int, out: List[Hit]) -> None:
        member = q.rsplit(".", 1)[1]
        if member not in R.TF_LAYERS and not member[:1].isupper():
            return
        positional = tuple(self.text(a) for a in call.args)
        keywords = {kw.arg: self.text(kw.value) for kw in call.keywords if kw.arg}
        nested = {}
        for kw in call.keywords:
            rep = self.replacement_of(kw.value) if kw.arg else None
            if rep:
                nested[kw.arg] = rep
        rep, note = R.build_tf_layer(member, positional, keywords, nested)
        out.append(Hit(unit, call, "tf_layers", display(q), R.SHIM_LAYERS.format(n=member), rep, note))

    def _scaled_draw(self, binop: ast.BinOp, scope: int, unit: int, consumed: set, out: List[Hit]) -> None:
        """np.random.randn(a, b) * np.sqrt(2 / (a + b)) and the like."""
        for draw, scale in ((binop.left, binop.right), (binop.right, binop.left)):
            q = self.qualify(draw.func) if type(draw) is ast.Call else None
            if q in R.RANDOM_OPS:
                f = self.formula(scale, scope)
                if f:
                    op = R.RANDOM_OPS[q]
                    seed = self.bind(draw, op.params).get("seed")
                    out.append(self._handwritten(unit, binop, q, op, f, seed))
                    consumed.add(id(draw))
                    return

    def _handwritten(self, unit: int, node: ast.AST, q: str, op: R.RandomOp, f: Formula,
                     seed: Optional[ast.AST]) -> Hit:
        rep, note = R.build_handwritten(op.family, f.gain, f.gain_expr, f.k, f.mode,
                                        self.text(seed) if seed is not None else None)
        kind = "handwritten_xavier" if f.mode == "fan_avg" else "handwritten_variance_scaling"
        shim = R.SHIM_NUMPY if q.startswith("numpy") else R.SHIM_TF1_OPS.format(n=display(q)[3:])
        return Hit(unit, node, kind, display(q), shim, rep, note)

    def _random(self, call: ast.Call, scope: int, unit: int, q: str, out: List[Hit]) -> None:
        op = R.RANDOM_OPS[q]
        bound = self.bind(call, op.params)
        for role in (op.high, op.low):
            if role in bound:
                f = self.formula(bound[role], scope)
                if f:
                    out.append(self._handwritten(unit, call, q, op, f, bound.get("seed")))
                    return
        tf1_initializer = q.startswith("tensorflow.") and q.endswith("_initializer")
        if id(call) not in self.weight and not tf1_initializer:
            return
        if any(r in bound and number(bound[r]) is None for r in (op.low, op.high) if r):
            return  # a scale we cannot read: not flagged
        shape = bound.get("shape", self.weight.get(id(call)))
        rep, note = R.build_lookalike(q, op, self.args(call, op.params), self._xavier_hint(shape))
        shim = R.SHIM_NUMPY if q.startswith("numpy") else "nothing: it runs, but it is not Xavier"
        out.append(Hit(unit, call, "lookalike", display(q), shim, rep, note))

    def _xavier_hint(self, shape: Optional[ast.AST]) -> str:
        if shape is None:
            return ""
        try:
            fan_in, fan_out = compute_fans(tuple(ast.literal_eval(shape)))
        except (ValueError, TypeError, SyntaxError):
            return ""
        n = fan_in + fan_out
        return " (Xavier for shape %s: uniform limit %.4g, normal stddev %.4g)" % (
            self.text(shape), (6.0 / n) ** 0.5, (2.0 / n) ** 0.5)

    # -- tf.contrib members --------------------------------------------------------------------
    def _contrib(self, out: List[Hit]) -> None:
        seen = {}  # type: Dict[str, Hit]  provided members: first use only, with a count
        counts = {}  # type: Dict[str, int]
        for node, unit in sorted(self.chains, key=lambda c: (c[1], c[0].lineno, c[0].col_offset)):
            q = self.qualify(node)
            if q and q.startswith("tensorflow.contrib"):
                call = self.func_of.get(id(node))
                self._member(q, call or node, unit, call is not None, out, seen, counts)
        for node, unit in self.imports:
            self.cur = unit
            if isinstance(node, ast.Import):
                names = [normalize(a.name) for a in node.names]
            elif node.module and not node.level:
                module = normalize(node.module)
                names = [module if a.name == "*" else module + "." + a.name for a in node.names]
            else:
                continue
            for q in names:
                if q.startswith("tensorflow.contrib"):
                    self._member(q, node, unit, False, out, seen, counts)
        for member, hit in seen.items():
            if counts[member] > 1:
                note = R._join(hit.note, "first of %d uses" % counts[member])
                out[out.index(hit)] = hit._replace(note=note)

    def _member(self, q: str, node: ast.AST, unit: int, called: bool, out: List[Hit],
                seen: Dict[str, Hit], counts: Dict[str, int]) -> None:
        self.cur = unit
        member = q[len("tensorflow."):]
        last = member.rsplit(".", 1)[-1]
        if member in R.CONTRIB_CONTAINERS:
            return
        if last in R.CONTRIB_INITIALIZERS:
            if called or isinstance(node, (ast.Import, ast.ImportFrom)):
                return  # call sites are reported by the initializer rule
            rule = R.RULES["tensorflow.contrib.layers." + last]
            rep, note = rule.build(R.Args({}, {}, {}))
            out.append(Hit(unit, node, rule.kind, display(q), rule.shim, rep,
                           R._join("referenced, not called here: the TF2 twin above is the initializer "
                                   "object its call returns", note)))
            return
        provided = _longest(member, R.SHIM_PROVIDES)
        if provided:
            counts[member] = counts.get(member, 0) + 1
            if member in seen:
                return
            shim = R.SHIM_SLIM if provided == "contrib.slim" else R.SHIM_COMPANION.format(m=provided)
            rep = R.COMPANIONS.get(provided, "")
            hit = Hit(unit, node, "contrib_provided", display(q), shim, rep, "")
            seen[member] = hit
        else:
            key = _longest(member, R.UNSUPPORTED) or "contrib"
            hit = Hit(unit, node, "contrib_unsupported", display(q), R.SHIM_UNSUPPORTED.format(m=member),
                      R.UNSUPPORTED[key], "will fail on TF2 even with xavier_compat installed")
        out.append(hit)


_CONTRIB_NAMES = frozenset(m.rsplit(".", 1)[-1] for m in R.SHIM_PROVIDES) | R.CONTRIB_INITIALIZERS


def _longest(member: str, table: Any) -> Optional[str]:
    """The longest dotted prefix of ``member`` that is a key of ``table``."""
    parts = member.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in table:
            return key
    return None


def _rule_key(q: str) -> Optional[str]:
    if q in R.RULES:
        return q
    if q.startswith("tensorflow.contrib."):
        last = q.rsplit(".", 1)[-1]
        if last in R.CONTRIB_INITIALIZERS:
            return "tensorflow.contrib.layers." + last
    return None
