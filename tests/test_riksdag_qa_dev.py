"""The 36 Riksdag dev pairs, shuffled: every pair found, question items as in gold.jsonl."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from debatt_nlp.api import annotate_paths
from debatt_nlp.schema import Exchange
from helpers import assert_exchange_offsets


@pytest.fixture(scope="module")
def dev_run(
    riksdag_qa_dev: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[dict], list[Exchange]]:
    gold = [
        json.loads(line) for line in (riksdag_qa_dev / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    # Shuffle and rename so that file names carry no pairing information.
    files = sorted(riksdag_qa_dev.glob("*.txt"))
    random.Random(7).shuffle(files)
    folder = tmp_path_factory.mktemp("shuffled")
    original_name = {}
    for index, path in enumerate(files):
        name = f"doc{index:03d}.txt"
        shutil.copy(path, folder / name)
        original_name[name] = path.name
    run = annotate_paths([folder], model="blank")
    assert run.errors == []
    for exchange in run.exchanges:
        for document in exchange.documents:
            document.path = original_name[document.id]
    return gold, run.exchanges


def test_every_dev_pair_is_found(dev_run: tuple[list[dict], list[Exchange]]) -> None:
    gold, exchanges = dev_run
    pairs = {tuple(d.path for d in e.documents) for e in exchanges if e.pairing}
    expected = {(g["question_file"], g["answer_file"]) for g in gold}
    assert pairs == expected


def test_question_items_match_gold(dev_run: tuple[list[dict], list[Exchange]]) -> None:
    gold, exchanges = dev_run
    by_question_file = {e.documents[0].path: e for e in exchanges}
    for g in gold:
        exchange = by_question_file[g["question_file"]]
        predicted = [(q.start, q.end, q.text) for q in exchange.questions]
        assert predicted == [(q["start"], q["end"], q["text"]) for q in g["questions"]], g["id"]


def test_offsets_valid_on_all_dev_documents(dev_run: tuple[list[dict], list[Exchange]]) -> None:
    _, exchanges = dev_run
    assert sum(assert_exchange_offsets(e) for e in exchanges) > 1000
