"""Tests of ``bot.components.SafetyOverride``, built the way Rasa tests its own NLU components.

Run (Rasa environment):
  cd /work/main && PYTHONPATH=. RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 \
    .venv-rasa/bin/python -m pytest tests/unit/bot -q -p no:cacheprovider
"""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("rasa")

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.engine import validation
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.recipes.recipe import Recipe
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.data import TrainingType
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.components import SAFETY_KEY, SafetyOverride, safety_of
from triage import intents
from triage.safety import SafetyHit


def _intent(name: str, confidence: float) -> dict[str, Any]:
    return {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}


def _classified(text: str, ranking: list[dict[str, Any]] | None) -> Message:
    """A message as DIETClassifier (and FallbackClassifier) would hand it on."""
    message = Message(data={TEXT: text})
    if ranking:
        message.set(INTENT, dict(ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, [dict(r) for r in ranking], add_to_output=True)
    return message


OUT_OF_SCOPE_RANKING = [
    _intent(intents.OUT_OF_SCOPE, 0.6),
    _intent(intents.REPORT_CRIME, 0.3),
    _intent(intents.GREET, 0.1),
]
FALLBACK_RANKING = [
    _intent(intents.NLU_FALLBACK, 0.7),
    _intent(intents.REPORT_CRIME, 0.45),
    _intent(intents.EMERGENCY, 0.4),
    _intent(intents.OUT_OF_SCOPE, 0.15),
]


@pytest.fixture()
def component(
    default_model_storage: LocalModelStorage, default_execution_context: ExecutionContext
) -> SafetyOverride:
    return SafetyOverride.create(
        {**SafetyOverride.get_default_config()},
        default_model_storage,
        Resource("safety"),
        default_execution_context,
    )


# -- overriding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("someone is breaking into my house right now", "in_progress"),
        ("hes got a knife", "weapon"),
        ("my friend has been stabbed", "injury"),
        ("cant find my 5 year old", "missing_child"),
        ("help me", "urgent_help"),
    ],
)
def test_emergency_hit_overrides_out_of_scope(component: SafetyOverride, text: str, concern: str) -> None:
    message = _classified(text, OUT_OF_SCOPE_RANKING)

    [processed] = component.process([message])

    assert processed.get(INTENT) == _intent(intents.EMERGENCY, 1.0)
    ranking = processed.get(INTENT_RANKING_KEY)
    assert ranking[0] == _intent(intents.EMERGENCY, 1.0)
    assert ranking[1:] == OUT_OF_SCOPE_RANKING  # the classifier's ranking is kept below
    safety = processed.get(SAFETY_KEY)
    assert safety["category"] == "emergency"
    assert safety["concern"] == concern
    assert set(safety) == {"category", "concern", "rule"}


def test_emergency_hit_overrides_nlu_fallback_without_duplicates(component: SafetyOverride) -> None:
    message = _classified("there's a man outside with a gun", FALLBACK_RANKING)

    [processed] = component.process([message])

    assert processed.get(INTENT) == _intent(intents.EMERGENCY, 1.0)
    names = [r[INTENT_NAME_KEY] for r in processed.get(INTENT_RANKING_KEY)]
    assert names == [intents.EMERGENCY, intents.NLU_FALLBACK, intents.REPORT_CRIME, intents.OUT_OF_SCOPE]
    assert processed.get(SAFETY_KEY)["concern"] == "weapon"


def test_emergency_hit_confirms_a_classifier_emergency(component: SafetyOverride) -> None:
    message = _classified(
        "he's not breathing", [_intent(intents.EMERGENCY, 0.55), _intent(intents.GREET, 0.45)]
    )

    [processed] = component.process([message])

    assert processed.get(INTENT) == _intent(intents.EMERGENCY, 1.0)
    assert processed.get(INTENT_RANKING_KEY) == [
        _intent(intents.EMERGENCY, 1.0),
        _intent(intents.GREET, 0.45),
    ]
    assert processed.get(SAFETY_KEY)["concern"] == "not_breathing"


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("my husband hits me", "domestic_abuse"),
        ("i dont want to be here anymore", "self_harm"),
        ("my boss took my passport", "trafficking"),
    ],
)
def test_safeguarding_hit_overrides(component: SafetyOverride, text: str, concern: str) -> None:
    message = _classified(text, [_intent(intents.REPORT_CRIME, 0.8), _intent(intents.SAFEGUARDING, 0.15)])

    [processed] = component.process([message])

    assert processed.get(INTENT) == _intent(intents.SAFEGUARDING, 1.0)
    assert processed.get(INTENT_RANKING_KEY) == [
        _intent(intents.SAFEGUARDING, 1.0),
        _intent(intents.REPORT_CRIME, 0.8),
    ]
    assert processed.get(SAFETY_KEY) == {
        "category": "safeguarding",
        "concern": concern,
        "rule": processed.get(SAFETY_KEY)["rule"],
    }


def test_safeguarding_hit_never_downgrades_an_emergency(component: SafetyOverride) -> None:
    ranking = [_intent(intents.EMERGENCY, 0.62), _intent(intents.SAFEGUARDING, 0.3)]
    message = _classified("my ex keeps threatening me", ranking)

    [processed] = component.process([message])

    assert processed.get(INTENT) == _intent(intents.EMERGENCY, 0.62)
    assert processed.get(INTENT_RANKING_KEY) == ranking
    assert processed.get(SAFETY_KEY)["category"] == "safeguarding"
    assert processed.get(SAFETY_KEY)["concern"] == "domestic_abuse"


def test_emergency_beats_safeguarding_in_one_message(component: SafetyOverride) -> None:
    message = _classified("my husband is hitting me", [_intent(intents.SAFEGUARDING, 0.9)])

    [processed] = component.process([message])

    assert processed.get(INTENT)[INTENT_NAME_KEY] == intents.EMERGENCY
    assert processed.get(SAFETY_KEY)["category"] == "emergency"


# -- leaving messages alone ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        ("my bike was stolen yesterday", [_intent(intents.REPORT_CRIME, 0.93)]),
        ("hello", [_intent(intents.GREET, 0.99)]),
        ("what should I do if someone breaks in?", OUT_OF_SCOPE_RANKING),
        ("how long do they have to send a speeding fine", FALLBACK_RANKING),
        # the classifier's own emergency (no rule hit) stays as it is
        (
            "please pick up, it's urgent",
            [_intent(intents.EMERGENCY, 0.71), _intent(intents.REQUEST_HUMAN, 0.2)],
        ),
        ("/affirm", [_intent(intents.AFFIRM, 1.0)]),
        ("", None),
    ],
)
def test_no_hit_leaves_message_untouched(
    component: SafetyOverride, text: str, ranking: list[dict[str, Any]] | None
) -> None:
    message = _classified(text, ranking)
    data_before = copy.deepcopy(message.data)
    output_before = set(message.output_properties)

    [processed] = component.process([message])

    assert processed is message
    assert processed.data == data_before
    assert processed.output_properties == output_before
    assert SAFETY_KEY not in processed.data


def test_button_payloads_are_not_checked(component: SafetyOverride) -> None:
    message = _classified('/inform{"description": "he has a knife"}', [_intent(intents.INFORM, 1.0)])
    [processed] = component.process([message])
    assert processed.get(INTENT) == _intent(intents.INFORM, 1.0)
    assert SAFETY_KEY not in processed.data


def test_message_without_a_classifier_result(component: SafetyOverride) -> None:
    [processed] = component.process([Message(data={TEXT: "theres smoke coming from next door"})])
    assert processed.get(INTENT) == _intent(intents.EMERGENCY, 1.0)
    assert processed.get(INTENT_RANKING_KEY) == [_intent(intents.EMERGENCY, 1.0)]
    assert processed.get(SAFETY_KEY)["concern"] == "fire"


def test_processes_a_batch(component: SafetyOverride) -> None:
    messages = [
        _classified("he's going to kill me", OUT_OF_SCOPE_RANKING),
        _classified("thanks bye", [_intent(intents.GOODBYE, 0.9)]),
        _classified("someone is stalking me", OUT_OF_SCOPE_RANKING),
    ]
    processed = component.process(messages)
    assert [m.get(INTENT)[INTENT_NAME_KEY] for m in processed] == [
        intents.EMERGENCY,
        intents.GOODBYE,
        intents.SAFEGUARDING,
    ]
    assert [m.get(SAFETY_KEY, {}).get("concern") for m in processed] == ["threat_to_life", None, "stalking"]


def test_ranking_entries_are_copies(component: SafetyOverride) -> None:
    ranking = [_intent(intents.OUT_OF_SCOPE, 0.6)]
    message = _classified("he's got a knife", ranking)
    component.process([message])
    message.get(INTENT_RANKING_KEY)[1][PREDICTED_CONFIDENCE_KEY] = 0.0
    assert ranking == [_intent(intents.OUT_OF_SCOPE, 0.6)]


def test_custom_intent_names(
    default_model_storage: LocalModelStorage, default_execution_context: ExecutionContext
) -> None:
    component = SafetyOverride.create(
        {"emergency_intent": "urgent"}, default_model_storage, Resource("safety"), default_execution_context
    )
    [processed] = component.process([_classified("he has a gun", OUT_OF_SCOPE_RANKING)])
    assert processed.get(INTENT) == _intent("urgent", 1.0)


# -- the safety key reaches the parse result -------------------------------------------------


def test_safety_key_is_an_output_property(component: SafetyOverride) -> None:
    """``MessageProcessor`` keeps only output properties: the key must be one of them."""
    [processed] = component.process([_classified("my 14 year old has run away", OUT_OF_SCOPE_RANKING)])

    parse = processed.as_dict(only_output_properties=True)

    assert parse[INTENT] == _intent(intents.EMERGENCY, 1.0)
    assert parse[INTENT_RANKING_KEY][0] == _intent(intents.EMERGENCY, 1.0)
    assert parse[SAFETY_KEY]["concern"] == "missing_child"
    assert safety_of(parse) == SafetyHit(**parse[SAFETY_KEY])
    assert safety_of({}) is None
    assert safety_of({SAFETY_KEY: {"category": "emergency"}}) is None


# A stand-in for DIETClassifier: non-trainable, so the predict graph runs without a trained model.
@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class _StubClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: Any, resource: Any, execution_context: Any) -> Any:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            message.set(INTENT, _intent(intents.OUT_OF_SCOPE, 0.6), add_to_output=True)
            message.set(INTENT_RANKING_KEY, [dict(r) for r in OUT_OF_SCOPE_RANKING], add_to_output=True)
        return messages


def _model_config(pipeline: list[dict[str, Any]]) -> Any:
    config = {"recipe": "default.v1", "language": "en", "assistant_id": "test", "pipeline": pipeline}
    return Recipe.recipe_for_name("default.v1").graph_config_for_recipe(
        config, {}, training_type=TrainingType.NLU
    )


PIPELINE = [
    {"name": "WhitespaceTokenizer"},
    {"name": "_StubClassifier"},
    {"name": "FallbackClassifier", "threshold": 0.7},
    {"name": "bot.components.SafetyOverride"},
]


def test_recipe_accepts_the_component_last_in_the_pipeline() -> None:
    model_config = _model_config(PIPELINE)
    validation.validate(model_config)
    nodes = model_config.predict_schema.nodes
    assert nodes["run_bot.components.SafetyOverride3"].uses is SafetyOverride
    assert nodes["run_bot.components.SafetyOverride3"].needs == {"messages": "run_FallbackClassifier2"}
    assert nodes["run_RegexMessageHandler"].needs["messages"] == "run_bot.components.SafetyOverride3"


@pytest.mark.parametrize(
    ("text", "intent", "safety"),
    [
        ("theyre kicking my door in", intents.EMERGENCY, {"category": "emergency", "concern": "in_progress"}),
        (
            "my partner controls all my money",
            intents.SAFEGUARDING,
            {"category": "safeguarding", "concern": "domestic_abuse"},
        ),
        ("my car was broken into last night", intents.NLU_FALLBACK, None),
    ],
)
def test_parse_through_the_predict_graph(
    tmp_path: Any, text: str, intent: str, safety: dict[str, str] | None
) -> None:
    """Run Rasa's own ``MessageProcessor._parse_message_with_graph`` on the predict graph."""
    model_config = _model_config(PIPELINE)
    runner = DaskGraphRunner(
        model_config.predict_schema,
        LocalModelStorage(tmp_path),
        ExecutionContext(model_config.predict_schema, "1"),
    )
    processor = SimpleNamespace(
        graph_runner=runner, model_metadata=SimpleNamespace(nlu_target=model_config.nlu_target)
    )
    tracker = DialogueStateTracker.from_events("citizen", [])

    parse = MessageProcessor._parse_message_with_graph(processor, UserMessage(text), tracker)  # type: ignore[arg-type]

    assert parse[INTENT][INTENT_NAME_KEY] == intent
    if safety is None:
        assert SAFETY_KEY not in parse
        return
    assert parse[INTENT][PREDICTED_CONFIDENCE_KEY] == 1.0
    assert {k: parse[SAFETY_KEY][k] for k in ("category", "concern")} == safety
    # ... and it is persisted with the tracker's UserUttered event
    event = UserUttered(text, parse[INTENT], parse["entities"], parse)
    assert event.as_dict()["parse_data"][SAFETY_KEY] == parse[SAFETY_KEY]
    tracker.update(event)
    assert tracker.latest_message.parse_data[SAFETY_KEY] == parse[SAFETY_KEY]


def test_fallback_classifier_then_override_order() -> None:
    """FallbackClassifier first turns a weak prediction into nlu_fallback; the override then wins."""
    fallback = FallbackClassifier({**FallbackClassifier.get_default_config(), "threshold": 0.7})
    component = SafetyOverride({**SafetyOverride.get_default_config()})
    message = _classified("someone is following me", OUT_OF_SCOPE_RANKING)
    [message] = fallback.process([message])
    assert message.get(INTENT)[INTENT_NAME_KEY] == intents.NLU_FALLBACK
    [message] = component.process([message])
    assert message.get(INTENT) == _intent(intents.EMERGENCY, 1.0)
    assert [r[INTENT_NAME_KEY] for r in message.get(INTENT_RANKING_KEY)][:2] == [
        intents.EMERGENCY,
        intents.NLU_FALLBACK,
    ]
