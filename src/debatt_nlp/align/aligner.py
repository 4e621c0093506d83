"""Align each question of an interpellation with the reply paragraphs that address it.

Order of evidence (strongest first), each recorded as `AnswerSpan.method`:
1. `explicit_reference` — the reply names the question: "Den första frågan gäller …", "För det andra:",
   "Med anledning av Bodil Ceballos andra fråga", "Avseende fråga 2" (an *ordinal* reference), or a
   paragraph-initial topical reference "När det gäller frågan om X" / "Vad gäller X" whose X matches one
   question's content. An ordinal reference opens a *region* that runs to the next reference.
2. `restatement` — a restatement inside the body ("Jens Holm har också frågat mig om …") opens the region
   of the question it restates.
3. `joint` — the reply says it answers the questions together ("i ett sammanhang", "samlat"); paragraphs
   then go to every question whose content they share.
4. `content` — weighted overlap of content-term stems between question and paragraph; questions are
   assumed to be answered in order (a monotone pass), and a paragraph also goes to every other question
   it matches nearly as well as its best one.
Paragraphs that restate the questions, greet, thank, state procedure or sign off are never answers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from debatt_nlp.align.structure import (
    ParagraphInfo,
    classify_paragraphs,
    compiled,
    patterns,
    split_paragraphs,
    split_sentences,
)
from debatt_nlp.align.text import content_stems, term_match, tokens
from debatt_nlp.schema import AnswerSpan, Document, Question, Span

ALIGN_VERSION = "0.1.0"

# Parameters, set once on the 36 dev exchanges as a whole (docs/directness.md, "Alignment").
MIN_CONTENT = 0.2  # minimum coverage for a secondary content link
RELATIVE = 0.7  # a paragraph also goes to every question scoring >= RELATIVE * its best
WEAK = 0.0  # a paragraph whose best coverage is below this is general (background, not an answer)
DROP_GENERAL = False  # general paragraphs go to no question (else: to the first)
PARA_IDF_FLOOR = 0.5  # weight of a term found in every body paragraph (1.0 = no paragraph idf)
RESTATEMENT_WEIGHT = 0.7  # weight of terms the reply's restatement adds to a question
RESTATED_ITEM = 0.6  # coverage of a question by a paragraph that restates it as a list item
JOINT_MIN = 0.2
SENTENCE_MIX = 0.0  # share of the best single sentence's coverage in a paragraph's score
QREL = 1.01  # a paragraph also goes to a question it matches nearly as well as that question's best paragraph
BACKGROUND_WEIGHT = 0.3  # weight of background terms added to a question (divided by the questions reached)
BACKGROUND_MIN = 0.25  # a background sentence expands a question it covers at least this much
ORPHAN_MIN = 0.1  # a question left without paragraphs takes its best one if covered at least this much


@dataclass
class QuestionProfile:
    n: int
    weights: dict[str, float]  # stem -> weight

    def coverage(self, stems: set[str], para_weight: dict[str, float] | None = None) -> float:
        """Weighted share of the question's terms found (or compound-matched) in `stems`."""
        got = total = 0.0
        for term, w in self.weights.items():
            pw = para_weight.get(term, 1.0) if para_weight else 1.0
            total += w * pw
            if term in stems:
                got += w * pw
            elif stems:
                got += w * pw * max(term_match(term, s) for s in stems)
        return got / total if total else 0.0


def _profile(text: str, n: int, doc_freq: Counter[str], n_questions: int) -> QuestionProfile:
    stems = content_stems(text)
    toks = tokens(text)
    names = {t.stem for i, t in enumerate(toks) if i > 0 and t.text[:1].isupper()}
    weights: dict[str, float] = {}
    for s in dict.fromkeys(stems):
        w = math.log(1.0 + n_questions / max(doc_freq[s], 1)) / math.log(2.0) if n_questions > 1 else 1.0
        if s in names:
            w *= 1.5  # names of people, places, agencies
        weights[s] = w
    return QuestionProfile(n, weights)


@dataclass
class _Marker:
    paragraph: int
    n: int
    method: str
    confidence: float
    cue: str
    ordinal: bool


_PLURAL_REF = re.compile(r"(?:\S+\s+){0,3}?(?:\S+\s+)?(?:frågorna|frågor)\b", re.IGNORECASE)
# The fronted phrase of a topical reference ends where the V2 clause's finite verb + subject begins.
_V2_BREAK = re.compile(
    r",|\s(?:kan|vill|är|har|finns|ser|anser|menar|konstaterar|delar|måste|bör|ska|skall|kommer|gäller|"
    r"vet|tycker|bedömer|arbetar|pågår|gör|blir)\s+(?:jag|vi|regeringen|det|man|den|detta|dessa|hon|han)\b",
    re.IGNORECASE,
)
# Clauses of a restatement: "… om jag avser X, vilka åtgärder jag … samt om …"
_CLAUSE_BREAK = re.compile(
    r"(?:,\s*|\s+)(?:samt|och|liksom|respektive)\s+(?=(?:om|vilka|vilken|vilket|vad|hur|när|varför|huruvida|ifall|"
    r"för\s+det)\b)|,\s+(?=(?:vilka|vilken|vilket|vad|hur|när|varför|huruvida|ifall|för\s+det)\b)|[.;:]\s+",
    re.IGNORECASE,
)


def _ordinal_re() -> re.Pattern[str]:
    words = "|".join(patterns()["ordinal_words"])
    return re.compile(
        "|".join(f"(?:{p.replace('{ORD}', words)})" for p in patterns()["ordinal_reference"]), re.IGNORECASE
    )


def _topic_phrase(rest: str) -> str:
    m = _V2_BREAK.search(rest)
    return rest[: m.start()] if m else rest


def _best_question(
    text: str, profiles: list[QuestionProfile], minimum: float = 0.3
) -> tuple[int, float] | None:
    stems = set(content_stems(text))
    if not stems:
        return None
    scored = sorted(((p.coverage(stems), p.n) for p in profiles), reverse=True)
    if scored[0][0] < minimum or (len(scored) > 1 and scored[1][0] > 0.8 * scored[0][0]):
        return None
    return scored[0][1], scored[0][0]


def _find_markers(body: list[ParagraphInfo], profiles: list[QuestionProfile], text: str) -> list[_Marker]:
    n_questions = len(profiles)
    ordinal = _ordinal_re()
    words = patterns()["ordinal_words"]
    markers: list[_Marker] = []
    for info in body:
        first = text[info.sentences[0][0] : info.sentences[0][1]] if info.sentences else info.text[:300]
        m = ordinal.search(first)
        if m:
            word = m.group("ord") or m.group("ord2")
            n = int(m.group("num")) if m.group("num") else words[word.lower()]
            n = n_questions if n == -1 else n
            if 1 <= n <= n_questions:
                markers.append(_Marker(info.index, n, "explicit_reference", 0.9, m.group(0).strip(), True))
                continue
        m = compiled("topical_reference").search(first)
        if m and not _PLURAL_REF.match(m.group("rest")):
            best = _best_question(_topic_phrase(m.group("rest")), profiles)
            if best:
                conf = round(min(0.85, 0.5 + best[1] / 2), 3)
                markers.append(
                    _Marker(info.index, best[0], "explicit_reference", conf, m.group(0)[:60], False)
                )
                continue
        m = compiled("restatement").search(first)
        if m:
            best = _best_question(first[m.end() :], profiles)
            if best:
                conf = round(min(0.85, 0.5 + best[1] / 2), 3)
                markers.append(_Marker(info.index, best[0], "restatement", conf, m.group(0), True))
    return markers


def _expand_from_restatement(
    profiles: list[QuestionProfile], infos: list[ParagraphInfo], text: str
) -> dict[int, tuple[int, int]]:
    """Add the reply's own wording of each question (its restatement clause) to the question's terms.

    Returns the restating clause's span per question."""
    found: dict[int, tuple[float, int, int]] = {}
    for info in infos:
        if info.role not in ("restatement", "restated_item"):
            continue
        chunk = text[info.start : info.end]
        cuts = [0, *[m.end() for m in _CLAUSE_BREAK.finditer(chunk)], len(chunk)]
        for a, b in itertools.pairwise(cuts):
            stems = set(content_stems(chunk[a:b]))
            if not stems:
                continue
            scored = sorted(((p.coverage(stems), p.n) for p in profiles), reverse=True)
            c, n = scored[0]
            if c >= 0.3 and (len(scored) == 1 or scored[1][0] < 0.8 * c) and c > found.get(n, (0.0, 0, 0))[0]:
                found[n] = (c, info.start + a, info.start + b)
    by_n = {p.n: p for p in profiles}
    for n, (_c, s, e) in found.items():
        for stem in content_stems(text[s:e]):
            if stem not in by_n[n].weights and not any(stem in p.weights for p in profiles):
                by_n[n].weights[stem] = RESTATEMENT_WEIGHT
    return {n: (s, e) for n, (_c, s, e) in found.items()}


def _expand_from_background(
    profiles: list[QuestionProfile], questions: list[Question], interpellation: Document
) -> None:
    """Add terms of the interpellation's background sentences that share a question's own terms.

    The background explains what a terse question means ("i de här branscherna" -> "högriskbranscher
    för arbetslivskriminalitet"). Terms reaching several questions are weighted down."""
    if BACKGROUND_WEIGHT <= 0 or not interpellation.text:
        return
    first = min(q.start for q in questions)
    spans = [(s.start, s.end) for s in interpellation.sentences if s.end <= first]
    if not spans:
        spans = [
            se
            for p in split_paragraphs(interpellation.text[:first])
            for se in split_sentences(interpellation.text, p.start, p.end)
        ]
    added: dict[int, Counter[str]] = {p.n: Counter() for p in profiles}
    for s, e in spans:
        stems = set(content_stems(interpellation.text[s:e]))
        for p in profiles:
            core = {t for t, w in p.weights.items() if w > 0}
            shared = sum(1 for t in core if t in stems)
            if shared >= 2 and p.coverage(stems) >= BACKGROUND_MIN:
                added[p.n].update(stems - set(p.weights))
    reach: Counter[str] = Counter()
    for c in added.values():
        reach.update(set(c))
    for p in profiles:
        for term, count in added[p.n].items():
            if count >= 2 or len(profiles) == 1:
                p.weights[term] = BACKGROUND_WEIGHT / reach[term]


def _monotone(paras: list[ParagraphInfo], allowed: list[int], cov: dict[tuple[int, int], float]) -> list[int]:
    """Questions are answered in order: one question per paragraph, non-decreasing along the reply,
    maximising the summed coverage (Viterbi over a left-to-right chain)."""
    if len(allowed) == 1 or not paras:
        return [allowed[0]] * len(paras)
    k = len(allowed)
    score = [[0.0] * k for _ in paras]
    back = [[0] * k for _ in paras]
    for i, info in enumerate(paras):
        for j, n in enumerate(allowed):
            own = cov[(n, info.index)]
            if i == 0:
                score[i][j] = own
            else:
                prev = max(range(j + 1), key=lambda h: score[i - 1][h])
                score[i][j] = score[i - 1][prev] + own
                back[i][j] = prev
    j = max(range(k), key=lambda h: score[-1][h])
    out = [0] * len(paras)
    for i in range(len(paras) - 1, -1, -1):
        out[i] = allowed[j]
        j = back[i][j]
    return out


def align_questions(questions: list[Question], interpellation: Document, reply: Document) -> list[Question]:
    """Copies of `questions` with `answer_spans` (and `restated_in_reply` where found) filled in."""
    if not questions:
        return []
    text = reply.text
    paragraphs = reply.paragraphs or split_paragraphs(text)
    n_questions = len(questions)
    all_n = [q.n for q in questions]

    doc_freq: Counter[str] = Counter()
    for q in questions:
        doc_freq.update(set(content_stems(q.clean_text or q.text)))
    profiles = [_profile(q.clean_text or q.text, q.n, doc_freq, n_questions) for q in questions]
    _expand_from_background(profiles, questions, interpellation)

    def restates_one(ptext: str) -> bool:
        stems = set(content_stems(ptext))
        return bool(stems) and max(p.coverage(stems) for p in profiles) >= RESTATED_ITEM

    infos = classify_paragraphs(paragraphs, is_restated_item=restates_one)
    sentence_spans = [(s.start, s.end) for s in reply.sentences]
    for info in infos:
        own = [(s, e) for s, e in sentence_spans if info.start <= s < info.end]
        info.sentences = own or split_sentences(text, info.start, info.end)
    restated = _expand_from_restatement(profiles, infos, text)

    body = [i for i in infos if i.role == "body"]
    joint = any(i.joint for i in infos)
    para_stems = {i.index: set(content_stems(i.text)) | _mention_terms(reply, i) for i in body}
    # A term found in most body paragraphs tells little about which paragraph answers what.
    pdf: Counter[str] = Counter()
    for stems in para_stems.values():
        pdf.update(stems)
    n_body = max(len(body), 1)
    para_weight = {
        t: PARA_IDF_FLOOR + (1 - PARA_IDF_FLOOR) * math.log(1.0 + n_body / c) / math.log(1.0 + n_body)
        for t, c in pdf.items()
    }
    cov = {(p.n, i.index): p.coverage(para_stems[i.index], para_weight) for p in profiles for i in body}
    if SENTENCE_MIX > 0:
        for i in body:
            sent_stems = [set(content_stems(text[a:b])) for a, b in i.sentences]
            for p in profiles:
                best_sent = max((p.coverage(st, para_weight) for st in sent_stems), default=0.0)
                cov[(p.n, i.index)] = (1 - SENTENCE_MIX) * cov[(p.n, i.index)] + SENTENCE_MIX * best_sent

    markers = _find_markers(body, profiles, text)
    by_par = {m.paragraph: m for m in markers}
    primary: dict[int, tuple[int, str, float, str]] = {}
    current: _Marker | None = None
    for info in body:
        marker = by_par.get(info.index)
        if marker is not None:
            primary[info.index] = (marker.n, marker.method, marker.confidence, marker.cue)
            current = marker
        elif current is not None and (
            current.ordinal
            or cov[(current.n, info.index)] >= max(RELATIVE * max(cov[(n, info.index)] for n in all_n), 1e-9)
        ):
            primary[info.index] = (current.n, current.method, round(current.confidence - 0.1, 3), current.cue)
    first_marked = by_par[min(by_par)].n if by_par else None

    method = "joint" if joint else "content"
    unmarked = [i for i in body if i.index not in primary]
    if unmarked:
        before_first = [i for i in unmarked if not by_par or i.index < min(by_par)]
        later = [i for i in unmarked if i not in before_first]
        allowed = [n for n in all_n if first_marked is None or first_marked == all_n[0] or n < first_marked]
        for group, group_allowed in ((before_first, allowed), (later, all_n)):
            specific = [i for i in group if max(cov[(n, i.index)] for n in group_allowed) >= WEAK]
            order = dict(
                zip([i.index for i in specific], _monotone(specific, group_allowed, cov), strict=True)
            )
            for info in group:
                if info.intro and n_questions > 1:
                    primary[info.index] = (group_allowed[0], "explicit_reference", 0.5, "inledningsvis")
                elif info.index in order:
                    n = order[info.index]
                    primary[info.index] = (n, method, round(min(0.8, 0.3 + cov[(n, info.index)]), 3), "")
                elif not DROP_GENERAL:
                    primary[info.index] = (group_allowed[0], method, 0.3, "")

    links: dict[int, list[tuple[int, str, float]]] = {n: [] for n in all_n}
    qbest = {n: max((cov[(n, i.index)] for i in body), default=0.0) for n in all_n}
    for info in body:
        scores = {n: cov[(n, info.index)] for n in all_n}
        best = max(scores.values())
        n0, m0, c0, _cue = primary.get(info.index, (0, "", 0.0, ""))
        if n0:
            links[n0].append((info.index, m0, c0))
        for n, s in scores.items():
            if n == n0:
                continue
            if (
                (s >= MIN_CONTENT and s >= RELATIVE * best)
                or (joint and s >= JOINT_MIN)
                or (s >= MIN_CONTENT and s >= QREL * qbest[n])
            ):
                links[n].append((info.index, method, round(min(0.8, 0.2 + s), 3)))
    # Every question is addressed somewhere: a reply that answers in order can still fold a question into
    # a paragraph given to its neighbour (the seed's second question, answered inside the paragraph on the
    # first). A question left without paragraphs gets the body paragraph that covers it best.
    for n in all_n:
        if links[n] or not body:
            continue
        best_info = max(body, key=lambda i: cov[(n, i.index)])
        if cov[(n, best_info.index)] >= ORPHAN_MIN:
            s = cov[(n, best_info.index)]
            links[n].append((best_info.index, method, round(min(0.6, 0.2 + s), 3)))

    out = []
    for q in questions:
        spans = [
            AnswerSpan(
                start=infos[idx].start,
                end=infos[idx].end,
                text=text[infos[idx].start : infos[idx].end],
                method=m,
                confidence=max(0.0, min(1.0, c)),
                paragraph=idx,
            )
            for idx, m, c in sorted(links[q.n])
        ]
        update: dict[str, object] = {"answer_spans": spans}
        if q.restated_in_reply is None:
            span = _restated_span(reply, q.n, restated)
            if span is not None:
                update["restated_in_reply"] = span
        out.append(q.model_copy(update=update))
    return out


def _restated_span(reply: Document, n: int, restated: dict[int, tuple[int, int]]) -> Span | None:
    for r in reply.restated_questions:
        if r.n == n:
            return Span(start=r.start, end=r.end, text=r.text)
    if n in restated:
        s, e = restated[n]
        piece = reply.text[s:e]
        s += len(piece) - len(piece.lstrip())
        e = s + len(reply.text[s:e].rstrip())
        return Span(start=s, end=e, text=reply.text[s:e])
    return None


def _mention_terms(reply: Document, info: ParagraphInfo) -> set[str]:
    """Entity, amount and date strings of the paragraph as extra terms (when those layers ran)."""
    out: set[str] = set()
    for span in (*reply.entities, *reply.amounts, *reply.dates):
        if info.start <= span.start < info.end:
            out.update(content_stems(span.text))
    return out
