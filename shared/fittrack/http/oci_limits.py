"""What OCI Functions accepts for a function's memory and timeout.

The registry checks every declaration against these, so `make spec` fails on a
value the Functions API would refuse at `terraform apply` (docs/DEPLOYMENT.md,
"OCI limits", cites the pages they come from).
"""

from __future__ import annotations

# Functions > Changing Default Memory and Timeout Settings: memoryInMBs is one of these.
MEMORY_SIZES_MB = (128, 256, 512, 1024, 2048, 3072)
# Same page: timeoutInSeconds of a synchronous invocation, at most 300.
MAX_TIMEOUT_SECONDS = 300


def check_function_resources(name: str, memory_mb: int, timeout_seconds: int) -> None:
    """Raise ValueError when OCI Functions would refuse this memory or timeout."""
    if memory_mb not in MEMORY_SIZES_MB:
        sizes = ", ".join(str(size) for size in MEMORY_SIZES_MB)
        raise ValueError(f"function {name}: memory {memory_mb} MB is not one of {sizes}")
    if not 1 <= timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise ValueError(
            f"function {name}: timeout {timeout_seconds} s is outside 1..{MAX_TIMEOUT_SECONDS};"
            " split the work or make it resumable in batches"
        )
