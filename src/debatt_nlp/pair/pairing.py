"""Pair each reply with the interpellation it answers, by content and never by file name.

Every candidate pair gets a score from independent pieces of evidence (all reported):
- `riksdag_number`   the same "2018/19:260" in both title lines (+4)
- `interpellant`     the reply names the interpellation's author (title or "X har frågat mig") (+1.5)
- `answerer`         the reply's author is the interpellation's addressee (+1)
- `topic`            overlap of the topic/title words (+0..2)
- `restated_questions` the reply's restated questions match the questions (+0..3)
- `content`          overlap of the reply's opening with the questions' content words (+0..2)
- `vocabulary`       cosine similarity of the two whole texts' content-word counts (+0..3)
Pairs are then chosen greedily, best score first, one reply per interpellation, and kept when
the score reaches PAIR_THRESHOLD. Confidence = score/(score+2), scaled by the margin over the
next-best competitor for the same documents: a clear winner keeps it, a near tie halves it.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from debatt_nlp.schema import PairingEvidence
from debatt_nlp.segment.rules import load_rules

PAIR_THRESHOLD = 1.5
CANDIDATES_PER_REPLY = 20
_WORD_RE = re.compile(r"[a-zåäöéü]{3,}")
_STEM_LENGTH = 6  # crude prefix stemming: good enough for Swedish inflection and compounds here


@dataclass
class PairingCandidate:
    """What pairing needs to know of one document."""

    doc_id: str
    riksdag_number: str | None = None
    author: str | None = None
    addressee: str | None = None
    topic: str | None = None
    questions: list[str] = field(default_factory=list)  # interpellation items / reply restatements
    opening: str = ""  # the first part of the body (for replies: where the questions are recalled)
    vocabulary: Counter[str] = field(default_factory=Counter)  # content stems of the whole text


@dataclass
class PairResult:
    interpellation: str
    reply: str
    score: float
    confidence: float
    evidence: list[PairingEvidence]


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(load_rules("stopwords")["stopwords"])


def content_stems(text: str) -> frozenset[str]:
    return frozenset(w[:_STEM_LENGTH] for w in _WORD_RE.findall(text.lower()) if w not in _stopwords())


def stem_counts(text: str) -> Counter[str]:
    return Counter(w[:_STEM_LENGTH] for w in _WORD_RE.findall(text.lower()) if w not in _stopwords())


def compact_vocabulary(counts: Counter[str], size: int = 80) -> Counter[str]:
    """The `size` most frequent stems (interned): pairing needs no more, and a corpus of
    thousands of documents keeps its candidates in little memory."""
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:size]
    return Counter({sys.intern(stem): count for stem, count in top})


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[stem] for stem, count in a.items() if stem in b)
    return dot / (math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values())))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger (robust to very different lengths)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _same_person(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a_words, b_words = a.lower().split(), b.lower().split()
    return a_words == b_words or (a_words[-1] == b_words[-1] and a_words[0][0] == b_words[0][0])


def score_pair(
    interpellation: PairingCandidate, reply: PairingCandidate
) -> tuple[float, list[PairingEvidence]]:
    evidence: list[PairingEvidence] = []
    if interpellation.riksdag_number and interpellation.riksdag_number == reply.riksdag_number:
        evidence.append(PairingEvidence(kind="riksdag_number", detail=reply.riksdag_number, score=4.0))
    if _same_person(interpellation.author, reply.addressee):
        evidence.append(PairingEvidence(kind="interpellant", detail=str(reply.addressee), score=1.5))
    if _same_person(interpellation.addressee, reply.author):
        evidence.append(PairingEvidence(kind="answerer", detail=str(reply.author), score=1.0))
    if interpellation.topic and reply.topic:
        topic = _overlap(content_stems(interpellation.topic), content_stems(reply.topic))
        if topic > 0:
            evidence.append(
                PairingEvidence(kind="topic", detail=f"overlap {topic:.2f}", score=round(2 * topic, 3))
            )
    if interpellation.questions and reply.questions:
        sims = [
            max(_overlap(content_stems(r), content_stems(q)) for q in interpellation.questions)
            for r in reply.questions
        ]
        restated = sum(sims) / len(sims)
        if restated > 0:
            evidence.append(
                PairingEvidence(
                    kind="restated_questions",
                    detail=f"mean overlap {restated:.2f}",
                    score=round(3 * restated, 3),
                )
            )
    if interpellation.questions and reply.opening:
        q_stems = content_stems(" ".join(interpellation.questions))
        r_stems = content_stems(reply.opening)
        content = len(q_stems & r_stems) / len(q_stems) if q_stems else 0.0
        if content > 0:
            evidence.append(
                PairingEvidence(kind="content", detail=f"overlap {content:.2f}", score=round(2 * content, 3))
            )
    vocabulary = _cosine(interpellation.vocabulary, reply.vocabulary)
    if vocabulary > 0:
        evidence.append(
            PairingEvidence(
                kind="vocabulary", detail=f"cosine {vocabulary:.2f}", score=round(3 * vocabulary, 3)
            )
        )
    return sum(e.score for e in evidence), evidence


def _surname(name: str | None) -> str | None:
    return name.lower().split()[-1] if name and name.split() else None


def candidate_pairs(
    interpellations: list[PairingCandidate],
    replies: list[PairingCandidate],
    per_reply: int = CANDIDATES_PER_REPLY,
) -> Iterator[tuple[PairingCandidate, PairingCandidate]]:
    """Blocking: the interpellations worth scoring for each reply, so a corpus of thousands of
    documents is not scored pairwise. A candidate shares the Riksdag number or a name with the
    reply, or is among the `per_reply` sharing most of the reply's rarer words (by idf)."""
    by_number: dict[str, list[int]] = defaultdict(list)
    by_surname: dict[str, list[int]] = defaultdict(list)
    by_stem: dict[str, list[int]] = defaultdict(list)
    for index, i in enumerate(interpellations):
        if i.riksdag_number:
            by_number[i.riksdag_number].append(index)
        for name in (i.author, i.addressee):
            if surname := _surname(name):
                by_surname[surname].append(index)
        for stem in i.vocabulary:
            by_stem[stem].append(index)
    n = max(1, len(interpellations))
    for r in replies:
        chosen: set[int] = set(by_number.get(r.riksdag_number or "", []))
        for name in (r.author, r.addressee):
            if surname := _surname(name):
                chosen.update(by_surname.get(surname, []))
        shared: Counter[int] = Counter()
        for stem in r.vocabulary:
            postings = by_stem.get(stem, [])
            if postings:
                weight = math.log(n / len(postings)) + 0.1
                for index in postings:
                    shared[index] += weight
        chosen.update(index for index, _ in shared.most_common(per_reply))
        for index in sorted(chosen):
            yield interpellations[index], r


def pair_documents(
    interpellations: list[PairingCandidate], replies: list[PairingCandidate]
) -> list[PairResult]:
    """Greedy one-to-one pairing; results sorted by interpellation id."""
    scored = []
    for i, r in candidate_pairs(interpellations, replies):
        score, evidence = score_pair(i, r)
        if score > 0:
            scored.append((score, i.doc_id, r.doc_id, evidence))
    best_for: dict[str, float] = {}
    second_for: dict[str, float] = {}
    for score, i_id, r_id, _ in scored:
        for key in (i_id, r_id):
            if score > best_for.get(key, 0.0):
                second_for[key] = best_for.get(key, 0.0)
                best_for[key] = score
            elif score > second_for.get(key, 0.0):
                second_for[key] = score
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used: set[str] = set()
    results = []
    for score, i_id, r_id, evidence in scored:
        if score < PAIR_THRESHOLD or i_id in used or r_id in used:
            continue
        used.update((i_id, r_id))
        rival = max(
            second_for.get(i_id, 0.0) if best_for[i_id] == score else best_for[i_id],
            second_for.get(r_id, 0.0) if best_for[r_id] == score else best_for[r_id],
        )
        margin = max(0.0, (score - rival) / score)
        confidence = score / (score + 2.0) * (0.5 + 0.5 * margin)
        results.append(PairResult(i_id, r_id, score, round(confidence, 3), evidence))
    return sorted(results, key=lambda p: p.interpellation)
