"""The reports desk API (role ``desk``; supervisors and admins too): session cookie and
``X-CSRF-Token`` on every state change, as the agent API."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from handoff.domain.report import DESK_OUTCOMES
from handoff.domain.thrive import THRIVE_ITEMS, THRIVE_LEVELS
from handoff.web.agent import me, read_body, staff
from handoff.web.context import gateway

desk = Blueprint("desk", url_prefix="/api/desk")


@desk.get("/reports")
@staff(changes_state=False)
async def reports(request: Request) -> HTTPResponse:
    status = request.args.get("status") or None
    kind = request.args.get("kind") or None
    return json({"reports": await gateway(request).desk.listing(me(request), status, kind)})


@desk.get("/reports/<reference:str>")
@staff(changes_state=False)
async def report(request: Request, reference: str) -> HTTPResponse:
    return json(await gateway(request).desk.detail(me(request), reference))


@desk.post("/reports/<reference:str>/claim")
@staff()
async def claim(request: Request, reference: str) -> HTTPResponse:
    return json({"report": await gateway(request).desk.claim(me(request), reference)})


@desk.post("/reports/<reference:str>/release")
@staff()
async def release(request: Request, reference: str) -> HTTPResponse:
    return json({"report": await gateway(request).desk.release(me(request), reference)})


@desk.post("/reports/<reference:str>/decision")
@staff()
async def decision(request: Request, reference: str) -> HTTPResponse:
    return json({"report": await gateway(request).desk.decide(me(request), reference, read_body(request))})


@desk.get("/figures")
@staff(changes_state=False)
async def figures(request: Request) -> HTTPResponse:
    return json(await gateway(request).desk.figures(me(request)))


@desk.get("/dead-letters")
@staff(changes_state=False)
async def dead_letters(request: Request) -> HTTPResponse:
    return json({"deliveries": await gateway(request).desk.dead_letters(me(request))})


@desk.post("/deliveries/<event_id:str>/redeliver")
@staff()
async def redeliver(request: Request, event_id: str) -> HTTPResponse:
    return json({"delivery": await gateway(request).desk.redeliver(me(request), event_id)})


@desk.get("/options")
@staff(changes_state=False)
async def options(request: Request) -> HTTPResponse:
    """What the decision form offers: outcomes and the THRIVE items and levels."""
    return json(
        {
            "outcomes": list(DESK_OUTCOMES),
            "thrive_items": list(THRIVE_ITEMS),
            "thrive_levels": list(THRIVE_LEVELS),
        }
    )
