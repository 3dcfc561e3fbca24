"""The `fittrack` command: what the Makefile delegates to."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def project_root() -> Path:
    """The checkout holding api-spec/ (the current directory, or where this package lives)."""
    for candidate in (Path.cwd(), *Path.cwd().parents, Path(__file__).resolve().parents[2]):
        if (candidate / "api-spec").is_dir() and (candidate / "pyproject.toml").exists():
            return candidate
    raise SystemExit("run fittrack from the FitTrack checkout (no api-spec/ found)")


def cmd_dev(args: argparse.Namespace) -> int:
    from fittrack import config, log
    from fittrack.local.server import run

    log.configure(os.environ.get("FITTRACK_LOG_LEVEL", "INFO"))
    port = args.port or int(os.environ.get("PORT", "8080"))
    workers = args.workers
    if workers is None:
        workers = int(os.environ.get("FITTRACK_GATEWAY_WORKERS") or "1")
    if workers < 1:
        raise SystemExit("--workers (FITTRACK_GATEWAY_WORKERS) is a number of processes, 1 or more")
    if workers > 1 and not config.settings().redis_url:
        raise SystemExit(
            f"--workers {workers} needs REDIS_URL: the in-memory cache and rate limiter"
            " are per process, so several gateway processes must share a Redis"
        )
    run(project_root(), args.host, port, seed=not args.no_seed, workers=workers)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from fittrack import config
    from fittrack.local.server import prepare

    platform = prepare(config.settings(), seed=False)
    print(f"database ready: {platform.settings.database_url}")
    platform.close()
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from fittrack import config
    from fittrack.local.server import prepare

    platform = prepare(config.settings(), seed=True)
    print(f"demo data in place: {platform.settings.database_url}")
    platform.close()
    return 0


def cmd_reset_db(args: argparse.Namespace) -> int:
    from fittrack import config

    settings = config.settings()
    if settings.is_production or not settings.database_url.startswith("sqlite:///"):
        raise SystemExit("reset-db only removes a local SQLite database")
    path = Path(settings.database_url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"removed {path}")
    return cmd_seed(args)


def cmd_create_admin(args: argparse.Namespace) -> int:
    from fittrack import config
    from fittrack.domain.errors import Forbidden, ValidationFailed
    from fittrack.local.server import prepare
    from fittrack.services.admins import create_admin
    from fittrack.services.mfa import enrol_known_secret, normalize_secret

    platform = prepare(config.settings(), seed=False)
    try:
        if args.totp_secret is not None:
            normalize_secret(args.totp_secret)  # refuse a bad secret before creating anyone
        result = create_admin(platform, args.email, password=args.password)
        if args.totp_secret is not None:
            enrol_known_secret(platform, result.user_id, args.totp_secret)
    except ValidationFailed as invalid:
        for error in invalid.errors:
            print(f"{error.field}: {error.message}", file=sys.stderr)
        return 2
    except Forbidden as refused:
        print(refused.detail, file=sys.stderr)
        return 2
    finally:
        platform.close()
    what = "admin created" if result.created else "existing account is an admin"
    print(f"{what}: {args.email} ({result.user_id})")
    if args.totp_secret is not None:
        print("TOTP authenticator enrolled with the given secret")
    return 0


def cmd_spec(args: argparse.Namespace) -> int:
    from fittrack.http import contract

    root = project_root()
    if args.check:
        stale = contract.stale(root)
        for path in stale:
            print(f"stale: {path.relative_to(root)} (run `fittrack spec`)", file=sys.stderr)
        return 1 if stale else 0
    for path in contract.write(root):
        print(f"wrote {path.relative_to(root)}")
    return 0


def cmd_verify_drawing(args: argparse.Namespace) -> int:
    """Run scripts/verify_drawing.py (stdlib only, independent of this package)."""
    import importlib.util

    path = project_root() / "scripts" / "verify_drawing.py"
    spec = importlib.util.spec_from_file_location("verify_drawing", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    argv = [args.source]
    for option, value in (("--log", args.log), ("--pages-from", args.pages_from)):
        if value:
            argv += [option, value]
    return int(module.main(argv))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fittrack", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    dev = sub.add_parser("dev", help="serve the app and API on the embedded local platform")
    dev.add_argument("--port", type=int, default=None, help="port (default $PORT or 8080)")
    dev.add_argument("--host", default="127.0.0.1")
    dev.add_argument("--no-seed", action="store_true", help="skip the demo data")
    dev.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gateway processes sharing the port (default $FITTRACK_GATEWAY_WORKERS or 1;"
        " more than 1 needs REDIS_URL)",
    )
    dev.set_defaults(run=cmd_dev)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(run=cmd_migrate)
    sub.add_parser("seed", help="load the demo data (idempotent)").set_defaults(run=cmd_seed)
    sub.add_parser("reset-db", help="delete the local database and reseed").set_defaults(
        run=cmd_reset_db
    )
    admin = sub.add_parser("create-admin", help="create an admin, or promote an existing account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument(
        "--totp-secret",
        help="enrol this base32 TOTP secret as the admin's authenticator (local only)",
    )
    admin.set_defaults(run=cmd_create_admin)
    verify = sub.add_parser("verify-drawing", help="recompute a drawing from its public proof")
    verify.add_argument("source", help="a saved verification document, its URL, or -")
    verify.add_argument("--log", help="the transparency log's entries (saved, or their URL)")
    verify.add_argument(
        "--pages-from",
        help="a saved document whose blocks are in pages: the site to fetch them from",
    )
    verify.set_defaults(run=cmd_verify_drawing)
    spec = sub.add_parser("spec", help="write api-spec/ and requirements.txt")
    spec.add_argument("--check", action="store_true", help="fail if generated files are stale")
    spec.set_defaults(run=cmd_spec)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
