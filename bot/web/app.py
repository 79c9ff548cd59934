"""The one Starlette app of the web channel: the chat, the panel (when its module is there),
static files, error pages, and — in webhook mode — Telegram's webhook beside them.

Every page is server-rendered and works without JavaScript; every response gets the strict
security headers, every page a per-client rate limit and a request size limit, and every error
page shows 112 and the national 24/7 lines (bot/web/common.py).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from typing import Final

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bot.web import chat
from bot.web.common import (
    STATIC_DIR,
    RequestLimitsMiddleware,
    SecurityHeadersMiddleware,
    ServerErrorPageMiddleware,
    WebContext,
    error_response,
)

logger = logging.getLogger(__name__)

# Modules that add pages: each has `routes(web: WebContext) -> Sequence[BaseRoute]`; a module
# that is not there is skipped (the panel is built beside the chat).
WEB_EXTENSIONS: Final = ("bot.web.panel",)


def extension_routes(web: WebContext) -> list[BaseRoute]:
    """The routes of every web extension module present."""
    found: list[BaseRoute] = []
    for name in WEB_EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        routes_of = getattr(module, "routes", None)
        if not callable(routes_of):
            logger.warning("web extension %s has no routes(web); not mounted", name)
            continue
        found.extend(routes_of(web))
    return found


def build_web_app(web: WebContext, extra_routes: Sequence[BaseRoute] = ()) -> Starlette:
    """The app: chat at / and /chat, extensions, /static, and `extra_routes` (the webhook's)."""

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return await error_response(web, request, status)

    routes: list[BaseRoute] = [
        *chat.routes(web),
        *extension_routes(web),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
        *extra_routes,
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            # Outermost first: every response, error pages included, gets the headers.
            Middleware(SecurityHeadersMiddleware),
            Middleware(ServerErrorPageMiddleware, web=web),
            Middleware(RequestLimitsMiddleware, web=web),
        ],
        exception_handlers={HTTPException: http_error},
    )
    app.state.web = web
    return app
