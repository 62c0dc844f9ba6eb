"""The analyst pages' server-side role check (/analyst/review, /analyst/dashboard), their login page,
and the dashboard API's ``days`` period that the dashboard's "last N days" form uses."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import httpx
import pytest

from tests.support.fakes import channel_reply
from tests.support.server import Agent, Citizen
from tests.unit.gateway.conftest import PASSWORD, Gateway, add_user

PAGES = ["/analyst/review", "/analyst/dashboard"]
SECRET_TEXT = "the shed on Larch Avenue was opened with a crowbar"


async def logged_in(gateway: Gateway, http: httpx.AsyncClient, role: str) -> Agent:
    name = f"{role}_{len(http.cookies)}_{id(http) % 10_000}"
    await add_user(gateway.settings, name, role=role, display=f"{role.title()} Person")
    return await Agent.login(http, name, PASSWORD)


async def seed(gateway: Gateway) -> None:
    async with gateway.client() as http:
        citizen = await Citizen.start(http)
        gateway.assistant.queue(channel_reply("What happened?", intent="report_crime", confidence=0.3))
        await citizen.say(SECRET_TEXT)


@pytest.mark.parametrize("path", [*PAGES, "/analyst/dashboard?days=7"])
async def test_without_a_session_the_pages_send_the_browser_to_the_login_form(
    gateway: Gateway, path: str
) -> None:
    async with gateway.client() as http:
        response = await http.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/analyst/login?next={quote(path, safe='')}"
        assert response.headers["cache-control"] == "no-store"
        login = await http.get(response.headers["location"])
    assert login.status_code == 200
    assert '<label class="field__label" for="username">Username</label>' in login.text
    assert f'data-next="{path.replace("&", "&amp;")}"' in login.text
    assert "/static/js/analyst/login.js" in login.text


async def test_an_unknown_or_ended_session_is_not_logged_in(gateway: Gateway) -> None:
    async with gateway.client() as http:
        made_up = await http.get("/analyst/review", headers={"Cookie": "triage_session=made-up-token"})
        assert made_up.status_code == 303
    async with gateway.client() as http:
        agent = await logged_in(gateway, http, "analyst")
        assert (await http.get("/analyst/review")).status_code == 200
        assert (await agent.post("/api/agent/logout")).status_code == 200
        assert (await http.get("/analyst/review")).status_code == 303


@pytest.mark.parametrize("role", ["agent", "supervisor"])
async def test_agents_and_supervisors_get_a_403_page_without_data(gateway: Gateway, role: str) -> None:
    await seed(gateway)
    async with gateway.client() as http:
        await logged_in(gateway, http, role)
        for path in PAGES:
            response = await http.get(path)
            assert response.status_code == 403, path
            assert response.headers["content-type"].startswith("text/html")
            assert response.headers["cache-control"] == "no-store"
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
            page = response.text
            assert "You cannot open the analyst pages" in page
            assert f"<strong>{role}</strong>" in page
            assert SECRET_TEXT not in page and "report_crime" not in page
            assert 'href="/analyst/dashboard"' not in page  # no analyst navigation
            assert "/static/js/analyst/forbidden.js" in page
            assert 'id="review"' not in page and 'id="figures"' not in page
        # and the API they would have used says no as well
        assert (await http.get("/api/analyst/review")).status_code == 403
        assert (await http.get("/api/analyst/dashboard")).status_code == 403


@pytest.mark.parametrize("role", ["analyst", "admin"])
async def test_analysts_and_admins_get_the_pages(gateway: Gateway, role: str) -> None:
    async with gateway.client() as http:
        await logged_in(gateway, http, role)
        review = await http.get("/analyst/review")
        dashboard = await http.get("/analyst/dashboard?days=30")
    assert review.status_code == dashboard.status_code == 200
    assert review.headers["cache-control"] == "no-store"
    assert f"{role.title()} Person ({role})" in review.text
    assert (
        '<a class="analyst-nav__link" href="/analyst/review" aria-current="page">Review queue</a>'
        in review.text
    )
    assert '<a class="analyst-nav__link" href="/analyst/dashboard">Dashboard</a>' in review.text
    assert '<label class="field__label" for="max-confidence">' in review.text
    assert "/static/js/analyst/review.js" in review.text
    assert 'href="/analyst/dashboard" aria-current="page"' in dashboard.text
    assert '<label class="field__label" for="days">' in dashboard.text
    assert "/static/js/analyst/dashboard.js" in dashboard.text
    # Only roles that also take chats get a way back to the console.
    assert ('href="/agent"' in review.text) is (role == "admin")


async def test_the_analyst_home_goes_to_the_review_queue(gateway: Gateway) -> None:
    async with gateway.client() as http:
        response = await http.get("/analyst")
    assert response.status_code == 303 and response.headers["location"] == "/analyst/review"


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        (
            "/analyst/dashboard?from=2026-11-01&to=2026-11-14",
            "/analyst/dashboard?from=2026-11-01&amp;to=2026-11-14",
        ),
        ("https://evil.example/analyst/review", "/analyst/review"),
        ("//evil.example/analyst/review", "/analyst/review"),
        ("/agent", "/analyst/review"),
        ('/analyst/review?x="><script>', "/analyst/review"),
        ("", "/analyst/review"),
    ],
)
async def test_the_login_page_only_returns_to_analyst_pages(gateway: Gateway, asked: str, kept: str) -> None:
    async with gateway.client() as http:
        page = (await http.get("/analyst/login", params={"next": asked})).text
    assert f'data-next="{kept}"' in page
    assert "<script>" not in page.replace('<script type="module"', "")


@pytest.mark.parametrize("path", [*PAGES, "/analyst/login"])
async def test_the_pages_have_no_inline_script_or_style_and_no_leftover_placeholders(
    gateway: Gateway, path: str
) -> None:
    async with gateway.client() as http:
        await logged_in(gateway, http, "analyst")
        response = await http.get(path)
    page = response.text
    assert "{{" not in page and "}}" not in page
    assert "<style" not in page and not re.search(r"\sstyle=", page) and not re.search(r"\son[a-z]+=", page)
    for script in re.findall(r"<script[^>]*>", page):
        assert 'src="/static/js/analyst/' in script and 'type="module"' in script
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp


async def test_the_dashboard_takes_the_last_n_days(gateway: Gateway) -> None:
    await seed(gateway)
    today = datetime.now(UTC).date()
    async with gateway.client() as http:
        await logged_in(gateway, http, "analyst")
        week = (await http.get("/api/analyst/dashboard", params={"days": "7"})).json()
        assert (week["from"], week["to"]) == ((today - timedelta(days=6)).isoformat(), today.isoformat())
        assert len(week["by_day"]) == 7 and week["totals"]["conversations"] == 1
        one = (await http.get("/api/analyst/dashboard", params={"days": "1"})).json()
        assert one["from"] == one["to"] == today.isoformat()
        chart = await http.get("/api/analyst/charts/conversations.png", params={"days": "7"})
        assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
        for params in (
            {"days": "0"},
            {"days": "367"},
            {"days": "a week"},
            {"days": "7", "from": "2026-11-01"},
        ):
            refused = await http.get("/api/analyst/dashboard", params=params)
            assert refused.status_code == 422, params
            assert refused.json()["error"]


async def test_the_console_carries_the_analyst_links_hidden_until_the_role_is_known(gateway: Gateway) -> None:
    async with gateway.client() as http:
        page = (await http.get("/agent")).text
    nav = re.search(r'<nav[^>]*id="analyst-links"[^>]*>.*?</nav>', page, re.S)
    assert nav and " hidden" in nav.group(0).split(">", 1)[0]
    assert 'href="/analyst/review"' in nav.group(0) and 'href="/analyst/dashboard"' in nav.group(0)
