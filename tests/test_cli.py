"""The command line: outputs, error reporting and exit codes (0 all ok, 1 some failed, 2 usage)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from debatt_nlp.cli import app
from debatt_nlp.schema import Exchange, InputError
from helpers import SEED_INTERPELLATION, SEED_REPLY

runner = CliRunner()


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_INTERPELLATION, folder)
    shutil.copy(SEED_REPLY, folder)
    return folder


def test_annotate_writes_schema_valid_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "annotations.jsonl"
    result = runner.invoke(app, ["annotate", str(corpus(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    exchange = Exchange.model_validate_json(lines[0])
    assert [d.role.value for d in exchange.documents] == ["interpellation", "reply"]
    assert "2 inputs: 2 annotated, 0 failed" in result.output


def test_bad_files_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "tom.txt").write_bytes(b"")
    (folder / "binar.txt").write_bytes(b"\x00\x01\x02\x03")
    (folder / "latin1.txt").write_bytes("Interpellation till borgarrådet om äldreomsorgen".encode("cp1252"))
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["annotate", str(folder), "-o", str(out), "--errors", str(errors)])
    assert result.exit_code == 1
    failed = [
        InputError.model_validate_json(line) for line in errors.read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(Path(e.path).name for e in failed) == ["binar.txt", "tom.txt"]
    assert all(e.reason and e.exception == "IngestError" for e in failed)
    assert "tom.txt: empty file" in result.output
    records = [Exchange.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    documents = [d.id for r in records for d in r.documents]
    assert sorted(documents) == sorted(["000_6562c8b76ec6988c.txt", "001_89a311dc7ce6a7a3.txt", "latin1.txt"])
    latin1 = next(d for r in records for d in r.documents if d.id == "latin1.txt")
    assert latin1.warnings[0].code == "encoding_fallback"
    assert "5 inputs: 3 annotated, 2 failed" in result.output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["annotate", str(tmp_path / "finns-inte")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_unknown_model_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["annotate", str(corpus(tmp_path)), "--model", "sv_finns_inte"])
    assert result.exit_code == 2
    assert "not found" in result.output


def test_csv_tables(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = runner.invoke(app, ["annotate", str(corpus(tmp_path)), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with open(out / "questions.csv", encoding="utf-8", newline="") as handle:
        questions = list(csv.DictReader(handle))
    assert [q["n"] for q in questions] == ["1", "2", "3"]
    assert questions[1]["text"].startswith("Vad tycker arbetsmarknadsborgarrådet")
    with open(out / "documents.csv", encoding="utf-8", newline="") as handle:
        documents = list(csv.DictReader(handle))
    assert [(d["role"], d["date"]) for d in documents] == [
        ("interpellation", "2021-03-22"),
        ("reply", "2021-10-25"),
    ]


def test_schema_command_prints_the_contract() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Exchange"
    assert {"id", "provenance", "documents", "questions", "pairing"} <= set(schema["properties"])


def test_output_is_deterministic(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    runner.invoke(app, ["annotate", str(folder), "-o", str(first)])
    runner.invoke(app, ["annotate", str(folder), "-o", str(second)])
    assert first.read_bytes() == second.read_bytes()
