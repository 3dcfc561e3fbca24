"""Cold start: importing the adapters must not load the SDKs they wrap."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("redis", "oci", "cryptography", "smtplib", "ssl", "oracledb")


def test_importing_adapters_loads_no_sdk() -> None:
    code = (
        "import json, sys\n"
        "import fittrack.adapters\n"
        "from fittrack.adapters import cache, crypto, mail, queue, ratelimit, secrets\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = {name.split(".")[0] for name in json.loads(out)}
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
