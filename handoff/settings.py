"""Configuration, read from the environment by the entry points only (never at import time)."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handoff.adapters.database import DEFAULT_DATABASE_URL
from handoff.adapters.secrets import weak_secrets
from handoff.domain.closing import DEFAULT_INCIDENT_PATTERN


class ConfigError(ValueError):
    """A setting the gateway cannot start with; the message names the variable."""


def _int(env: Mapping[str, str], name: str, default: int, minimum: int | None = None) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, minimum: float | None = None) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value != value or (minimum is not None and value < minimum):  # NaN, or below the minimum
        raise ConfigError(f"{name} must be a number of at least {minimum}, got {raw!r}")
    return value


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    """Strict: a typo ("ture") stops start-up instead of silently meaning false."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


#: Settings that were removed, with what replaces them: set, they stop start-up (a silent change
#: of meaning here would be a security hole).
REMOVED = {
    "TRUST_X_FORWARDED_FOR": "TRUSTED_PROXY_HOPS (the number of proxies in front of the gateway)",
}


ENVIRONMENTS = ("development", "test", "production")


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    # Together under 5 s: a citizen hears "we're having trouble" (with 999) that fast when the
    # database is down or silent.
    database_connect_timeout_seconds: float = 2.0
    database_statement_timeout_seconds: float = 2.5
    host: str = "0.0.0.0"  # noqa: S104 - the gateway is the one process that faces the network
    port: int = 8080
    # Signs citizen tokens. Generated per process when unset: tokens then die with a restart.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_auth_token: str = ""
    rasa_channel_token: str = ""
    # The action server's own secret (only Rasa may call it); the gateway does not use it, but it
    # is read here with the others so production checks see every secret.
    action_server_token: str = ""
    # production: published or short secrets and insecure cookies stop start-up.
    environment: str = "development"
    rasa_timeout_seconds: float = 5.0
    # Bot turns (and NLU readings) one client address may have in Rasa at once; 0: no limit.
    rasa_concurrency_per_client: int = 2
    action_server_url: str = "http://127.0.0.1:5055"
    max_message_chars: int = 2000
    # A closed chat's citizen token still reads the transcript this long (to save a copy), then
    # it is refused.
    citizen_token_grace_seconds: int = 900
    conversation_rate: int = 20  # citizen messages per conversation per minute
    ip_rate: int = 120  # citizen requests per IP per minute
    transcript_reads: int = 60  # transcript GETs per conversation per minute
    max_sockets_per_conversation: int = 5  # open citizen websockets (tabs) per conversation
    agent_concurrency: int = 3
    agent_grace_seconds: int = 60  # an agent's chats go back to the queue after this long offline
    default_handling_seconds: int = 300
    min_handling_seconds: int = 120  # the wait estimate's floor on the handling time
    # A citizen whose page has had no live connection this long has left (the card says so).
    citizen_offline_seconds: int = 60
    # Supervisors are alerted when an emergency has waited this long without an agent.
    emergency_alert_seconds: int = 60
    # The force's incident / crime reference format (a regular expression over the whole value).
    incident_reference_pattern: str = DEFAULT_INCIDENT_PATTERN
    pickup_seconds: int = 30
    max_wait_seconds: int = 3600
    session_hours: int = 12
    cookie_secure: bool = False
    login_max_failures: int = 5  # per username and address, then growing delays
    login_address_max_failures: int = 20  # per address, any username
    login_window_seconds: int = 900
    login_delay_seconds: int = 30  # the first delay; doubles with each further failure
    canned_responses_path: Path = Path("config/canned_responses.yml")
    branding_path: Path = Path("config/branding.yml")
    retention_days: int = 90
    nlu_dir: Path = Path("data/nlu")
    # How many proxies in front of the gateway append to X-Forwarded-For: the client address is
    # the Nth entry from the right. 0 ignores the header (anyone can write it).
    trusted_proxy_hops: int = 0
    # The reports desk (README "The reports desk").
    recording_deadline_hours: int = 24
    report_webhook_url: str = ""
    report_webhook_secret: str = ""
    report_webhook_max_attempts: int = 12
    report_webhook_timeout_seconds: float = 10.0
    outbox_backoff_seconds: float = 15.0  # the first retry's wait; doubles per failed attempt
    outbox_backoff_cap_seconds: float = 900.0
    outbox_poll_seconds: float = 2.0
    smtp_url: str = ""
    smtp_from: str = "no-reply@police.example"
    follow_up_max_tries: int = 5  # contact checks per conversation per hour

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        for old, new in REMOVED.items():
            if env.get(old):
                raise ConfigError(f"{old} is no longer read: use {new}")
        defaults = cls()
        environment = _choice(env, "ENVIRONMENT", defaults.environment, ENVIRONMENTS)
        if environment == "production":
            _check_production(env)
        return cls(
            environment=environment,
            action_server_token=env.get("ACTION_SERVER_TOKEN", ""),
            database_url=env.get("DATABASE_URL") or defaults.database_url,
            database_connect_timeout_seconds=_float(
                env, "DATABASE_CONNECT_TIMEOUT_SECONDS", defaults.database_connect_timeout_seconds, 0.1
            ),
            database_statement_timeout_seconds=_float(
                env, "DATABASE_STATEMENT_TIMEOUT_SECONDS", defaults.database_statement_timeout_seconds, 0.1
            ),
            host=env.get("GATEWAY_HOST") or defaults.host,
            port=_int(env, "GATEWAY_PORT", defaults.port),
            secret_key=env.get("SECRET_KEY") or defaults.secret_key,
            rasa_url=(env.get("RASA_URL") or defaults.rasa_url).rstrip("/"),
            rasa_auth_token=env.get("RASA_AUTH_TOKEN", ""),
            rasa_channel_token=env.get("RASA_CHANNEL_TOKEN", ""),
            rasa_timeout_seconds=_float(env, "RASA_TIMEOUT_SECONDS", defaults.rasa_timeout_seconds),
            rasa_concurrency_per_client=_int(
                env, "RASA_CONCURRENCY_PER_CLIENT", defaults.rasa_concurrency_per_client, minimum=0
            ),
            action_server_url=(env.get("ACTION_SERVER_URL") or defaults.action_server_url).rstrip("/"),
            max_message_chars=_int(env, "MAX_MESSAGE_CHARS", defaults.max_message_chars),
            citizen_token_grace_seconds=_int(
                env, "CITIZEN_TOKEN_GRACE_SECONDS", defaults.citizen_token_grace_seconds, minimum=0
            ),
            conversation_rate=_int(env, "CONVERSATION_RATE_PER_MINUTE", defaults.conversation_rate),
            ip_rate=_int(env, "IP_RATE_PER_MINUTE", defaults.ip_rate, minimum=1),
            transcript_reads=_int(env, "TRANSCRIPT_READS_PER_MINUTE", defaults.transcript_reads, minimum=1),
            max_sockets_per_conversation=_int(
                env, "MAX_SOCKETS_PER_CONVERSATION", defaults.max_sockets_per_conversation, minimum=1
            ),
            agent_concurrency=_int(env, "AGENT_CONCURRENCY", defaults.agent_concurrency),
            agent_grace_seconds=_int(env, "AGENT_GRACE_SECONDS", defaults.agent_grace_seconds),
            default_handling_seconds=_int(env, "DEFAULT_HANDLING_SECONDS", defaults.default_handling_seconds),
            pickup_seconds=_int(env, "PICKUP_SECONDS", defaults.pickup_seconds),
            min_handling_seconds=_int(env, "MIN_HANDLING_SECONDS", defaults.min_handling_seconds, minimum=0),
            citizen_offline_seconds=_int(
                env, "CITIZEN_OFFLINE_SECONDS", defaults.citizen_offline_seconds, minimum=5
            ),
            emergency_alert_seconds=_int(
                env, "EMERGENCY_ALERT_SECONDS", defaults.emergency_alert_seconds, minimum=0
            ),
            incident_reference_pattern=_pattern(
                env, "INCIDENT_REFERENCE_PATTERN", defaults.incident_reference_pattern
            ),
            max_wait_seconds=_int(env, "MAX_WAIT_SECONDS", defaults.max_wait_seconds),
            session_hours=_int(env, "SESSION_HOURS", defaults.session_hours),
            cookie_secure=_bool(env, "COOKIE_SECURE", defaults.cookie_secure),
            login_max_failures=_int(env, "LOGIN_MAX_FAILURES", defaults.login_max_failures, minimum=1),
            login_address_max_failures=_int(
                env, "LOGIN_ADDRESS_MAX_FAILURES", defaults.login_address_max_failures, minimum=1
            ),
            login_window_seconds=_int(env, "LOGIN_WINDOW_SECONDS", defaults.login_window_seconds, minimum=1),
            login_delay_seconds=_int(env, "LOGIN_DELAY_SECONDS", defaults.login_delay_seconds, minimum=1),
            canned_responses_path=Path(env.get("CANNED_RESPONSES") or defaults.canned_responses_path),
            branding_path=Path(env.get("BRANDING") or defaults.branding_path),
            retention_days=_int(env, "RETENTION_DAYS", defaults.retention_days),
            nlu_dir=Path(env.get("NLU_DIR") or defaults.nlu_dir),
            trusted_proxy_hops=_int(env, "TRUSTED_PROXY_HOPS", defaults.trusted_proxy_hops, minimum=0),
            **_desk(env, defaults),
        )


def _pattern(env: Mapping[str, str], name: str, default: str) -> str:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        re.compile(raw)
    except re.error as error:
        raise ConfigError(f"{name} is not a valid regular expression: {error}") from None
    return raw


def _desk(env: Mapping[str, str], defaults: Settings) -> dict[str, Any]:
    url = (env.get("REPORT_WEBHOOK_URL") or "").strip()
    secret = env.get("REPORT_WEBHOOK_SECRET") or ""
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(f"REPORT_WEBHOOK_URL must be an http(s) URL, got {url!r}")
    if url and len(secret) < 16:
        raise ConfigError(
            "REPORT_WEBHOOK_URL needs REPORT_WEBHOOK_SECRET (16+ characters) to sign the events"
        )
    smtp = (env.get("SMTP_URL") or "").strip()
    if smtp and not smtp.startswith(("smtp://", "smtps://")):
        raise ConfigError(f"SMTP_URL must be smtp://host:port or smtps://host:port, got {smtp!r}")
    base = _float(env, "REPORT_WEBHOOK_BACKOFF_SECONDS", defaults.outbox_backoff_seconds, 0.01)
    cap = _float(env, "REPORT_WEBHOOK_BACKOFF_CAP_SECONDS", defaults.outbox_backoff_cap_seconds, base)
    return {
        "recording_deadline_hours": _int(
            env, "RECORDING_DEADLINE_HOURS", defaults.recording_deadline_hours, minimum=1
        ),
        "report_webhook_url": url,
        "report_webhook_secret": secret,
        "report_webhook_max_attempts": _int(
            env, "REPORT_WEBHOOK_MAX_ATTEMPTS", defaults.report_webhook_max_attempts, minimum=1
        ),
        "report_webhook_timeout_seconds": _float(
            env, "REPORT_WEBHOOK_TIMEOUT_SECONDS", defaults.report_webhook_timeout_seconds, 0.1
        ),
        "outbox_backoff_seconds": base,
        "outbox_backoff_cap_seconds": cap,
        "outbox_poll_seconds": _float(env, "OUTBOX_POLL_SECONDS", defaults.outbox_poll_seconds, 0.05),
        "smtp_url": smtp,
        "smtp_from": env.get("SMTP_FROM") or defaults.smtp_from,
        "follow_up_max_tries": _int(env, "FOLLOW_UP_MAX_TRIES", defaults.follow_up_max_tries, minimum=1),
    }


def _check_production(env: Mapping[str, str]) -> None:
    weak = weak_secrets(env)
    if weak:
        raise ConfigError(
            f"ENVIRONMENT=production refuses published, missing or short secrets: {', '.join(weak)} "
            "(leave them unset to generate them into var/, or set each to 32+ random characters)"
        )
    if not _bool(env, "COOKIE_SECURE", False):
        raise ConfigError("ENVIRONMENT=production needs COOKIE_SECURE=true (serve it behind TLS)")
