"""A corpus of nasty inputs built by the test itself: no crash, every input accounted for."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debatt_nlp.api import annotate_paths
from debatt_nlp.cli import app
from debatt_nlp.schema import Exchange, InputError
from helpers import SEED_INTERPELLATION, SEED_REPLY, assert_exchange_offsets, read_original
from pdf_builder import build_pdf, image_only_pdf


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nasty")
    seed = read_original(SEED_INTERPELLATION)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b" \n\n\t  \n")
    (folder / "binary.txt").write_bytes(os.urandom(2048) + b"\x00")
    (folder / "utf16.txt").write_bytes(seed.encode("utf-16"))
    (folder / "cp1252.txt").write_bytes(seed.replace("–", "-").encode("cp1252"))
    (folder / "no_questions.txt").write_text(
        "Protokoll från kommunstyrelsen. Närvarande: ordföranden och fyra ledamöter.", encoding="utf-8"
    )
    shutil.copy(SEED_REPLY, folder / "reply_without_interpellation.txt")
    (folder / "english.txt").write_text(
        "The quick brown fox jumps over the lazy dog. Why would it do that?", encoding="utf-8"
    )
    pdf = build_pdf(
        folder / "ok.pdf", ["Interpellation till borgarrådet Anna Berg (L) om parker", "När öppnar parken?"]
    )
    (folder / "truncated.pdf").write_bytes(pdf.read_bytes()[:200])
    image_only_pdf(folder / "scan.pdf")
    unreadable = folder / "unreadable.txt"
    unreadable.write_text("hemligt", encoding="utf-8")
    unreadable.chmod(0)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(folder / "does-not-exist.txt")
    return folder


def test_nothing_crashes_and_every_input_is_accounted_for(nasty: Path) -> None:
    run = annotate_paths([nasty], model="blank")
    annotated = {d.id for e in run.exchanges for d in e.documents}
    failed = {Path(e.path).name: e.reason for e in run.errors}
    assert annotated | set(failed) == {
        "empty.txt", "whitespace.txt", "binary.txt", "utf16.txt", "cp1252.txt", "no_questions.txt",
        "reply_without_interpellation.txt", "english.txt", "ok.pdf", "truncated.pdf", "scan.pdf",
        "unreadable.txt", "dangling.txt",
    }  # fmt: skip
    assert annotated.isdisjoint(failed)
    assert run.n_inputs == len(annotated) + len(failed)
    assert failed["empty.txt"].startswith("empty file")
    assert "only whitespace" in failed["whitespace.txt"]
    assert "binary" in failed["binary.txt"]
    assert "corrupt or truncated PDF" in failed["truncated.pdf"]
    assert "no text layer" in failed["scan.pdf"]
    assert "not found" in failed["dangling.txt"]
    if os.geteuid() != 0:  # root reads files whatever their mode
        assert "permission denied" in failed["unreadable.txt"]
    for exchange in run.exchanges:
        assert_exchange_offsets(exchange)


def test_decoding_fallbacks_give_the_same_questions(nasty: Path) -> None:
    run = annotate_paths([nasty / "utf16.txt", nasty / "cp1252.txt"], model="blank")
    for exchange in run.exchanges:
        assert exchange.documents[0].warnings[0].code == "encoding_fallback"
        assert len(exchange.questions) == 3


def test_unpaired_and_foreign_documents_are_their_own_records(nasty: Path) -> None:
    run = annotate_paths([nasty / "reply_without_interpellation.txt", nasty / "english.txt"], model="blank")
    assert [(e.id, e.pairing, e.documents[0].role.value) for e in run.exchanges] == [
        ("english.txt", None, "other"),
        ("reply_without_interpellation.txt", None, "reply"),
    ]


def test_cli_exit_code_and_error_file(nasty: Path, tmp_path: Path) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        app, ["annotate", str(nasty), "-o", str(out), "--errors", str(errors), "--model", "blank"]
    )
    assert result.exit_code == 1
    records = [Exchange.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    failures = [
        InputError.model_validate_json(line) for line in errors.read_text(encoding="utf-8").splitlines()
    ]
    n_docs = sum(len(r.documents) for r in records)
    assert f"{n_docs + len(failures)} inputs: {n_docs} annotated, {len(failures)} failed" in result.output


def test_a_file_that_vanishes_mid_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED_INTERPELLATION, folder / name)
    seen: list[str] = []

    def remove_c(location: str) -> None:  # progress fires after a.txt: c.txt disappears then
        seen.append(location)
        (folder / "c.txt").unlink(missing_ok=True)

    run = annotate_paths([folder], model="blank", batch_size=1, on_document=remove_c)
    assert [e.id for e in run.exchanges] == ["a.txt", "b.txt"]
    assert [Path(e.path).name for e in run.errors] == ["c.txt"]
    assert "not found" in run.errors[0].reason


def test_huge_text_is_annotated_in_pieces(tmp_path: Path) -> None:
    body = read_original(SEED_INTERPELLATION).split("\n\n", 3)[3]
    huge = tmp_path / "huge.txt"
    huge.write_text(body * (20_000_000 // len(body) + 1), encoding="utf-8")  # about 20 MB
    run = annotate_paths([huge], model="blank", batch_size=1, max_chars=0)
    document = run.exchanges[0].documents[0]
    assert len(document.text) >= 20_000_000
    assert len(document.sentences) > 100_000
    last = document.sentences[-1]
    assert document.text[last.start : last.end] == last.text
