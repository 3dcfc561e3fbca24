"""What terraform/ deploys for api-spec/functions.json, evaluated offline.

For the real manifest and for synthetic ones (scheduled jobs, queue consumers
and routes the project does not have yet): every function is deployed, every
HTTP function has a gateway route with its method and authorization, every
scheduled function has schedules that fire when its cron does, and every queue
consumer has a connector. The HCL runs through test_terraform_hcl's evaluator.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fittrack.http.schedule_window import in_declared_hour

pytest.importorskip("hcl2.api", reason="python-hcl2 is in the test extra")

_spec = importlib.util.spec_from_file_location(
    "terraform_hcl_evaluator", Path(__file__).with_name("test_terraform_hcl.py")
)
assert _spec is not None and _spec.loader is not None
hcl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hcl)
Module, Instance = hcl.Module, hcl.Instance

ROOT = Path(__file__).resolve().parents[2]
TERRAFORM = ROOT / "terraform"
MANIFEST = ROOT / "api-spec" / "functions.json"


# ---- the stack, as the tests see it --------------------------------------------

ROOT_VARS = {
    "tenancy_ocid": "ocid1.tenancy.oc1..t",
    "compartment_ocid": "ocid1.compartment.oc1..c",
    "region": "us-ashburn-1",
    "function_image": "iad.ocir.io/ns/fittrack:abc",
    "function_image_digest": "sha256:" + "0" * 64,
}


def manifest_module(manifest: Path, **variables: Any) -> Module:
    return Module(TERRAFORM / "modules" / "manifest", {"manifest_path": str(manifest), **variables})


def stack(manifest: Path | None = None) -> Module:
    """The root module; with `manifest`, its manifest module reads that file instead."""
    root = Module(TERRAFORM, dict(ROOT_VARS))
    if manifest is not None:
        call = root.block("module", "manifest")
        args = {
            k: root.eval(v, {}) for k, v in call.attrs.items() if k not in hcl.MODULE_META_ARGUMENTS
        }
        root._memo["module.manifest"] = Module(
            TERRAFORM / "modules" / "manifest", {**args, "manifest_path": str(manifest)}
        )
    return root


def write_manifest(tmp_path: Path, functions: list[dict[str, Any]]) -> Path:
    path = tmp_path / "functions.json"
    path.write_text(json.dumps({"functions": functions}))
    return path


def http(name: str, method: str, path: str, auth: str = "member") -> dict[str, Any]:
    return {
        "name": name,
        "trigger": {"type": "http", "method": method, "path": path, "auth": auth},
        "memoryMb": 128,
        "timeoutSeconds": 10,
    }


def scheduled(name: str, cron: str) -> dict[str, Any]:
    return {
        "name": name,
        "trigger": {"type": "schedule", "cron": cron, "timeZone": "America/New_York"},
        "memoryMb": 256,
        "timeoutSeconds": 60,
    }


def queued(name: str, queue: str) -> dict[str, Any]:
    return {
        "name": name,
        "trigger": {"type": "queue", "queue": queue},
        "memoryMb": 256,
        "timeoutSeconds": 300,
    }


SYNTHETIC = [
    http("health.live", "GET", "/api/v1/health/live", "public"),
    http("health.status", "GET", "/api/v1/health", "public"),
    http("users.me", "GET", "/api/v1/users/me"),
    http("users.update", "PATCH", "/api/v1/users/me"),
    http("leaderboards.get", "GET", "/api/v1/leaderboards/{tierCode}", "optional"),
    http("admin_drawings.execute", "POST", "/api/v1/admin/drawings/{drawingId}/execute", "admin"),
    http("admin_fulfillment.redraw", "POST", "/api/v1/admin/winners/{winnerId}/redraw", "admin"),
    http("drawings.buy_tickets", "POST", "/api/v1/drawings/{drawingId}/tickets"),
    http("billing.webhook", "POST", "/api/v1/billing/webhook", "public"),
    http("wellknown.jwks", "GET", "/.well-known/jwks.json", "public"),
    scheduled("sync.enqueue_due", "*/15 * * * *"),
    scheduled("lifecycle.drawings", "* * * * *"),
    scheduled("users.purge", "30 3 * * *"),
    scheduled("leaderboards.refresh", "5 0,12 * * *"),
    queued("sync.consume", "sync-jobs"),
    queued("exports.build", "exports"),
]

AUTHORIZATION = {
    "public": "ANONYMOUS",
    "optional": "ANONYMOUS",
    "member": "AUTHENTICATION_ONLY",
    "admin": "AUTHENTICATION_ONLY",
}


def function_ids(root: Module) -> dict[str, str]:
    return root.module("functions").output("ids")


def manifest_of(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text())["functions"]


# ---- functions ----------------------------------------------------------------------


def test_every_manifest_function_is_deployed_from_the_generated_file() -> None:
    root = stack()
    call = root.block("module", "manifest")
    assert "api-spec/functions.json" in root.eval(call.attrs["manifest_path"], {})
    functions = root.module("functions").resource("oci_functions_function", "fn")
    expected = {f["name"]: f for f in manifest_of(MANIFEST)}
    assert set(functions) == set(expected)
    for name, fn in functions.items():
        assert fn.attr("config") == {"FITTRACK_FUNCTION": name}
        assert fn.attr("memory_in_mbs") == expected[name]["memoryMb"]
        assert fn.attr("timeout_in_seconds") == expected[name]["timeoutSeconds"]
        assert fn.attr("image") == ROOT_VARS["function_image"]
        assert fn.attr("image_digest") == ROOT_VARS["function_image_digest"]
        assert fn.render()["trace_config"] == [{"is_enabled": True}]


def test_a_new_function_in_the_manifest_is_deployed_without_edits(tmp_path: Path) -> None:
    root = stack(write_manifest(tmp_path, SYNTHETIC))
    functions = root.module("functions").resource("oci_functions_function", "fn")
    assert set(functions) == {f["name"] for f in SYNTHETIC}


# ---- gateway ------------------------------------------------------------------------


def deployed_routes(root: Module) -> list[tuple[str, str, str, str]]:
    """(full path, method, authorization, function id) of every API route deployed."""
    found = []
    gateway = root.module("gateway")
    for prefix, deployment in gateway.resource("oci_apigateway_deployment", "api").items():
        spec = deployment.render()
        assert spec["path_prefix"] == prefix
        for route in spec["specification"][0]["routes"]:
            full = prefix if route["path"] == "/" else prefix.rstrip("/") + route["path"]
            [backend] = route["backend"]
            assert backend["type"] == "ORACLE_FUNCTIONS_BACKEND"
            [authz] = route["request_policies"][0]["authorization"]
            found += [(full, m, authz["type"], backend["function_id"]) for m in route["methods"]]
    return found


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_every_http_function_has_a_route_with_its_method_and_auth(
    which: str, tmp_path: Path
) -> None:
    manifest = MANIFEST if which == "real" else write_manifest(tmp_path, SYNTHETIC)
    root = stack(manifest)
    ids = function_ids(root)
    routes = deployed_routes(root)
    expected = sorted(
        (
            f["trigger"]["path"],
            f["trigger"]["method"],
            AUTHORIZATION[f["trigger"]["auth"]],
            ids[f["name"]],
        )
        for f in manifest_of(manifest)
        if f["trigger"]["type"] == "http"
    )
    assert sorted(routes) == expected
    assert expected, "the manifest has HTTP functions"


def test_routes_respect_the_gateway_limits(tmp_path: Path) -> None:
    crowded = [http(f"admin.op{i}", "GET", f"/api/v1/admin/op{i}", "admin") for i in range(51)]
    module = manifest_module(write_manifest(tmp_path, crowded))
    assert module.local("crowded_deployments") == ["/api/v1/admin"]
    with pytest.raises(hcl.HclError, match="route_group_depth_overrides"):
        module.output("routes")
    deeper = manifest_module(
        write_manifest(tmp_path, crowded), route_group_depth_overrides={"/api/v1/admin": 4}
    )
    assert deeper.local("crowded_deployments") == []
    unknown = manifest_module(write_manifest(tmp_path, [http("x.y", "GET", "/x", "root")]))
    assert unknown.local("unknown_auth") == ["x.y"]


def test_the_site_serves_the_spa_with_an_index_html_fallback() -> None:
    gateway = stack().module("gateway")
    site = gateway.resource("oci_apigateway_deployment", "site").render()
    assert site["path_prefix"] == "/"
    routes = site["specification"][0]["routes"]
    base = gateway.var("spa_base_url")
    spa = {r["path"]: r["backend"][0] for r in routes if r["backend"][0]["type"] == "HTTP_BACKEND"}
    assert spa["/"]["url"] == spa["/{path*}"]["url"] == f"{base}/index.html"
    assert spa["/assets/{file*}"]["url"] == base + "/assets/${request.path[file]}"
    assert list(spa)[-1] == "/{path*}", "the index.html fallback comes last"
    [api_404] = [r for r in routes if r["path"] == "/api/{rest*}"]
    assert api_404["backend"][0]["type"] == "STOCK_RESPONSE_BACKEND"
    assert api_404["backend"][0]["status"] == 404


def site_headers_of(route: dict[str, Any]) -> dict[str, str]:
    """The headers a site route sets on its answers (response header transformations)."""
    [policies] = route["response_policies"]
    [transformations] = policies["header_transformations"]
    [set_headers] = transformations["set_headers"]
    found = {}
    for item in set_headers["items"]:
        assert item["if_exists"] == "OVERWRITE", item
        [found[item["name"]]] = item["values"]
    return found


def test_the_site_sends_the_same_security_headers_as_the_local_gateway() -> None:
    from fittrack.http.headers import SITE_CACHE_ASSETS, SITE_CACHE_PAGES, SITE_HEADERS

    gateway = stack().module("gateway")
    site = gateway.resource("oci_apigateway_deployment", "site").render()
    routes = {r["path"]: r for r in site["specification"][0]["routes"]}
    spa = {p: r for p, r in routes.items() if r["backend"][0]["type"] == "HTTP_BACKEND"}
    assert spa, "the site has SPA routes"
    for path, route in spa.items():
        headers = site_headers_of(route)
        cache = SITE_CACHE_ASSETS if path == "/assets/{file*}" else SITE_CACHE_PAGES
        assert headers == {**SITE_HEADERS, **SITE_MARKER, "Cache-Control": cache}, path
    assert "frame-ancestors 'none'" in SITE_HEADERS["Content-Security-Policy"]
    # the problem+json 404 for unknown API paths is not cached and not framed either
    not_found = site_headers_of(routes["/api/{rest*}"])
    assert not_found == {**SITE_HEADERS, **SITE_MARKER, "Cache-Control": "no-store"}


SITE_MARKER = {"X-FitTrack-Deployment": "/"}  # scripts/smoke_test.sh checks it


def test_every_api_deployment_names_itself_in_its_answers() -> None:
    deployments = stack().module("gateway").resource("oci_apigateway_deployment", "api")
    for prefix, deployment in deployments.items():
        for route in deployment.render()["specification"][0]["routes"]:
            [policies] = route["response_policies"]
            [transformations] = policies["header_transformations"]
            [item] = transformations["set_headers"][0]["items"]
            assert (item["name"], item["values"]) == ("X-FitTrack-Deployment", [prefix])


def test_gateway_authenticates_with_the_remote_jwks() -> None:
    gateway = stack().module("gateway")
    deployments = gateway.resource("oci_apigateway_deployment", "api")
    assert deployments
    for deployment in deployments.values():
        [policies] = deployment.render()["specification"][0]["request_policies"]
        [auth] = policies["authentication"]
        assert auth["type"] == "JWT_AUTHENTICATION"
        assert auth["is_anonymous_access_allowed"] is True
        assert auth["audiences"] == ["fittrack-api"]
        [keys] = auth["public_keys"]
        assert keys["type"] == "REMOTE_JWKS"
        assert keys["uri"] == auth["issuers"][0] + "/.well-known/jwks.json"
        assert policies["rate_limiting"][0]["rate_key"] == "CLIENT_IP"
        assert policies["cors"][0]["allowed_origins"]


# ---- schedules ------------------------------------------------------------------------


def deployed_schedules(root: Module) -> dict[str, dict[str, Any]]:
    schedules = root.module("schedules").resource("oci_resource_scheduler_schedule", "job")
    out = {}
    for key, s in schedules.items():
        assert s.attr("action") == "START_RESOURCE"
        assert s.attr("recurrence_type") == "CRON"
        targets = [r["id"] for r in s.render()["resources"]]
        assert targets and len(targets) == len(set(targets))
        out[key] = {"cron": s.attr("recurrence_details"), "ids": targets}
    return out


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_every_scheduled_function_acts_exactly_when_its_new_york_cron_says(
    which: str, tmp_path: Path
) -> None:
    """Summer and winter: of the UTC runs scheduled for a function, those the job acts
    on (fittrack.http.schedule_window) are exactly the cron's New York times."""
    manifest = MANIFEST if which == "real" else write_manifest(tmp_path, SYNTHETIC)
    root = stack(manifest)
    ids = function_ids(root)
    schedules = deployed_schedules(root)
    for f in manifest_of(manifest):
        if f["trigger"]["type"] != "schedule":
            continue
        cron = f["trigger"]["cron"]
        mine = [s["cron"] for s in schedules.values() if ids[f["name"]] in s["ids"]]
        assert mine, f"{f['name']} has no schedule"
        for day in (datetime(2026, 1, 14, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)):
            runs = [day.replace(hour=h, minute=m) for h, m in fired_runs(mine)]
            acted = {_new_york(r) for r in runs if in_declared_hour(cron, r)}
            assert acted == expected_runs(cron), (f["name"], day.month)
    assert root.module("manifest").output("schedules") is not None  # preconditions hold


def _new_york(moment: datetime) -> tuple[int, int]:
    local = moment.astimezone(ZoneInfo("America/New_York"))
    return local.hour, local.minute


def expected_runs(cron_new_york: str) -> set[tuple[int, int]]:
    """(New York hour, minute) pairs a cron fires at."""
    minute, hour, *_ = cron_new_york.split()
    return {(h, m) for h in _field(hour, 24) for m in _field(minute, 60)}


def fired_runs(crons_utc: list[str]) -> set[tuple[int, int]]:
    runs = set()
    for cron in crons_utc:
        minute, hour, *_ = cron.split()
        assert minute.isdigit(), f"hourly fan-out leaves one minute per schedule: {cron}"
        runs |= {(h, m) for h in _field(hour, 24) for m in _field(minute, 60)}
    return runs


def _field(text: str, size: int) -> list[int]:
    if text == "*":
        return list(range(size))
    if text.startswith("*/"):
        return list(range(0, size, int(text[2:])))
    return [int(v) for v in text.split(",")]


def test_functions_on_the_same_utc_cron_share_one_schedule(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, SYNTHETIC)
    fanout = manifest_module(path).output("schedules")
    every_minute = [cron for cron, s in fanout.items() if "lifecycle.drawings" in s["functions"]]
    assert len(every_minute) == 60  # the hourly fan-out of "* * * * *"
    assert fanout["0 * * * *"]["functions"] == ["lifecycle.drawings", "sync.enqueue_due"]
    assert fanout["7 * * * *"]["functions"] == ["lifecycle.drawings"]
    assert [c for c, s in fanout.items() if "sync.enqueue_due" in s["functions"]] == [
        "0 * * * *",
        "15 * * * *",
        "30 * * * *",
        "45 * * * *",
    ]
    # Both candidate UTC hours of 03:30 ET and of 00:05/12:05 ET.
    assert fanout["30 7,8 * * *"]["functions"] == ["users.purge"]
    assert fanout["5 4,5,16,17 * * *"]["functions"] == ["leaderboards.refresh"]
    assert len(fanout) == 62
    assert fanout["0 * * * *"]["name"] == "0-x-x-x-x"


def test_the_real_manifest_needs_few_schedules() -> None:
    schedules = deployed_schedules(stack())
    assert len(schedules) <= 65  # was 134: one per function and minute
    assert max(len(s["ids"]) for s in schedules.values()) <= 4


def test_schedule_strategies_and_their_limits(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, SYNTHETIC)
    native = manifest_module(path, schedule_strategy="native").output("schedules")
    assert native["*/15 * * * *"]["functions"] == ["sync.enqueue_due"]
    assert native["* * * * *"]["functions"] == ["lifecycle.drawings"]
    capped = manifest_module(path, max_schedules_per_function=12)
    assert capped.local("too_many") == ["lifecycle.drawings"]
    odd = manifest_module(
        write_manifest(
            tmp_path,
            [
                scheduled("a.range", "0-10 * * * *"),
                scheduled("b.monday_night", "0 22 * * 1"),  # 02:00/03:00 UTC on Tuesday
                scheduled("c.fine", "0 22 * * *"),
            ],
        )
    )
    assert odd.local("unsupported_crons") == ["a.range", "b.monday_night"]
    with pytest.raises(hcl.HclError, match="a.range, b.monday_night"):
        odd.output("schedules")


# ---- queues ------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_every_queue_consumer_gets_a_connector(which: str, tmp_path: Path) -> None:
    manifest = MANIFEST if which == "real" else write_manifest(tmp_path, SYNTHETIC)
    root = stack(manifest)
    queue = root.module("queue")
    ids = function_ids(root)
    queues = queue.resource("oci_queue_queue", "main")
    connectors = queue.resource("oci_sch_service_connector", "consumer")
    consumers = {
        f["name"]: f["trigger"]["queue"]
        for f in manifest_of(manifest)
        if f["trigger"]["type"] == "queue"
    }
    assert set(connectors) == set(consumers)
    assert "sync-jobs" in queues and set(consumers.values()) <= set(queues)
    for name, connector in connectors.items():
        rendered = connector.render()
        [source], [target] = rendered["source"], rendered["target"]
        assert source["kind"] == "plugin" and source["plugin_name"] == "QueueSource"
        queue_id = f"<{queues[consumers[name]].address}.id>"
        assert json.loads(source["config_map"]) == {"queueId": queue_id}
        assert target["kind"] == "functions" and target["function_id"] == ids[name]
    if which == "synthetic":
        assert set(connectors) == {"sync.consume", "exports.build"}


def test_no_queue_consumer_yet_means_no_connector(tmp_path: Path) -> None:
    root = stack(write_manifest(tmp_path, [http("health.live", "GET", "/api/v1/health/live")]))
    assert root.module("queue").resource("oci_sch_service_connector", "consumer") == {}
    queues = set(root.module("queue").resource("oci_queue_queue", "main"))
    assert queues == {"sync-jobs", "sync-jobs-parked"}  # the consumer parks poison messages


# ---- configuration and wiring --------------------------------------------------------------


def test_function_config_carries_the_production_settings() -> None:
    root = stack()
    config = root.local("app_config")
    assert config["FITTRACK_ENV"] == "production"
    assert config["FITTRACK_DATABASE_URL"] == "oracle://"
    assert config["FITTRACK_QUEUE_BACKEND"] == "oci"
    assert config["FITTRACK_SECRETS_BACKEND"] == "vault"
    assert config["FITTRACK_MAIL_BACKEND"] == "smtp"
    assert config["REDIS_URL"].startswith("rediss://")
    # One OCID in the configuration (4 KB limit); the others are in the index secret.
    assert config["FITTRACK_VAULT_SECRET_IDS"] == "secret-ids=<oci_vault_secret.index.id>"
    [content] = (
        root.module("vault").resource("oci_vault_secret", "index").render()["secret_content"]
    )
    index = json.loads(base64.b64decode(content["content"]))
    assert all(v.startswith("<oci_vault_secret.") for v in index.values())
    secret_names = set(index)
    assert secret_names == {
        "database-password",
        "jwt-signing-key",
        "token-encryption-key",
        "transparency-signing-key",
        "smtp-username",
        "smtp-password",
        "oidc-google-client-secret",
        "oidc-apple-private-key",
        "tracker-fitbit-client-secret",
        "tracker-google_fit-client-secret",
        "google-health-webhook-secret",
        "stripe-secret-key",
        "stripe-webhook-secret",
    }
    assert "sync-jobs=" in config["FITTRACK_OCI_QUEUE_IDS"]
    assert all(isinstance(v, str) for v in config.values())


def test_every_schedule_and_route_targets_a_deployed_function(tmp_path: Path) -> None:
    root = stack(write_manifest(tmp_path, SYNTHETIC))
    ids = set(function_ids(root).values())
    assert {i for s in deployed_schedules(root).values() for i in s["ids"]} <= ids
    assert {r[3] for r in deployed_routes(root)} <= ids
    monitoring = root.module("monitoring")
    alarms = monitoring.local("alarms")
    assert {"api-5xx", "api-p95-latency", "sync-failures-sync-consume"} <= set(alarms)
    drawing_alarms = {k for k in alarms if k.startswith("drawing-error-")}
    # The functions that execute draws, not the member handlers under drawings.*.
    assert drawing_alarms == {
        "drawing-error-lifecycle-drawings",
        "drawing-error-admin_drawings-execute",
        "drawing-error-admin_fulfillment-redraw",
    }


def test_drawing_alarms_target_the_real_manifest_functions() -> None:
    alarms = stack().module("monitoring").local("alarms")
    ids = function_ids(stack())
    targets = {k: v["query"] for k, v in alarms.items() if k.startswith("drawing-error-")}
    assert len(targets) == 3
    for name in ("lifecycle.drawings", "admin_drawings.execute", "admin_fulfillment.redraw"):
        assert ids[name] in targets[f"drawing-error-{name.replace('.', '-')}"]


def test_every_resource_argument_and_output_evaluates(tmp_path: Path) -> None:
    """An offline stand-in for `terraform validate`: every argument of every
    resource instance and every output, root and modules, evaluates."""
    root = stack(write_manifest(tmp_path, SYNTHETIC))
    modules = [root] + [root.module(b.labels[0]) for b in root.blocks if b.kind == "module"]
    rendered = 0
    for module in modules:
        for block in module.blocks:
            if block.kind == "output":
                module.output(block.labels[0])
            if block.kind not in ("resource", "data"):
                continue
            instances = module.resource(*block.labels, data=block.kind == "data")
            if isinstance(instances, Instance):
                instances = [instances]
            for instance in instances.values() if isinstance(instances, dict) else instances:
                instance.render()
                rendered += 1
    assert rendered > 100


def test_stripe_plans_webhook_route_and_alarm() -> None:
    """Premium billing (docs/billing.md): the plans' Stripe Prices, amounts and grace
    reach the functions, Stripe's webhook is a route without JWT authentication (Stripe
    signs its body instead), and a failed webhook invocation alarms."""
    prices = {"monthly": "price_m", "annual": "price_a"}
    root = Module(TERRAFORM, {**ROOT_VARS, "stripe_prices": prices, "billing_grace_days": 10})
    config = root.local("app_config")
    assert set(config["FITTRACK_STRIPE_PRICES"].split(",")) == {"monthly=price_m", "annual=price_a"}
    assert set(config["FITTRACK_BILLING_AMOUNTS"].split(",")) == {"monthly=499", "annual=4999"}
    assert config["FITTRACK_BILLING_GRACE_DAYS"] == "10"
    assert "FITTRACK_STRIPE_PRICES" not in stack().local("app_config")
    ids = function_ids(root)
    webhook = [r for r in deployed_routes(root) if r[0] == "/api/v1/billing/webhook"]
    assert webhook == [("/api/v1/billing/webhook", "POST", "ANONYMOUS", ids["billing.webhook"])]
    alarm = root.module("monitoring").local("alarms")["billing-error-billing-webhook"]
    assert ids["billing.webhook"] in alarm["query"] and "Error" in alarm["query"]


def test_tracker_client_ids_reach_the_functions() -> None:
    root = Module(
        TERRAFORM,
        {**ROOT_VARS, "tracker_client_ids": {"fitbit": "fb-client", "google_fit": "gf-client"}},
    )
    config = root.local("app_config")
    assert config["FITTRACK_TRACKER_FITBIT_CLIENT_ID"] == "fb-client"
    assert config["FITTRACK_TRACKER_GOOGLE_FIT_CLIENT_ID"] == "gf-client"


def test_apple_signing_key_ids_and_retired_providers_reach_the_functions() -> None:
    root = Module(
        TERRAFORM,
        {
            **ROOT_VARS,
            "oidc_signing_keys": {"apple": {"team_id": "TEAM123456", "key_id": "KEY7654321"}},
            "retired_tracker_providers": ["google_fit"],
        },
    )
    config = root.local("app_config")
    assert config["FITTRACK_OIDC_APPLE_TEAM_ID"] == "TEAM123456"
    assert config["FITTRACK_OIDC_APPLE_KEY_ID"] == "KEY7654321"
    assert config["FITTRACK_RETIRED_PROVIDERS"] == "google_fit"
    unset = Module(TERRAFORM, ROOT_VARS).local("app_config")
    assert not {"FITTRACK_OIDC_APPLE_TEAM_ID", "FITTRACK_RETIRED_PROVIDERS"} & set(unset)


# ---- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("fittrack", "fittrackbastion"), ("fittrack-stg", "fittrackstgbastion")],
)
def test_the_bastion_name_keeps_letters_and_digits_only(prefix: str, expected: str) -> None:
    root = Module(
        TERRAFORM, {**ROOT_VARS, "name_prefix": prefix, "bastion_client_cidrs": ["203.0.113.0/24"]}
    )
    [bastion] = root.module("network").resource("oci_bastion_bastion", "db")
    assert bastion.render()["name"] == expected


# ---- provisioned concurrency -----------------------------------------------------------


def with_pcu(units: dict[str, int]) -> Module:
    return Module(TERRAFORM, {**ROOT_VARS, "provisioned_concurrency": units})


@pytest.mark.parametrize(
    "units",
    [
        {"health.status": 40},  # 128 MB: multiples of 40
        {"health.status": 80},
        {"review.detect_anomalies": 10},  # 512 MB: multiples of 10
        {"health.status": 0},  # none
    ],
)
def test_provisioned_concurrency_in_the_documented_steps_is_planned(units: dict[str, int]) -> None:
    root = with_pcu(units)
    assert root.module("functions").output("ids")
    [name] = units
    fn = root.module("functions").resource("oci_functions_function", "fn")[name].render()
    # (The evaluator drops `count` inside the block as if it were the meta-argument.)
    expected = [{"strategy": "CONSTANT"}] if units[name] else []
    assert fn.get("provisioned_concurrency_config", []) == expected


@pytest.mark.parametrize(
    "units",
    [
        {"health.status": 1},  # 128 MB needs at least 40
        {"health.status": 60},  # and steps of 40
        {"review.detect_anomalies": 15},  # 512 MB: steps of 10
        {"no.such_function": 40},
    ],
)
def test_provisioned_concurrency_oci_would_refuse_fails_the_plan(units: dict[str, int]) -> None:
    with pytest.raises(hcl.HclError, match="provisioned_concurrency OCI would refuse"):
        with_pcu(units).module("functions").output("ids")


# ---- the functions' configuration budget ------------------------------------------------

# OCI Functions: all configuration keys and values of an application, and of a function,
# at most 4 KB (UTF-8 octets). Realistic lengths stand in for values known only after
# apply: an OCID is "ocid1.<type>.oc1.<region>." plus a 60-character unique part.
CONFIG_LIMIT_BYTES = 4096
UNIQUE = "a" * 60
REALISTIC = {
    ".id>": f"ocid1.vaultsecret.oc1.iad.{UNIQUE}",
    "messages_endpoint>": "https://cell-1.queue.messaging.us-ashburn-1.oci.oraclecloud.com",
    "primary_fqdn>": "a" * 38 + "-p.redis.us-ashburn-1.oci.oraclecloud.com",
    "hostname>": "aaaaaaaaaaaaaaaaaaaaaaaaaa.apigateway.us-ashburn-1.oci.customer-oci.com",
}
# The TLS connect descriptor of an ATP service (connection_strings.profiles[].value).
REALISTIC_DSN = (
    "(description= (retry_count=20)(retry_delay=3)(address=(protocol=tcps)(port=1521)"
    "(host=aaaaaaaa.adb.us-ashburn-1.oraclecloud.com))(connect_data=(service_name="
    "g1a2b3c4d5e6f7g_fittrack_tp.adb.oraclecloud.com))(security=(ssl_server_dn_match=yes)))"
)


def realistic(value: str) -> str:
    def one(match: re.Match[str]) -> str:
        placeholder = match.group(0)
        return next(v for suffix, v in REALISTIC.items() if placeholder.endswith(suffix))

    return re.sub(r"<oci_[^<>]+>", one, value)


def config_bytes(config: dict[str, str]) -> int:
    return sum(len(k.encode()) + len(v.encode()) for k, v in config.items())


def test_the_function_configuration_fits_in_4_kb_with_realistic_ocids() -> None:
    config = stack(MANIFEST).local("app_config")
    config = {
        k: REALISTIC_DSN if k == "FITTRACK_ORACLE_DSN" else realistic(v) for k, v in config.items()
    }
    assert not [v for v in config.values() if "<oci_" in v or "<conditional>" in v]
    longest_name = max(len(f["name"]) for f in manifest_of(MANIFEST))
    per_function = len("FITTRACK_FUNCTION") + longest_name
    used = config_bytes(config) + per_function
    # Room for what the next features add: at least a quarter of the limit stays free.
    print(f"function configuration: {used} of {CONFIG_LIMIT_BYTES} bytes")
    assert used <= CONFIG_LIMIT_BYTES * 3 / 4, f"{used} bytes of {CONFIG_LIMIT_BYTES}"
