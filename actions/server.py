"""The action server: rasa-sdk's own Sanic app, behind a shared secret.

rasa-sdk's ``/webhook`` runs any action for any conversation it is told about (a forged
``action_submit_crime_report`` call once created a report on an arbitrary conversation), and
it has no authentication of its own. This starts the same app (``rasa_sdk.endpoint``'s factory,
the same workers and listeners) with one request middleware: every request except ``/health``
must carry ``X-Action-Token: <ACTION_SERVER_TOKEN>``, which Rasa sends from endpoints.yml.

    python -m actions.server --actions actions --port 5055     (scripts/run-actions does this)
"""

from __future__ import annotations

import hmac
import logging
import os
import sys
from functools import partial
from typing import Any

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.endpoint import create_app_for_serve, create_argument_parser
from rasa_sdk.executor import ActionExecutor
from sanic import Request, Sanic
from sanic.response import HTTPResponse, json
from sanic.worker.loader import AppLoader

logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Action-Token"  # noqa: S105 - a header name, not a secret
TOKEN_ENV = "ACTION_SERVER_TOKEN"  # noqa: S105 - a variable name, not a secret
OPEN_PATHS = frozenset({"/health"})  # readiness probes; says nothing about any conversation


def require_token(app: Sanic[Any, Any], token: str) -> Sanic[Any, Any]:
    """Refuse (401) every request but ``/health`` that lacks the shared secret."""
    expected = token.encode()

    @app.on_request
    async def check_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(TOKEN_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            logger.warning("refused a %s %s without the action server's secret", request.method, request.path)
            return json({"error": f"missing or wrong {TOKEN_HEADER}"}, status=401)
        return None

    return app


def create_guarded_app(action_executor: ActionExecutor, token: str, **options: Any) -> Sanic[Any, Any]:
    """Module level, so Sanic's AppLoader can rebuild it in each worker."""
    return require_token(create_app_for_serve(action_executor, **options), token)


def main(argv: list[str] | None = None) -> None:
    args = create_argument_parser().parse_args(argv)
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        sys.exit(f"{TOKEN_ENV} must be set: the action server refuses to run without its secret")
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME),
        args.log_file,
        args.loglevel,
        args.logging_config_file,
    )
    utils.update_sanic_log_level()
    executor = ActionExecutor()
    executor.register_package(args.actions_module or args.actions)
    loader = AppLoader(
        factory=partial(
            create_guarded_app,
            executor,
            token,
            cors_origins=args.cors,
            auto_reload=args.auto_reload,
            endpoints=args.endpoints,
        )
    )
    app = loader.load()
    app.prepare(
        host=os.environ.get("SANIC_HOST", "127.0.0.1"),
        port=args.port,
        workers=utils.number_of_sanic_workers(),
        access_log=False,
    )
    Sanic.serve(primary=app, app_loader=loader)


if __name__ == "__main__":
    main()
