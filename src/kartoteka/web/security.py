"""Who may edit: a token printed at start, a cookie, and a form key against forgery.

Editing is off unless the server was started with `--edit`. The token printed
then is exchanged once for a cookie (HttpOnly, SameSite=Strict); every form that
changes something also carries a key derived from the token, and a request from
another origin is refused, so a page on another site cannot post on the user's
behalf.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

COOKIE = "kartoteka_edit"


def new_token() -> str:
    """A fresh unguessable edit token for one server run."""
    return secrets.token_urlsafe(18)


def form_key(token: str) -> str:
    """The anti-forgery key that every editing form carries, derived from the token."""
    return hmac.new(token.encode(), b"kartoteka-form", hashlib.sha256).hexdigest()


def same(given: str | None, expected: str | None) -> bool:
    """Compare secrets in constant time; a missing value never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def same_origin(origin: str | None, referer: str | None, host: str | None) -> bool:
    """Whether a browser says the request came from a page of this server.

    Browsers send `Origin` with every form post; `Referer` is the fallback. A
    request that names neither (a script, a test client) is judged by its token.
    """
    source = origin if origin and origin != "null" else referer
    if not source:
        return origin != "null"
    return urlsplit(source).netloc == (host or "")
