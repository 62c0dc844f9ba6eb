"""``triage nlu import``: reviewed transcript rows become NLU training examples.

Every row of a review CSV (``triage transcripts export``) with a ``corrected_intent`` is added to
``data/nlu/reviewed.yml`` (Rasa 3 NLU YAML, grouped by intent). The rules:

* **All or nothing.** Any problem — an unknown intent, a retrieval intent without a known answer
  key, a row with no text, one text given two different intents, a missing column — is reported
  with its CSV line number and nothing is written. The file is written to a temporary file and
  renamed into place, so a crash never leaves half a file.
* **Intents** must be the assistant's (``triage.intents``). ``ask_speed_camera`` is a retrieval
  intent: its examples need an answer key the training data already has
  (``ask_speed_camera/penalty``); a new key would need a new response in the domain first.
* **De-duplicated**, ignoring case, spacing and entity annotations, against ``reviewed.yml`` and the
  rest of the training data (``data/nlu/``). A text already trained under a *different* intent is
  not added but reported as a conflict: fix the label where it is if the correction is right.
* **The held-out test sets are never touched**: the command refuses to write under ``tests/nlu/``,
  and skips texts that are already in those sets (training on them would make the evaluation lie).
* **A second line of defence.** Every row is redacted again (:mod:`triage.privacy`) before it is
  written, whatever the CSV says: a spreadsheet edit or an old export never puts a name or a
  number into the training data. A row that moves a text *away* from ``emergency`` or
  ``safeguarding`` — the assistant read it so, or the safety rules read it so, and the correction
  says otherwise — is refused unless ``allow_relabel_emergency`` is given (``triage nlu import
  --allow-relabel-emergency``, recorded in the audit log with who did it). An unknown intent is
  reported with the list of valid ones; skipped held-out rows are listed with their line numbers.
* **Text is kept as exported** apart from that: placeholders such as ``[PHONE]`` stay. Rasa reads
  ``[text](entity)``, ``[text]{...}`` and ``[text][...]`` as entity annotations, so a ``]``
  directly followed by ``(``, ``{`` or ``[`` gets a space between; line breaks become spaces (an
  example is one line), and the leading apostrophe the export adds to formula-like text is taken off.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analytics.transcripts import FORMULA_STARTS
from triage import intents
from triage.intents import base_intent, is_known_intent
from triage.privacy import redact

DEFAULT_OUT = Path("data/nlu/reviewed.yml")
DEFAULT_NLU_DIR = Path("data/nlu")
DEFAULT_PROTECTED_DIR = Path("tests/nlu")

HEADER = (
    "# Examples reviewed by analysts from redacted transcripts. Written by `triage nlu import`\n"
    "# (which rewrites this file: add examples through a review CSV rather than by hand).\n"
)


class ImportRejected(Exception):
    """Nothing was written; ``problems`` says why (one line each)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    intent: str
    predicted: str = ""
    redacted_again: bool = False
    message_id: int | None = None


@dataclass
class ImportResult:
    out: Path
    added: dict[str, list[str]] = field(default_factory=dict)
    duplicates: int = 0
    held_out_lines: list[int] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    redacted_again: list[int] = field(default_factory=list)  # CSV lines whose text needed it
    relabelled_from_safety: list[str] = field(default_factory=list)
    corrections: list[tuple[int, str]] = field(default_factory=list)  # (message_id, intent) of every row

    @property
    def held_out(self) -> int:
        return len(self.held_out_lines)

    @property
    def added_count(self) -> int:
        return sum(len(texts) for texts in self.added.values())


# --- text -----------------------------------------------------------------------------------------

_ANNOTATION = re.compile(r"\[([^\]]+?)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")


def normalise(text: str) -> str:
    """The comparison key: annotations taken off, case folded, whitespace collapsed."""
    return " ".join(_ANNOTATION.sub(r"\1", text).casefold().split())


def clean_example(text: str) -> str:
    """What is written: one line, no control characters, no accidental entity annotation."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cs", "Co") and c not in "\ufeff\ufffe\uffff"
    )
    text = " ".join(text.split())
    return re.sub(r"\]([(\[{])", r"] \1", text)


# --- reading --------------------------------------------------------------------------------------


def read_review_csv(path: Path) -> tuple[list[Row], list[str]]:
    """Rows with a corrected intent, and the problems found (with CSV line numbers)."""
    problems: list[str] = []
    rows: list[Row] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = {"text", "corrected_intent"} - set(reader.fieldnames or [])
            if missing:
                return [], [f"{path}: no {' or '.join(sorted(missing))} column (is this a review export?)"]
            line = reader.line_num + 1
            for record in reader:
                intent = (record.get("corrected_intent") or "").strip().lower()
                if intent:
                    cleaned = clean_example(record.get("text") or "")
                    text = clean_example(redact(cleaned))
                    predicted = (record.get("predicted_intent") or "").strip().lower()
                    if not text:
                        problems.append(f"{path.name} line {line}: no text")
                    else:
                        raw_id = (record.get("message_id") or "").strip()
                        message_id = int(raw_id) if raw_id.isdigit() else None
                        rows.append(Row(line, text, intent, predicted, text != cleaned, message_id))
                line = reader.line_num + 1
    except UnicodeDecodeError:
        return [], [f"{path}: not UTF-8 (save the CSV as 'CSV UTF-8')"]
    except csv.Error as error:
        return [], [f"{path}: not a readable CSV ({error})"]
    return rows, problems


def _nlu_items(path: Path) -> list[dict[str, Any]]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ImportRejected([f"{path}: cannot read it ({error})"]) from error
    items = loaded.get("nlu") if isinstance(loaded, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def _examples(item: dict[str, Any]) -> list[str]:
    examples = item.get("examples")
    if not isinstance(examples, str):
        return []
    return [line.strip()[2:].strip() for line in examples.splitlines() if line.strip().startswith("- ")]


def training_examples(paths: Iterable[Path]) -> dict[str, tuple[str, Path]]:
    """normalised text -> (intent, file) for every intent example in ``paths``."""
    found: dict[str, tuple[str, Path]] = {}
    for path in paths:
        for item in _nlu_items(path):
            if isinstance(item.get("intent"), str):
                for example in _examples(item):
                    found.setdefault(normalise(example), (item["intent"], path))
    return found


def retrieval_keys(examples: dict[str, tuple[str, Path]]) -> dict[str, set[str]]:
    """base intent -> the answer keys the training data has (``ask_speed_camera`` -> {"penalty", ...})."""
    keys: dict[str, set[str]] = {}
    for intent, _ in examples.values():
        if "/" in intent:
            keys.setdefault(base_intent(intent), set()).add(intent.split("/", 1)[1])
    return keys


def valid_intents(keys: dict[str, set[str]]) -> list[str]:
    """What a correction may say: every intent, and retrieval intents by their answer keys."""
    names: list[str] = []
    # Any retrieval intent the training data has (``signpost/fraud``) counts, even one the
    # kernel's list does not name yet.
    for name in dict.fromkeys([*intents.ALL_INTENTS, *sorted(keys)]):
        names += [f"{name}/{key}" for key in sorted(keys[name])] if name in keys else [name]
    return names


def intent_problem(intent: str, keys: dict[str, set[str]]) -> str | None:
    known = is_known_intent(intent) or base_intent(intent) in keys
    if not re.fullmatch(r"[a-z0-9_]+(?:/[a-z0-9_]+)?", intent) or not known:
        return f"unknown intent {intent!r}; valid intents: {', '.join(valid_intents(keys))}"
    base = base_intent(intent)
    if base in keys:
        choices = ", ".join(f"{base}/{key}" for key in sorted(keys[base]))
        if "/" not in intent:
            return f"{base} is answered by retrieval keys: give one of {choices}"
        if intent.split("/", 1)[1] not in keys[base]:
            return f"unknown retrieval key {intent!r}: give one of {choices}"
    elif "/" in intent:
        return f"unknown intent {intent!r} ({base} has no retrieval keys)"
    return None


# --- writing --------------------------------------------------------------------------------------


def is_protected(path: Path, protected_dirs: Iterable[Path]) -> bool:
    resolved = path.resolve()
    for directory in protected_dirs:
        if resolved.is_relative_to(directory.resolve()):
            return True
    parts = resolved.parts
    return any(parts[i : i + 2] == ("tests", "nlu") for i in range(len(parts) - 1))


def render(intents: dict[str, list[str]], others: list[dict[str, Any]]) -> str:
    lines = [HEADER.rstrip("\n"), 'version: "3.1"', "nlu:"]
    for intent, examples in intents.items():
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {example}" for example in examples]
    text = "\n".join(lines) + "\n"
    if others:
        text += yaml.safe_dump(others, allow_unicode=True, sort_keys=False, width=10_000)
    return text


def _write_atomically(path: Path, content: str, expected: dict[str, list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        # The file must read back as exactly what was meant, or it does not replace the old one.
        reread = {item["intent"]: _examples(item) for item in _nlu_items(Path(temp)) if "intent" in item}
        if reread != expected:
            raise ImportRejected(
                [f"internal error: {path.name} would not read back as written; nothing written"]
            )
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _line_of(problem: str) -> int:
    found = re.search(r" line (\d+):", problem)
    return int(found.group(1)) if found else 0


def safety_reading(row: Row) -> str | None:
    """``emergency`` or ``safeguarding`` if the assistant or the safety rules read the text so."""
    from triage.safety import check

    hit = check(row.text)
    readings = {base_intent(row.predicted), hit.category if hit else ""}
    for intent in intents.SAFETY_INTENTS:  # emergency first: the graver reading wins
        if intent in readings:
            return intent
    return None


def moves_away_from_safety(row: Row) -> str | None:
    """The safety reading a correction would drop (emergency → safeguarding drops one too)."""
    reading = safety_reading(row)
    if reading is None:
        return None
    kept = {intents.EMERGENCY} if reading == intents.EMERGENCY else set(intents.SAFETY_INTENTS)
    return None if base_intent(row.intent) in kept else reading


def import_reviewed(
    csv_path: Path,
    out: Path = DEFAULT_OUT,
    *,
    nlu_dir: Path = DEFAULT_NLU_DIR,
    protected_dirs: Iterable[Path] = (DEFAULT_PROTECTED_DIR,),
    allow_relabel_emergency: bool = False,
) -> ImportResult:
    """Add the reviewed rows of ``csv_path`` to ``out``; raises :class:`ImportRejected` (having
    written nothing) on any problem."""
    protected = list(protected_dirs)
    if is_protected(out, protected):
        raise ImportRejected([f"refusing to write to {out}: the held-out test sets are never trained on"])
    rows, problems = read_review_csv(csv_path)

    existing_items = _nlu_items(out) if out.exists() else []
    others = [item for item in existing_items if not isinstance(item.get("intent"), str)]
    reviewed: dict[str, list[str]] = {}
    for item in existing_items:
        if isinstance(item.get("intent"), str):
            reviewed.setdefault(item["intent"], []).extend(_examples(item))
    training = training_examples(
        p
        for p in sorted(nlu_dir.glob("*.y*ml"))
        if p.resolve() != out.resolve() and p.suffix in (".yml", ".yaml")
    )
    for intent, examples in reviewed.items():
        for example in examples:
            training.setdefault(normalise(example), (intent, out))
    held_out = training_examples(p for d in protected if d.is_dir() for p in sorted(d.glob("*.yml")))
    keys = retrieval_keys(training)

    seen: dict[str, Row] = {}
    relabels: list[str] = []
    for row in rows:
        problem = intent_problem(row.intent, keys)
        if problem:
            problems.append(f"{csv_path.name} line {row.line}: {problem}")
            continue
        dropped = moves_away_from_safety(row)
        if dropped:
            note = f"{csv_path.name} line {row.line}: read as {dropped}, corrected to {row.intent!r}"
            relabels.append(note)
            if not allow_relabel_emergency:
                problems.append(
                    f"{note}: a correction away from {dropped} needs --allow-relabel-emergency "
                    "(check the text; the override is recorded)"
                )
        key = normalise(row.text)
        earlier = seen.get(key)
        if earlier is not None and earlier.intent != row.intent:
            problems.append(
                f"{csv_path.name} line {row.line}: the same text is {earlier.intent!r} "
                f"on line {earlier.line} and {row.intent!r} here"
            )
        seen.setdefault(key, row)
    if problems:
        raise ImportRejected(sorted(problems, key=_line_of))

    result = ImportResult(out=out, relabelled_from_safety=relabels)
    result.redacted_again = [row.line for row in rows if row.redacted_again]
    result.corrections = [(row.message_id, row.intent) for row in rows if row.message_id is not None]
    added: dict[str, list[str]] = {}
    for key, row in seen.items():
        if key in held_out:
            result.held_out_lines.append(row.line)
        elif key in training:
            intent, where = training[key]
            if intent == row.intent:
                result.duplicates += 1
            else:
                result.conflicts.append(
                    f"{csv_path.name} line {row.line}: already in {where.name} as {intent!r}, not added as "
                    f"{row.intent!r}"
                )
        else:
            added.setdefault(row.intent, []).append(row.text)
    result.duplicates += len(rows) - len(seen)
    result.added = {intent: added[intent] for intent in sorted(added)}
    if not added:
        return result
    merged = {intent: list(examples) for intent, examples in reviewed.items()}
    for intent, texts in result.added.items():
        merged.setdefault(intent, []).extend(texts)
    _write_atomically(out, render(merged, others), merged)
    return result


def summary(result: ImportResult) -> list[str]:
    """What ``triage nlu import`` prints."""
    lines = [f"added {result.added_count} example(s) to {result.out}"]
    counts = Counter({intent: len(texts) for intent, texts in result.added.items()})
    lines += [f"  {intent}: {count}" for intent, count in sorted(counts.items())]
    skipped = []
    if result.duplicates:
        skipped.append(f"{result.duplicates} already in the training data")
    if result.held_out:
        lines_ = ", ".join(str(n) for n in result.held_out_lines)
        skipped.append(f"{result.held_out} in the held-out test sets (CSV line {lines_})")
    if result.conflicts:
        skipped.append(f"{len(result.conflicts)} labelled differently in the training data")
    if skipped:
        lines.append("skipped: " + ", ".join(skipped))
    lines += [f"  {conflict}" for conflict in result.conflicts]
    if result.redacted_again:
        joined = ", ".join(str(n) for n in result.redacted_again)
        lines.append(
            f"redacted again before writing: {len(result.redacted_again)} row(s) (CSV line {joined})"
        )
    if result.relabelled_from_safety:
        lines.append("moved away from emergency/safeguarding (allowed with --allow-relabel-emergency):")
        lines += [f"  {note}" for note in result.relabelled_from_safety]
    return lines
