"""Recompute a FitTrack drawing from its public proof and compare it with the published result.

    python scripts/verify_drawing.py SOURCE [--log LOG]   (also: fittrack verify-drawing)

SOURCE is a saved `GET /api/v1/drawings/{id}/verification` document, its URL, or
"-" for standard input. LOG, optional, is a saved (or the URL of a)
`GET /.well-known/fittrack-transparency/entries?from=1` answer: the drawing's events
in the public transparency log must then agree with the document. Exit status: 0
when everything matches, 1 when anything does not, 2 when the document cannot be
verified (unreadable, or not drawn yet).

This is an independent reference implementation of docs/drawings.md: Python's
standard library only (plus py_ecc, `pip install py_ecc`, for the drand beacon's
BLS12-381 signature of fittrack-draw-v2 drawings), nothing imported from FitTrack,
deliberately simple (no clever data structures), so anyone can read it and port it.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path
from typing import Any

# The checks are in drawing_verifier/ beside this file. Its folder is on the path when
# the script is run, not when it is loaded by file path (fittrack verify-drawing).
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.append(HERE)

from drawing_verifier.document import verify  # noqa: E402
from drawing_verifier.hashing import chain_heads, merkle_root, proof_root  # noqa: E402
from drawing_verifier.selection import V1, V2, picks  # noqa: E402

__all__ = ["V1", "V2", "chain_heads", "main", "merkle_root", "picks", "proof_root", "verify"]


def load(source: str) -> dict[str, Any]:
    if source == "-":
        return dict(json.load(sys.stdin))
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (http/https only)
            return dict(json.loads(answer.read()))
    with open(source, encoding="utf-8") as handle:
        return dict(json.load(handle))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 3) or (len(args) == 3 and args[1] != "--log"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        doc = load(args[0])
        log = load(args[2])["entries"] if len(args) == 3 else None
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read {args[-1]}: {error}", file=sys.stderr)
        return 2
    try:
        status, lines = verify(doc, log)
    except (KeyError, TypeError, ValueError) as error:
        status, lines = 1, [f"malformed verification document: {error!r}"]
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
