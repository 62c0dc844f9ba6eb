"""Swap the served model without stopping a single turn: ``POST /webhooks/model/load``.

Rasa's own ``PUT /model`` builds the new agent on the server's event loop: for the 15-40 s the
load takes, no turn is answered, and the gateway's timeout sends those citizens to the human
queue. Here the new agent is loaded in a worker thread while the current one keeps answering,
then put in place with one assignment (``app.ctx.agent``, which every turn reads afresh). It shares
the current agent's tracker store and lock store, so a conversation in the middle of a form
carries on with the new model.

``POST /webhooks/model/load`` ``{"model_file": "/abs/path/model.tar.gz"}`` with ``Authorization:
Bearer <RASA_AUTH_TOKEN>`` (the token of Rasa's HTTP API, from the environment variable named by
``token_env``) starts the load and answers ``202 {"loading": name}`` at once (a load takes longer
than Rasa's response timeout); 401 without the token, 400 for a missing file, 409 while another
load runs. ``GET /webhooks/model/status`` (same token) answers ``{"model", "loading", "error",
"load_seconds", "swapped_seconds_ago"}``: the model serving now, the one being loaded, why the last
load failed (the old model keeps serving then), and how long ago the last load ended (a turn that
started during the load may still be finishing on a loop the load kept busy).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.agent import Agent
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

DEFAULT_TOKEN_ENV = "RASA_AUTH_TOKEN"


def load_beside(current: Agent, model_file: Path) -> Agent:
    """A new agent for ``model_file`` sharing ``current``'s stores and endpoints (blocking; run in
    a worker thread). Its Python work shares the interpreter with the turns, which slow down
    while it runs: the gateway gives turns extra time during a swap (handoff/adapters/rasa.py)."""
    store = current.tracker_store
    # Agent wraps the store it is given in a FailSafeTrackerStore: give it the store inside, and
    # the current domain, so the wrapper's domain is not reset under the agent still serving.
    inner = getattr(store, "_tracker_store", store)
    agent = Agent(
        domain=current.domain,
        tracker_store=inner,
        lock_store=current.lock_store,
        action_endpoint=current.action_endpoint,
        model_server=current.model_server,
        remote_storage=current.remote_storage,
        http_interpreter=current.http_interpreter,
    )
    agent.load_model(str(model_file))
    if not agent.is_ready():
        raise RuntimeError(f"{model_file.name} did not load")
    return agent


class ModelSwapInput(InputChannel):
    """Not a channel for people: the model-swap endpoint, mounted where Rasa mounts channels."""

    @classmethod
    def name(cls) -> Text:
        return "model"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        token = credentials.get("token") or os.environ.get(credentials.get("token_env") or DEFAULT_TOKEN_ENV)
        if not token:
            raise ValueError("the model swap endpoint needs a token: set RASA_AUTH_TOKEN")
        return cls(token=token)

    def __init__(self, token: Text) -> None:
        self.token = token
        self.loading: Optional[str] = None
        self.ended_at: Optional[float] = None
        self.error: Optional[str] = None
        self.load_seconds: Optional[float] = None

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    async def _load(self, app: Any, model_file: Path) -> None:
        started = time.monotonic()
        try:
            loop = asyncio.get_running_loop()
            new_agent = await loop.run_in_executor(None, load_beside, app.ctx.agent, model_file)
        except Exception as error:  # the old model keeps serving
            self.error = f"{model_file.name} did not load ({type(error).__name__})"
            logger.error("model swap: %s", self.error)
        else:
            app.ctx.agent = new_agent
            self.load_seconds = round(time.monotonic() - started, 1)
            logger.info("now serving %s (loaded in %s s beside the old model)", model_file.name, self.load_seconds)
        finally:
            self.loading = None
            self.ended_at = time.monotonic()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        swap = Blueprint("model_swap", __name__)

        @swap.route("/load", methods=["POST"])
        async def load(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "bad token"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            model_file = Path(str(body.get("model_file") or ""))
            if not model_file.is_file():
                return response.json({"error": f"no model file {model_file}"}, status=400)
            if self.loading:
                return response.json({"error": f"{self.loading} is being loaded"}, status=409)
            self.loading, self.error, self.load_seconds = model_file.name, None, None
            request.app.add_task(self._load(request.app, model_file))
            return response.json({"loading": model_file.name}, status=202)

        @swap.route("/status", methods=["GET"])
        async def status(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "bad token"}, status=401)
            agent = getattr(request.app.ctx, "agent", None)
            return response.json(
                {
                    "model": agent.model_name if agent is not None else None,
                    "loading": self.loading,
                    "error": self.error,
                    "load_seconds": self.load_seconds,
                    "swapped_seconds_ago": (
                        None if self.ended_at is None else round(time.monotonic() - self.ended_at, 1)
                    ),
                }
            )

        return swap
