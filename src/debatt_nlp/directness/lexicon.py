r"""Cue lexicons in the medspaCy ConText style, and matching them with scope (pure).

A lexicon (lexicons/<name>.yaml) lists cues:

    - literal: "jag avser att återkomma"          # readable form (also the pattern when none is given)
      pattern: '\bavser\s+att\s+återkomma\b'       # optional regex (case-insensitive)
      category: DEFERRAL                          # what the cue signals
      direction: FORWARD                          # FORWARD | BACKWARD | BIDIRECTIONAL
      scope: sentence                             # sentence | paragraph
      source: guidelines                          # where the cue came from (docs/directness.md)

A cue's *scope* is, as in ConText, the stretch of text it governs: from the trigger to the end of its
sentence (FORWARD), from the sentence start to the trigger (BACKWARD) or the whole sentence
(BIDIRECTIONAL) -- cut at a termination term ("men", "dock", "däremot", "samtidigt", ";"). With
`scope: paragraph` the cue governs its whole paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from debatt_nlp.data_files import read_data_yaml

_TERMINATION = re.compile(r"\s(?:men|dock|däremot|samtidigt|emellertid|likväl)\s|;|\s–\s", re.IGNORECASE)


@cache
def load_yaml(name: str) -> dict[str, Any]:
    return read_data_yaml("debatt_nlp.directness", "lexicons", f"{name}.yaml")


@dataclass(frozen=True)
class Cue:
    id: str
    literal: str
    regex: re.Pattern[str]
    category: str
    direction: str
    scope: str
    source: str


@dataclass(frozen=True)
class CueHit:
    cue: Cue
    start: int  # trigger span (offsets into the document text)
    end: int
    sentence: tuple[int, int]
    scope: tuple[int, int]


@cache
def load_lexicon(name: str) -> tuple[Cue, ...]:
    data = load_yaml(name)
    out = []
    for i, entry in enumerate(data["cues"]):
        literal = entry["literal"]
        pattern = entry.get("pattern") or r"\b" + r"\s+".join(re.escape(w) for w in literal.split()) + r"\b"
        out.append(
            Cue(
                id=entry.get("id") or f"{name}.{entry['category'].lower()}.{i}",
                literal=literal,
                regex=re.compile(pattern, re.IGNORECASE),
                category=entry["category"],
                direction=entry.get("direction", "BIDIRECTIONAL"),
                scope=entry.get("scope", "sentence"),
                source=entry.get("source", ""),
            )
        )
    return tuple(out)


def _scope(
    text: str, cue: Cue, start: int, end: int, sentence: tuple[int, int], paragraph: tuple[int, int]
) -> tuple[int, int]:
    if cue.scope == "paragraph":
        return paragraph
    s0, e0 = sentence
    if cue.direction in ("FORWARD", "BIDIRECTIONAL"):
        m = _TERMINATION.search(text, end, e0)
        e = m.start() if m else e0
    else:
        e = end
    if cue.direction in ("BACKWARD", "BIDIRECTIONAL"):
        s = s0
        for m in _TERMINATION.finditer(text, s0, start):
            s = m.end()
    else:
        s = start
    return s, e


def find_cues(
    text: str,
    sentences: list[tuple[int, int]],
    lexicon: str,
    paragraph: tuple[int, int] | None = None,
) -> list[CueHit]:
    """All cue hits of `lexicon` inside the given sentences of `text` (overlapping hits of the same
    category keep the longest)."""
    hits: list[CueHit] = []
    for s0, e0 in sentences:
        para = paragraph or (s0, e0)
        for cue in load_lexicon(lexicon):
            for m in cue.regex.finditer(text, s0, e0):
                if m.end() == m.start():
                    continue
                hits.append(
                    CueHit(
                        cue,
                        m.start(),
                        m.end(),
                        (s0, e0),
                        _scope(text, cue, m.start(), m.end(), (s0, e0), para),
                    )
                )
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[CueHit] = []
    for h in hits:
        if any(k.cue.category == h.cue.category and k.start < h.end and h.start < k.end for k in kept):
            continue
        kept.append(h)
    return kept
