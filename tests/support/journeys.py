"""Typed journeys: members of the public who type every answer (never a button), played through the
public chat API, with the figures the issue asks for.

A persona (tests/integration/typed_journeys.yml) has an opening message, answers by question (a
list when the question may come back: a correction first, then the answer), and what should happen.
The driver recognises the assistant's questions by their wording (``QUESTIONS``), sends the next
answer for that question, and stops when the conversation reaches an outcome. It records:

- **refused** answers: the same question asked again straight after an answer to it, or the "put it
  another way" help step;
- **loops**: the same question three times in a row, or 40 turns without an outcome;
- **turns** (citizen messages) and each expected stored field, right or wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from tests.support.server import Citizen

PERSONAS = Path(__file__).resolve().parents[1] / "integration" / "typed_journeys.yml"
LONDON = ZoneInfo("Europe/London")
MAX_TURNS = 40

# (question key, words in the assistant's question), most specific first. The read-back repeats
# the field labels, so "shall i send this" comes first.
QUESTIONS: list[tuple[str, str]] = [
    ("confirm", "shall i send this"),
    ("stop", "do you want to stop"),
    ("change", "which part would you like to change"),
    ("help", "let me put it another way"),
    ("risk", "danger or at risk of harm now"),
    ("known", "is the person who did it known to you"),
    ("offender", "anything about who did it"),
    ("evidence", "is there any evidence"),
    ("property", "what was stolen or damaged"),
    ("value", "how much is it worth"),
    ("description", "what happened? tell me in your own words"),
    ("description", "briefly, what happened"),
    ("when", "when did it happen"),
    ("when", "when did the collision happen"),
    ("where", "where did it happen"),
    ("injured", "was anyone hurt"),
    ("road", "is the road blocked or dangerous"),
    ("vehicles", "which vehicles were involved"),
    ("reg", "the other vehicle's registration"),
    ("exchanged", "swap names, addresses and vehicle details"),
    ("continue", "would you still like to make a report"),
    ("insurance", "other driver's insurance details"),
    ("what", "what is happening? tell me"),
    ("where", "where is this happening"),
    ("when", "when does it happen, and how often"),
    ("descriptions", "describe any people or vehicles"),
    ("anonymous", "would you like to stay anonymous"),
    ("name", "what is your name"),
    ("contact", "phone number or email address to contact you"),
]
FINISHED = "anything else i can help with"


def question_of(text: str) -> str | None:
    lowered = text.lower()
    for key, words in QUESTIONS:
        if words in lowered:
            return key
    return None


@dataclass
class Persona:
    id: str
    kind: str
    opening: str
    answers: dict[str, list[str]]
    expect: dict[str, Any]
    follow_ups: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load_all(cls, path: Path = PERSONAS) -> list[Persona]:
        data = yaml.safe_load(path.read_text())
        personas = []
        for item in data["personas"]:
            answers = {k: v if isinstance(v, list) else [v] for k, v in (item.get("answers") or {}).items()}
            personas.append(
                cls(
                    id=item["id"],
                    kind=item["kind"],
                    opening=item["opening"],
                    answers={k: [str(x) for x in v] for k, v in answers.items()},
                    expect=item["expect"],
                    follow_ups=item.get("follow_ups") or [],
                )
            )
        return personas


@dataclass
class Result:
    persona: Persona
    turns: int = 0
    outcome: str = "none"
    reached: bool = False
    refused: Counter[str] = field(default_factory=Counter)
    loop: str | None = None
    fields_right: int = 0
    fields_wrong: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)


def _last_question(messages: list[dict[str, Any]]) -> str:
    texts = [m["text"] for m in messages if m.get("sender") == "bot" and m.get("text")]
    return texts[-1] if texts else ""


async def play(citizen: Citizen, persona: Persona) -> tuple[Result, dict[str, Any]]:
    """Play one persona to the end; returns its result and the last state."""
    if persona.follow_ups or persona.kind == "speed":
        return await _play_questions(citizen, persona)
    result = Result(persona)
    used: Counter[str] = Counter()
    reply = await citizen.say(persona.opening)
    result.turns = 1
    result.transcript.append(f"> {persona.opening}")
    asked: list[str] = []
    last_answered: str | None = None
    last_was_answer = True
    while True:
        state = reply["state"]
        result.transcript.extend(f"  {m['text']}" for m in reply["messages"])
        if state["status"] != "bot" or state["emergency"] or state["report_reference"]:
            return result, state
        question = _last_question(reply["messages"])
        key = question_of(question)
        if key is None:
            if FINISHED in question.lower():
                return result, state
            result.problems.append(f"unexpected question: {question[:80]!r}")
            return result, state
        wanted = last_answered if key == "help" and last_answered else key
        if last_was_answer and (key == "help" or (asked and asked[-1] == key and last_answered == key)):
            result.refused[wanted] += 1
        asked.append(key)
        if len(asked) >= 3 and len(set(asked[-3:])) == 1:
            result.loop = f"asked {key!r} three times in a row"
            return result, state
        if result.turns >= MAX_TURNS:
            result.loop = f"no outcome after {MAX_TURNS} turns"
            return result, state
        options = persona.answers.get(wanted)
        if not options:
            result.problems.append(
                f"no answer for {wanted!r} (asked again or not expected): {question[:80]!r}"
            )
            return result, state
        text = options[min(used[wanted], len(options) - 1)]
        used[wanted] += 1
        last_answered = wanted
        # "~...": not meant as the answer (a correction, "why do you need that?", "stop"), so the
        # question coming back afterwards is not a refusal.
        last_was_answer = not text.startswith("~")
        text = text.removeprefix("~")
        reply = await citizen.say(text)
        result.turns += 1
        result.transcript.append(f"> {text}")


async def _play_questions(citizen: Citizen, persona: Persona) -> tuple[Result, dict[str, Any]]:
    """Questions that each get one answer (speed cameras): every reply must say what it should."""
    result = Result(persona)
    steps = [{"text": persona.opening, "expect": persona.expect.get("reply", "")}, *persona.follow_ups]
    state: dict[str, Any] = {}
    for step in steps:
        reply = await citizen.say(step["text"])
        result.turns += 1
        result.transcript.append(f"> {step['text']}")
        result.transcript.extend(f"  {m['text']}" for m in reply["messages"])
        state = reply["state"]
        said = " ".join(m["text"] for m in reply["messages"]).lower()
        wanted = [
            w.lower() for w in (step["expect"] if isinstance(step["expect"], list) else [step["expect"]])
        ]
        missing = [w for w in wanted if w not in said]
        if missing:
            result.problems.append(f"{step['text'][:40]!r}: reply lacks {missing}")
    return result, state


def london_days_ago(value: str, now: datetime) -> int:
    moment = datetime.fromisoformat(value).astimezone(LONDON).date()
    return (now.astimezone(LONDON).date() - moment).days


def check_field(name: str, want: dict[str, Any], got: dict[str, Any] | None, now: datetime) -> str | None:
    """None when the stored field is as expected, else what is wrong."""
    if got is None:
        return f"{name}: missing"
    value, display = got.get("value"), str(got.get("display", ""))
    if "equals" in want and value != want["equals"]:
        return f"{name}: value {value!r} != {want['equals']!r}"
    if "contains" in want:
        haystack = f"{value} {display} {got.get('note') or ''}".lower()
        for part in want["contains"] if isinstance(want["contains"], list) else [want["contains"]]:
            if str(part).lower() not in haystack:
                return f"{name}: {part!r} not in {haystack[:80]!r}"
    if "days_ago" in want:
        if not isinstance(value, str):
            return f"{name}: no date ({value!r})"
        days = london_days_ago(value, now)
        allowed = want["days_ago"] if isinstance(want["days_ago"], list) else [want["days_ago"]]
        if days not in allowed:
            return f"{name}: {days} days ago, expected {allowed}"
    if "hour" in want and isinstance(value, str):
        hour = datetime.fromisoformat(value).astimezone(LONDON).hour
        if hour != want["hour"]:
            return f"{name}: hour {hour} != {want['hour']}"
    return None


def within(value: str, now: datetime, days: int) -> bool:
    moment = datetime.fromisoformat(value)
    return now - timedelta(days=days) <= moment <= now + timedelta(minutes=5)


def summary(results: list[Result], seconds: float) -> str:
    reached = sum(r.reached for r in results)
    loops = [r for r in results if r.loop]
    refused: Counter[str] = Counter()
    for r in results:
        refused.update(r.refused)
    # As the issue measured it: the fields of the journeys whose report (or handover) got through.
    right = sum(r.fields_right for r in results if r.reached)
    wrong = sum(len(r.fields_wrong) for r in results if r.reached)
    lines = [
        f"typed journeys: {reached}/{len(results)} reached their outcome ({reached / len(results):.0%}) "
        f"in {seconds:.0f} s",
        f"loops: {len(loops)}",
        f"mean turns: {sum(r.turns for r in results) / len(results):.1f}",
        f"stored fields right: {right}/{right + wrong}"
        + (f" ({right / (right + wrong):.1%})" if right + wrong else ""),
        "refused typed answers per question: "
        + (", ".join(f"{k} {v}" for k, v in refused.most_common()) or "none"),
    ]
    for r in results:
        if not r.reached or r.loop or r.fields_wrong or r.problems:
            lines.append(
                f"- {r.persona.id}: outcome {r.outcome}; {'; '.join([*r.problems, *r.fields_wrong])}"
            )
            if r.loop:
                lines.append(f"    loop: {r.loop}")
    return "\n".join(lines)


_STOPPED = re.compile(r"i've stopped and nothing has been sent", re.I)
_NO_REPORT = re.compile(r"nothing has been sent\. remember to tell your insurer", re.I)


def outcome_of(state: dict[str, Any], transcript: list[str], reason: str | None) -> str:
    said = "\n".join(transcript)
    if state.get("emergency"):
        return "emergency"
    if state.get("report_reference"):
        return "report"
    if state.get("status") in ("queued", "agent"):
        return f"handoff:{reason}"
    if _NO_REPORT.search(said):
        return "no_report_needed"
    if _STOPPED.search(said):
        return "stopped"
    return "none"


def now_utc() -> datetime:
    return datetime.now(UTC)
