"""Text from Word .docx files: paragraphs separated by blank lines, table cells one per line."""

from __future__ import annotations

import zipfile
from pathlib import Path

from debatt_nlp.ingest.text_files import IngestError


def extract_docx_text(path: Path) -> str:
    try:
        import docx
    except ImportError as exc:  # a core dependency; missing only in a broken environment
        raise IngestError("reading .docx needs python-docx (pip install python-docx)") from exc
    try:
        document = docx.Document(str(path))
    except FileNotFoundError as exc:
        raise IngestError("file not found (it may have been removed during the run)") from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"corrupt .docx ({type(exc).__name__})") from exc
    blocks = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append("\n".join(cell.text.strip() for cell in row.cells if cell.text.strip()))
    return "\n\n".join(b for b in blocks if b)
