"""Appeals by members: a suspended member signed in, a banned one through the public
form and its emailed link (docs/admin.md, Appeals)."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.appeals import (
    AppealRequest,
    AppealView,
    ConfirmAppealRequest,
    ConfirmedAppeal,
    MyAppeals,
    PublicAppealRequest,
)
from fittrack.schemas.auth import Accepted
from fittrack.services import appeals

_RECEIVED = "If a banned account uses that address, we have sent it a link to confirm the appeal."


@function(
    "appeals.submit",
    http=("POST", "/users/me/appeals"),
    request=AppealRequest,
    response=AppealView,
    status=201,
    problems=(409,),  # not suspended, or an appeal is already open
)
def submit(req: Request, body: AppealRequest) -> AppealView:
    """A suspended member appeals; it joins the admins' queue."""
    return appeals.submit(req.platform, req.user, body.message)


@function("appeals.mine", http=("GET", "/users/me/appeals"), response=MyAppeals)
def mine(req: Request) -> MyAppeals:
    """The member's appeals and their decisions, newest first."""
    return appeals.mine(req.platform, req.user)


@function(
    "appeals.submit_public",
    http=("POST", "/appeals"),
    auth="public",
    request=PublicAppealRequest,
    response=Accepted,
    status=202,
)
def submit_public(req: Request, body: PublicAppealRequest) -> Accepted:
    """A banned member's appeal: emails a confirmation link (the same answer for any address)."""
    appeals.submit_public(req.platform, body.email, body.message)
    return Accepted(message=_RECEIVED)


@function(
    "appeals.confirm",
    http=("POST", "/appeals/confirm"),
    auth="public",
    request=ConfirmAppealRequest,
    response=ConfirmedAppeal,
    problems=(409,),  # an unknown, used or expired link, or an appeal already open
)
def confirm(req: Request, body: ConfirmAppealRequest) -> ConfirmedAppeal:
    """The emailed link: the appeal reaches the admins' queue."""
    return appeals.confirm(req.platform, body.token)
