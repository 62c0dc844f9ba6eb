"""The force's branding (config/branding.yml), checked once: names, logo, colours, numbers, exit URL.

Every value is optional and every value is distrusted: colours must look like CSS colours (they
end up in /branding.css), the quick-exit URL must be http(s), the logo must be an image file.
A bad value is logged and replaced by the default, so a typo never takes the chat page down.
The pages HTML-escape every string taken from here.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "static"
DEFAULT_LOGO = STATIC / "assets" / "img" / "logo.svg"
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
LOGO_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}

#: CSS custom property -> default. The defaults meet WCAG AA against each other (see base.css).
DEFAULT_COLOURS = {
    "brand": "#1d3c6e",  # masthead background
    "brand_text": "#ffffff",  # text on the masthead
    "link": "#1a4fa3",
    "emergency": "#a4000f",  # the 999 block
    "emergency_text": "#ffffff",
    "focus": "#ffdd00",
    "exit": "#b1003e",  # the quick-exit button
    "exit_text": "#ffffff",
}

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FUNCTION = re.compile(r"^(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%,/\s-]{1,60}\)$")


@dataclass(frozen=True)
class PhoneNumber:
    label: str
    number: str

    @property
    def tel(self) -> str:
        """The number for a ``tel:`` link: digits and a leading plus only."""
        digits = re.sub(r"[^0-9+]", "", self.number)
        return digits[:1] + digits[1:].replace("+", "")


@dataclass(frozen=True)
class Branding:
    force_name: str = "Example Police"
    service_name: str = "Non-emergency web chat"
    logo: Path = DEFAULT_LOGO
    logo_alt: str = ""
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    phone_numbers: tuple[PhoneNumber, ...] = ()
    quick_exit_url: str = DEFAULT_EXIT_URL
    privacy_contact: str = ""

    @property
    def logo_type(self) -> str:
        return LOGO_TYPES[self.logo.suffix.lower()]

    def css(self) -> str:
        """The colours as CSS custom properties, served as /branding.css."""
        lines = [f"  --{name.replace('_', '-')}: {value};" for name, value in sorted(self.colours.items())]
        return ":root {\n" + "\n".join(lines) + "\n}\n"


def is_colour(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value) or _FUNCTION.match(value))


def is_exit_url(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _text(raw: dict[str, Any], key: str, default: str) -> str:
    value = raw.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str | int | float):
        logger.warning("branding: %s must be text; using the default", key)
        return default
    return str(value).strip()


def _colours(raw: object) -> dict[str, str]:
    colours = dict(DEFAULT_COLOURS)
    if raw is None:
        return colours
    if not isinstance(raw, dict):
        logger.warning("branding: colours must be a mapping; using the defaults")
        return colours
    for name, value in raw.items():
        if name not in DEFAULT_COLOURS:
            logger.warning("branding: unknown colour %r (known: %s)", name, ", ".join(DEFAULT_COLOURS))
        elif not is_colour(value):
            logger.warning("branding: colour %s=%r is not a CSS colour; using the default", name, value)
        else:
            colours[name] = str(value)
    return colours


def _numbers(raw: object) -> tuple[PhoneNumber, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        logger.warning("branding: phone_numbers must be a list of {label, number}")
        return ()
    numbers = []
    for item in raw:
        if isinstance(item, dict) and item.get("label") and item.get("number"):
            numbers.append(PhoneNumber(str(item["label"]).strip(), str(item["number"]).strip()))
        else:
            logger.warning("branding: ignoring phone number %r (needs a label and a number)", item)
    return tuple(numbers)


def _logo(raw: object, base: Path) -> Path:
    if raw is None or raw == "":
        return DEFAULT_LOGO
    path = Path(str(raw))
    if not path.is_absolute():
        path = base / path
    if path.suffix.lower() not in LOGO_TYPES or not path.is_file():
        logger.warning("branding: logo %s is not an svg/png/jpg/webp file; using the default", path)
        return DEFAULT_LOGO
    return path


#: Pairs that must meet WCAG AA (4.5:1) for normal text.
TEXT_PAIRS = (("brand_text", "brand"), ("emergency_text", "emergency"), ("exit_text", "exit"))


def _luminance(colour: str) -> float | None:
    if not _HEX.match(colour) or len(colour) not in (4, 7):
        return None  # only #rgb and #rrggbb are checked
    digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float | None:
    """The WCAG contrast ratio of two hex colours, or None when either is not plain hex."""
    fg, bg = _luminance(foreground), _luminance(background)
    if fg is None or bg is None:
        return None
    light, dark = max(fg, bg), min(fg, bg)
    return (light + 0.05) / (dark + 0.05)


def _warn_low_contrast(colours: dict[str, str]) -> None:
    for text, background in TEXT_PAIRS:
        ratio = contrast(colours[text], colours[background])
        if ratio is not None and ratio < 4.5:
            logger.warning(
                "branding: %s on %s has contrast %.1f:1, below WCAG AA (4.5:1)", text, background, ratio
            )


def load_branding(raw: dict[str, Any], base: Path | None = None) -> Branding:
    """``raw`` is the parsed branding.yml; relative logo paths are read from ``base`` (the working
    directory, like the other configuration paths)."""
    defaults = Branding()
    exit_url = raw.get("quick_exit_url", defaults.quick_exit_url)
    if not is_exit_url(exit_url):
        logger.warning("branding: quick_exit_url must be an http(s) URL; using %s", defaults.quick_exit_url)
        exit_url = defaults.quick_exit_url
    colours = _colours(raw.get("colours"))
    _warn_low_contrast(colours)
    return Branding(
        force_name=_text(raw, "force_name", defaults.force_name) or defaults.force_name,
        service_name=_text(raw, "service_name", defaults.service_name) or defaults.service_name,
        logo=_logo(raw.get("logo"), base or Path.cwd()),
        logo_alt=_text(raw, "logo_alt", defaults.logo_alt),
        colours=colours,
        phone_numbers=_numbers(raw.get("phone_numbers")),
        quick_exit_url=str(exit_url),
        privacy_contact=_text(raw, "privacy_contact", defaults.privacy_contact),
    )
