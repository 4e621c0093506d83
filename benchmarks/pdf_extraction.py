"""Which PDF text extractor keeps seed-like documents best: pypdf or pdfminer.six?

Builds PDFs from the seed texts and the riksdag-qa dev texts (letterhead on every page, page numbers, hard-wrapped lines,
hyphenation; tests/pdf_builder.py), extracts them with both libraries, runs our repair step and
compares the clean text with the source paragraphs: word recall, word-order similarity
(difflib ratio over the word sequences), source paragraphs kept intact, leftover page
furniture, and seconds per page.

    python benchmarks/pdf_extraction.py          (needs reportlab, pypdf, pdfminer.six)
"""

from __future__ import annotations

import difflib
import io
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from debatt_nlp.repair.pdf_damage import repair  # noqa: E402
from pdf_builder import HEADER, build_pdf  # noqa: E402


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text_to_fp
    from pdfminer.layout import LAParams

    out = io.StringIO()
    with open(path, "rb") as handle:
        extract_text_to_fp(handle, out, laparams=LAParams())
    return out.getvalue()


def source_paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    blocks = [" ".join(b.split()) for b in text.replace("\r", "").split("\n\n")]
    return [b for b in blocks if b and b != HEADER]


def main() -> int:
    extractors = {"pypdf": pypdf_text, "pdfminer.six": pdfminer_text}
    totals: dict[str, Counter[str]] = {name: Counter() for name in extractors}
    seconds: dict[str, float] = dict.fromkeys(extractors, 0.0)
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        sources = sorted((REPO / "seeds").glob("*.txt"))
        dev = REPO.parent / "shared" / "data" / "riksdag-qa" / "dev"
        sources += sorted(dev.glob("*.txt"))  # 72 Riksdag texts when ../shared is there
        for seed in sources:
            paragraphs = source_paragraphs(seed)
            pdf = build_pdf(Path(tmp) / f"{seed.stem}.pdf", paragraphs)
            from pypdf import PdfReader

            pages += len(PdfReader(pdf).pages)
            source_words = " ".join(paragraphs).split()
            for name, extract in extractors.items():
                started = time.perf_counter()
                text = extract(pdf)
                seconds[name] += time.perf_counter() - started
                repaired = repair(text)
                clean_words = repaired.clean.split()
                clean_paragraphs = {
                    " ".join(repaired.clean[p.clean_start : p.clean_end].split()) for p in repaired.paragraphs
                }
                totals[name]["paragraphs"] += len(paragraphs)
                totals[name]["paragraphs_kept"] += sum(p in clean_paragraphs for p in paragraphs)
                found = sum((Counter(clean_words) & Counter(source_words)).values())
                totals[name]["source_words"] += len(source_words)
                totals[name]["found"] += found
                totals[name]["extra"] += len(clean_words) - found
                totals[name]["furniture_left"] += clean_words.count(HEADER)
                ratio = difflib.SequenceMatcher(None, source_words, clean_words, autojunk=False).ratio()
                totals[name]["order_milli"] += round(1000 * ratio)
                totals[name]["docs"] += 1
    print(f"{pages} pages from {totals['pypdf']['docs']} documents (the seeds + riksdag-qa dev texts)")
    print(
        f"{'extractor':<14}{'word recall':>12}{'extra words':>13}{'order sim.':>12}"
        f"{'paragraphs kept':>17}{'headers left':>14}{'s/page':>9}"
    )
    for name, t in totals.items():
        print(
            f"{name:<14}{t['found'] / t['source_words']:>12.3f}{t['extra']:>13}"
            f"{t['order_milli'] / t['docs'] / 1000:>12.3f}{t['paragraphs_kept'] / t['paragraphs']:>17.3f}"
            f"{t['furniture_left']:>14}{seconds[name] / pages:>9.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
