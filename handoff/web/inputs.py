"""What comes in is made storable before anything reads it (one app-level hook: the app's JSON
loader, plus a check of the URL).

JSON can carry text no database can keep: PostgreSQL refuses NUL in text, and a lone UTF-16
surrogate ("\\ud800") cannot be encoded as UTF-8 for either backend. Both used to turn an
emergency message into a 500 with nothing stored. Every string of every JSON body is cleaned
instead: lone surrogates become U+FFFD (the replacement character) and NUL and the other
control characters except tab, newline and carriage return are dropped, so the citizen's words
are kept and the safety rules read them.
"""

from __future__ import annotations

import json
import re
from typing import Any

# json.loads pairs valid surrogates into one character, so any surrogate left is a lone one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    return _CONTROL.sub("", _LONE_SURROGATE.sub("\ufffd", text))


def clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_json(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(key)): clean_json(item) for key, item in value.items()}
    return value


def loads(body: str | bytes) -> Any:
    """The app's JSON loader (``Sanic(loads=...)``): ``request.json`` is always clean."""
    return clean_json(json.loads(body))


def unstorable_url(path: str, query: str) -> bool:
    """A NUL (raw or percent-encoded) in the path or query string: refused with 400."""
    return any(nul in part for part in (path, query) for nul in ("\x00", "%00"))
