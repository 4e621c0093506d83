"""The runner where the risk is: the output does not depend on how it was run (workers, engine,
interruptions), one failing document loses only itself, and a missing model stops the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from debatt_nlp.annotate import pipeline
from debatt_nlp.annotate.models import ModelNotFoundError
from debatt_nlp.run import RunOptions, annotate_paths, annotate_to_jsonl
from debatt_nlp.run.exchange import exchange_line
from debatt_nlp.schema import Exchange
from helpers import assert_exchange_offsets


def annotate(corpus: Path, out: Path, **options) -> bytes:
    summary = annotate_to_jsonl([corpus], out, RunOptions(**options))
    assert not summary.errors
    return out.read_bytes()


def test_two_workers_write_the_same_bytes_as_one(small_corpus: Path, tmp_path: Path) -> None:
    one = annotate(small_corpus, tmp_path / "one.jsonl", workers=1, batch_size=2)
    two = annotate(small_corpus, tmp_path / "two.jsonl", workers=2, batch_size=1)
    assert one == two
    records = [Exchange.model_validate_json(line) for line in one.decode().splitlines()]
    assert len(records) == 4 and all(r.pairing is not None for r in records)
    for record in records:
        assert_exchange_offsets(record)


def test_a_record_is_the_json_pydantic_writes(small_corpus: Path, tmp_path: Path) -> None:
    # the runner splices the documents' JSON into the record instead of parsing them again
    for line in annotate(small_corpus, tmp_path / "out.jsonl", model="blank").decode().splitlines():
        exchange = Exchange.model_validate_json(line)
        assert exchange.model_dump_json() == line
        documents = [d.model_dump_json() for d in exchange.documents]
        questions = "[" + ",".join(q.model_dump_json() for q in exchange.questions) + "]"
        assert (
            exchange_line(
                exchange.id, exchange.provenance.model_dump_json(), documents, questions, exchange.pairing
            )
            == line
        )


def test_a_completed_run_leaves_only_its_output(small_corpus: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    annotate(small_corpus, out_dir / "a.jsonl", model="blank")
    assert [p.name for p in out_dir.iterdir()] == ["a.jsonl"]


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("this component cannot read BOOM")
    return doc


def test_a_component_that_raises_on_one_document_loses_only_that_one(
    small_corpus: Path, tmp_path: Path
) -> None:
    model = tmp_path / "model"
    nlp = spacy.blank("sv")
    nlp.add_pipe("test_fails_on_boom")
    nlp.meta.update(name="boom_test", version="1.0.0")
    nlp.to_disk(model)
    victim = small_corpus / "001_svar.txt"
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nBOOM\n", encoding="utf-8")
    # one spaCy batch holds all documents: the failing batch is redone one document at a time
    run = annotate_paths([small_corpus], model=str(model), batch_size=8)
    [error] = run.errors
    assert error.path.endswith("001_svar.txt")
    assert error.stage == "annotate:test_fails_on_boom"
    assert error.exception == "ValueError" and "BOOM" in error.reason
    ids = sorted(d.id for e in run.exchanges for d in e.documents)
    assert len(ids) == 7 and "001_svar.txt" not in ids
    assert all(d.entities or d.sentences for e in run.exchanges for d in e.documents)


def test_a_missing_default_model_is_an_error_not_a_blank_pipeline(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr("debatt_nlp.annotate.pipeline.find_model", lambda name: None)
    pipeline.load_pipeline.cache_clear()
    try:
        with pytest.raises(ModelNotFoundError, match="sv_debatt_core"):
            pipeline.load_pipeline()
    finally:
        pipeline.load_pipeline.cache_clear()


def test_a_broken_model_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text(json.dumps({"lang": "sv", "name": "x", "version": "1"}))
    (broken / "config.cfg").write_text("[nlp]\nlang = \nthis is not a config\n")
    with pytest.raises(ModelNotFoundError, match="cannot be loaded"):
        pipeline.load_pipeline(str(broken))
