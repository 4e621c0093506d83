"""Directness of a reply to each question: question typing, cue lexicons, a transparent score."""

from debatt_nlp.directness.qtype import QuestionPart, QuestionType, type_question
from debatt_nlp.directness.scorer import SCHEME_VERSION, score_directness

__all__ = ["SCHEME_VERSION", "QuestionPart", "QuestionType", "score_directness", "type_question"]
