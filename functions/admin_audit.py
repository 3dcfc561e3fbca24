"""Admin: the audit log (every admin action with before/after) and its chain check."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.audit import AuditPage, AuditQuery, ChainVerification
from fittrack.services import audit_log

ROUTES = Routes("/admin/audit")


@function("admin_audit.list", http=ROUTES.get(), auth="admin", query=AuditQuery, response=AuditPage)
def list_entries(req: Request, query: AuditQuery) -> AuditPage:
    """Audit entries, newest first, by actor, entity, action and ET date range."""
    return audit_log.search(req.platform, query)


@function(
    "admin_audit.verify",
    http=ROUTES.get("/verify"),
    auth="admin",
    response=ChainVerification,
    timeout=120,
)
def verify(req: Request) -> ChainVerification:
    """Recompute the audit log's hash chain; where it breaks, if it does."""
    return audit_log.verify(req.platform)
