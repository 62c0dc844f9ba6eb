"""Tests of ``bot.embeddings.WordLlamaFeaturizer`` and ``bot.sentence_classifier`` with real Rasa
components (WhitespaceTokenizer, CountVectorsFeaturizer) and the weights shipped in the wordllama
wheel, loaded offline.

Run (Rasa environment):
  PYTHONPATH=. .venv-rasa/bin/python -m pytest tests/unit/bot -q -p no:cacheprovider
"""

from __future__ import annotations

import socket
from typing import Any

import numpy as np
import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.embeddings import WordLlamaEmbedder, WordLlamaFeaturizer, embed
from bot.sentence_classifier import SentenceLogisticClassifier

TRAIN = {
    "report_crime": [
        "my bike was stolen from the shed last night",
        "someone broke into my car and took the stereo",
        "our garage was burgled over the weekend",
        "my phone was nicked on the bus yesterday",
    ],
    "ask_speed_camera": [
        "i got a speeding ticket from a camera",
        "how many points for doing 35 in a 30",
        "can i do a speed awareness course",
        "the camera flashed me on the bypass",
    ],
}


def no_network(*_: Any, **__: Any) -> None:
    raise AssertionError("the featurizer must not touch the network")


def test_the_weights_load_from_the_installed_wheel_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", no_network)
    embedder = WordLlamaEmbedder()
    assert embedder.table.shape == (32000, 256) and embedder.table.dtype == np.float32


def test_sentence_vectors_are_unit_length_and_know_synonyms() -> None:
    vectors = embed(["my bike was stolen", "someone took my bicycle", "what is the speed limit here", ""])
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()  # an empty text has no pieces: zeros, not NaN
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_each_token_gets_the_mean_of_the_pieces_that_end_inside_it() -> None:
    embedder = WordLlamaEmbedder()
    text = "my bike was nicked"
    spans = [(0, 2), (3, 7), (8, 11), (12, 18)]
    sequence, sentence = embedder.features(text, spans)
    pieces = embedder.pieces.encode(text, add_special_tokens=False)
    assert pieces.tokens == ["▁my", "▁bi", "ke", "▁was", "▁n", "icked"]
    table = embedder.table[pieces.ids]
    assert np.allclose(sequence[1], table[1:3].mean(axis=0)) and np.allclose(sequence[3], table[4:6].mean(axis=0))
    assert sequence.shape == (4, 256) and sentence.shape == (1, 256)


def test_a_long_message_costs_little(benchmark_text: str = "he is outside the house now. " * 70) -> None:
    import time

    embedder = WordLlamaEmbedder()
    spans = [(i, i + 1) for i in range(0, len(benchmark_text), 5)]
    started = time.process_time()
    for _ in range(20):
        embedder.features(benchmark_text, spans)
    assert (time.process_time() - started) / 20 < 0.02  # CPU seconds per 2,000-character message


def pipeline(storage: LocalModelStorage, context: ExecutionContext) -> tuple[list[Any], SentenceLogisticClassifier]:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    words = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("words"), context
    )
    featurizer = WordLlamaFeaturizer.create(WordLlamaFeaturizer.get_default_config(), storage, Resource("wl"), context)
    classifier = SentenceLogisticClassifier.create(
        {**SentenceLogisticClassifier.get_default_config(), "C": 10.0}, storage, Resource("clf"), context
    )
    return [tokenizer, words, featurizer], classifier


def test_the_classifier_trains_persists_loads_and_ranks(
    default_model_storage: LocalModelStorage, default_execution_context: ExecutionContext
) -> None:
    steps, classifier = pipeline(default_model_storage, default_execution_context)
    examples = [Message(data={TEXT: t, INTENT: intent}) for intent, texts in TRAIN.items() for t in texts]
    data = TrainingData(examples)
    steps[0].process_training_data(data)
    steps[1].train(data)
    steps[1].process_training_data(data)
    steps[2].process_training_data(data)
    dense = examples[0].get_dense_features(TEXT)
    assert dense[0] is not None and dense[0].features.shape[0] == len(examples[0].get("text_tokens"))
    classifier.train(data)

    loaded = SentenceLogisticClassifier.load(
        SentenceLogisticClassifier.get_default_config(),
        default_model_storage,
        Resource("clf"),
        default_execution_context,
    )
    messages = [Message(data={TEXT: t}) for t in ["somebody stole my bicycle", "a speed camera sent me a ticket"]]
    for step in steps:
        step.process(messages)
    loaded.process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["report_crime", "ask_speed_camera"]
    ranking = messages[0].get("intent_ranking")
    assert [r["name"] for r in ranking] == ["report_crime", "ask_speed_camera"]
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6
    # The same text gets the same probabilities from the trained and the loaded component.
    assert np.allclose(classifier.probabilities(messages), loaded.probabilities(messages))
