"""``brink api``'s read calls: what Brink found (alerts, events, articles), read scope.

Every filter is checked: a malformed value gets 422 naming it, and so does a query parameter the
call does not know (``reject_unknown_query``), so a misspelt filter is never silently ignored.
Dyads may be given in either order (``USA-IRN`` is ``IRN-USA``). Times without a zone are UTC.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError

from schemas.alert import AlertLevel, AlertType
from schemas.findings import ArticleFindings, ArticlePage, EventPage
from schemas.subscription import AlertsView
from services.alert.findings import CursorError, EventFilter, FindingsStore, Window
from services.alert.store import AlertProjection, AlertQuery, StoreError

DYAD = r"^[A-Z]{3}-[A-Z]{3}$"
COUNTRY = r"^[A-Z]{3}$"
ARTICLE_ID = r"^[A-Za-z0-9_-]{1,128}$"

DyadParam = Annotated[
    str | None, Query(pattern=DYAD, description="Two ISO alpha-3 codes in either order, e.g. USA-IRN.")
]
CountryParam = Annotated[
    str | None, Query(pattern=COUNTRY, description="ISO alpha-3: either side of the pair.")
]
SinceParam = Annotated[datetime | None, Query(description="From this time on (inclusive; UTC if no zone).")]
UntilParam = Annotated[datetime | None, Query(description="Before this time (exclusive; UTC if no zone).")]
CursorParam = Annotated[str | None, Query(max_length=512, description="`next_cursor` of the previous page.")]
LimitParam = Annotated[int, Query(ge=1, le=500, description="Most items in this page.")]


async def reject_unknown_query(request: Request) -> None:
    """422 naming every query parameter the matched route does not declare."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        accepted = ", ".join(sorted(allowed)) or "none"
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ("query", name),
                    "msg": f"unknown query parameter {name!r}; this call accepts: {accepted}",
                    "input": request.query_params.get(name),
                }
                for name in unknown
            ]
        )


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route declares, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def sorted_dyad(dyad: str | None) -> str | None:
    return None if dyad is None else "-".join(sorted(dyad.split("-")))


def _utc(at: datetime | None) -> datetime | None:
    if at is None:
        return None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _window(since: datetime | None, until: datetime | None, cursor: str | None, limit: int) -> Window:
    since, until = _utc(since), _utc(until)
    if since is not None and until is not None and since >= until:
        raise HTTPException(422, "since must be earlier than until")
    return Window(since=since, until=until, cursor=cursor, limit=limit)


def read_router(read: Callable[..., Awaitable[None]]) -> APIRouter:
    """The read calls; ``read`` is the read-scope dependency."""
    router = APIRouter(prefix="/v1", dependencies=[Depends(read)])

    def findings(request: Request) -> FindingsStore:
        store: FindingsStore = request.app.state.findings
        return store

    @router.get("/alerts", response_model=AlertsView)
    async def list_alerts(
        request: Request,
        limit: LimitParam = 100,
        dyad: DyadParam = None,
        country: CountryParam = None,
        level: Annotated[
            list[AlertLevel] | None, Query(description="Only these levels (repeat for several).")
        ] = None,
        type: Annotated[
            list[AlertType] | None, Query(description="Only these transitions (repeat for several).")
        ] = None,
        since: Annotated[
            datetime | None, Query(description="Transitions whose event time `at` is at or after this.")
        ] = None,
        cursor: CursorParam = None,
    ) -> AlertsView:
        """Open alerts (on the first page) and the recent transitions, newest first.

        `dyad`, `country` and `level` filter both; `type` and `since` (event time) the transitions."""
        projection: AlertProjection = request.app.state.projection
        query = AlertQuery(
            dyad=sorted_dyad(dyad),
            country=country,
            levels=frozenset(level or ()),
            types=frozenset(type or ()),
            since=_utc(since),
            cursor=cursor,
            limit=limit,
        )
        try:
            return await projection.view(query)
        except StoreError as exc:
            raise HTTPException(422, str(exc)) from exc

    @router.get("/events", response_model=EventPage)
    async def list_events(
        request: Request,
        dyad: DyadParam = None,
        country: CountryParam = None,
        cameo_root: Annotated[int | None, Query(ge=1, le=20, description="CAMEO root code, 1-20.")] = None,
        min_threat: Annotated[float | None, Query(ge=0, le=1, description="Least threat_score.")] = None,
        article_id: Annotated[str | None, Query(pattern=ARTICLE_ID)] = None,
        since: SinceParam = None,
        until: UntilParam = None,
        limit: LimitParam = 100,
        cursor: CursorParam = None,
    ) -> EventPage:
        """Coded events, newest event time (the article's `published_at`) first."""
        wanted = EventFilter(
            dyad=sorted_dyad(dyad),
            country=country,
            cameo_root=cameo_root,
            min_threat=min_threat,
            article_id=article_id,
        )
        try:
            events, next_cursor = await findings(request).events(wanted, _window(since, until, cursor, limit))
        except CursorError as exc:
            raise HTTPException(422, str(exc)) from exc
        return EventPage(events=events, next_cursor=next_cursor)

    @router.get("/articles", response_model=ArticlePage)
    async def list_articles(
        request: Request,
        source: Annotated[str | None, Query(max_length=200, description="Outlet (case-insensitive).")] = None,
        since: SinceParam = None,
        until: UntilParam = None,
        limit: Annotated[int, Query(ge=1, le=100, description="Most articles in this page.")] = 20,
        cursor: CursorParam = None,
    ) -> ArticlePage:
        """Articles Brink read, newest `published_at` first, each with the events coded from it."""
        try:
            articles, next_cursor = await findings(request).articles(
                _window(since, until, cursor, limit), source=source
            )
        except CursorError as exc:
            raise HTTPException(422, str(exc)) from exc
        return ArticlePage(articles=articles, next_cursor=next_cursor)

    @router.get("/articles/{article_id}", response_model=ArticleFindings)
    async def get_article(
        request: Request, article_id: Annotated[str, Path(pattern=ARTICLE_ID)]
    ) -> ArticleFindings:
        """One article and its events (404 when neither is kept any more, or it was never seen)."""
        found = await findings(request).article(article_id)
        if found is None:
            raise HTTPException(
                404,
                f"no article {article_id} among the kept findings "
                "(FINDINGS_MAX_ARTICLES, FINDINGS_MAX_EVENTS)",
            )
        return found

    return router
