"""Killed, interrupted, resumed: a real `debatt-nlp annotate` process is stopped at several points
(SIGKILL, SIGTERM, SIGINT) and resumed with --resume; the output must be the bytes of a run that
was never interrupted, and nothing but the output may be left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_builder import build_corpus
from debatt_nlp.run.journal import Journal, JournalError, journal_path
from debatt_nlp.run.options import RunOptions
from debatt_nlp.run.stages import document_fingerprint, provenance_for

PAIRS = 60  # interpellations, three of them answered: alignment is not what is tested here


def command(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "debatt_nlp.cli", "annotate", str(corpus), "-o", str(out), "--model",
            "blank", "--batch-size", "2", "--quiet", *extra]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus") / "in", PAIRS, replies=3)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("reference") / "out.jsonl"
    subprocess.run(command(corpus, out), check=True)
    return out.read_bytes()


def journal_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return max(0, sum(1 for _ in handle) - 1)
    except FileNotFoundError:
        return 0


def start_and_stop(corpus: Path, out: Path, sig: int, after_documents: int) -> subprocess.Popen:
    process = subprocess.Popen(command(corpus, out, "--resume"), stderr=subprocess.PIPE, text=True)
    journal = journal_path(out)
    deadline = time.monotonic() + 120
    while journal_lines(journal) < after_documents and process.poll() is None:
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.005)
    if process.poll() is None:
        os.kill(process.pid, sig)
    process.wait(timeout=60)
    return process


@pytest.mark.parametrize("after_documents", [1, 30, 58])
def test_killed_at_any_point_and_resumed_gives_the_same_bytes(
    corpus: Path, reference: bytes, tmp_path: Path, after_documents: int
) -> None:
    out = tmp_path / "out.jsonl"
    killed = start_and_stop(corpus, out, signal.SIGKILL, after_documents)
    assert killed.returncode == -signal.SIGKILL
    assert not out.exists()
    kept = journal_lines(journal_path(out))
    assert kept >= after_documents
    resumed = subprocess.run(command(corpus, out, "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # journal and temporaries gone


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_stop_cleanly_and_say_how_to_resume(
    corpus: Path, reference: bytes, tmp_path: Path, sig: int, code: int
) -> None:
    out = tmp_path / "out.jsonl"
    stopped = start_and_stop(corpus, out, sig, 20)
    assert stopped.returncode == code, stopped.stderr.read()
    message = stopped.stderr.read()
    assert "--resume" in message and str(journal_path(out)) in message
    assert "Traceback" not in message
    assert not out.exists()
    assert subprocess.run(command(corpus, out, "--resume")).returncode == 0
    assert out.read_bytes() == reference


def test_resume_after_a_complete_run_reuses_everything(
    corpus: Path, reference: bytes, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(reference)
    resumed = subprocess.run(command(corpus, out, "--resume").__iadd__(["--errors", "/dev/null"]))
    assert resumed.returncode == 0
    assert out.read_bytes() == reference


def test_a_journal_is_not_overwritten_without_resume(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    start_and_stop(corpus, out, signal.SIGKILL, 5)
    again = subprocess.run(command(corpus, out), capture_output=True, text=True)
    assert again.returncode == 2
    assert "--resume" in again.stderr and journal_lines(journal_path(out)) >= 5


def test_a_journal_of_another_rule_set_is_refused(tmp_path: Path, monkeypatch) -> None:
    """A change to any rule file changes the fingerprint, and --resume refuses the old journal."""
    import shutil

    from debatt_nlp.run import fingerprint

    package = tmp_path / "debatt_nlp"
    shutil.copytree(fingerprint.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "_models"))
    monkeypatch.setattr(fingerprint, "PACKAGE_DIR", package)
    fingerprint.source_digest.cache_clear()
    try:
        options = RunOptions(model="blank")
        before = document_fingerprint(provenance_for(options))
        path = tmp_path / "out.jsonl.journal"
        Journal.create(path, {"fingerprint": before, "tool_version": "x"}).close()
        rules = package / "segment" / "rules" / "doctype.yaml"
        rules.write_text(rules.read_text(encoding="utf-8") + "\n# one more comment\n", encoding="utf-8")
        fingerprint.source_digest.cache_clear()
        after = document_fingerprint(provenance_for(options))
        assert after != before
        with pytest.raises(JournalError, match="another rule set"):
            Journal.resume(path, {"fingerprint": after, "tool_version": "x"})
    finally:
        fingerprint.source_digest.cache_clear()
