"""Archive metadata beside the documents (a sidecar CSV/JSONL): it fills what the text does not
state, never overrides the text silently, anchors relative dates, and a bad file stops the run
before any work with the file and line named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debatt_nlp.cli import app
from debatt_nlp.ingest.sidecar import SidecarError, read_sidecar
from debatt_nlp.run import annotate_paths
from helpers import RIKSDAG_QA_DEV, SEED_INTERPELLATION

UNDATED = """Interpellation till kommunstyrelsens ordförande om simhallen

Simhallen stängdes i fjol för renovering. Arbetet skulle vara klart i våras.

Jag vill därför fråga kommunstyrelsens ordförande:

1. När öppnar simhallen igen?
"""


def folder_with(tmp_path: Path, sidecar: str, name: str = "metadata.csv") -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "simhallen.txt").write_text(UNDATED, encoding="utf-8")
    shutil.copy(SEED_INTERPELLATION, folder / "seed.txt")
    (folder / name).write_text(sidecar, encoding="utf-8")
    return folder


def documents(folder: Path, **options) -> dict:
    run = annotate_paths([folder], model="blank", **options)
    assert not run.errors
    return {d.id: d for e in run.exchanges for d in e.documents}


def test_a_folder_sidecar_fills_what_the_text_does_not_say(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        "file;date;author;author_party;body;registrator\n"
        "simhallen.txt;2021-05-10;Anna Berg;Sverigedemokraterna;Ale kommun;KS\n",
    )
    doc = documents(folder)["simhallen.txt"]
    assert doc.metadata.date == "2021-05-10"
    assert doc.metadata.author.name == "Anna Berg" and doc.metadata.author.span is None
    assert doc.metadata.body == "Ale kommun"
    assert doc.metadata.sources["date"] == "sidecar" and doc.metadata.sources["author.name"] == "sidecar"
    assert doc.source_metadata["sidecar"]["registrator"] == "KS"  # an unknown column is kept, unused
    # the sidecar's date anchors the relative dates of the text
    fjol = next(d for d in doc.dates if d.text == "i fjol")
    assert fjol.value == "2020" and fjol.anchor == "2021-05-10"


def test_the_text_wins_and_a_disagreement_is_a_warning(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path, json.dumps({"file": "seed.txt", "date": "2021-03-23"}) + "\n", "metadata.jsonl"
    )
    doc = documents(folder)["seed.txt"]
    assert doc.metadata.date == "2021-03-22" and doc.metadata.sources["date"] == "text"
    [warning] = [w for w in doc.warnings if w.code == "metadata_disagrees"]
    assert "2021-03-23" in warning.message and "metadata.jsonl:1" in warning.message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("file,date\nsimhallen.txt,10/5 2021\n", r"metadata.csv:2: date '10/5 2021' is not an ISO date"),
        (
            "file,date\nsimhallen.txt,2021-05-10\nsimhallen.txt,2021-05-11\n",
            r"metadata.csv:3: duplicate file",
        ),
        ("date,author\n2021-05-10,Anna Berg\n", r"metadata.csv:2: the row has no 'file' or 'id'"),
        ("file,date\nfinns-inte.txt,2021-05-10\n", r"metadata.csv:2: file 'finns-inte.txt' names no input"),
    ],
)
def test_a_bad_sidecar_is_a_usage_error_naming_file_and_line(
    tmp_path: Path, content: str, message: str
) -> None:
    folder = folder_with(tmp_path, content)
    with pytest.raises(SidecarError, match=message):
        annotate_paths([folder], model="blank")
    result = CliRunner().invoke(app, ["annotate", str(folder), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2
    assert "metadata.csv:" in result.output and not (tmp_path / "out.jsonl").exists()


def test_an_explicit_metadata_file_keyed_by_relative_path(tmp_path: Path) -> None:
    folder = tmp_path / "arkiv" / "2021"
    folder.mkdir(parents=True)
    (folder / "simhallen.txt").write_text(UNDATED, encoding="utf-8")
    register = tmp_path / "register.csv"
    register.write_text(
        "file,date,addressee_role\n2021/simhallen.txt,2021-06-01,kommunstyrelsens ordförande\n"
    )
    assert [row.key for row in read_sidecar(register).rows] == ["2021/simhallen.txt"]
    run = annotate_paths([tmp_path / "arkiv"], model="blank", metadata_files=(register,))
    [doc] = [d for e in run.exchanges for d in e.documents]
    assert doc.metadata.date == "2021-06-01"


def test_the_riksdag_index_as_sidecar_gives_every_document_its_date(tmp_path: Path) -> None:
    if not (RIKSDAG_QA_DEV / "index.jsonl").exists():
        pytest.skip("../shared/data/riksdag-qa/dev is not available")
    index = [json.loads(line) for line in (RIKSDAG_QA_DEV / "index.jsonl").read_text().splitlines()][:3]
    folder = tmp_path / "qa"
    folder.mkdir()
    rows = []
    for entry in index:
        for suffix, date in (("question", entry["date"]), ("answer", entry["date_answered"])):
            name = f"{entry['id']}_{suffix}.txt"
            shutil.copy(RIKSDAG_QA_DEV / name, folder / name)  # a temporary working copy, not committed
            rows.append(json.dumps({"file": name, "date": date}))
    sidecar = tmp_path / "index-sidecar.jsonl"
    sidecar.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = annotate_paths([folder], model="blank", metadata_files=(sidecar,))
    by_id = {d.id: d for e in run.exchanges for d in e.documents}
    for entry in index:
        assert by_id[f"{entry['id']}_question.txt"].metadata.date == entry["date"]
        assert by_id[f"{entry['id']}_answer.txt"].metadata.date == entry["date_answered"]
