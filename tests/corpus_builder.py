"""A corpus of seed-shaped exchanges (the seed pair with other names and years), for tests that
need more than two documents."""

from __future__ import annotations

from pathlib import Path

from helpers import SEED_INTERPELLATION, SEED_REPLY, read_original

NAMES = [
    ("Salar Rashid", "Karin Ernlund"),
    ("Anna Berg", "Per Ek"),
    ("Lena Holm", "Jonas Lind"),
    ("Omar Said", "Eva Strand"),
    ("Maria Nord", "Erik Sjö"),
    ("Karl Ström", "Sara Björk"),
    ("Ida Falk", "Nils Dahl"),
    ("Emil Berg", "Hanna Vik"),
]


def vary(text: str, i: int) -> str:
    """The seed text with the i-th names, year and diary number."""
    asker, minister = NAMES[i % len(NAMES)]
    text = text.replace("Salar Rashid", asker).replace("Rashid", asker.split()[1])
    text = text.replace("Karin Ernlund", minister).replace("Ernlund", minister.split()[1])
    return text.replace("2021", str(2000 + i % 20)).replace("KS 2021/417", f"KS {2000 + i}/{417 + i}")


def build_corpus(folder: Path, pairs: int, replies: int | None = None) -> Path:
    """`pairs` interpellations with the seed's shape and other names and years, and the replies
    to the first `replies` of them (all by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    question, answer = read_original(SEED_INTERPELLATION), read_original(SEED_REPLY)
    for i in range(pairs):
        (folder / f"{i:03d}_interpellation.txt").write_text(vary(question, i), encoding="utf-8", newline="")
        if replies is None or i < replies:
            (folder / f"{i:03d}_svar.txt").write_text(vary(answer, i), encoding="utf-8", newline="")
    return folder
