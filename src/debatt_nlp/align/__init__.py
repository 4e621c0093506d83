"""Alignment of interpellation questions with the reply paragraphs that answer them, and the
align & score stage the runner calls for every paired exchange (`answer_questions`)."""

from debatt_nlp.align.aligner import ALIGN_VERSION, align_questions
from debatt_nlp.align.answer import answer_questions
from debatt_nlp.align.structure import classify_paragraphs, split_paragraphs, split_sentences

__all__ = [
    "ALIGN_VERSION",
    "align_questions",
    "answer_questions",
    "classify_paragraphs",
    "split_paragraphs",
    "split_sentences",
]
