"""Run the database migrations against the Autonomous Database, once per release.

    .venv/bin/python scripts/migrate_remote.py [--no-tunnel]

Reads `terraform output` (DSN, app user, private endpoint, bastion, secret ids),
fetches the ADMIN and application passwords from the Vault with the operator's
OCI config (~/.oci/config, or OCI_CONFIG_FILE / OCI_CONFIG_PROFILE), and:

1. opens a Bastion port-forwarding session to the private endpoint unless
   --no-tunnel (when run inside the VCN). TLS still checks the database's host
   name, so that name must resolve to 127.0.0.1 here: the script adds the
   /etc/hosts line when it may write the file (CI runs as root), else says which;
2. creates the application user if missing (as ADMIN) and keeps its password in
   step with the `database-password` secret;
3. runs `fittrack migrate` as that user (FITTRACK_DATABASE_URL=oracle://).

Migrations are additive (expand, then contract in a later release), so the
functions still on the previous image keep working while this runs.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PORT = 1521
GRANTS = (
    "CREATE SESSION",
    "CREATE TABLE",
    "CREATE VIEW",
    "CREATE SEQUENCE",
    "CREATE PROCEDURE",
    "CREATE TRIGGER",
)


def terraform_output(name: str) -> Any:
    out = subprocess.run(
        ["terraform", f"-chdir={ROOT / 'terraform'}", "output", "-json", name],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def oci_config() -> dict[str, Any]:
    import oci

    return oci.config.from_file(
        os.environ.get("OCI_CONFIG_FILE", "~/.oci/config"),
        os.environ.get("OCI_CONFIG_PROFILE", "DEFAULT"),
    )


def read_secret(config: dict[str, Any], secret_id: str) -> str:
    from oci.secrets import SecretsClient

    bundle = SecretsClient(config).get_secret_bundle(secret_id=secret_id).data
    return base64.b64decode(bundle.secret_bundle_content.content).decode("utf-8")


@contextmanager
def bastion_tunnel(config: dict[str, Any], bastion_id: str, target_ip: str, host: str):
    """Forward 127.0.0.1:1521 to the private endpoint through a Bastion session."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from oci.bastion import BastionClient
    from oci.bastion.models import (
        CreatePortForwardingSessionTargetResourceDetails,
        CreateSessionDetails,
        PublicKeyDetails,
    )

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )
    client = BastionClient(config)
    session = client.create_session(
        CreateSessionDetails(
            bastion_id=bastion_id,
            display_name="fittrack-migrations",
            session_ttl_in_seconds=3600,
            key_details=PublicKeyDetails(public_key_content=public),
            target_resource_details=CreatePortForwardingSessionTargetResourceDetails(
                target_resource_private_ip_address=target_ip, target_resource_port=PORT
            ),
        )
    ).data
    for _ in range(60):
        session = client.get_session(session.id).data
        if session.lifecycle_state == "ACTIVE":
            break
        time.sleep(5)
    else:
        raise SystemExit(f"bastion session {session.id} did not become ACTIVE")
    ensure_hosts_entry(host)
    with tempfile.TemporaryDirectory() as tmp:
        key_file = Path(tmp) / "id_rsa"
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.OpenSSH,
                serialization.NoEncryption(),
            )
        )
        key_file.chmod(0o600)
        region = config["region"]
        ssh = subprocess.Popen(
            [
                "ssh",
                "-i",
                str(key_file),
                "-N",
                "-o",
                "StrictHostKeyChecking=accept-new",
                "-o",
                "ExitOnForwardFailure=yes",
                "-p",
                "22",
                "-L",
                f"127.0.0.1:{PORT}:{target_ip}:{PORT}",
                f"{session.id}@host.bastion.{region}.oci.oraclecloud.com",
            ]
        )
        try:
            wait_for_port(PORT)
            yield
        finally:
            ssh.terminate()
            client.delete_session(session.id)


def ensure_hosts_entry(host: str) -> None:
    hosts = Path("/etc/hosts")
    if re.search(rf"^127\.0\.0\.1\s.*\b{re.escape(host)}\b", hosts.read_text(), re.MULTILINE):
        return
    if not os.access(hosts, os.W_OK):
        raise SystemExit(f"add '127.0.0.1 {host}' to /etc/hosts (TLS checks this host name)")
    with hosts.open("a") as handle:
        handle.write(f"127.0.0.1 {host}\n")


def wait_for_port(port: int, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(1)
    raise SystemExit(f"the tunnel to port {port} did not open")


def ensure_app_user(dsn: str, admin_password: str, user: str, password: str) -> None:
    import oracledb

    if not re.fullmatch(r"[A-Z][A-Z0-9_]{0,29}", user) or '"' in password:
        raise SystemExit("unexpected application user name or password characters")
    with oracledb.connect(user="ADMIN", password=admin_password, dsn=dsn) as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT COUNT(*) FROM dba_users WHERE username = :u", u=user)
        verb = "ALTER" if cursor.fetchone()[0] else "CREATE"
        cursor.execute(f'{verb} USER {user} IDENTIFIED BY "{password}"')
        cursor.execute(f"GRANT {', '.join(GRANTS)} TO {user}")
        cursor.execute(f"ALTER USER {user} QUOTA UNLIMITED ON DATA")
    print(f"{verb.lower()}d database user {user}")


def run_migrations(dsn: str, user: str, password: str) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "FITTRACK_ENV": "production",
            "FITTRACK_HOME": home,
            "FITTRACK_DATABASE_URL": "oracle://",
            "FITTRACK_ORACLE_DSN": dsn,
            "FITTRACK_ORACLE_USER": user,
            "FITTRACK_SECRETS_BACKEND": "env",
            "FITTRACK_SECRET_DATABASE_PASSWORD": password,
        }
        subprocess.run(
            [sys.executable, "-m", "fittrack.cli", "migrate"], env=env, check=True, cwd=ROOT
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--no-tunnel", action="store_true", help="connect directly (run inside the VCN)"
    )
    args = parser.parse_args()
    database, secret_ids = terraform_output("database"), terraform_output("secret_ids")
    if not database["dsn"]:
        raise SystemExit("terraform output has no database DSN yet: apply module.database first")
    config = oci_config()
    admin_password = read_secret(config, secret_ids["database-admin-password"])
    app_password = read_secret(config, secret_ids["database-password"])

    def migrate() -> None:
        ensure_app_user(database["dsn"], admin_password, database["app_user"], app_password)
        run_migrations(database["dsn"], database["app_user"], app_password)

    if args.no_tunnel:
        migrate()
    else:
        if not database["bastion_id"]:
            raise SystemExit("no bastion: set bastion_client_cidrs, or run with --no-tunnel")
        with bastion_tunnel(
            config,
            database["bastion_id"],
            database["private_endpoint_ip"],
            database["private_endpoint"],
        ):
            migrate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
