"""Analyst API: the review queue, corrections, the dashboard and its charts (role analyst/admin)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from analytics.charts import CHARTS
from analytics.metrics import Dashboard, percentile
from analytics.transcripts import parse_since
from handoff.domain import Permission
from handoff.web.agent import me, read_body, staff
from handoff.web.context import gateway
from handoff.web.errors import ApiError

analyst = Blueprint("analyst", url_prefix="/api/analyst")

DEFAULT_PERIOD_DAYS = 14
MAX_PERIOD_DAYS = 366  # the service refuses longer periods
EARLIEST = date(2000, 1, 1)
MAX_ROW_ID = 2**31 - 1  # message ids are 32-bit on PostgreSQL: anything larger names nothing


def _float(request: Request, name: str, default: float | None) -> float | None:
    raw_value = request.args.get(name)
    if raw_value in (None, ""):
        return default
    try:
        value = float(raw_value)
    except ValueError:
        raise ApiError(422, f"{name} must be a number") from None
    if not 0 <= value <= 1:
        raise ApiError(422, f"{name} must be between 0 and 1")
    return value


def period(request: Request) -> tuple[date, date]:
    """``from`` and ``to`` (dates, inclusive; default the last DEFAULT_PERIOD_DAYS days to today,
    UTC), or ``days``: the last N days to today."""
    today = gateway(request).clock().date()
    days = request.args.get("days")
    if days not in (None, ""):
        if request.args.get("from") or request.args.get("to"):
            raise ApiError(422, "give either days or from and to, not both")
        try:
            count = int(days)
        except ValueError:
            raise ApiError(422, "days must be a whole number") from None
        if not 1 <= count <= MAX_PERIOD_DAYS:
            raise ApiError(422, f"days must be between 1 and {MAX_PERIOD_DAYS}")
        return today - timedelta(days=count - 1), today
    try:
        end = date.fromisoformat(request.args.get("to") or today.isoformat())
        start = date.fromisoformat(
            request.args.get("from") or (end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)).isoformat()
        )
    except ValueError:
        raise ApiError(422, "from and to are dates like 2026-11-28") from None
    # Dates at the ends of the calendar overflow the day arithmetic (it used to be a 500).
    if start < EARLIEST or end > today + timedelta(days=366):
        raise ApiError(422, f"from and to must lie between {EARLIEST.isoformat()} and a year from today")
    return start, end


def dashboard_json(board: Dashboard) -> dict[str, Any]:
    return {
        "from": board.days[0].isoformat(),
        "to": board.days[-1].isoformat(),
        "topics": board.topics,
        "by_day": [
            {
                "day": day.isoformat(),
                "topics": board.conversations_by_day_and_topic[day],
                "reports": board.reports_by_day.get(day, 0),
            }
            for day in board.days
        ],
        "totals": {
            "conversations": board.conversations,
            "contained": board.contained,
            "containment_rate": board.containment_rate,
            "handed_off": board.handed_off,
            "handoff_rate": board.handoff_rate,
            "emergencies": board.emergencies,
            "reports_submitted": board.reports_submitted,
            "queue_wait_median_seconds": board.wait_median_seconds,
            "queue_wait_p90_seconds": board.wait_p90_seconds,
            "unclaimed": board.unclaimed,
            "unfinished": board.unfinished,
            "closed_with_thrive": board.closed_with_thrive,
            "thrive_high": board.thrive_high,
            "closed_with_reference": board.closed_with_reference,
        },
        "signpost": {
            "topics": board.signpost_topics,
            "by_day": [
                {"day": day.isoformat(), "topics": board.signpost_by_day.get(day, {})} for day in board.days
            ],
        },
        "desk": {
            "outcomes": board.decision_outcomes,
            "by_day": [
                {
                    "day": day.isoformat(),
                    "outcomes": board.decisions_by_day.get(day, {}),
                    "median_hours": percentile(board.decision_hours_by_day.get(day, []), 0.5),
                    "slowest_hours": max(board.decision_hours_by_day.get(day, []), default=None),
                }
                for day in board.days
            ],
            "decided": len(board.decision_hours),
            "median_hours": percentile(board.decision_hours, 0.5),
            "p90_hours": percentile(board.decision_hours, 0.9),
            "within_24_hours": sum(1 for h in board.decision_hours if h <= 24),
        },
        "charts": sorted(CHARTS),
    }


@analyst.get("/review")
@staff(changes_state=False)
async def review(request: Request) -> HTTPResponse:
    gw = gateway(request)
    try:
        since = parse_since(request.args.get("since") or "7d", gw.clock())
    except OverflowError:
        raise ApiError(422, "since: that is too far back") from None
    except ValueError as error:
        raise ApiError(422, f"since: {error}") from None
    try:
        limit = int(request.args.get("limit") or 100)
    except ValueError:
        raise ApiError(422, "limit must be a whole number") from None
    rows = await gw.analyst.review_queue(
        me(request),
        since=since,
        max_confidence=_float(request, "max_confidence", 0.7),
        intent=request.args.get("intent") or None,
        limit=limit,
        unreviewed_only=request.args.get("unreviewed") in ("1", "true", "yes"),
    )
    return json({"messages": rows, "intents": gw.analyst.intent_choices()})


@analyst.post("/review/<message_id:int>")
@staff()
async def correct(request: Request, message_id: int) -> HTTPResponse:
    if not 0 < message_id <= MAX_ROW_ID:
        raise ApiError(404, "no such message")
    body = read_body(request)
    confirm = body.get("reviewed") is True
    return json(
        await gateway(request).analyst.correct(me(request), message_id, body.get("intent"), confirm=confirm)
    )


@analyst.get("/dashboard")
@staff(changes_state=False)
async def dashboard(request: Request) -> HTTPResponse:
    start, end = period(request)
    gw = gateway(request)
    body = dashboard_json(await gw.analyst.dashboard(me(request), start, end))
    body["model"] = await gw.citizen.assistant.loaded_model()  # which model is answering now
    return json(body)


@analyst.get("/charts/<filename:str>")
@staff(changes_state=False)
async def chart(request: Request, filename: str) -> HTTPResponse:
    name = filename.removesuffix(".png")
    render = CHARTS.get(name) if filename.endswith(".png") else None
    if render is None:
        raise ApiError(404, f"no chart called {name!r}; charts: {', '.join(sorted(CHARTS))}")
    me(request).require(Permission.ANALYST_VIEW)
    start, end = period(request)
    board = await gateway(request).analyst.dashboard(me(request), start, end)
    return raw(render(board), content_type="image/png", headers={"Cache-Control": "private, max-age=60"})
