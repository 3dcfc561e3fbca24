"""A small evaluator of the HCL expression language, for offline checks of terraform/.

There is no OCI provider here, so the tests in test_terraform_eval.py run the
real expressions of the .tf files with this: locals, module calls and outputs,
resource for_each, arguments and (dynamic) nested blocks. Resources become
instances whose computed attributes are Unknown placeholders (unique per
address). Anything outside the subset terraform/ uses raises HclError, so a
change that escapes the evaluator fails loudly instead of passing silently.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

hcl2_api = pytest.importorskip("hcl2.api", reason="python-hcl2 is in the test extra")
from lark import Token, Tree  # noqa: E402  (python-hcl2 depends on lark)


class HclError(Exception):
    pass


# ---- parsing -----------------------------------------------------------------


def _trees(node: Tree) -> list[Tree]:
    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


def _label(node: Any) -> str:
    if isinstance(node, Tree) and node.data in ("identifier", "keyword"):
        return str(node.children[0])
    if isinstance(node, Tree) and node.data == "string":
        return "".join(str(p.children[0]) for p in _trees(node))
    raise HclError(f"unexpected block label {node}")


class Block:
    def __init__(self, kind: str, labels: list[str], body: Tree) -> None:
        self.kind, self.labels = kind, labels
        self.attrs: dict[str, Tree] = {}
        self.blocks: list[Block] = []
        for item in _trees(body):
            if item.data == "attribute":
                name, expr = _trees(item)
                self.attrs[_label(name)] = expr
            elif item.data == "block":
                parts = _trees(item)
                self.blocks.append(
                    Block(_label(parts[0]), [_label(p) for p in parts[1:-1]], parts[-1])
                )

    def children(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]


@functools.cache
def _parse(text: str) -> Tree:
    return hcl2_api.parses_to_tree(text)


def load_blocks(directory: Path) -> list[Block]:
    blocks: list[Block] = []
    for path in sorted(directory.glob("*.tf")):
        body = _trees(_parse(path.read_text()))[0]
        blocks.extend(Block("<file>", [], body).blocks)
    return blocks


# ---- values ------------------------------------------------------------------


class Unknown(str):
    """A value known only after apply (an id, an endpoint): usable as a string,
    and anything derived from it by indexing, attributes or iteration is unknown."""


class Instance:
    """A resource or data source instance: arguments evaluate, other attributes
    are placeholders (ids are unique per address)."""

    def __init__(self, module: Module, block: Block, address: str, scope: dict[str, Any]) -> None:
        self.module, self.block, self.address, self.scope = module, block, address, scope

    def attr(self, name: str) -> Any:
        if name in self.block.attrs:
            return self.module.eval(self.block.attrs[name], self.scope)
        return Unknown(f"<{self.address}.{name}>")

    def render(self) -> dict[str, Any]:
        """Arguments and nested blocks (dynamic ones expanded), evaluated."""
        return render(self.module, self.block, self.scope)


# A module call's arguments that are not its variables.
MODULE_META_ARGUMENTS = {"source", "depends_on", "providers", "count", "for_each"}
SKIPPED_BLOCKS = {"lifecycle", "precondition", "postcondition", "timeouts"}
META_ARGUMENTS = {"for_each", "count", "depends_on", "provider"}


def render(module: Module, block: Block, scope: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        k: module.eval(v, scope) for k, v in block.attrs.items() if k not in META_ARGUMENTS
    }
    for child in block.blocks:
        if child.kind in SKIPPED_BLOCKS:
            continue
        if child.kind != "dynamic":
            out.setdefault(child.kind, []).append(render(module, child, scope))
            continue
        kind = child.labels[0]
        content = child.children("content")[0]
        items = module.eval(child.attrs["for_each"], scope)
        pairs = items.items() if isinstance(items, dict) else enumerate(items)
        for key, value in pairs:
            inner = {**scope, kind: {"key": key, "value": value}}
            out.setdefault(kind, []).append(render(module, content, inner))
    return out


def _instances(module: Module, block: Block, address: str) -> Any:
    if "for_each" in block.attrs:
        items = module.eval(block.attrs["for_each"], {})
        pairs = items.items() if isinstance(items, dict) else ((v, v) for v in items)
        return {
            k: Instance(module, block, f"{address}[{k}]", {"each": {"key": k, "value": v}})
            for k, v in pairs
        }
    if "count" in block.attrs:
        n = module.eval(block.attrs["count"], {})
        return [
            Instance(module, block, f"{address}[{i}]", {"count": {"index": i}}) for i in range(n)
        ]
    return Instance(module, block, address, {})


class Module:
    def __init__(self, directory: Path, variables: dict[str, Any]) -> None:
        self.directory = directory
        self.blocks = load_blocks(directory)
        self.locals = {k: v for b in self.blocks if b.kind == "locals" for k, v in b.attrs.items()}
        self.variables = {b.labels[0]: b for b in self.blocks if b.kind == "variable"}
        unknown = set(variables) - set(self.variables)
        if unknown:
            raise HclError(f"{directory.name}: no such variables {sorted(unknown)}")
        self.given = variables  # values, or callables computing them lazily
        self._memo: dict[str, Any] = {}
        self._busy: set[str] = set()

    def block(self, kind: str, *labels: str) -> Block:
        for b in self.blocks:
            if b.kind == kind and b.labels == list(labels):
                return b
        raise HclError(f"{self.directory.name}: no {kind} {labels}")

    def _cached(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._memo:
            if key in self._busy:
                raise HclError(f"{self.directory.name}: {key} depends on itself")
            self._busy.add(key)
            try:
                self._memo[key] = compute()
            finally:
                self._busy.discard(key)
        return self._memo[key]

    def var(self, name: str) -> Any:
        if name in self.given:
            value = self.given[name]
            return self._cached(f"var.{name}", value) if callable(value) else value
        block = self.variables.get(name)
        if block is None:
            raise HclError(f"{self.directory.name}: undeclared var.{name}")
        if "default" not in block.attrs:
            raise HclError(f"{self.directory.name}: var.{name} has no value")
        return self._cached(f"var.{name}", lambda: self.eval(block.attrs["default"], {}))

    def local(self, name: str) -> Any:
        if name not in self.locals:
            raise HclError(f"{self.directory.name}: undeclared local.{name}")
        return self._cached(f"local.{name}", lambda: self.eval(self.locals[name], {}))

    def output(self, name: str) -> Any:
        """The output's value, after its preconditions (unknown ones pass, as at plan)."""
        block = self.block("output", name)
        for check in block.children("precondition"):
            if self.eval(check.attrs["condition"], {}) is False:
                raise HclError(self.eval(check.attrs["error_message"], {}))
        return self.eval(block.attrs["value"], {})

    def module(self, name: str) -> Module:
        def build() -> Module:
            call = self.block("module", name)
            args = {
                k: (lambda v=v: self.eval(v, {}))
                for k, v in call.attrs.items()
                if k not in MODULE_META_ARGUMENTS
            }
            source = self.eval(call.attrs["source"], {})
            return Module((self.directory / source).resolve(), args)

        return self._cached(f"module.{name}", build)

    def resource(self, kind: str, name: str, data: bool = False) -> Any:
        block = self.block("data" if data else "resource", kind, name)
        address = f"{'data.' if data else ''}{kind}.{name}"
        return self._cached(address, lambda: _instances(self, block, address))

    # -- expressions --

    def eval(self, node: Tree, scope: dict[str, Any]) -> Any:
        handler = getattr(self, f"_x_{node.data}", None)
        if handler is None:
            raise HclError(f"unsupported HCL construct: {node.data}")
        return handler(node, scope)

    def _x_expr_term(self, node: Tree, scope: dict[str, Any]) -> Any:
        inner = _trees(node)
        if len(inner) != 1:
            raise HclError("unexpected expression term")
        return self.eval(inner[0], scope)

    def _x_int_lit(self, node: Tree, scope: dict[str, Any]) -> Any:
        return int(str(node.children[0]))

    def _x_float_lit(self, node: Tree, scope: dict[str, Any]) -> Any:
        return float(str(node.children[0]))

    def _x_literal_value(self, node: Tree, scope: dict[str, Any]) -> Any:
        return {"true": True, "false": False, "null": None}[str(node.children[0])]

    def _x_string(self, node: Tree, scope: dict[str, Any]) -> Any:
        parts: list[Any] = []
        for part in _trees(node):
            child = part.children[0]
            if isinstance(child, Token):
                text = str(child)
                text = text.replace("$${", "${").replace("%%{", "%{")
                parts.append(text.encode().decode("unicode_escape") if "\\" in text else text)
            elif child.data == "interpolation":
                parts.append(self.eval(_trees(child)[0], scope))
            else:
                raise HclError(f"unsupported template directive {child.data}")
        if len(parts) == 1 and not isinstance(parts[0], str):
            return parts[0]
        return "".join(_to_string(p) for p in parts)

    def _x_tuple(self, node: Tree, scope: dict[str, Any]) -> Any:
        return [self.eval(c, scope) for c in _trees(node)]

    def _x_object(self, node: Tree, scope: dict[str, Any]) -> Any:
        result = {}
        for elem in _trees(node):
            key_node, value = _trees(elem)
            key_expr = _trees(key_node)[0]
            inner = _trees(key_expr)
            if key_expr.data == "expr_term" and len(inner) == 1 and inner[0].data == "identifier":
                key = str(inner[0].children[0])
            else:
                key = _to_string(self.eval(key_expr, scope))
            result[key] = self.eval(value, scope)
        return result

    def _x_identifier(self, node: Tree, scope: dict[str, Any]) -> Any:
        name = str(node.children[0])
        if name in scope:
            return scope[name]
        if name in ("var", "local", "module", "path", "data"):
            return _Root(self, name)
        if any(b.kind == "resource" and b.labels[0] == name for b in self.blocks):
            return _Root(self, "resource", name)
        raise HclError(f"{self.directory.name}: unknown name {name}")

    def _x_get_attr_expr_term(self, node: Tree, scope: dict[str, Any]) -> Any:
        base_node, attr = _trees(node)
        return _get(self.eval(base_node, scope), _label(_trees(attr)[0]))

    def _x_index_expr_term(self, node: Tree, scope: dict[str, Any]) -> Any:
        base_node, index = _trees(node)
        base = self.eval(base_node, scope)
        if isinstance(base, Unknown):
            return Unknown(f"{base}[]")
        key = (
            self.eval(_trees(index)[0], scope)
            if index.data == "braces_index"
            else int(str(index.children[-1]).lstrip("."))
        )
        try:
            return base[key]
        except (KeyError, IndexError, TypeError) as exc:
            raise HclError(f"invalid index {key!r}") from exc

    def _x_conditional(self, node: Tree, scope: dict[str, Any]) -> Any:
        cond, yes, no = _trees(node)
        test = self.eval(cond, scope)
        if isinstance(test, Unknown):
            return Unknown("<conditional>")
        return self.eval(yes, scope) if _bool(test) else self.eval(no, scope)

    def _x_unary_op(self, node: Tree, scope: dict[str, Any]) -> Any:
        op = str(node.children[0])
        value = self.eval(_trees(node)[0], scope)
        if isinstance(value, Unknown):
            return value
        return -value if op == "-" else not _bool(value)

    def _x_binary_op(self, node: Tree, scope: dict[str, Any]) -> Any:
        left_node, term = _trees(node)
        operator, right_node = _trees(term)
        op = str(operator.children[0])
        left, right = self.eval(left_node, scope), self.eval(right_node, scope)
        if isinstance(left, Unknown) or isinstance(right, Unknown):
            return Unknown(f"<{op}>")
        return _BINARY[op](left, right)

    def _x_function_call(self, node: Tree, scope: dict[str, Any]) -> Any:
        parts = _trees(node)
        name = str(parts[0].children[0])
        args_node = parts[1] if len(parts) > 1 else None
        if name in ("can", "try"):
            exprs = _trees(args_node) if args_node else []
            for expr in exprs:
                try:
                    value = self.eval(expr, scope)
                except (HclError, ValueError, TypeError, KeyError, IndexError):
                    continue
                return True if name == "can" else value
            if name == "can":
                return False
            raise HclError("no try() argument succeeded")
        args = [self.eval(a, scope) for a in _trees(args_node)] if args_node else []
        if args_node is not None and any(
            isinstance(c, Token) and str(c) == "..." for c in args_node.children
        ):
            args = args[:-1] + list(args[-1])
        if name == "file":
            return (
                (self.directory / args[0]).read_text()
                if not Path(args[0]).is_absolute()
                else Path(args[0]).read_text()
            )
        if name not in FUNCTIONS:
            raise HclError(f"function {name}() is not supported by the test evaluator")
        if name in COLLECTION_FUNCTIONS and any(isinstance(a, Unknown) for a in args):
            return Unknown(f"<{name}()>")
        return FUNCTIONS[name](*args)

    def _x_for_tuple_expr(self, node: Tree, scope: dict[str, Any]) -> Any:
        intro, *rest = _trees(node)
        value_expr, cond = rest[0], rest[1] if len(rest) > 1 else None
        if isinstance(self.eval(_trees(intro)[-1], scope), Unknown):
            return Unknown("<for>")
        return [self.eval(value_expr, s) for s in self._for_scopes(intro, cond, scope)]

    def _x_for_object_expr(self, node: Tree, scope: dict[str, Any]) -> Any:
        intro, key_expr, value_expr, *rest = _trees(node)
        cond = rest[0] if rest else None
        if isinstance(self.eval(_trees(intro)[-1], scope), Unknown):
            return Unknown("<for>")
        grouping = any(isinstance(c, Token) and str(c) == "..." for c in node.children)
        result: dict[str, Any] = {}
        for s in self._for_scopes(intro, cond, scope):
            key = _to_string(self.eval(key_expr, s))
            value = self.eval(value_expr, s)
            if grouping:
                result.setdefault(key, []).append(value)
            elif key in result:
                raise HclError(f"duplicate key {key!r} in for expression")
            else:
                result[key] = value
        return result

    def _for_scopes(self, intro: Tree, cond: Tree | None, scope: dict[str, Any]):
        parts = _trees(intro)
        names = [str(p.children[0]) for p in parts[:-1]]
        collection = self.eval(parts[-1], scope)
        pairs = collection.items() if isinstance(collection, dict) else enumerate(collection)
        for key, value in pairs:
            inner = dict(scope)
            if len(names) == 2:
                inner[names[0]], inner[names[1]] = key, value
            else:
                inner[names[0]] = value
            if cond is None or _bool(self.eval(_trees(cond)[0], inner)):
                yield inner


class _Root:
    """var / local / module / path / data / <resource type> before its attribute."""

    def __init__(self, module: Module, kind: str, *parts: str) -> None:
        self.module, self.kind, self.parts = module, kind, parts

    def get(self, name: str) -> Any:
        m, kind = self.module, self.kind
        if kind == "var":
            return m.var(name)
        if kind == "local":
            return m.local(name)
        if kind == "path":
            return {"module": str(m.directory), "root": str(m.directory)}[name]
        if kind == "module":
            return _ModuleOutputs(m.module(name))
        if kind == "data" and not self.parts:
            return _Root(m, "data", name)
        if kind == "data":
            return m.resource(self.parts[0], name, data=True)
        return m.resource(self.parts[0], name)


class _ModuleOutputs:
    def __init__(self, module: Module) -> None:
        self.module = module


def _get(base: Any, name: str) -> Any:
    if isinstance(base, Unknown):
        return Unknown(f"{base}.{name}")
    if isinstance(base, _Root):
        return base.get(name)
    if isinstance(base, _ModuleOutputs):
        return base.module.output(name)
    if isinstance(base, Instance):
        return base.attr(name)
    if isinstance(base, dict) and name in base:
        return base[name]
    raise HclError(f"no attribute {name!r}")


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise HclError(f"a condition must be bool, got {value!r}")
    return value


def _to_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | str):
        return str(value)
    raise HclError(f"cannot use {type(value).__name__} as a string")


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise HclError(f"not a number: {value!r}")
    number = float(value)
    return int(number) if number.is_integer() else number


def _tonumber(value: Any) -> int | float:
    try:
        return _number(value)
    except ValueError as exc:
        raise HclError(f"cannot convert {value!r} to a number") from exc


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def _merge(*maps: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for m in maps:
        if m is not None:
            result.update(m)
    return result


def _range(*args: Any) -> list[int]:
    return list(range(*(int(_number(a)) for a in args)))


def _coalesce(*values: Any) -> Any:
    for v in values:
        if v is not None and v != "":
            return v
    raise HclError("coalesce() found no non-null argument")


def _cidrsubnet(prefix: str, newbits: int, netnum: int) -> str:
    net = ipaddress.ip_network(prefix)
    return str(list(net.subnets(prefixlen_diff=newbits))[netnum])


def _setproduct(*sets: Any) -> list[list[Any]]:
    result: list[list[Any]] = [[]]
    for s in sets:
        result = [r + [v] for r in result for v in s]
    return result


def _replace(text: str, old: str, new: str) -> str:
    """Terraform's replace(): a substring, or an RE2 pattern written as "/.../"."""
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        return re.sub(old[1:-1], re.sub(r"\$(\d)", r"\\\1", new), text)
    return text.replace(old, new)


def _lookup(m: dict[str, Any], key: str, *default: Any) -> Any:
    if key in m:
        return m[key]
    if default:
        return default[0]
    raise HclError(f"lookup: no key {key!r}")


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "jsondecode": json.loads,
    "jsonencode": lambda v: json.dumps(v, separators=(",", ":")),
    "split": lambda sep, s: s.split(sep),
    "join": lambda sep, items: sep.join(_to_string(i) for i in items),
    "trimspace": lambda s: s.strip(),
    "trimprefix": lambda s, p: s[len(p) :] if s.startswith(p) else s,
    "trimsuffix": lambda s, p: s[: -len(p)] if p and s.endswith(p) else s,
    "startswith": lambda s, p: s.startswith(p),
    "strcontains": lambda s, p: p in s,
    "replace": _replace,
    "lower": str.lower,
    "upper": str.upper,
    "substr": lambda s, off, n: s[off : off + n] if n >= 0 else s[off:],
    "tostring": _to_string,
    "tonumber": _tonumber,
    "length": len,
    "keys": lambda m: sorted(m),
    "values": lambda m: [m[k] for k in sorted(m)],
    "contains": lambda items, v: any(_equal(i, v) for i in items),
    "lookup": _lookup,
    "merge": _merge,
    "concat": lambda *lists: [i for lst in lists for i in lst],
    "flatten": lambda items: [i for x in items for i in (x if isinstance(x, list) else [x])],
    "distinct": lambda items: list(dict.fromkeys(items)),
    "toset": lambda items: sorted(dict.fromkeys(items)),
    "sort": lambda items: sorted(_to_string(i) for i in items),
    "tolist": list,
    "tomap": dict,
    "slice": lambda items, a, b: items[int(a) : int(b)],
    "range": _range,
    "min": lambda *n: min(_number(x) for x in n),
    "max": lambda *n: max(_number(x) for x in n),
    "alltrue": lambda items: all(_bool(i) for i in items),
    "anytrue": lambda items: any(_bool(i) for i in items),
    "coalesce": _coalesce,
    "base64encode": lambda s: __import__("base64").b64encode(s.encode()).decode(),
    "cidrsubnet": _cidrsubnet,
    "setproduct": _setproduct,
    "regex": lambda pattern, s: __import__("re").search(pattern, s).group(0),
    "floor": lambda n: math.floor(_number(n)),
}

COLLECTION_FUNCTIONS = {
    "length",
    "keys",
    "values",
    "contains",
    "lookup",
    "merge",
    "concat",
    "flatten",
    "distinct",
    "toset",
    "tolist",
    "tomap",
    "slice",
    "alltrue",
    "anytrue",
    "setproduct",
    "jsondecode",
}

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "==": _equal,
    "!=": lambda a, b: not _equal(a, b),
    "&&": lambda a, b: _bool(a) and _bool(b),
    "||": lambda a, b: _bool(a) or _bool(b),
    "+": lambda a, b: _number(a) + _number(b),
    "-": lambda a, b: _number(a) - _number(b),
    "*": lambda a, b: _number(a) * _number(b),
    "/": lambda a, b: _number(a) / _number(b),
    "%": lambda a, b: _number(a) % _number(b),
    "<": lambda a, b: _number(a) < _number(b),
    ">": lambda a, b: _number(a) > _number(b),
    "<=": lambda a, b: _number(a) <= _number(b),
    ">=": lambda a, b: _number(a) >= _number(b),
}


# ---- the evaluator itself ---------------------------------------------------------


def test_evaluator_handles_the_constructs_terraform_uses(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "xs" {\n  description = "d"\n  default = ["a", "bb"]\n}\n'
        "locals {\n"
        "  m = { for i, x in var.xs : x => i if length(x) > 1 }\n"
        '  g = { for x in ["a", "b", "a"] : x => upper(x)... }\n'
        '  s = "pre-${join(",", var.xs)}-$${literal}"\n'
        '  c = length(var.xs) > 5 ? tonumber("no") : -1\n'
        "  e = max([3, 1]...)\n"
        "}\n"
    )
    m = Module(tmp_path, {})
    assert m.local("m") == {"bb": 1}
    assert m.local("g") == {"a": ["A", "A"], "b": ["B"]}
    assert m.local("s") == "pre-a,bb-${literal}"
    assert m.local("c") == -1
    assert m.local("e") == 3
    with pytest.raises(HclError):
        Module(tmp_path, {"nope": 1})


def test_resources_and_unknown_values(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "t_thing" "a" {\n  for_each = toset(["x", "y"])\n  name = "n-${each.key}"\n'
        '  dynamic "part" {\n    for_each = [1, 2]\n'
        "    content {\n      n = part.value\n    }\n  }\n}\n"
        "locals {\n"
        "  ids   = { for k, r in t_thing.a : k => r.id }\n"
        "  names = [for r in values(t_thing.a) : r.name]\n"
        '  deep  = t_thing.a["x"].endpoint.profiles[0].value\n'
        "  later = [for p in local.deep : p]\n"
        "}\n"
    )
    m = Module(tmp_path, {})
    assert m.local("ids") == {"x": "<t_thing.a[x].id>", "y": "<t_thing.a[y].id>"}
    assert m.local("names") == ["n-x", "n-y"]
    assert isinstance(m.local("deep"), Unknown) and isinstance(m.local("later"), Unknown)
    assert m.resource("t_thing", "a")["x"].render()["part"] == [{"n": 1}, {"n": 2}]
