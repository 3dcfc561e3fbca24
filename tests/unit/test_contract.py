"""The committed contract must match the registry."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from fittrack.http import contract

ROOT = Path(__file__).resolve().parents[2]


def test_generated_files_are_up_to_date() -> None:
    stale = [str(p.relative_to(ROOT)) for p in contract.stale(ROOT)]
    assert stale == [], f"run `make spec` and commit: {stale}"


def test_every_operation_names_its_function() -> None:
    document = yaml.safe_load((ROOT / "api-spec" / "openapi.yaml").read_text())
    assert document["openapi"].startswith("3.1")
    operations = [op for ops in document["paths"].values() for op in ops.values()]
    assert operations and all(op["x-fittrack-function"] == op["operationId"] for op in operations)


def test_manifest_lists_every_production_function_and_no_local_one() -> None:
    manifest = json.loads((ROOT / "api-spec" / "functions.json").read_text())
    names = {entry["name"] for entry in manifest["functions"]}
    assert {"health.status", "health.live", "health.ready", "tiers.list", "tiers.get"} <= names
    assert "dev.outbox" not in names
    for entry in manifest["functions"]:
        assert entry["memoryMb"] >= 128 and entry["timeoutSeconds"] > 0
        assert entry["trigger"]["type"] in {"http", "schedule", "queue"}


def test_requirements_follow_pyproject() -> None:
    text = (ROOT / "requirements.txt").read_text()
    assert "fdk" in text and "oracledb" in text and "pytest" not in text
