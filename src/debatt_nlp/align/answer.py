"""The align & score stage: one paired exchange's questions -> answer spans and directness.

The runner calls `answer_questions` once per interpellation-reply pair (pure: no I/O, no state)."""

from __future__ import annotations

from debatt_nlp.align.aligner import align_questions
from debatt_nlp.directness import score_directness
from debatt_nlp.schema import Document, Question


def answer_questions(questions: list[Question], interpellation: Document, reply: Document) -> list[Question]:
    """Align each question with the reply and score how directly it is answered."""
    aligned = align_questions(questions, interpellation, reply)
    return [q.model_copy(update={"directness": score_directness(q, reply)}) for q in aligned]
