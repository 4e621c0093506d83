"""Evaluation against gold in the riksdag-qa `gold.jsonl` format (`debatt-nlp evaluate`)."""

from debatt_nlp.evaluate.report import format_report
from debatt_nlp.evaluate.scoring import evaluate, evaluate_records

__all__ = ["evaluate", "evaluate_records", "format_report"]
