"""docs/ENVIRONMENT.md lists exactly the environment variables the code reads,
and Terraform sets only variables the code reads."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ENVIRONMENT.md"
ENV_NAME = re.compile(r"^(FITTRACK_[A-Z0-9_]*|REDIS_URL|PORT)$")
ENV_READERS = {"_env", "get", "getenv"}


def _name(arg: ast.expr) -> str | None:
    """The variable name (or `<NAME>` pattern) an env read asks for, if literal."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "<NAME>" for v in arg.values)
    return None


def names_read(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            name = _name(node.args[0]) if called in ENV_READERS else None
        elif isinstance(node, ast.Subscript) and "environ" in ast.unparse(node.value):
            name = _name(node.slice)
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and node.value.value.startswith("FITTRACK_")
            and node.value.value.endswith("_")
        ):
            name = node.value.value + "<NAME>"  # a prefix such as FITTRACK_SECRET_
        else:
            continue
        if name and ENV_NAME.match(name.replace("<NAME>", "X")):
            found.add(name)
    return found


def code_names() -> set[str]:
    names: set[str] = set()
    for folder in (ROOT / "shared" / "fittrack", ROOT / "functions"):
        for path in folder.rglob("*.py"):
            names |= names_read(path.read_text())
    return names


def documented_names() -> set[str]:
    rows = [line for line in DOC.read_text().splitlines() if line.startswith("| `")]
    return {re.match(r"\| `([^`]+)`", row).group(1) for row in rows}


def terraform_names() -> set[str]:
    """Keys of the functions' application config in terraform/config.tf."""
    text = (ROOT / "terraform" / "config.tf").read_text()
    keys = set(re.findall(r"^\s+([A-Z][A-Z0-9_]+)\s+=", text, re.MULTILINE))
    keys |= {
        m.replace("${upper(provider)}", "<NAME>")
        for m in re.findall(r'"(FITTRACK_[^"]*\$\{upper\(provider\)\}[^"]*)"', text)
    }
    return keys


def test_the_collector_sees_literal_pattern_and_prefix_reads() -> None:
    source = (
        "import os\n"
        'a = _env("FITTRACK_A")\n'
        'b = _env(f"FITTRACK_OIDC_{name.upper()}_ISSUER")\n'
        'c = os.environ.get("REDIS_URL")\n'
        'd = os.environ["FITTRACK_D"]\n'
        'ENV_PREFIX = "FITTRACK_SECRET_"\n'
        'e = headers.get("X-Request-Id")\n'
    )
    assert names_read(source) == {
        "FITTRACK_A",
        "FITTRACK_OIDC_<NAME>_ISSUER",
        "REDIS_URL",
        "FITTRACK_D",
        "FITTRACK_SECRET_<NAME>",
    }


def test_config_module_settings_are_collected() -> None:
    names = code_names()
    for expected in (
        "FITTRACK_DATABASE_URL",
        "FITTRACK_ORACLE_DSN",
        "REDIS_URL",
        "FITTRACK_VAULT_SECRET_IDS",
        "FITTRACK_FUNCTION",
    ):
        assert expected in names


def test_every_variable_the_code_reads_is_documented() -> None:
    missing = sorted(code_names() - documented_names())
    assert not missing, f"add to docs/ENVIRONMENT.md: {missing}"


def test_the_doc_lists_no_variable_the_code_no_longer_reads() -> None:
    stale = sorted(documented_names() - code_names())
    assert not stale, f"remove from docs/ENVIRONMENT.md (no longer read): {stale}"


def test_terraform_sets_only_variables_the_code_reads() -> None:
    set_by_terraform = terraform_names()
    expected = {"FITTRACK_ENV", "FITTRACK_ORACLE_DSN", "FITTRACK_OIDC_<NAME>_CLIENT_ID"}
    assert expected <= set_by_terraform
    unknown = sorted(set_by_terraform - code_names())
    assert not unknown, f"terraform/config.tf sets variables nothing reads: {unknown}"
