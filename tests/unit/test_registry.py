from __future__ import annotations

import pytest

from fittrack.http.oci_limits import MAX_TIMEOUT_SECONDS, MEMORY_SIZES_MB
from fittrack.http.registry import (
    HTTP_DEFAULTS,
    JOB_DEFAULTS,
    function,
    function_modules,
    load_all,
    load_function,
    match_path,
)


def test_match_path_extracts_and_decodes_parameters() -> None:
    assert match_path("/api/v1/tiers/{tierCode}", "/api/v1/tiers/M-18-29-BEG") == {
        "tierCode": "M-18-29-BEG"
    }
    assert match_path("/api/v1/tiers/{tierCode}", "/api/v1/tiers/a%20b") == {"tierCode": "a b"}
    assert match_path("/api/v1/tiers", "/api/v1/tiers/") == {}


@pytest.mark.parametrize(
    "path", ["/api/v1/tiers", "/api/v1/tiers/x/y", "/api/v2/tiers/x", "/api/v1/tiers//"]
)
def test_match_path_rejects_other_shapes(path: str) -> None:
    assert match_path("/api/v1/tiers/{tierCode}", path) is None


def test_a_function_needs_exactly_one_trigger() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        function("unit.none")
    with pytest.raises(ValueError, match="exactly one"):
        function("unit.both", http=("GET", "/x"), schedule="* * * * *")


def test_function_names_are_module_dot_operation() -> None:
    with pytest.raises(ValueError, match="module.operation"):
        function("NoDot", http=("GET", "/x"))


def test_load_function_imports_only_its_module() -> None:
    spec = load_function("health.status")
    assert spec.method == "GET" and spec.full_path == "/api/v1/health"
    with pytest.raises(LookupError):
        load_function("nosuchmodule.op")
    with pytest.raises(LookupError):
        load_function("health.nosuchop")
    with pytest.raises(LookupError):
        load_function("../etc.passwd")


def test_every_route_is_declared_once() -> None:
    routes = [(s.method, s.full_path) for s in load_all() if s.is_http]
    assert len(routes) == len(set(routes))


def test_local_only_functions_stay_out_of_the_api_prefix() -> None:
    dev = load_function("dev.outbox")
    assert dev.local_only and dev.full_path == "/_dev/outbox"


def test_every_function_module_is_discovered_and_declares_functions() -> None:
    from pathlib import Path

    import functions

    on_disk = {p.stem for p in Path(functions.__file__).parent.glob("*.py")} - {"__init__", "main"}
    assert set(function_modules()) == on_disk
    declaring = {spec.module for spec in load_all()}
    assert declaring == on_disk, on_disk - declaring


def test_memory_and_timeout_default_by_trigger() -> None:
    function("unit.route", http=("GET", "/unit/route"))(lambda req: None)
    function("unit.job", schedule="0 3 * * *")(lambda job: None)
    function("unit.big", http=("GET", "/unit/big"), memory=512, timeout=60)(lambda req: None)
    route, job, big = (load_function(f"unit.{n}") for n in ("route", "job", "big"))
    assert (route.memory_mb, route.timeout_seconds) == HTTP_DEFAULTS
    assert (job.memory_mb, job.timeout_seconds) == JOB_DEFAULTS
    assert (big.memory_mb, big.timeout_seconds) == (512, 60)


@pytest.mark.parametrize(
    ("memory", "timeout", "refused"),
    [(512, 600, "timeout 600 s"), (300, 60, "memory 300 MB"), (4096, 60, "memory 4096 MB")],
)
def test_the_registry_refuses_what_oci_functions_would_refuse(
    memory: int, timeout: int, refused: str
) -> None:
    with pytest.raises(ValueError, match=refused):
        function("unit.too_big", schedule="0 3 * * *", memory=memory, timeout=timeout)


def test_every_declared_function_fits_oci_functions() -> None:
    for spec in load_all():
        assert spec.memory_mb in MEMORY_SIZES_MB, spec.name
        assert spec.timeout_seconds <= MAX_TIMEOUT_SECONDS, spec.name
