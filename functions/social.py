"""Social login: Google and Apple over OpenID Connect (authorization code + PKCE)."""

from __future__ import annotations

from typing import Any

from fittrack.http import refresh_cookie
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.social import SocialAuthorization, SocialCallbackRequest, SocialLoginTokens
from fittrack.services import social

ROUTES = Routes("/auth/social")


@function(
    "social.initiate",
    http=ROUTES.post("/{provider}/initiate"),
    auth="public",
    response=SocialAuthorization,
    timeout=15,
)
def initiate(req: Request) -> SocialAuthorization:
    """Start a Google or Apple sign-in: the URL to send the browser to, and its state."""
    return social.initiate(req.platform, req.path_params["provider"])


@function(
    "social.callback",
    memory=256,
    http=ROUTES.post("/{provider}/callback"),
    auth="public",
    request=SocialCallbackRequest,
    response=SocialLoginTokens,
    timeout=30,
    refresh_cookie="issue",
)
def callback(req: Request, body: SocialCallbackRequest) -> Any:
    """Finish the sign-in with the code and state the provider sent back; answers as login."""
    refresh_cookie.check_headers(req)
    tokens = social.callback(
        req.platform,
        req.path_params["provider"],
        code=body.code,
        state=body.state,
        device_id=body.device_id,
        user_agent=req.header("user-agent"),
        ip=req.client_ip,
    )
    return refresh_cookie.answer_tokens(req, tokens)
