"""Tell an interpellation from a reply (or neither), with the evidence (rules in rules/doctype.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from debatt_nlp.schema import DocumentRole
from debatt_nlp.segment.rules import load_rules

# Title rules look at the start of the document only; body rules at the whole text.
_TITLE_WINDOW = 600
# Older Riksdag documents open with the date ("den 23 september") before the title line.
LEADING_DATE_RE = re.compile(r"\s*den \d{1,2} [a-zåäö]+(?: \d{4})?\s*\n+")


@dataclass(frozen=True)
class RuleHit:
    rule: str
    role: DocumentRole
    weight: float
    start: int  # offsets into the clean text
    end: int


@dataclass(frozen=True)
class _Rule:
    id: str
    role: DocumentRole
    scope: str
    weight: float
    regex: re.Pattern[str]


@cache
def _rules() -> tuple[_Rule, ...]:
    rules = []
    for spec in load_rules("doctype")["rules"]:
        flags = re.MULTILINE | (0 if spec.get("case_sensitive") else re.IGNORECASE)
        rules.append(
            _Rule(
                spec["id"],
                DocumentRole(spec["role"]),
                spec["scope"],
                float(spec["weight"]),
                re.compile(spec["pattern"], flags),
            )
        )
    return tuple(rules)


def classify(clean_text: str) -> tuple[DocumentRole, float, list[RuleHit]]:
    """Return (role, confidence, hits). `other` when no rule fires."""
    hits: list[RuleHit] = []
    leading_date = LEADING_DATE_RE.match(clean_text)
    title_start = leading_date.end() if leading_date else 0
    for rule in _rules():
        if rule.scope == "title":
            match = rule.regex.match(clean_text, title_start, title_start + _TITLE_WINDOW)
        else:
            match = rule.regex.search(clean_text)
        if match:
            start, end = match.span()
            # Report the first line of a long match: evidence should be readable.
            newline = clean_text.find("\n", start, end)
            hits.append(RuleHit(rule.id, rule.role, rule.weight, start, newline if newline > 0 else end))
    if not hits:
        return DocumentRole.other, 0.5, []
    best = max(hits, key=lambda hit: hit.weight)
    opposing = max((h.weight for h in hits if h.role != best.role), default=0.0)
    # Confidence drops when the other role also has support (e.g. a reply quoting questions).
    confidence = round(
        best.weight * (1.0 - 0.5 * opposing) if opposing >= best.weight - 0.1 else best.weight, 3
    )
    return best.role, confidence, sorted(hits, key=lambda h: (-h.weight, h.start))
