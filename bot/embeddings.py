"""``WordLlamaFeaturizer``: dense pretrained word features for the NLU pipeline, fully offline.

The ``wordllama`` wheel (PyPI, pinned in ``rasa-env/uv.lock``) ships a token embedding table
distilled from a large language model's input embeddings (``weights/l2_supercat_256.safetensors``,
32,000 sub-word tokens x 256 dimensions, 16 MB) and its tokenizer file
(``tokenizers/l2_supercat_tokenizer_config.json``). This component reads both straight from the
installed package with ``safetensors`` and ``tokenizers``: nothing is downloaded, ever, and
wordllama's own loader (which wants pydantic 2 and numpy 2, and looks for the tokenizer under a
folder the wheel does not use, then tries the network) is never imported.

For each message's ``text`` it adds, next to the sparse word and character features:

* **sequence features**: one 256-dimension row per token of the pipeline's tokenizer, the mean
  of the vectors of the sub-word pieces that end inside that token (zeros for a token with
  none), so DIET-style classifiers see them aligned with every other featurizer's rows;
* **sentence features**: the mean of all sub-word vectors of the message (wordllama's own
  average pooling), scaled to unit length, so messages of any length sit on the same scale.

Cost: one tokenizer call and one table lookup per message; a 2,000-character message takes well
under a millisecond (``bench/nlu.py`` measures the whole parse).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import util as import_util
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


class EmbeddingsMissing(RuntimeError):
    """The wordllama package (its weights or tokenizer file) is not installed."""


def package_dir() -> Path:
    """The installed ``wordllama`` package folder, found without importing the package."""
    spec = import_util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingsMissing("the wordllama package is not installed (rasa-env/pyproject.toml)")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def load_table() -> Tuple[Any, np.ndarray]:
    """(tokenizer, float32 embedding table), loaded once per process from the installed wheel."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer as PieceTokenizer

    folder = package_dir()
    weights, tokenizer_file = folder / WEIGHTS, folder / TOKENIZER
    for path in (weights, tokenizer_file):
        if not path.is_file():
            raise EmbeddingsMissing(f"wordllama file missing: {path}")
    tensors = load_file(str(weights))
    table = np.ascontiguousarray(next(iter(tensors.values())).astype(np.float32))
    pieces = PieceTokenizer.from_file(str(tokenizer_file))
    pieces.no_padding()
    pieces.no_truncation()
    return pieces, table


class WordLlamaEmbedder:
    """Sentence and per-token vectors for texts (pure numpy; no Rasa types)."""

    def __init__(self) -> None:
        self.pieces, self.table = load_table()
        self.dimensions = int(self.table.shape[1])

    def _vectors(self, encoding: Any) -> Tuple[np.ndarray, np.ndarray]:
        ids = np.clip(np.asarray(encoding.ids, dtype=np.int64), 0, self.table.shape[0] - 1)
        # A piece's last character places it: pieces carry their leading space ("▁bike" starts on
        # the space before the word).
        lasts = np.asarray([max(start, end - 1) for start, end in encoding.offsets], dtype=np.int64)
        return self.table[ids], lasts

    def sentence(self, vectors: np.ndarray) -> np.ndarray:
        if not len(vectors):
            return np.zeros((1, self.dimensions), dtype=np.float32)
        mean = vectors.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return (mean / norm if norm else mean).reshape(1, -1).astype(np.float32)

    def features(
        self, text: str, token_spans: List[Tuple[int, int]], encoding: Any = None
    ) -> Tuple[np.ndarray, np.ndarray]:
        """(sequence features, one row per token span; sentence features, one row)."""
        encoding = encoding if encoding is not None else self.pieces.encode(text, add_special_tokens=False)
        vectors, lasts = self._vectors(encoding)
        sequence = np.zeros((len(token_spans), self.dimensions), dtype=np.float32)
        if len(token_spans) and len(vectors):
            token_starts = np.asarray([start for start, _ in token_spans], dtype=np.int64)
            # Pieces only move forward, so each token's pieces are one run: sum the runs at once.
            owner = np.searchsorted(token_starts, lasts, side="right") - 1
            keep = owner >= 0
            owner, kept = owner[keep], vectors[keep]
            if len(owner):
                first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
                sums = np.add.reduceat(kept, first, axis=0)
                counts = np.diff(np.r_[first, len(owner)]).astype(np.float32)
                sequence[owner[first]] = sums / counts[:, None]
        return sequence, self.sentence(vectors)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class WordLlamaFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds wordllama sequence and sentence features to each message's text (module docstring)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["wordllama", "tokenizers", "safetensors"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "sequence_features": True}

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.embedder = WordLlamaEmbedder()
        self.sequence_features = bool(self._config.get("sequence_features", True))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    def _featurize(self, messages: List[Message]) -> None:
        todo = [m for m in messages if m.get(TEXT) and m.get(TOKENS_NAMES[TEXT])]
        if not todo:
            return
        encodings = self.embedder.pieces.encode_batch(
            [m.get(TEXT) for m in todo], add_special_tokens=False
        )
        for message, encoding in zip(todo, encodings):
            spans = [(token.start, token.end) for token in message.get(TOKENS_NAMES[TEXT])]
            sequence, sentence = self.embedder.features(message.get(TEXT), spans, encoding)
            self.add_features_to_message(
                sequence if self.sequence_features else None, sentence, TEXT, message
            )

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data


def embed(texts: List[str]) -> np.ndarray:
    """Unit-length sentence vectors for plain texts (bench/nlu.py's baselines use it)."""
    embedder = WordLlamaEmbedder()
    rows: List[np.ndarray] = []
    for encoding in embedder.pieces.encode_batch(texts, add_special_tokens=False):
        vectors, _ = embedder._vectors(encoding)
        rows.append(embedder.sentence(vectors)[0])
    return np.vstack(rows) if rows else np.zeros((0, embedder.dimensions), dtype=np.float32)


__all__: Optional[List[str]] = ["WordLlamaFeaturizer", "WordLlamaEmbedder", "embed", "EmbeddingsMissing"]
