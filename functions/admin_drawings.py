"""Admin: drawings (create, edit, schedule, open, close, draw, cancel, audit) and templates."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.drawing_admin import (
    AdminDrawingList,
    AdminDrawingsQuery,
    AdminDrawingView,
    CancelDrawing,
    DrawingAudit,
    DrawingCreate,
    DrawingUpdate,
    ExecutionResult,
    TemplateIn,
    TemplateList,
    TemplateView,
)
from fittrack.services import admin_drawings, drawing_templates

_ID = "/admin/drawings/{drawingId}"
_TEMPLATE = "/admin/drawing-templates/{templateId}"


ROUTES = Routes("/admin")


@function(
    "admin_drawings.list",
    http=ROUTES.get("/drawings"),
    auth="admin",
    query=AdminDrawingsQuery,
    response=AdminDrawingList,
    memory=256,
)
def list_drawings(req: Request, query: AdminDrawingsQuery) -> AdminDrawingList:
    """Every drawing, drafts included (filters status and type), newest first."""
    return admin_drawings.list_drawings(req.platform, query)


@function(
    "admin_drawings.create",
    http=ROUTES.post("/drawings"),
    auth="admin",
    request=DrawingCreate,
    response=AdminDrawingView,
    status=201,
    memory=256,
)
def create(req: Request, body: DrawingCreate) -> AdminDrawingView:
    """Create a draft drawing (cost and time default to SPEC.md's for the type)."""
    return admin_drawings.create(req.platform, req.user.user_id, body)


@function(
    "admin_drawings.get",
    http=("GET", _ID),
    auth="admin",
    response=AdminDrawingView,
    memory=256,
)
def get(req: Request) -> AdminDrawingView:
    """One drawing, as admins see it."""
    return admin_drawings.get(req.platform, req.id("drawingId"))


@function(
    "admin_drawings.update",
    http=("PUT", _ID),
    auth="admin",
    request=DrawingUpdate,
    response=AdminDrawingView,
    memory=256,
)
def update(req: Request, body: DrawingUpdate) -> AdminDrawingView:
    """Edit a draft or scheduled drawing (409 problem afterwards)."""
    return admin_drawings.update(req.platform, req.user.user_id, req.id("drawingId"), body)


@function(
    "admin_drawings.schedule",
    http=("POST", _ID + "/schedule"),
    auth="admin",
    response=AdminDrawingView,
    memory=256,
)
def schedule(req: Request) -> AdminDrawingView:
    """draft -> scheduled (needs at least one prize); it opens at opensAt."""
    return admin_drawings.schedule(req.platform, req.user.user_id, req.id("drawingId"))


@function(
    "admin_drawings.open",
    http=("POST", _ID + "/open"),
    auth="admin",
    response=AdminDrawingView,
    memory=256,
)
def open_drawing(req: Request) -> AdminDrawingView:
    """scheduled -> open now: commit to the secret seed and start ticket sales."""
    return admin_drawings.open_now(req.platform, req.user.user_id, req.id("drawingId"))


@function(
    "admin_drawings.close",
    http=("POST", _ID + "/close"),
    auth="admin",
    response=AdminDrawingView,
    memory=512,
    timeout=60,
)
def close(req: Request) -> AdminDrawingView:
    """open -> closed now: stop sales, freeze the snapshot and publish its Merkle root."""
    return admin_drawings.close_now(req.platform, req.user.user_id, req.id("drawingId"))


@function(
    "admin_drawings.execute",
    http=("POST", _ID + "/execute"),
    auth="admin",
    step_up=True,
    response=ExecutionResult,
    memory=512,
    timeout=120,
)
def execute(req: Request) -> ExecutionResult:
    """Run the draw of a closed drawing (idempotent): reveal the seed, pick, notify winners."""
    return admin_drawings.execute(req.platform, req.user.user_id, req.id("drawingId"))


@function(
    "admin_drawings.cancel",
    http=("DELETE", _ID),
    auth="admin",
    step_up=True,
    request=CancelDrawing,
    response=AdminDrawingView,
    memory=512,
    timeout=300,
)
def cancel(req: Request, body: CancelDrawing) -> AdminDrawingView:
    """Cancel a drawing before it is drawn; every ticket's points are refunded."""
    return admin_drawings.cancel(req.platform, req.user.user_id, req.id("drawingId"), body.reason)


@function(
    "admin_drawings.audit",
    http=("GET", _ID + "/audit"),
    auth="admin",
    response=DrawingAudit,
    memory=256,
)
def audit(req: Request) -> DrawingAudit:
    """The drawing's entries in the hash-chained audit log."""
    return admin_drawings.audit_trail(req.platform, req.id("drawingId"))


@function(
    "admin_drawings.list_templates",
    http=ROUTES.get("/drawing-templates"),
    auth="admin",
    response=TemplateList,
)
def list_templates(req: Request) -> TemplateList:
    """Recurring drawing templates."""
    return drawing_templates.list_templates(req.platform)


@function(
    "admin_drawings.create_template",
    http=ROUTES.post("/drawing-templates"),
    auth="admin",
    request=TemplateIn,
    response=TemplateView,
    status=201,
)
def create_template(req: Request, body: TemplateIn) -> TemplateView:
    """Add a recurring template (daily, weekly, monthly or annual, SPEC.md times in ET)."""
    return drawing_templates.create(req.platform, req.user.user_id, body)


@function(
    "admin_drawings.update_template",
    http=("PUT", _TEMPLATE),
    auth="admin",
    request=TemplateIn,
    response=TemplateView,
)
def update_template(req: Request, body: TemplateIn) -> TemplateView:
    """Replace a template (drawings already created keep their terms)."""
    return drawing_templates.update(req.platform, req.user.user_id, req.id("templateId"), body)


@function(
    "admin_drawings.delete_template",
    http=("DELETE", _TEMPLATE),
    auth="admin",
    response=TemplateView,
)
def delete_template(req: Request) -> TemplateView:
    """Deactivate a template: no further drawings are created from it."""
    return drawing_templates.deactivate(req.platform, req.user.user_id, req.id("templateId"))
