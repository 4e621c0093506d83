"""`--resume` after a completed run: documents of the previous output that can be reused.

The previous output is indexed once (byte offsets, reuse keys), never held in memory; a document
is taken from it only when its id, content hash and sidecar row match an input and the record
was made by the same document stages, model and schema (`document_fingerprint`). Its questions
go back to what the segment stage gave (alignment and directness are redone with the pairing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from debatt_nlp.assemble import pairing_candidate
from debatt_nlp.repair.pdf_damage import repair
from debatt_nlp.run.document import DocResult
from debatt_nlp.run.items import WorkItem, reuse_key
from debatt_nlp.run.stages import document_fingerprint
from debatt_nlp.schema import Exchange, Provenance

_ALIGNMENT_FIELDS = {"answer_spans": [], "directness": None, "restated_in_reply": None}


@dataclass
class PreviousOutput:
    path: Path
    where: dict[str, tuple[int, int]]  # reuse key -> (byte offset of the record, document index)

    @classmethod
    def index(cls, path: Path, fingerprint: str) -> PreviousOutput:
        where: dict[str, tuple[int, int]] = {}
        with open(path, "rb") as handle:
            offset = 0
            for line in handle:
                start, offset = offset, offset + len(line)
                try:
                    record = json.loads(line)
                    if document_fingerprint(Provenance.model_validate(record["provenance"])) != fingerprint:
                        continue
                    for index, document in enumerate(record["documents"]):
                        sidecar = (document.get("source_metadata") or {}).get("sidecar")
                        key = reuse_key(document["id"], document["sha256"], sidecar)
                        where.setdefault(key, (start, index))
                except (ValueError, KeyError, TypeError):
                    continue  # an unreadable record is annotated again, not trusted
        return cls(path, where)

    def take(self, key: str, item: WorkItem) -> DocResult | None:
        found = self.where.pop(key, None)
        if found is None:
            return None
        offset, index = found
        with open(self.path, "rb") as handle:
            handle.seek(offset)
            exchange = Exchange.model_validate_json(handle.readline())
        document = exchange.documents[index]
        questions = [q.model_copy(update=_ALIGNMENT_FIELDS) for q in exchange.questions] if index == 0 else []
        return DocResult(
            seq=item.seq,
            doc_id=document.id,
            key=key,
            role=document.role,
            document_json=document.model_dump_json(),
            questions_json="[" + ",".join(q.model_dump_json() for q in questions) + "]",
            candidate=pairing_candidate(document, questions, repair(document.text)),
        )
