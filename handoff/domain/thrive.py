"""THRIVE risk assessment (threat, harm, risk, investigation, vulnerability, engagement): defined once."""

THRIVE_ITEMS: tuple[str, ...] = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
THRIVE_LEVELS: tuple[str, ...] = ("low", "medium", "high")
