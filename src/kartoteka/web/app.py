"""The web application: `create_app(settings)` for tests, `serve(settings)` for people.

Pages are rendered on the server; the few scripts and the stylesheet are served
from the package, and the browser is told to load nothing from anywhere else.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kartoteka import __version__
from kartoteka.store import StoreError
from kartoteka.web.desk import add_review
from kartoteka.web.downloads import add_downloads
from kartoteka.web.edits import add_edits
from kartoteka.web.ipif import add_ipif
from kartoteka.web.pages import add_pages
from kartoteka.web.reconcile import add_reconcile
from kartoteka.web.site import Settings, Site, WorkLimit

STATIC = Path(__file__).parent / "static"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
ANY_ADDRESS = ("0.0.0.0", "::", "")
SHUTDOWN_SECONDS = 2  # a stopping server waits this long for unfinished requests
POLICY = (
    b"default-src 'self'; script-src 'self'; style-src 'self'; "
    b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
)
HEADERS = [
    (b"content-security-policy", POLICY + b"; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
# OpenRefine shows a card's preview in a frame of its own page; the preview has
# nothing to click, so it alone may be framed.
FRAMEABLE = ("/reconcile/preview",)
FRAMEABLE_HEADERS = [
    (b"content-security-policy", POLICY),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """Add the security headers to every response, without a per-request task."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        headers = FRAMEABLE_HEADERS if scope["path"] in FRAMEABLE else HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ApiOrigins:
    """Let the named web pages (OpenRefine's) read `/reconcile` and `/ipif`.

    OpenRefine's page fetches the manifest, suggestions and property proposals
    from the browser; a page of any other origin still cannot read them.
    """

    PATHS = ("/reconcile", "/ipif")

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        self.origins = {o.rstrip("/").encode() for o in origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.PATHS):
            await self.app(scope, receive, send)
            return
        origin = dict(scope["headers"]).get(b"origin")
        allowed = (
            [(b"access-control-allow-origin", origin)] if origin in self.origins else []
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"vary", b"Origin"),
                    *allowed,
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def own_names() -> set[str]:
    """This machine's names and the addresses they resolve to."""
    names = {socket.gethostname(), socket.getfqdn()}
    for name in list(names):
        try:
            found = socket.getaddrinfo(name, None)
        except OSError:
            continue
        names |= {str(info[4][0]) for info in found}
    return {_bracketed(n) for n in names if n}


def _bracketed(host: str) -> str:
    """An IPv6 address as a Host header writes it."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def allowed_hosts(settings: Settings) -> list[str]:
    """Host names the server answers to, so another site cannot rebind onto it.

    Bound to every address, the server also answers to this machine's own names
    and addresses; any other name must be allowed by the user (`--allow-host`).
    """
    hosts = {*LOCAL_NAMES, *settings.allowed_hosts}
    if settings.host:
        hosts.add(_bracketed(settings.host))
    if settings.host in ANY_ADDRESS:
        hosts |= own_names()
    return sorted(h.lower() for h in hosts)


def create_app(settings: Settings) -> FastAPI:
    """The web app over one knowledge base."""
    site = Site(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        site.stopping.set()

    app = FastAPI(
        title="kartoteka",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.site = site
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_pages(app, site)
    add_edits(app, site)
    add_downloads(app, site)
    add_reconcile(app, site)
    add_ipif(app, site)
    add_review(app, site)

    @app.exception_handler(StoreError)
    def unavailable(request: Request, error: StoreError) -> Response:
        return site.render("refused.html", status=503, message=str(error))

    @app.exception_handler(WorkLimit)
    def stopped(request: Request, error: WorkLimit) -> Response:
        return site.render("refused.html", status=503, message=str(error))

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ApiOrigins, origins=settings.api_origins)
    return app


def serve(settings: Settings) -> None:
    """Run the web app until Ctrl-C or SIGTERM, which stop it within seconds.

    Unfinished requests get a short grace; then the app's shutdown tells SQLite
    to abandon the queries still running, so no worker thread keeps it alive.
    The templates are compiled before the first request, which would otherwise
    wait a quarter of a second for them.
    """
    import uvicorn

    app = create_app(settings)
    app.state.site.compile_templates()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )
