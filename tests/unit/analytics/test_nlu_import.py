"""``triage nlu import``: adds reviewed rows, de-duplicates, rejects unknown intents atomically, never
touches the held-out sets; the file it writes is Rasa NLU data with the placeholders as plain text."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from analytics.nlu_import import (
    ImportRejected,
    clean_example,
    import_reviewed,
    is_protected,
    normalise,
    summary,
)
from analytics.transcripts import COLUMNS
from handoff.cli import main

ROOT = Path(__file__).resolve().parents[3]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small copy of the project's layout: data/nlu (training) and tests/nlu (held out)."""
    nlu = tmp_path / "data" / "nlu"
    nlu.mkdir(parents=True)
    (nlu / "crime.yml").write_text(
        textwrap.dedent(
            """\
            version: "3.1"
            nlu:
            - intent: report_crime
              examples: |
                - my bike was nicked [last night](time_expression)
                - someone keyed my car
            """
        )
    )
    (nlu / "speed.yml").write_text(
        textwrap.dedent(
            """\
            version: "3.1"
            nlu:
            - intent: ask_speed_camera/penalty
              examples: |
                - how many points for speeding
            - intent: ask_speed_camera/nip_deadline
              examples: |
                - when will the nip come
            """
        )
    )
    (nlu / "signpost.yml").write_text(  # a retrieval intent the kernel's list need not name
        'version: "3.1"\nnlu:\n- intent: signpost/fraud\n  examples: |\n    - i got scammed on marketplace\n'
        "- intent: signpost/lost_property\n  examples: |\n    - lost my wallet on the bus\n"
    )
    (nlu / "entities.yml").write_text(
        'version: "3.1"\nnlu:\n- regex: postcode\n  examples: |\n    - [A-Z]{1,2}\\d\n'
    )
    held_out = tmp_path / "tests" / "nlu"
    held_out.mkdir(parents=True)
    (held_out / "held_out.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: emergency\n  examples: |\n'
        "    - there is a man with a knife outside\n"
    )
    return tmp_path


def review_csv(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A review CSV as the export writes it: (text, corrected_intent[, predicted_intent]) per row."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number, (text, corrected, *predicted) in enumerate(rows, start=1):
            writer.writerow(
                [
                    number, "c-1", "2026-11-28T12:00:00Z", text, (predicted or ["nlu_fallback"])[0],
                    "0.300", "abandoned", corrected,
                ]
            )  # fmt: skip
    return path


def run(project: Path, rows: list[tuple[str, ...]], out: Path | None = None, **options: bool):  # type: ignore[no-untyped-def]
    return import_reviewed(
        review_csv(project / "review.csv", rows),
        out or project / "data" / "nlu" / "reviewed.yml",
        nlu_dir=project / "data" / "nlu",
        protected_dirs=[project / "tests" / "nlu"],
        **options,
    )


def reviewed(project: Path) -> dict[str, list[str]]:
    loaded = yaml.safe_load((project / "data" / "nlu" / "reviewed.yml").read_text())
    assert loaded["version"] == "3.1"
    return {item["intent"]: [line[2:] for line in item["examples"].splitlines()] for item in loaded["nlu"]}


def test_adds_rows_with_a_corrected_intent_grouped_by_intent(project: Path) -> None:
    result = run(
        project,
        [
            ("my shed was done over", "report_crime"),
            ("not reviewed yet", ""),
            ("call me on [PHONE], I'm [NAME]", "inform"),
            ("someone's following me home right now", "emergency"),
            ("how much is the fine for 35 in a 30", "ask_speed_camera/penalty"),
            ("the car [REG] hit my wall", "report_crime"),
        ],
    )
    assert reviewed(project) == {
        "ask_speed_camera/penalty": ["how much is the fine for 35 in a 30"],
        "emergency": ["someone's following me home right now"],
        "inform": ["call me on [PHONE], I'm [NAME]"],
        "report_crime": ["my shed was done over", "the car [REG] hit my wall"],
    }
    assert result.added_count == 5
    assert summary(result)[1:] == [
        "  ask_speed_camera/penalty: 1",
        "  emergency: 1",
        "  inform: 1",
        "  report_crime: 2",
    ]


def test_second_import_appends_and_deduplicates(project: Path) -> None:
    run(project, [("my shed was done over", "report_crime"), ("hiya", "greet")])
    result = run(
        project,
        [
            ("My  Shed was DONE over", "report_crime"),  # already in reviewed.yml
            ("Someone keyed my car", "report_crime"),  # already in data/nlu/crime.yml
            ("my bike was nicked last night", "report_crime"),  # the same, with the annotation off
            ("my van was nicked", "report_crime"),
            ("my van was nicked ", "report_crime"),  # twice in the CSV
            ("evening", "greet"),
        ],
    )
    assert reviewed(project) == {
        "greet": ["hiya", "evening"],
        "report_crime": ["my shed was done over", "my van was nicked"],
    }
    assert result.added_count == 2
    assert result.duplicates == 4
    assert "skipped: 4 already in the training data" in summary(result)


def test_held_out_texts_are_skipped_and_the_held_out_file_untouched(project: Path) -> None:
    held_out = project / "tests" / "nlu" / "held_out.yml"
    before = held_out.read_bytes()
    result = run(
        project, [("There is a man with a KNIFE outside", "emergency"), ("he has a gun", "emergency")]
    )
    assert reviewed(project) == {"emergency": ["he has a gun"]}
    assert result.held_out == 1
    assert held_out.read_bytes() == before


def test_conflicting_labels_are_reported_not_added(project: Path) -> None:
    result = run(
        project, [("someone keyed my car", "report_collision"), ("he reversed into me", "report_collision")]
    )
    assert reviewed(project) == {"report_collision": ["he reversed into me"]}
    assert result.conflicts == [
        "review.csv line 2: already in crime.yml as 'report_crime', not added as 'report_collision'"
    ]
    assert any("labelled differently" in line for line in summary(result))


@pytest.mark.parametrize(
    ("intent", "message"),
    [
        ("report_crim", "line 3: unknown intent 'report_crim'"),
        ("nlu_fallback", "line 3: unknown intent 'nlu_fallback'"),
        ("report crime", "line 3: unknown intent 'report crime'"),
        ("ask_speed_camera", "line 3: ask_speed_camera is answered by retrieval keys: give one of"),
        ("ask_speed_camera/fines", "line 3: unknown retrieval key 'ask_speed_camera/fines'"),
        ("report_crime/theft", "line 3: unknown intent 'report_crime/theft'"),
        ("signpost", "line 3: signpost is answered by retrieval keys: give one of signpost/fraud, "),
        ("signpost/drones", "line 3: unknown retrieval key 'signpost/drones'"),
    ],
)
def test_unknown_intents_are_rejected_and_nothing_is_written(
    project: Path, intent: str, message: str
) -> None:
    out = project / "data" / "nlu" / "reviewed.yml"
    run(project, [("hiya", "greet")])
    before = out.read_bytes()
    with pytest.raises(ImportRejected) as rejected:
        run(
            project, [("my shed was done over", "report_crime"), ("what is this", intent), ("bye", "goodbye")]
        )
    assert len(rejected.value.problems) == 1
    assert message in rejected.value.problems[0]
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "crime.yml",
        "entities.yml",
        "reviewed.yml",
        "signpost.yml",
        "speed.yml",
    ]


def test_every_problem_is_listed_with_its_line(project: Path) -> None:
    with pytest.raises(ImportRejected) as rejected:
        run(
            project,
            [
                ("a\nmulti-line\ntext", "report_crime"),  # lines 2-4 of the file
                ("x", "bogus"),  # line 5
                ("", "greet"),  # line 6
                ("same words", "greet"),  # line 7
                ("SAME words", "goodbye"),  # line 8
            ],
        )
    assert rejected.value.problems == [
        "review.csv line 5: unknown intent 'bogus'; valid intents: report_crime, report_collision, "
        "ask_speed_camera/nip_deadline, ask_speed_camera/penalty, give_community_info, emergency, "
        "safeguarding, request_human, out_of_scope, greet, goodbye, thank, affirm, deny, stop, dont_know, "
        "bot_challenge, inform, signpost/fraud, signpost/lost_property",
        "review.csv line 6: no text",
        "review.csv line 8: the same text is 'greet' on line 7 and 'goodbye' here",
    ]
    assert not (project / "data" / "nlu" / "reviewed.yml").exists()


def test_intent_names_are_trimmed_and_lower_cased(project: Path) -> None:
    run(project, [("hiya", " Greet ")])
    assert reviewed(project) == {"greet": ["hiya"]}


def test_refuses_to_write_to_the_held_out_sets(project: Path) -> None:
    held_out = project / "tests" / "nlu" / "held_out.yml"
    before = held_out.read_bytes()
    for out in (
        held_out,
        project / "tests" / "nlu" / "reviewed.yml",
        ROOT / "tests" / "nlu" / "reviewed.yml",
    ):
        with pytest.raises(ImportRejected, match="refusing to write"):
            run(project, [("hiya", "greet")], out=out)
    assert held_out.read_bytes() == before
    assert not (ROOT / "tests" / "nlu" / "reviewed.yml").exists()


def test_is_protected() -> None:
    assert is_protected(Path("tests/nlu/held_out.yml"), [])
    assert is_protected(Path("/somewhere/tests/nlu/x.yml"), [])
    assert is_protected(Path("/elsewhere/gate.yml"), [Path("/elsewhere")])
    assert not is_protected(Path("data/nlu/reviewed.yml"), [Path("tests/nlu")])


def test_nothing_to_add_writes_nothing(project: Path) -> None:
    result = run(project, [("someone keyed my car", "report_crime"), ("unreviewed", "")])
    assert result.added_count == 0
    assert not (project / "data" / "nlu" / "reviewed.yml").exists()
    assert summary(result)[0].startswith("added 0 example(s)")


def test_formula_guard_is_removed_and_entity_syntax_broken(project: Path) -> None:
    run(
        project,
        [
            ("'=1+1 is what he wrote", "out_of_scope"),
            ("'-- hello", "greet"),
            ("[NAME](my partner) took the car", "report_crime"),
            ("see [NAME]{x} and [PHONE][REG]", "inform"),
        ],
    )
    assert reviewed(project) == {
        "greet": ["-- hello"],
        "inform": ["see [NAME] {x} and [PHONE] [REG]"],
        "out_of_scope": ["=1+1 is what he wrote"],
        "report_crime": ["[NAME] (my partner) took the car"],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  lots   of\tspace\n", "lots of space"),
        ("line\u2028separator\x85next", "line separator next"),
        ("bell\x07char", "bell char"),
        ("\ufeffbom", "bom"),
        ("'+44 is a prefix", "+44 is a prefix"),
        ("'quoted' word", "'quoted' word"),
        ("emoji 🚓 stays", "emoji 🚓 stays"),
        ("[PHONE](x)", "[PHONE] (x)"),
    ],
)
def test_clean_example(text: str, expected: str) -> None:
    assert clean_example(text) == expected


def test_normalise() -> None:
    assert normalise("My bike  was NICKED [last night](time_expression)") == "my bike was nicked last night"
    assert normalise("call [PHONE]") == "call [phone]"


def test_missing_columns_and_bad_encoding(project: Path) -> None:
    bad = project / "bad.csv"
    bad.write_text("id,words\n1,hello\n")
    with pytest.raises(ImportRejected, match="no corrected_intent or text column"):
        import_reviewed(bad, project / "out.yml", nlu_dir=project / "data" / "nlu", protected_dirs=[])
    bad.write_bytes("text,corrected_intent\ncaf\xe9,greet\n".encode("latin-1"))
    with pytest.raises(ImportRejected, match="not UTF-8"):
        import_reviewed(bad, project / "out.yml", nlu_dir=project / "data" / "nlu", protected_dirs=[])


def test_against_the_real_training_data(tmp_path: Path) -> None:
    """The project's own data/nlu: its examples count as duplicates, its retrieval keys are known."""
    csv_path = review_csv(
        tmp_path / "review.csv",
        [
            ("Someone keyed my car while I was at work", "report_crime"),
            ("fine for 40 in a 30?", "ask_speed_camera/penalty"),
        ],
    )
    out = tmp_path / "reviewed.yml"
    result = import_reviewed(
        csv_path, out, nlu_dir=ROOT / "data" / "nlu", protected_dirs=[ROOT / "tests" / "nlu"]
    )
    assert result.duplicates == 1
    assert result.added == {"ask_speed_camera/penalty": ["fine for 40 in a 30?"]}
    assert not (ROOT / "data" / "nlu" / "reviewed.yml").exists()


def test_the_command(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    review_csv(project / "review.csv", [("hiya", "greet"), ("my shed was done over", "report_crime")])
    assert main(["nlu", "import", "review.csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "added 2 example(s) to data/nlu/reviewed.yml",
        "  greet: 1",
        "  report_crime: 1",
    ]
    review_csv(project / "review.csv", [("hello there", "greet"), ("???", "not_an_intent")])
    assert main(["nlu", "import", "review.csv"]) == 1
    err = capsys.readouterr().err
    assert "review.csv line 3: unknown intent 'not_an_intent'" in err and "nothing was written" in err
    assert reviewed(project) == {"greet": ["hiya"], "report_crime": ["my shed was done over"]}
    assert main(["nlu", "import", "review.csv", "--out", "tests/nlu/held_out.yml"]) == 1
    assert "refusing to write" in capsys.readouterr().err


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment is not installed")
def test_rasa_reads_placeholders_as_plain_text(project: Path) -> None:
    run(
        project,
        [
            ("call me on [PHONE], I'm [NAME]", "inform"),
            ("[NAME](my partner) took the car [REG]", "report_crime"),
            ("[PHONE][EMAIL]", "inform"),
            ("fine for [REG] doing 40", "ask_speed_camera/penalty"),
        ],
    )
    script = (
        "import json, sys\n"
        "from rasa.shared.nlu.training_data.loading import load_data\n"
        "data = load_data(sys.argv[1])\n"
        "rows = [[m.get('text'), m.get('intent'), m.get('entities') or []] for m in data.intent_examples]\n"
        "print(json.dumps(rows))\n"
    )
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [str(RASA_PYTHON), "-c", script, str(project / "data" / "nlu" / "reviewed.yml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )

    examples = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(examples) == sorted(
        [
            ["call me on [PHONE], I'm [NAME]", "inform", []],
            ["[PHONE] [EMAIL]", "inform", []],
            ["[NAME] (my partner) took the car [REG]", "report_crime", []],
            ["fine for [REG] doing 40", "ask_speed_camera", []],
        ]
    )


def test_any_retrieval_intent_of_the_training_data_takes_its_keys(project: Path) -> None:
    result = run(
        project,
        [
            ("someone sold me a fake ps5 online", "signpost/fraud"),
            ("left my bag on the train", "signpost/lost_property"),
        ],
    )
    assert result.added == {
        "signpost/fraud": ["someone sold me a fake ps5 online"],
        "signpost/lost_property": ["left my bag on the train"],
    }


def test_every_row_is_redacted_again_before_it_is_written(project: Path) -> None:
    result = run(
        project,
        [
            ("my mum got a call from 07700 900123", "report_crime"),
            ("they emailed me from scam@example.com, my name is Dave", "report_crime"),
            ("my bike went from the shed", "report_crime"),
            (
                "my mum Doreen Walsh paid with 4111 1111 1111 1111, email dave dot smith at gmail dot com",
                "report_crime",
            ),
        ],
    )
    written = reviewed(project)["report_crime"]
    assert written[0] == "my mum got a call from [PHONE]"
    assert written[1] == "they emailed me from [EMAIL], my name is [NAME]"
    assert written[2] == "my bike went from the shed"
    assert written[3] == "my mum [NAME] paid with [CARD], email [EMAIL]"
    assert result.redacted_again == [2, 3, 5]
    assert "redacted again before writing: 3 row(s) (CSV line 2, 3, 5)" in summary(result)


@pytest.mark.parametrize(
    ("row", "reading"),
    [
        (("hes coming back and hes got a knife", "out_of_scope", "emergency"), "emergency"),
        (("my partner hits me when hes been drinking", "report_crime", "safeguarding"), "safeguarding"),
        # The assistant missed it, but the safety rules read it as an emergency: still refused.
        (("there's a man with a knife in my garden right now", "report_crime", "nlu_fallback"), "emergency"),
        (("hes coming back and hes got a knife", "safeguarding", "emergency"), "emergency"),
    ],
)
def test_a_correction_away_from_emergency_or_safeguarding_needs_the_flag(
    project: Path, row: tuple[str, str, str], reading: str
) -> None:
    with pytest.raises(ImportRejected) as rejected:
        run(project, [("hiya", "greet"), row])
    [problem] = rejected.value.problems
    assert problem.startswith(f"review.csv line 3: read as {reading}, corrected to {row[1]!r}")
    assert "--allow-relabel-emergency" in problem
    assert not (project / "data" / "nlu" / "reviewed.yml").exists()

    result = run(project, [("hiya", "greet"), row], allow_relabel_emergency=True)
    assert result.relabelled_from_safety == [f"review.csv line 3: read as {reading}, corrected to {row[1]!r}"]
    assert any("--allow-relabel-emergency" in line for line in summary(result))


def test_a_correction_towards_safety_or_within_it_needs_no_flag(project: Path) -> None:
    result = run(
        project,
        [
            ("my neighbour hits his wife, i hear it through the wall", "safeguarding", "report_crime"),
            ("hes outside with a knife now", "emergency", "safeguarding"),
            ("my ex keeps following me", "emergency", "safeguarding"),
        ],
    )
    assert result.relabelled_from_safety == [] and result.added_count == 3


def test_skipped_held_out_rows_are_listed_by_line(project: Path) -> None:
    result = run(project, [("hiya", "greet"), ("There is a man with a knife outside", "emergency")])
    assert result.held_out_lines == [3]
    assert "1 in the held-out test sets (CSV line 3)" in " ".join(summary(result))
