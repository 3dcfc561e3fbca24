"""The fdk entry point of the one function image.

Every OCI function runs this file; its configuration names the function to
serve in FITTRACK_FUNCTION, and only that function's module is imported.
"""

from __future__ import annotations

import io
import os
import sys
from typing import Any

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _path in (_ROOT, os.path.join(_ROOT, "shared")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from fittrack import log  # noqa: E402
from fittrack.http import fdk_bridge  # noqa: E402

log.configure(os.environ.get("FITTRACK_LOG_LEVEL", "INFO"))


def handler(ctx: Any, data: io.BytesIO | None = None) -> Any:
    return fdk_bridge.handle(ctx, data, ctx.Config().get("FITTRACK_FUNCTION"))


def handler_for(function_name: str) -> Any:
    """The handler of one function's container (the local platform hosts many in one process)."""

    def serve(ctx: Any, data: io.BytesIO | None = None) -> Any:
        return fdk_bridge.handle(ctx, data, function_name)

    return serve
