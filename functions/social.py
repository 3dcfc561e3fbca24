"""Social login: Google and Apple over OpenID Connect (authorization code + PKCE)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fittrack.http import refresh_cookie, signin_binding
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request, Response
from fittrack.schemas.social import (
    SocialAuthorization,
    SocialCallbackRequest,
    SocialLinked,
    SocialLinkRequest,
    SocialLoginTokens,
)
from fittrack.services import social, social_links

ROUTES = Routes("/auth/social")


@function(
    "social.initiate",
    http=ROUTES.post("/{provider}/initiate"),
    auth="public",
    response=SocialAuthorization,
    timeout=15,
)
def initiate(req: Request) -> Any:
    """Start a Google or Apple sign-in: the URL to send the browser to, and its state."""
    started = social.initiate(req.platform, req.path_params["provider"])
    if started.binding is None:
        return started.authorization
    return Response(
        body=started.authorization.model_dump(mode="json", by_alias=True),
        headers={"Set-Cookie": signin_binding.set_cookie(started.binding)},
    )


@function(
    "social.apple_form_post",
    http=ROUTES.post("/apple/form-post"),
    auth="public",
    status=303,
    timeout=15,
)
def apple_form_post(req: Request) -> Response:
    """Apple's redirect URI: its page POSTs code, state and (the first time) user as a
    form; the browser is sent on to the app's /auth/callback/apple with code and state."""
    try:
        fields = parse_qs(req.body.decode("utf-8", "replace"), max_num_fields=8)
    except ValueError:  # more fields than Apple ever sends: treated as no form at all
        fields = {}
    form = {name: values[-1] for name, values in fields.items()}
    location = social.apple_form_post(req.platform, form, signin_binding.presented(req))
    return Response(status=303, headers={"Location": location, "Cache-Control": "no-store"})


@function(
    "social.callback",
    memory=256,
    http=ROUTES.post("/{provider}/callback"),
    auth="public",
    request=SocialCallbackRequest,
    response=SocialLoginTokens,
    timeout=30,
    refresh_cookie="issue",
    problems=(409,),  # an unknown, used or expired state; an email that cannot be linked
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


@function(
    "social.link",
    http=ROUTES.post("/link"),
    auth="member",
    request=SocialLinkRequest,
    response=SocialLinked,
)
def link(req: Request, body: SocialLinkRequest) -> SocialLinked:
    """Link the Google or Apple identity of a refused sign-in to the signed-in account."""
    return social_links.complete(req.platform, req.user, body.link_token)
