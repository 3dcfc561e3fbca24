"""Static checks of terraform/: it parses, is formatted, follows the standard
module structure, documents every variable and holds no secret values."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

hcl2 = pytest.importorskip("hcl2", reason="python-hcl2 is in the test extra")

ROOT = Path(__file__).resolve().parents[2]
TERRAFORM = ROOT / "terraform"
MODULES = sorted(p for p in (TERRAFORM / "modules").iterdir() if p.is_dir())
TF_FILES = sorted(TERRAFORM.rglob("*.tf"))
TFVARS = sorted((TERRAFORM / "examples").glob("*.tfvars"))
SECRET_KEY = re.compile(
    r"(password|passwd|secret|private_key|api_key|token|passphrase|credential)", re.IGNORECASE
)
# Argument names that contain a secret-ish word but hold references, not values.
NOT_A_VALUE = re.compile(r"(_id|_ids|_name|_names|_ocid|_type|_count|_number|_header|_scheme)$")


@functools.cache
def _load_text(text: str) -> dict[str, Any]:
    return hcl2.loads(text)


def load(path: Path) -> dict[str, Any]:
    return _load_text(path.read_text())


def unquote(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def blocks(path: Path, kind: str) -> dict[str, dict[str, Any]]:
    """Blocks of one kind in a file by their (unquoted) first label."""
    found = {}
    for entry in load(path).get(kind, []):
        for label, body in entry.items():
            found[unquote(label)] = body
    return found


def module_dirs() -> list[Path]:
    return [TERRAFORM, *MODULES]


def test_there_is_terraform_to_check() -> None:
    assert len(TF_FILES) > 20 and TFVARS and MODULES


@pytest.mark.parametrize("path", TF_FILES + TFVARS, ids=lambda p: str(p.relative_to(TERRAFORM)))
def test_every_file_parses(path: Path) -> None:
    assert isinstance(load(path), dict)


def test_terraform_fmt_check() -> None:
    binary = shutil.which("terraform")
    if binary is None:
        pytest.skip("no terraform binary on PATH: `terraform fmt -check` runs in the CI workflow")
    env = {"TF_CLI_CONFIG_FILE": "/dev/null", "CHECKPOINT_DISABLE": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [binary, "fmt", "-check", "-recursive", "-diff", str(TERRAFORM)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_standard_module_structure() -> None:
    for name in ("main.tf", "variables.tf", "outputs.tf", "versions.tf"):
        assert (TERRAFORM / name).is_file(), name
    for module in MODULES:
        for name in ("main.tf", "variables.tf", "outputs.tf"):
            assert (module / name).is_file(), f"{module.name}/{name}"


def test_the_oci_provider_is_pinned() -> None:
    terraform = load(TERRAFORM / "versions.tf")["terraform"][0]
    providers = terraform["required_providers"][0]
    oci = providers["oci"]
    assert unquote(oci["source"]) == "oracle/oci"
    version = unquote(oci["version"])
    assert re.search(r">=\s*\d+\.\d+", version) and re.search(r"(<\s*\d+|~>)", version), version
    assert unquote(terraform["required_version"]).startswith(">=")


@pytest.mark.parametrize("directory", module_dirs(), ids=lambda p: p.name)
def test_modules_using_oci_declare_the_oracle_provider(directory: Path) -> None:
    """Without it Terraform would look for hashicorp/oci, which does not exist."""
    text = "\n".join(p.read_text() for p in directory.glob("*.tf"))
    if not re.search(r'^(resource|data) "oci_', text, re.MULTILINE):
        return
    providers = load(directory / "versions.tf")["terraform"][0]["required_providers"][0]
    assert unquote(providers["oci"]["source"]) == "oracle/oci"


@pytest.mark.parametrize("directory", module_dirs(), ids=lambda p: p.name)
def test_every_variable_and_output_has_a_description(directory: Path) -> None:
    for path in directory.glob("*.tf"):
        for kind in ("variable", "output"):
            for name, body in blocks(path, kind).items():
                description = unquote(body.get("description", ""))
                assert len(description) > 10, f"{path.name}: {kind} {name} needs a description"


META_ARGUMENTS = ("depends_on", "providers", "count", "for_each")


def test_module_calls_pass_declared_variables_and_all_required_ones() -> None:
    for name, call in blocks(TERRAFORM / "main.tf", "module").items():
        source = TERRAFORM / unquote(call["source"])
        declared = blocks(source / "variables.tf", "variable")
        passed = {k for k in call if k not in ("source", "__is_block__", *META_ARGUMENTS)}
        assert passed <= set(declared), f"module {name}: unknown {sorted(passed - set(declared))}"
        required = {v for v, body in declared.items() if "default" not in body}
        assert required <= passed, f"module {name}: missing {sorted(required - passed)}"


@pytest.mark.parametrize("directory", module_dirs(), ids=lambda p: p.name)
def test_every_referenced_variable_and_local_is_declared(directory: Path) -> None:
    text = "\n".join(p.read_text() for p in directory.glob("*.tf"))
    declared_vars = {v for p in directory.glob("*.tf") for v in blocks(p, "variable")}
    used_vars = set(re.findall(r"\bvar\.([a-z_][a-z0-9_]*)", text))
    assert used_vars <= declared_vars, sorted(used_vars - declared_vars)
    declared_locals = {
        k
        for p in directory.glob("*.tf")
        for entry in load(p).get("locals", [])
        for k in entry
        if k != "__is_block__"
    }
    used_locals = set(re.findall(r"\blocal\.([a-z_][a-z0-9_]*)", text))
    assert used_locals <= declared_locals, sorted(used_locals - declared_locals)


def _literal_secrets(node: Any, where: str) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            name = unquote(key)
            if (
                isinstance(name, str)
                and SECRET_KEY.search(name)
                and not NOT_A_VALUE.search(name)
                and _is_literal(value)
            ):
                found.append(f"{where}: {name} = {value}")
            found += _literal_secrets(value, where)
    elif isinstance(node, list):
        for item in node:
            found += _literal_secrets(item, where)
    return found


def _is_literal(value: Any) -> bool:
    """A non-empty string written out, not computed from an expression."""
    if isinstance(value, list):
        return any(_is_literal(v) for v in value)
    text = unquote(value)
    return isinstance(text, str) and text != "" and "${" not in text and value != text


@pytest.mark.parametrize("path", TF_FILES + TFVARS, ids=lambda p: str(p.relative_to(TERRAFORM)))
def test_no_secret_values_in_terraform(path: Path) -> None:
    parsed = load(path)
    if path.suffix == ".tf":
        # variable defaults are values too: a secret-looking variable must have none
        for name, body in blocks(path, "variable").items():
            if SECRET_KEY.search(name) and not NOT_A_VALUE.search(name):
                assert body.get("default") in (None, '""'), f"{name} has a default value"
                assert body.get("sensitive") is True, f"{name} must be sensitive"
    assert not _literal_secrets(parsed, path.name)
    text = path.read_text()
    assert "BEGIN" not in text or "PRIVATE KEY" not in text
    assert not re.search(
        r"\bsecret_content\b[^}]*\bcontent\s*=\s*\"[A-Za-z0-9+/=]{16,}\"", text, re.DOTALL
    ), "literal secret content"


def test_the_secret_scan_finds_literals(tmp_path: Path) -> None:
    sample = tmp_path / "bad.tf"
    sample.write_text(
        'resource "x" "y" {\n  admin_password = "hunter2hunter2"\n'
        "  secret_id = var.id\n  client_secret = var.s\n}\n"
    )
    found = _literal_secrets(load(sample), "bad.tf")
    assert found == ['bad.tf: admin_password = "hunter2hunter2"']


def test_examples_set_no_secret_variables() -> None:
    root_vars = blocks(TERRAFORM / "variables.tf", "variable")
    for path in TFVARS:
        values = {k: v for k, v in load(path).items() if not k.startswith("__")}
        assert set(values) <= set(root_vars), f"{path.name}: unknown {set(values) - set(root_vars)}"
        assert not [k for k in values if SECRET_KEY.search(k) and not NOT_A_VALUE.search(k)]


def test_the_database_takes_its_admin_password_from_the_vault() -> None:
    db = blocks(TERRAFORM / "modules" / "database" / "main.tf", "resource")
    adb = db["oci_database_autonomous_database"]['"main"']
    assert "admin_password" not in adb
    assert adb["secret_id"] == "${var.admin_password_secret_id}"
    # ATP, not AJD: AJD caps data outside JSON collections at 20 GB.
    assert unquote(adb["db_workload"]) == "OLTP" and unquote(adb["db_version"]) == "23ai"
    assert adb["is_mtls_connection_required"] is False


def test_services_wait_for_the_iam_policies_they_need() -> None:
    calls = blocks(TERRAFORM / "main.tf", "module")
    for name in ("gateway", "queue", "schedules"):
        assert "module.iam" in str(calls[name].get("depends_on")), name


def test_iam_is_written_through_the_home_region_provider() -> None:
    calls = blocks(TERRAFORM / "main.tf", "module")
    assert "oci.home" in str(calls["iam"].get("providers"))
    providers = [p['"oci"'] for p in load(TERRAFORM / "versions.tf")["provider"] if '"oci"' in p]
    home = [p for p in providers if unquote(p.get("alias", "")) == "home"]
    assert len(home) == 1 and "var.home_region" in home[0]["region"]
    unaliased = [p for p in providers if "alias" not in p]
    assert len(unaliased) == 1 and unaliased[0]["region"] == "${var.region}"
