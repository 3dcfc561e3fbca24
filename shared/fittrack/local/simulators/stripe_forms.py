"""Stripe's request encoding, read back: `application/x-www-form-urlencoded` with
bracketed keys (`line_items[0][price]=...`, `metadata[user_id]=...`, `expand[]=...`),
as the stripe library writes it (stripe/_encode.py)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

_PART = re.compile(r"\[([^\]]*)\]")


def decode(raw: str) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in parse_qsl(raw, keep_blank_values=True):
        head, _, rest = key.partition("[")
        path = [head, *_PART.findall("[" + rest)] if rest else [head]
        _put(tree, path, value)
    return _lists(tree)


def _put(tree: dict[str, Any], path: list[str], value: str) -> None:
    node = tree
    for index, part in enumerate(path[:-1]):
        following = path[index + 1]
        node = node.setdefault(part, {})
        if following == "":  # `expand[]=a&expand[]=b`
            node[str(len(node))] = value
            return
    node[path[-1] if path[-1] != "" else str(len(node))] = value


def _lists(node: Any) -> Any:
    """Maps keyed 0, 1, 2... become lists (Stripe's array encoding)."""
    if not isinstance(node, dict):
        return node
    converted = {key: _lists(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted
