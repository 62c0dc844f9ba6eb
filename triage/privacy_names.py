"""The first-name and surname gazetteer that lets redaction find names with no cue word.

Built once from two maintained packages (main environment only; nothing is downloaded):

* ``names-dataset`` (the most common first names and surnames by country, from public data):
  the top names in the UK, Ireland and the US, and the commonest in the countries most of the
  UK's other residents come from;
* ``english-words`` (the web2 and GCIDE word lists): the ordinary English words, so a name that is
  also a word ("Will", "Rose", "Mark", "Miller", "Burns") is only taken as a name where the context
  says so (capitalised next to another name, or after a cue such as "my son").

Loading ``names-dataset`` takes a few seconds and about a gigabyte, so the gazetteer is cached
as a small JSON file (``var/cache/name-gazetteer-<versions>.json``, or the ``path`` given); every
later use reads that in milliseconds. ``make install`` builds it. Where neither package nor
cache is there (the Rasa environment), :func:`gazetteer` returns an empty one and only the cue
rules apply.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle  # noqa: S403 (names-dataset ships its tables as pickles; ours are only read here)
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Dict, FrozenSet, Optional  # noqa: UP035 (runtime aliases on Python 3.9)

ROOT = Path(__file__).resolve().parent.parent
BUILDER_VERSION = "1"

#: (country, how many of its top first names, how many of its top surnames)
COUNTRIES = (
    ("GB", 4000, 8000),
    ("IE", 1000, 2000),
    ("US", 1500, 2500),
    *((c, 300, 300) for c in ("IN", "PK", "BD", "PL", "RO", "NG", "GH", "IT", "PT", "LT", "TR", "FR", "DE", "ES")),
)
_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*[A-Za-zÀ-ÖØ-öø-ÿ]$")


@dataclass(frozen=True)
class Gazetteer:
    first: FrozenSet[str] = field(default_factory=frozenset)  # lower case
    last: FrozenSet[str] = field(default_factory=frozenset)
    common_first: FrozenSet[str] = field(default_factory=frozenset)  # the most common, lower case
    ordinary: FrozenSet[str] = field(default_factory=frozenset)  # ordinary English words

    def is_name(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.first or lower in self.last

    def is_ordinary(self, word: str) -> bool:
        lower = word.lower().replace("’", "'")
        if lower in self.ordinary:
            return True
        for ending, stem in (("'s", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ing", ""), ("ly", "")):
            if lower.endswith(ending) and len(lower) - len(ending) >= 3 and lower[: -len(ending)] + stem in self.ordinary:
                return True
        return False


def _versions() -> Optional[str]:
    try:
        return f"nd{metadata.version('names-dataset')}-ew{metadata.version('english-words')}-b{BUILDER_VERSION}"
    except metadata.PackageNotFoundError:
        return None


def default_path() -> Optional[Path]:
    versions = _versions()
    return ROOT / "var" / "cache" / f"name-gazetteer-{versions}.json" if versions else None


def _top(table_file: Path, limits: Dict[str, int]) -> set:  # type: ignore[type-arg]
    with gzip.open(table_file) as handle:
        table = pickle.load(handle)  # noqa: S301 (the package's own data file)
    found = set()
    for name, info in table.items():
        ranks = info.get("rank") or {}
        if any(ranks.get(country, 10**9) <= limit for country, limit in limits.items()) and _NAME.match(name):
            found.add(name.lower())
    del table
    return found


def build(path: Path) -> Gazetteer:
    """Build the gazetteer from the packages (seconds; about a gigabyte at the peak) and cache it."""
    import english_words
    import names_dataset

    tables = Path(names_dataset.__file__).parent / "v3"
    first = _top(tables / "first_names.pkl.gz", {c: n for c, n, _ in COUNTRIES})
    common = _top(tables / "first_names.pkl.gz", {"GB": 1500, "IE": 300, "US": 500})
    last = _top(tables / "last_names.pkl.gz", {c: n for c, _, n in COUNTRIES})
    words = set()
    for source in ("web2", "gcide"):
        # Only words the lists give in lower case: proper nouns ("Kevin") are capitalised there.
        words |= {w for w in english_words.get_english_words_set([source], lower=False) if w.islower()}
    gazetteer = Gazetteer(frozenset(first), frozenset(last), frozenset(common), frozenset(words))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".gazetteer.", dir=path.parent)
    with os.fdopen(fd, "w") as handle:
        json.dump({k: sorted(getattr(gazetteer, k)) for k in ("first", "last", "common_first", "ordinary")}, handle)
    os.replace(temp, path)
    return gazetteer


@lru_cache(maxsize=4)
def gazetteer(path: Optional[Path] = None) -> Gazetteer:
    """The cached gazetteer (built on first use if the packages are installed), else an empty one."""
    path = path or default_path()
    if path is None:
        return Gazetteer()
    if path.exists():
        loaded = json.loads(path.read_text())
        return Gazetteer(*(frozenset(loaded[k]) for k in ("first", "last", "common_first", "ordinary")))
    return build(path)
