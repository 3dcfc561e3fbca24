"""`terraform init`, `validate` and `test` (terraform/tests/*.tftest.hcl, mocked
providers) with the real OCI provider, when this machine has it.

The provider comes from the registry in CI; offline it must sit in a filesystem
mirror named by TF_CLI_CONFIG_FILE (docs/DEPLOYMENT.md, "What is checked where").
Without it these tests skip, saying so; the offline checks (test_terraform_*.py)
run either way. They work on a copy, so no .terraform directory lands in the tree.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NO_PROVIDER = (
    "Failed to query available provider packages",
    "Failed to install provider",
    "could not connect to registry.terraform.io",
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("terraform") is None:
        pytest.skip("terraform is not installed")
    copy = tmp_path_factory.mktemp("tf")
    shutil.copytree(
        ROOT / "terraform", copy / "terraform", ignore=shutil.ignore_patterns(".terraform*")
    )
    (copy / "api-spec").mkdir()
    shutil.copy(ROOT / "api-spec" / "functions.json", copy / "api-spec" / "functions.json")
    init = terraform(copy / "terraform", "init", "-backend=false", "-input=false")
    said = init.stdout + init.stderr
    if init.returncode != 0 and any(marker in said for marker in NO_PROVIDER):
        pytest.skip(
            "the OCI provider (oracle/oci) is not installed: point TF_CLI_CONFIG_FILE at a"
            " CLI configuration whose filesystem_mirror holds it to run terraform validate/test"
        )
    assert init.returncode == 0, said
    return copy / "terraform"


def terraform(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["terraform", *args, "-no-color"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_terraform_validate_with_the_real_provider(workdir: Path) -> None:
    done = terraform(workdir, "validate")
    assert done.returncode == 0, done.stdout + done.stderr


def test_terraform_test_with_mocked_providers(workdir: Path) -> None:
    done = terraform(workdir, "test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed" in done.stdout
