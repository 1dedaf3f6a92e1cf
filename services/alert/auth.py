"""Bearer-token scopes of ``brink api``: read < write < admin.

- **read** (``READ_TOKEN``): what Brink found — alerts, events, articles — and the silences.
- **write** (``WRITE_TOKEN``): read, plus creating and deleting silences.
- **admin** (``ADMIN_TOKEN``): everything, including webhook subscriptions (their URLs may carry
  credentials, and creating one returns a signing secret).

A token grants its own scope and every scope below it. The token presented is compared with
every configured token in constant time (``hmac.compare_digest``, all of them, whatever matches),
so neither the answer nor its timing tells which token was close. With no token configured at all
(a laptop) every GET is open and every change is refused with 503 until a token is set; once any
token is set, every call needs one. A scope that no configured token can grant answers 503 and
says which variable to set. Wrong or missing token: 401; a valid token of too low a scope: 403.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from enum import IntEnum
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from brink.settings import Settings

BEARER = HTTPBearer(auto_error=False, description="READ_TOKEN, WRITE_TOKEN or ADMIN_TOKEN")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="brink"'}


class Scope(IntEnum):
    READ = 1
    WRITE = 2
    ADMIN = 3


# Which variables can grant a scope, highest first (for the 503 message).
_GRANTING = {
    Scope.READ: "READ_TOKEN, WRITE_TOKEN or ADMIN_TOKEN",
    Scope.WRITE: "WRITE_TOKEN or ADMIN_TOKEN",
    Scope.ADMIN: "ADMIN_TOKEN",
}


class Tokens:
    """The configured tokens and the scope each grants."""

    def __init__(self, settings: Settings) -> None:
        configured = (
            (Scope.READ, settings.read_token),
            (Scope.WRITE, settings.write_token),
            (Scope.ADMIN, settings.admin_token),
        )
        self._tokens = [(scope, token.encode()) for scope, token in configured if token]

    @property
    def any(self) -> bool:
        return bool(self._tokens)

    def can_grant(self, scope: Scope) -> bool:
        return any(granted >= scope for granted, _ in self._tokens)

    def scope_of(self, presented: str) -> Scope | None:
        """The highest scope ``presented`` grants (None: no token matches). Every configured token
        is compared, in constant time, whether or not an earlier one matched."""
        given = presented.encode()
        found: Scope | None = None
        for scope, token in self._tokens:
            if hmac.compare_digest(given, token) and (found is None or scope > found):
                found = scope
        return found

    def check(self, required: Scope, presented: str | None, reading: bool) -> None:
        """Raise the HTTPException a request needing ``required`` gets, or return when allowed.
        ``reading``: the request changes nothing (GET, HEAD)."""
        if not self.any:
            if reading:
                return
            raise HTTPException(
                503,
                f"no API token is set, so this API refuses changes: set {_GRANTING[required]} to a long "
                "random string in the API's environment and restart it",
            )
        if not self.can_grant(required):
            raise HTTPException(
                503, f"this call needs the {required.name.lower()} scope: set {_GRANTING[required]}"
            )
        granted = self.scope_of(presented or "")
        if granted is None:
            raise HTTPException(401, "missing or wrong bearer token", headers=CHALLENGE)
        if granted < required:
            raise HTTPException(
                403,
                f"this token has the {granted.name.lower()} scope; this call needs "
                f"{required.name.lower()} ({_GRANTING[required]})",
            )


def requires(tokens: Tokens, scope: Scope) -> Callable[..., Awaitable[None]]:
    """A FastAPI dependency that lets a request through only with a token granting ``scope``."""

    async def check(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
    ) -> None:
        presented = credentials.credentials if credentials is not None else None
        tokens.check(scope, presented, reading=request.method in ("GET", "HEAD"))

    return check
