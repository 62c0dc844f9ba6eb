"""``SentenceLogisticClassifier``: a light intent classifier on whole-message features.

A multinomial logistic regression (scikit-learn) over each message's *sentence* features, one
block per featurizer: each sparse block (the ``CountVectorsFeaturizer``s' word and character n-gram
counts, the ``RegexFeaturizer``'s pattern hits) as sublinear TF-IDF, ``log(1 + count)`` times the
IDF learnt from the training data, scaled to unit length so a long story weighs no more than a
short line; each dense block (``bot.embeddings.WordLlamaFeaturizer``, unit length already) as it
is; sparse and dense parts multiplied by their configured weights. Why not DIET: on long messages DIET runs a transformer over
every token of every featurizer, and on short, clean training examples it overfits their shape;
this head costs one sparse dot product per message, whatever its length, and trains in seconds.

The learnt weights are stored as plain numpy arrays (``.npz``, no pickle) and applied with numpy
at inference: ``softmax(X @ coef.T + intercept)``. ``intent_ranking`` lists the top
``ranking_length`` intents, as DIET's does, so ``FallbackClassifier`` and ``SafetyOverride`` work
unchanged after it.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "weights.npz"


def _unit_rows(matrix: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return scipy.sparse.csr_matrix(scipy.sparse.diags(1.0 / norms) @ matrix)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceLogisticClassifier(GraphComponent, IntentClassifier):
    """Logistic regression on sparse + dense sentence features (see the module docstring)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "C": 10.0,
            "max_iter": 1000,
            "sparse_weight": 1.0,
            "dense_weight": 1.0,
            "class_weight": "balanced",
            "ranking_length": 10,
            "random_seed": 0,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classes: Optional[List[str]] = None,
        coef: Optional[np.ndarray] = None,
        intercept: Optional[np.ndarray] = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.classes = classes or []
        self.coef = coef
        self.intercept = intercept
        self.block_names: List[str] = []
        self.widths: Dict[str, int] = {}
        self.idf: Dict[str, np.ndarray] = {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceLogisticClassifier":
        return cls(config, model_storage, resource)

    # --- features -------------------------------------------------------------------------------

    @staticmethod
    def blocks(message: Message) -> Dict[str, Any]:
        """The message's sentence features of its text, by featurizer (sparse as csr, dense as array)."""
        found: Dict[str, Any] = {}
        for feature in message.features:
            if feature.attribute != TEXT or feature.type != FEATURE_TYPE_SENTENCE:
                continue
            origin = (
                "+".join(map(str, feature.origin))
                if isinstance(feature.origin, (list, tuple))
                else str(feature.origin)
            )
            if feature.is_sparse():
                found[f"sparse:{origin}"] = scipy.sparse.csr_matrix(feature.features, dtype=np.float64)
            else:
                found[f"dense:{origin}"] = np.asarray(feature.features, dtype=np.float64).reshape(1, -1)
        return found

    def features(self, messages: List[Message]) -> scipy.sparse.csr_matrix:
        """One row per message: each sparse block as sublinear TF-IDF scaled to unit length, each
        dense block as it is, times its weight; blocks in the order fixed at training."""
        columns: List[scipy.sparse.csr_matrix] = []
        per_message = [self.blocks(m) for m in messages]
        for name in self.block_names:
            width = int(self.widths[name])
            if name.startswith("sparse:"):
                rows = [b.get(name) for b in per_message]
                stacked = scipy.sparse.vstack(
                    [r if r is not None and r.shape[1] == width else scipy.sparse.csr_matrix((1, width)) for r in rows]
                ).tocsr()
                stacked.data = np.log1p(np.abs(stacked.data))
                stacked = stacked @ scipy.sparse.diags(self.idf[name])
                columns.append(_unit_rows(scipy.sparse.csr_matrix(stacked)) * float(self.config["sparse_weight"]))
            else:
                dense = np.vstack(
                    [b[name] if name in b and b[name].shape[1] == width else np.zeros((1, width)) for b in per_message]
                )
                columns.append(scipy.sparse.csr_matrix(dense * float(self.config["dense_weight"])))
        return scipy.sparse.hstack(columns).tocsr()

    def fit_blocks(self, messages: List[Message]) -> None:
        """Fix the block order and widths, and each sparse block's IDF, from the training data."""
        per_message = [self.blocks(m) for m in messages]
        names = sorted({name for b in per_message for name in b})
        self.block_names, self.widths, self.idf = names, {}, {}
        for name in names:
            width = max(b[name].shape[1] for b in per_message if name in b)
            self.widths[name] = width
            if name.startswith("sparse:"):
                present = np.zeros(width)
                for b in per_message:
                    if name in b and b[name].shape[1] == width:
                        present[b[name].indices] += 1
                self.idf[name] = np.log((1 + len(messages)) / (1 + present)) + 1.0

    # --- training -------------------------------------------------------------------------------

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return self._resource
        labels = [str(e.get(INTENT)) for e in examples]
        self.fit_blocks(examples)
        model = LogisticRegression(
            C=float(self.config["C"]),
            max_iter=int(self.config["max_iter"]),
            class_weight=self.config["class_weight"],
            random_state=int(self.config["random_seed"]),
        )
        model.fit(self.features(examples), labels)
        self.classes = [str(c) for c in model.classes_]
        coef, intercept = np.asarray(model.coef_), np.asarray(model.intercept_)
        if len(self.classes) == 2:  # scikit-learn keeps one row for two classes: sigmoid(z)
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.r_[np.zeros_like(intercept), intercept]
        self.coef, self.intercept = coef, intercept
        self.persist()
        return self._resource

    def persist(self) -> None:
        if self.coef is None or self.intercept is None:
            return
        with self._model_storage.write_to(self._resource) as folder:
            np.savez(
                folder / WEIGHTS_FILE,
                coef=self.coef,
                intercept=self.intercept,
                classes=np.asarray(self.classes, dtype=str),
                block_names=np.asarray(self.block_names, dtype=str),
                widths=np.asarray([self.widths[n] for n in self.block_names], dtype=np.int64),
                **{f"idf_{i}": self.idf[n] for i, n in enumerate(self.block_names) if n in self.idf},
            )

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SentenceLogisticClassifier":
        try:
            with model_storage.read_from(resource) as folder:
                with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as stored:
                    component = cls(
                        config,
                        model_storage,
                        resource,
                        classes=[str(c) for c in stored["classes"]],
                        coef=np.array(stored["coef"]),
                        intercept=np.array(stored["intercept"]),
                    )
                    names = [str(n) for n in stored["block_names"]]
                    component.block_names = names
                    component.widths = {n: int(w) for n, w in zip(names, stored["widths"])}
                    component.idf = {
                        n: np.array(stored[f"idf_{i}"]) for i, n in enumerate(names) if f"idf_{i}" in stored
                    }
                    return component
        except (ValueError, OSError):
            logger.warning("SentenceLogisticClassifier: no trained weights; it will not classify")
            return cls(config, model_storage, resource)

    # --- inference ------------------------------------------------------------------------------

    def probabilities(self, messages: List[Message]) -> np.ndarray:
        assert self.coef is not None and self.intercept is not None
        scores = np.asarray(self.features(messages) @ self.coef.T) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def process(self, messages: List[Message]) -> List[Message]:
        todo = [m for m in messages if m.get(TEXT)]
        if self.coef is None or not todo:
            return messages
        for message, row in zip(todo, self.probabilities(todo)):
            order = np.argsort(-row)[: max(1, int(self.config["ranking_length"]))]
            ranking = [{"name": self.classes[i], "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages
