"""`rasa data validate`, failing on every warning except Rasa 3.6's known false positives.

Rasa 3.6's validator warns about things that are correct in this project; each is checked here
rather than ignored wholesale:

* "utterance 'utter_ask_<slot>' is not used": forms ask their slots with these responses, and
  the validator does not look at forms. Allowed only when <slot> is a required slot of a form.
* "utterance 'utter_x' is not used": responses the custom actions send (allowed only when the
  name appears in actions/), and ``utter_default``, which Rasa's own fallback action sends.
* "duplicated intents ... across multiple domain files: ask_speed_camera": Rasa's importer adds
  retrieval intents from the NLU data to the domain a second time. Allowed only for retrieval
  intents that really are in the NLU data.
* "intent 'change_field' ... not found in the NLU training data": a button-only intent.

Any other warning, and any error, fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUTTON_ONLY_INTENTS = {"change_field"}
RASA_DEFAULT_RESPONSES = {"utter_default"}


def form_slots(domain: dict) -> set[str]:
    return {
        slot for form in (domain.get("forms") or {}).values() for slot in form.get("required_slots") or []
    }


def retrieval_intents() -> set[str]:
    found = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            intent = item.get("intent", "")
            if "/" in intent:
                found.add(intent.split("/", 1)[0])
    return found


def used_by_actions(name: str) -> bool:
    return any(f'"{name}"' in p.read_text() for p in (ROOT / "actions").rglob("*.py"))


def allowed(warning: str, slots: set[str], retrieval: set[str]) -> bool:
    if m := re.search(r"The utterance '(utter_[\w/]+)' is not used in any story or rule", warning):
        name = m.group(1)
        if name.startswith("utter_ask_") and name.removeprefix("utter_ask_") in slots:
            return True
        return name in RASA_DEFAULT_RESPONSES or used_by_actions(name)
    if m := re.search(r"duplicated intents have been found across multiple domain files: ([\w, ]+)", warning):
        return {i.strip() for i in m.group(1).split(",")} <= retrieval
    if m := re.search(
        r"The intent '(\w+)' is listed in the domain file, but is not found in the NLU", warning
    ):
        return m.group(1) in BUTTON_ONLY_INTENTS
    return False


def main() -> int:
    rasa = ROOT / ".venv-rasa" / "bin" / "rasa"
    run = subprocess.run(
        [str(rasa), "data", "validate", "--max-history", "4"], cwd=ROOT, capture_output=True, text=True
    )
    output = run.stdout + run.stderr
    warnings = [
        line.split("UserWarning: ", 1)[1].strip() for line in output.splitlines() if "UserWarning: " in line
    ]
    # Multi-line warnings ("Issue found in ...:" + detail on the next line) keep their detail.
    details = re.findall(r"UserWarning: (Issue found in [^\n]*\n[^\n]+)", output)
    warnings = [w for w in warnings if not w.startswith("Issue found in")] + [
        d.replace("\n", " ") for d in details
    ]
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    slots, retrieval = form_slots(domain), retrieval_intents()
    problems = [w for w in warnings if not allowed(w, slots, retrieval)]
    known = len(warnings) - len(problems)
    if run.returncode != 0 or problems:
        print(output[-4000:] if run.returncode != 0 else "")
        for problem in problems:
            print(f"data validation warning: {problem}", file=sys.stderr)
        return 1
    print(f"rasa data validate: clean ({known} known Rasa 3.6 false positives checked and allowed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
