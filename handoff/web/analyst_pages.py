"""The analyst pages: the review queue (/analyst/review) and the dashboard (/analyst/dashboard).

The session is checked here, on the server, before anything is rendered: no session → a redirect
to the analyst login page (/analyst/login?next=…); a session whose role lacks ``analyst:view``
(agents, supervisors) → a 403 page that names the role and shows no data. The pages themselves
carry no data: their scripts read it from the analyst API, which checks the role again on every
request. Same templates, headers and caching as the other pages (handoff/web/pages.py).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sanic.response import html as html_response

from handoff.domain import Permission, allowed
from handoff.service.agents import Actor
from handoff.web.agent import session_of
from handoff.web.pages import PAGE_CACHE, branding, common_values, e, render, security_headers

analyst_pages = Blueprint("analyst_pages", url_prefix="/analyst")

REVIEW = "/analyst/review"
DASHBOARD = "/analyst/dashboard"
LOGIN = "/analyst/login"
# Where the login page may send the browser afterwards: only the analyst pages, with a plain
# query string (the dashboard's period). Anything else (another site, //host, a path that is not
# ours) falls back to the review queue.
_NEXT = re.compile(r"^/analyst/(?:review|dashboard)(?:\?[A-Za-z0-9_.~%&=+-]*)?$")

NAV = (
    (REVIEW, "Review queue"),
    (DASHBOARD, "Dashboard"),
)


@analyst_pages.on_response
async def add_security_headers(request: Request, response: HTTPResponse) -> None:
    for name, value in security_headers(request).items():
        response.headers.setdefault(name, value)


async def signed_in(request: Request) -> Actor | None:
    found = await session_of(request)
    return found[0] if found else None


def may_open(actor: Actor) -> bool:
    """The analyst pages are for roles holding analyst:view (analysts and admins)."""
    return allowed(actor.role, Permission.ANALYST_VIEW)


def safe_next(value: str | None) -> str:
    return value if value and _NEXT.match(value) else REVIEW


def here(request: Request) -> str:
    return request.path + (f"?{request.query_string}" if request.query_string else "")


def session_block(actor: Actor) -> str:
    return (
        '<div class="session">'
        f'<p class="session__who">{e(actor.display_name)} ({e(actor.role)})</p>'
        '<button class="button button--small button--inverse" type="button" id="logout">Log out</button>'
        "</div>"
    )


def nav_block(actor: Actor, current: str) -> str:
    links = [*NAV, ("/agent", "Agent console")] if allowed(actor.role, Permission.QUEUE_VIEW) else NAV
    current_mark = ' aria-current="page"'
    items = "".join(
        f'<li><a class="analyst-nav__link" href="{e(href)}"{current_mark if href == current else ""}>'
        f"{e(label)}</a></li>"
        for href, label in links
    )
    return (
        '<nav class="analyst-nav" aria-label="Analyst pages">'
        f'<ul class="analyst-nav__list">{items}</ul></nav>'
    )


def analyst_page(
    request: Request,
    *,
    title: str,
    content: str,
    script: str,
    actor: Actor | None,
    current: str = "",
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    shared = common_values(branding(request))
    body = render(
        "analyst.html",
        {
            **shared,
            "title": e(title),
            "script": script,
            "session": session_block(actor) if actor else "",
            "nav": nav_block(actor, current) if actor and may_open(actor) else "",
            "content": render(content, {**shared, **(values or {})}),
        },
    )
    return html_response(body, status=status, headers={"Cache-Control": PAGE_CACHE})


def to_login(request: Request) -> HTTPResponse:
    response = redirect(f"{LOGIN}?next={quote(here(request), safe='')}", status=303)
    response.headers["Cache-Control"] = PAGE_CACHE
    return response


async def guarded(request: Request, *, title: str, content: str, script: str) -> HTTPResponse:
    """The role check for every analyst page: login, 403, or the page."""
    actor = await signed_in(request)
    if actor is None:
        return to_login(request)
    if not may_open(actor):
        return analyst_page(
            request,
            title="No access",
            content="analyst-forbidden.html",
            script="forbidden",
            actor=actor,
            values={
                "role": e(actor.role),
                "display_name": e(actor.display_name),
                "login_url": e(f"{LOGIN}?next={quote(here(request), safe='')}"),
            },
            status=403,
        )
    return analyst_page(
        request, title=title, content=content, script=script, actor=actor, current=request.path
    )


# --- routes --------------------------------------------------------------------------------------


@analyst_pages.get("/")
async def analyst_home(request: Request) -> HTTPResponse:
    response = redirect(REVIEW, status=303)
    response.headers["Cache-Control"] = PAGE_CACHE
    return response


@analyst_pages.get("/review")
async def review_page(request: Request) -> HTTPResponse:
    return await guarded(request, title="Review queue", content="analyst-review.html", script="review")


@analyst_pages.get("/dashboard")
async def dashboard_page(request: Request) -> HTTPResponse:
    return await guarded(request, title="Dashboard", content="analyst-dashboard.html", script="dashboard")


@analyst_pages.get("/login")
async def login_page(request: Request) -> HTTPResponse:
    return analyst_page(
        request,
        title="Log in",
        content="analyst-login.html",
        script="login",
        actor=None,
        values={"next": e(safe_next(request.args.get("next")))},
    )
