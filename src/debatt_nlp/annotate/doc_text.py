"""The text of a Doc, read once.

spaCy rebuilds `Doc.text` from its tokens on every access (a Python object per token), which
costs milliseconds per page and is paid by each rule component. The annotator stores the text it
gave the pipeline in `doc.user_data[TEXT_KEY]`; components read it through `doc_text`.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "debatt_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, from the stored copy when it still matches the tokens (same length)."""
    stored = doc.user_data.get(TEXT_KEY)
    if isinstance(stored, str) and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(stored):
        return stored
    if isinstance(stored, str) and not len(doc) and not stored:
        return stored
    return doc.text
