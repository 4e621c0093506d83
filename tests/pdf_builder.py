"""Build PDFs that look like the seeds' sources: letterhead repeated on every page, page numbers,
hard-wrapped lines, a word hyphenated at a line end. Used by the tests and by
benchmarks/pdf_extraction.py (reportlab is a test dependency)."""

from __future__ import annotations

import textwrap
from pathlib import Path

HEADER = "Socialdemokraterna"


def build_pdf(path: Path, paragraphs: list[str], *, header: str = HEADER, width: int = 88) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: F401  (Helvetica covers Swedish letters)
    from reportlab.pdfgen import canvas

    del pdfmetrics
    pdf = canvas.Canvas(str(path), pagesize=A4)
    _, page_height = A4
    top, bottom, line_height = page_height - 90, 70, 14
    page = 1

    def start_page() -> float:
        pdf.setFont("Helvetica", 9)
        pdf.drawString(60, page_height - 50, header)
        pdf.drawString(520, 40, str(page))
        pdf.setFont("Helvetica", 11)
        return top

    y = start_page()
    for paragraph in paragraphs:
        lines = textwrap.wrap(paragraph, width=width, break_long_words=False)
        # Hyphenate the first long word that ends a line, as word processors do.
        for i, line in enumerate(lines[:-1]):
            last = line.rsplit(" ", 1)[-1]
            if len(last) > 12 and last.isalpha():
                lines[i] = line[: -len(last)] + last[:6] + "-"
                lines[i + 1] = last[6:] + " " + lines[i + 1]
                break
        for line in lines:
            if y < bottom:
                pdf.showPage()
                page += 1
                y = start_page()
            pdf.drawString(60, y, line)
            y -= line_height
        y -= line_height  # blank line between paragraphs
    pdf.save()
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF whose page is a drawing: no text layer at all (like a scan)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(100, 400, 300, 200, fill=1)
    pdf.save()
    return path
