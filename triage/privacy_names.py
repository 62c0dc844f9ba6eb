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
import pickle
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Tuple  # noqa: UP035 (runtime aliases on Python 3.9)

ROOT = Path(__file__).resolve().parent.parent
BUILDER_VERSION = "4"

#: (country, how many of its top first names, how many of its top surnames)
COUNTRIES = (
    ("GB", 4000, 8000),
    ("IE", 1000, 2000),
    ("US", 1500, 2500),
    *(
        (c, 300, 300)
        for c in ("IN", "PK", "BD", "PL", "RO", "NG", "GH", "IT", "PT", "LT", "TR", "FR", "DE", "ES")
    ),
)
_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*[A-Za-zÀ-ÖØ-öø-ÿ]$")


@dataclass(frozen=True)
class Gazetteer:
    first: frozenset[str] = field(default_factory=frozenset)  # lower case
    last: frozenset[str] = field(default_factory=frozenset)
    common_first: frozenset[str] = field(default_factory=frozenset)  # the most common, lower case
    ordinary: frozenset[str] = field(default_factory=frozenset)  # ordinary English words

    def is_name(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.first or lower in self.last

    def is_ordinary(self, word: str) -> bool:
        lower = word.lower().replace("’", "'")
        if lower in self.ordinary:
            return True
        for ending, stem in (
            ("'s", ""),
            ("ies", "y"),
            ("es", ""),
            ("s", ""),
            ("ed", ""),
            ("ing", ""),
            ("ly", ""),
        ):
            if (
                lower.endswith(ending)
                and len(lower) - len(ending) >= 3
                and lower[: -len(ending)] + stem in self.ordinary
            ):
                return True
        return False


def _versions() -> str | None:
    try:
        return (
            f"nd{metadata.version('names-dataset')}-ew{metadata.version('english-words')}-b{BUILDER_VERSION}"
        )
    except metadata.PackageNotFoundError:
        return None


def default_path() -> Path | None:
    versions = _versions()
    return ROOT / "var" / "cache" / f"name-gazetteer-{versions}.json" if versions else None


def _top(table_file: Path, limits: dict[str, int]) -> set:  # type: ignore[type-arg]
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
    # Places are not people: the UK's and Ireland's counties, cities and boroughs, and every
    # country (pycountry, which names-dataset depends on), are taken out of the names.
    import pycountry

    countries = {c.name.lower() for c in pycountry.countries}
    places: set = set()  # type: ignore[type-arg]
    for country in ("GB", "IE"):
        for area in pycountry.subdivisions.get(country_code=country) or []:  # type: ignore[no-untyped-call]
            found = {w.lower() for w in re.findall(r"[A-Za-z'’-]+", area.name.split(",")[0]) if len(w) > 3}
            places |= found | {w.removesuffix("shire") for w in found if w.endswith("shire")}  # Oxford
    first -= places  # "Jordan" and "Georgia" stay first names
    last -= places | countries
    words = set()
    for source in ("web2", "gcide"):
        # Only words the lists give in lower case: proper nouns ("Kevin") are capitalised there.
        words |= {w for w in english_words.get_english_words_set([source], lower=False) if w.islower()}
    gazetteer = Gazetteer(frozenset(first), frozenset(last), frozenset(common), frozenset(words))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".gazetteer.", dir=path.parent)
    with os.fdopen(fd, "w") as handle:
        json.dump(
            {k: sorted(getattr(gazetteer, k)) for k in ("first", "last", "common_first", "ordinary")}, handle
        )
    os.replace(temp, path)
    return gazetteer


@lru_cache(maxsize=4)
def gazetteer(path: Path | None = None) -> Gazetteer:
    """The cached gazetteer (built on first use if the packages are installed), else an empty one."""
    path = path or default_path()
    if path is None:
        return Gazetteer()
    if path.exists():
        loaded = json.loads(path.read_text())
        return Gazetteer(*(frozenset(loaded[k]) for k in ("first", "last", "common_first", "ordinary")))
    return build(path)


# --- finding names in text -------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*")
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
    ]
)
#: A capitalised pair ending in one of these is a place ("Mark Road", "Rose Hill"), not a person.
_PLACE_WORDS = frozenset(
    [
        "road",
        "rd",
        "street",
        "st",
        "lane",
        "avenue",
        "ave",
        "close",
        "drive",
        "way",
        "park",
        "hill",
        "green",
        "place",
        "court",
        "square",
        "crescent",
        "grove",
        "gardens",
        "terrace",
        "row",
        "walk",
        "rise",
        "view",
        "vale",
        "mews",
        "parade",
        "centre",
        "center",
        "station",
        "hospital",
        "school",
        "church",
        "college",
        "university",
        "estate",
        "bridge",
        "house",
        "hall",
        "farm",
        "wood",
        "woods",
        "common",
        "market",
        "retail",
        "police",
    ]
)
_KIN = frozenset(
    [
        "mum",
        "mom",
        "mam",
        "mummy",
        "mother",
        "dad",
        "daddy",
        "father",
        "son",
        "sons",
        "daughter",
        "daughters",
        "brother",
        "sister",
        "bro",
        "sis",
        "wife",
        "husband",
        "partner",
        "boyfriend",
        "girlfriend",
        "bf",
        "gf",
        "ex",
        "fiance",
        "fiancee",
        "nan",
        "nana",
        "nanna",
        "gran",
        "granny",
        "grandma",
        "grandmother",
        "grandad",
        "granddad",
        "grandpa",
        "grandfather",
        "grandson",
        "granddaughter",
        "uncle",
        "aunt",
        "auntie",
        "aunty",
        "cousin",
        "nephew",
        "niece",
        "friend",
        "mate",
        "pal",
        "neighbour",
        "neighbor",
        "landlord",
        "landlady",
        "boss",
        "manager",
        "colleague",
        "stepdad",
        "stepmum",
        "stepson",
        "stepdaughter",
        "carer",
        "child",
        "kid",
        "baby",
        "lodger",
        "flatmate",
        "housemate",
        "tenant",
    ]
)
_POSSESSIVE = frozenset(["my", "our", "his", "her", "their", "your", "me"])
Span = Tuple[int, int]  # noqa: UP006


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def name_spans(
    text: str, stopwords: frozenset[str], ambiguous: frozenset[str], gaz: Gazetteer | None = None
) -> list[Span]:
    """Names with no cue word, and lower-case names after kinship and self-naming cues.

    ``ambiguous`` are names that are everyday words ("Will", "May", "Rose", "Bill"): capitalised
    alone they are kept; other common first names are taken when capitalised even where the word
    lists also know them as words (web2 has "emma" and "josh")."""
    gaz = gaz or gazetteer()
    if not gaz.first:
        return []
    tokens = [
        (m.start(), m.start() + len(_bare(m.group(0))), _bare(m.group(0))) for m in _TOKEN.finditer(text)
    ]
    words = [w for _, _, w in tokens]
    lower = [w.lower() for w in words]

    def ordinary(i: int) -> bool:
        return lower[i] in _CALENDAR or lower[i] in _PLACE_WORDS or gaz.is_ordinary(words[i])

    def adjacent(i: int) -> bool:  # token i+1 follows token i with only spaces between
        return i + 1 < len(tokens) and text[tokens[i][1] : tokens[i + 1][0]].strip() == ""

    found: list[Span] = []
    taken = [False] * len(tokens)

    def take(i: int, j: int) -> None:
        found.append((tokens[i][0], tokens[j][1]))
        for k in range(i, j + 1):
            taken[k] = True

    # 1. After a cue: "my son jake miller", "call me dave", "im dave", "this is Sue speaking".
    for i in range(len(tokens)):
        cue = None
        if (lower[i] in _KIN and i > 0 and lower[i - 1] in _POSSESSIVE) or (
            lower[i] == "me" and i > 0 and lower[i - 1] == "call"
        ):
            cue = "kin"
        elif (
            lower[i] in ("im", "i'm", "i’m")
            or (lower[i] == "am" and i > 0 and lower[i - 1] == "i")
            or (lower[i] == "is" and i > 0 and lower[i - 1] == "this")
        ):
            cue = "self"
        if cue is None or not adjacent(i):
            continue
        j = i + 1
        first = lower[j]
        if first in stopwords or taken[j] or first.rstrip(".") in ("mr", "mrs", "ms", "mx", "miss", "dr"):
            continue  # a title: the title rule in triage.privacy takes the name after it
        if cue == "self" and not (
            first in gaz.first and (not ordinary(j) or (_capitalised(words[j]) and first in gaz.common_first))
        ):
            continue
        if cue == "kin" and not ((_capitalised(words[j]) and not ordinary(j)) or first in gaz.first):
            continue
        end = j
        while (
            end - j < 2
            and adjacent(end)
            and lower[end + 1] not in stopwords
            and lower[end + 1] not in _PLACE_WORDS
        ):
            nxt = end + 1
            if (_capitalised(words[nxt]) and (gaz.is_name(words[nxt]) or not ordinary(nxt))) or lower[
                nxt
            ] in gaz.last:
                end = nxt
            else:
                break
        take(j, end)

    # 2. Capitalised runs: "Doreen Walsh", "Kevin and Tracey Burns".
    i = 0
    while i < len(tokens):
        if taken[i] or not _capitalised(words[i]):
            i += 1
            continue
        j = i
        while j - i < 2 and adjacent(j) and _capitalised(words[j + 1]) and not taken[j + 1]:
            j += 1
        if j > i and lower[i] in gaz.first and lower[j] in gaz.last and lower[j] not in _PLACE_WORDS:
            take(i, j)
        else:
            for k in range(i, j + 1):
                if lower[k] in stopwords or lower[k] in ambiguous or not gaz.is_name(words[k]):
                    continue
                if not ordinary(k) or (
                    lower[k] in gaz.common_first and lower[k] not in _PLACE_WORDS | _CALENDAR
                ):
                    take(k, k)
        i = j + 1

    # 3. Lower-case common first names on their own ("kevin took it"), with a surname after.
    for i in range(len(tokens)):
        if taken[i] or lower[i] not in gaz.common_first or ordinary(i) or lower[i] in stopwords:
            continue
        end = i + 1 if adjacent(i) and lower[i + 1] in gaz.last and not ordinary(i + 1) else i
        take(i, end)
    return found
