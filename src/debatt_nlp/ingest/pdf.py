"""Text from PDF files with pdfminer.six; pages are separated by form feeds for the repair step.

pdfminer.six was chosen over pypdf by benchmarks/pdf_extraction.py (docs/ingest.md): on
seed-like layouts both keep every word, but pdfminer keeps 98% of the paragraphs intact where
pypdf loses every paragraph break; it is slower (0.04 s/page against 0.007) and that is cheap.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from debatt_nlp.ingest.text_files import IngestError

# pdfminer logs recoverable damage as warnings; what matters reaches the user as an error.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def extract_pdf_text(path: Path) -> tuple[str, int]:
    """Return (text, number of pages). Raises IngestError for encrypted, image-only or corrupt PDFs."""
    from pdfminer.high_level import extract_text_to_fp
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFTextExtractionNotAllowed
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    out = io.StringIO()
    try:
        with open(path, "rb") as handle:
            extract_text_to_fp(handle, out, laparams=LAParams(), codec="utf-8")
    except FileNotFoundError as exc:
        raise IngestError("file not found (it may have been removed during the run)") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed) as exc:
        raise IngestError(f"encrypted PDF (a password is needed: {type(exc).__name__})") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise IngestError(f"corrupt or truncated PDF ({type(exc).__name__}: {exc})") from exc
    except OSError as exc:
        raise IngestError(f"cannot be read: {exc}") from exc
    text = out.getvalue()
    pages = text.rstrip("\f").count("\f") + 1
    if not text.replace("\f", "").strip():
        raise IngestError(f"PDF has no text layer ({pages} pages; scanned images need OCR first)")
    return text, pages
