"""``SafetyOverride``: the deterministic safety rules as the last step of the Rasa NLU pipeline.

DESIGN.md "Safety rules": detection is layered, a deterministic rule layer that the classifier
cannot override, plus the ``emergency`` intent. This component runs ``triage.safety`` (the same rules
the gateway runs itself when Rasa is unreachable) on every message after DIETClassifier and
FallbackClassifier::

    pipeline:
      - ...
      - name: DIETClassifier
      - name: FallbackClassifier
        threshold: 0.7
      - name: bot.components.SafetyOverride     # last

For each message:

- **emergency hit** -> ``intent = {"name": "emergency", "confidence": 1.0}`` and ``emergency`` with
  1.0 at the top of ``intent_ranking``; the classifier's ranking stays below it (any earlier
  ``emergency`` entry is removed, so it appears once).
- **safeguarding hit** -> the same with ``safeguarding``, *unless* the classifier already says
  ``emergency`` (an emergency is never downgraded; intent and ranking are then left as they are).
- **either hit** -> ``message["safety"] = {"category", "concern", "rule"}``. No matched text is
  kept (it can hold personal data).
- **no hit** -> the message is left exactly as the classifier left it (an ``emergency`` the
  classifier predicted on its own stays).

Where the ``safety`` key ends up: Rasa 3.6 builds the parse result in
``MessageProcessor._parse_message_with_graph`` from
``Message.as_dict(only_output_properties=True)``, which keeps only keys listed in
``Message.output_properties`` (``text``, plus whatever components added with
``message.set(key, value, add_to_output=True)``). Keys set any other way are silently dropped.
This component sets ``intent``, ``intent_ranking`` and ``safety`` with ``add_to_output=True``, so
``safety`` is part of the ``/model/parse`` result, of ``UserUttered.parse_data`` (persisted with the
tracker's events) and of ``tracker.latest_message.parse_data`` (what a custom channel returns to the
gateway). ``RegexMessageHandler``, which Rasa appends after the last pipeline component, keeps it too.
The intent dict itself stays ``{"name", "confidence"}``.

Button payloads (``/intent{...}`` texts, which RegexMessageHandler turns into intents) are not run
through the rules: they are the bot's own buttons, not the citizen's words.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from triage import intents
from triage.safety import EMERGENCY, SafetyHit, SafetyRules, default_rules

logger = logging.getLogger(__name__)

#: Key of the rule result in the message data and in the parse result.
SAFETY_KEY = "safety"

# "/affirm", "/inform{"x": "y"}", "/ask_speed_camera/penalty@0.9": a button payload.
_PAYLOAD = re.compile(r"^/[\w/-]+(@[0-9.]+)?(\{.*\})?\s*$", re.DOTALL)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyOverride(GraphComponent, IntentClassifier):
    """Forces ``emergency`` / ``safeguarding`` when the deterministic safety rules fire."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """An intent classifier must run before this component (it overrides its output)."""
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The component's default config (see parent class for full docstring)."""
        return {
            # intent names written on a hit (triage.intents is the single source of truth)
            "emergency_intent": intents.EMERGENCY,
            "safeguarding_intent": intents.SAFEGUARDING,
        }

    def __init__(
        self, config: Dict[Text, Any], rules: Optional[SafetyRules] = None
    ) -> None:
        """Creates the component; the rules are compiled once and shared (``default_rules``)."""
        self.component_config = config
        self._rules = rules if rules is not None else default_rules()
        self._emergency = config.get("emergency_intent", intents.EMERGENCY)
        self._safeguarding = config.get("safeguarding_intent", intents.SAFEGUARDING)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyOverride:
        """Creates a new component (see parent class for full docstring)."""
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        """Runs the safety rules on each message and overrides the intent on a hit."""
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str) or not text.strip() or _PAYLOAD.match(text.strip()):
            return
        hit = self._rules.check(text)
        if hit is None:
            return
        current = message.get(INTENT) or {}
        current_name = current.get(INTENT_NAME_KEY)
        if hit.category == EMERGENCY:
            target: Optional[str] = self._emergency
        elif current_name == self._emergency:
            target = None  # never downgrade an emergency to safeguarding
        else:
            target = self._safeguarding
        if target is not None:
            self._force_intent(message, target)
        message.set(SAFETY_KEY, hit.as_dict(), add_to_output=True)
        logger.info(
            "Safety rule '%s' fired (%s/%s); intent %s -> %s.",
            hit.rule,
            hit.category,
            hit.concern,
            current_name,
            target or current_name,
        )

    @staticmethod
    def _force_intent(message: Message, name: str) -> None:
        forced = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
        ranking = [
            dict(entry)
            for entry in message.get(INTENT_RANKING_KEY) or []
            if entry.get(INTENT_NAME_KEY) != name
        ]
        message.set(INTENT, forced, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [dict(forced), *ranking], add_to_output=True)


def safety_of(parse_data: Dict[Text, Any]) -> Optional[SafetyHit]:
    """The rule result recorded in a parse result (``tracker.latest_message.parse_data``), if any."""
    data = parse_data.get(SAFETY_KEY)
    if not isinstance(data, dict):
        return None
    try:
        return SafetyHit(data["category"], data["concern"], data["rule"])
    except KeyError:
        return None
