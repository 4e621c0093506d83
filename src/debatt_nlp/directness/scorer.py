"""A transparent directness score for one question and its aligned answer spans (pure).

Definitions, the formula and the evidence behind every rule: docs/directness.md. In short:

    T  topic alignment       weighted share of the question's content terms found in its answer spans
    F  fulfilment (per part) the expected answer's cue (commitment/denial/stance/measure/date/amount/
                             reason) on topic: 1.0 (its scope or sentence on topic), 0.6 (its sentence
                             touches the topic or its paragraph is on topic), 0.3 (elsewhere in the spans)
    C  sub-question coverage weighted mean of F over the question's parts (conditional parts weigh 0.5)
    G  generality            hedging/general cues on topic, saturating at 3: min(1, n/3)
    N  non-reply             1.0 declining / ignorance / jurisdiction / earlier-answer / clarification cue
                             (0.5 unless on topic, the question is polar, or T < 0.2), 0.5 deferral,
                             0.25 referral / responsibility, else 0
    S  specificity           amounts, dates and concrete-measure cues in the spans, saturating at 3

    raw   = 0.15 + 0.55*C + 0.10*S + 0.20*min(1, T/T_FULL) - 0.20*G - 0.40*N
    score = clip(raw, 0, 1), then bounded by the label: non_reply < 0.30 <= partial < 0.60 <= reply

    label = non_reply  if no answer span or the whole body covers < T_MIN of the question (dodging,
                       deflection); or N = 1 and no part is answered directly (declining,
                       claims_ignorance, clarification); or a deferral with C = 0 in an answer of at
                       most 3 sentences (declining)
            reply      if score >= REPLY_FROM and C >= REPLY_C (explicit)
            partial    otherwise (partial, general, deflection or implicit)
"""

from __future__ import annotations

import re

from debatt_nlp.align.structure import classify_paragraphs, split_paragraphs, split_sentences
from debatt_nlp.align.text import content_stems, term_match, tokens
from debatt_nlp.directness.lexicon import CueHit, find_cues
from debatt_nlp.directness.qtype import QuestionPart, type_question
from debatt_nlp.schema import Directness, DirectnessComponent, Document, Evidence, Question

SCHEME_VERSION = "directness-0.1.0"

T_FULL = 0.5
T_MIN = 0.16
REL_HIGH = 0.25
REL_LOW = 0.10
SHARED_HIGH = 2
REPLY_FROM = 0.6
NON_REPLY_BELOW = 0.30
DEFERRAL_ONLY_SENTENCES = 3  # a deferral in an answer this short, with C = 0, is a non-reply
REPLY_C = 0.6  # a reply needs the expected answer at least in an on-topic sentence
# A which-measures question needs the measure itself on topic (F = 1.0): a measure merely standing in a
# sentence that touches the topic is the 'too general' answer of GUIDELINES.md B (set on dev as a whole).
REPLY_C_BY_EXPECTED = {"measures": 1.0}

FULFILS = {
    "commitment_or_refusal": {"COMMITMENT", "DENIAL", "AFFIRMATION", "MEASURE", "FUTURE"},
    "yes_no": {"AFFIRMATION", "DENIAL", "COMMITMENT", "MEASURE", "STANCE", "FUTURE"},
    "stance": {"STANCE", "DENIAL", "AFFIRMATION", "COMMITMENT"},
    "measures": {"MEASURE", "COMMITMENT", "DENIAL", "FUTURE"},
    "reason": {"REASON"},
    "information": {"STANCE", "MEASURE", "COMMITMENT", "DENIAL", "AFFIRMATION"},
    "date": set(),
    "amount": set(),
}
WEAK_FULFILMENT = {"FUTURE"}  # can give at most F = 0.6
INDIRECT_FULFILMENT = {"measure", "future"}  # outweighed by a strong non-reply cue
STRONG_NONREPLY = {"DECLINING", "IGNORANCE", "JURISDICTION", "EARLIER_ANSWER", "CLARIFICATION"}
WEAK_NONREPLY = {"DEFERRAL", "REFERRAL", "RESPONSIBILITY"}

_YEAR_RE = re.compile(
    r"\b(?:(?:den\s+)?\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
    r"(?:\s+\d{4})?|(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"våren|hösten|sommaren|vintern|årsskiftet)\s+\d{4}|(?:år|under|senast|till|från|i|inför)\s+(?:år\s+)?(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_AMOUNT_RE = re.compile(
    r"\b\d[\d\s]*(?:,\d+)?\s*(?:%|procent|procentenheter|kronor|kr\b|miljoner|miljarder|euro|personer|platser|individer)",
    re.IGNORECASE,
)


class _Terms:
    """The question's content terms, with names weighted up (as in the aligner)."""

    def __init__(self, text: str) -> None:
        stems = content_stems(text)
        toks = tokens(text)
        names = {t.stem for i, t in enumerate(toks) if i > 0 and t.text[:1].isupper()}
        self.weights = {s: (1.5 if s in names else 1.0) for s in dict.fromkeys(stems)}

    def shared(self, stems: set[str]) -> int:
        """How many of the question's terms are found among `stems`, counting only specific ones:
        names and words of 7+ letters (Swedish compounds carry the topic)."""
        if not stems:
            return 0
        n = 0
        for term, w in self.weights.items():
            if (w > 1.0 or len(term) >= 7) and (
                term in stems or max(term_match(term, s) for s in stems) >= 0.9
            ):
                n += 1
        return n

    def coverage(self, stems: set[str]) -> float:
        total = sum(self.weights.values())
        if not total or not stems:
            return 0.0
        got = 0.0
        for term, w in self.weights.items():
            got += w * (1.0 if term in stems else max(term_match(term, s) for s in stems))
        return got / total


def _evidence(text: str, start: int, end: int, rule: str, cue: str | None = None) -> Evidence:
    return Evidence(start=start, end=end, text=text[start:end], rule=rule, cue=cue)


def _relevance(
    terms: _Terms, text: str, hit: CueHit, paragraph: tuple[int, int] | None = None
) -> tuple[float, float]:
    """How much the cue is about the question: (its ConText scope, or its sentence x0.8; its paragraph)
    -- each the share of the question's terms found there. Two specific terms (names, compounds) shared
    with the sentence count as on topic whatever the share."""
    scope_stems = set(content_stems(text[hit.scope[0] : hit.scope[1]]))
    sentence = text[hit.sentence[0] : hit.sentence[1]]
    sent_stems = set(content_stems(sentence))
    if paragraph is not None and _ANAPHORIC.search(sentence):
        # "Jag ser därför inget behov …": a conclusion drawn from what precedes it in the paragraph.
        sent_stems |= set(content_stems(text[paragraph[0] : hit.sentence[0]][-400:]))
    in_scope = terms.coverage(scope_stems) if len(scope_stems) >= 2 else 0.0
    local = max(in_scope, 0.8 * terms.coverage(sent_stems))
    specific = terms.shared(sent_stems)
    if specific >= SHARED_HIGH:
        local = max(local, REL_HIGH)
    elif specific >= 1:
        local = max(local, REL_LOW)
    para = (
        terms.coverage(set(content_stems(text[paragraph[0] : paragraph[1]])))
        if paragraph is not None
        else 0.0
    )
    return local, para


_ANAPHORIC = re.compile(
    r"\b(?:därför|därmed|alltså|således|följaktligen|mot\s+(?:den|denna|det)\s+bakgrunden?|"
    r"av\s+(?:den|denna)\s+anledning|sammanfattningsvis|sammantaget)\b",
    re.IGNORECASE,
)


def _level(local: float, para: float) -> float:
    """F of one cue: 1.0 when its scope/sentence is on topic, 0.6 when its sentence touches the topic
    or its paragraph is on topic, 0.3 when it only stands somewhere in the answer spans."""
    if local >= REL_HIGH:
        return 1.0
    if local >= REL_LOW or para >= REL_HIGH:
        return 0.6
    return 0.3


def _mentions(reply: Document, sentences: list[tuple[int, int]], kind: str) -> list[tuple[int, int]]:
    """Dates or amounts inside the sentences: from the reply's layers when present, else a regex."""
    spans: list[tuple[int, int]] = []
    layer = reply.dates if kind == "date" else reply.amounts
    for s, e in sentences:
        own = [(m.start, m.end) for m in layer if s <= m.start < e and getattr(m, "label", "") != "DURATION"]
        if own:
            spans.extend(own)
        elif not layer:
            regex = _YEAR_RE if kind == "date" else _AMOUNT_RE
            spans.extend((m.start(), m.end()) for m in regex.finditer(reply.text, s, e))
    return spans


def score_directness(question: Question, reply: Document) -> Directness:
    """Label, score, components and evidence for `question` given its `answer_spans` in `reply`."""
    text = reply.text
    qtype = type_question(question.text)
    q_text = question.clean_text or question.text
    terms = _Terms(q_text)

    # --- the reply body, and the answer's sentences ---------------------------------------------
    body = _body_paragraphs(reply)
    body_stems: set[str] = set()
    for s, e in body:
        body_stems |= set(content_stems(text[s:e]))
    t_reply = round(terms.coverage(body_stems), 3)
    spans = sorted({(s.start, s.end) for s in question.answer_spans})
    fallback = False
    if not spans and t_reply >= T_MIN:
        # Nothing aligned, yet the reply shares the question's terms: judge on the body paragraphs that do.
        spans = [(s, e) for s, e in body if terms.coverage(set(content_stems(text[s:e]))) > 0]
        fallback = bool(spans)
    sentences: list[tuple[int, int]] = []
    for s, e in spans:
        own = [(x.start, x.end) for x in reply.sentences if s <= x.start < e]
        sentences.extend(own or split_sentences(text, s, e))
    span_stems: set[str] = set()
    for s, e in spans:
        span_stems |= set(content_stems(text[s:e]))

    components: list[DirectnessComponent] = []
    evidence: list[Evidence] = []

    # --- T: topic alignment ---------------------------------------------------------------------
    t_value = round(terms.coverage(span_stems), 3)
    components.append(
        DirectnessComponent(
            name="topic_alignment",
            value=t_value,
            rule="T = weighted share of the question's content-term stems found in the answer spans"
            + (" (no spans aligned: body paragraphs sharing its terms)" if fallback else ""),
            evidence=[_evidence(text, s, e, "answer_span") for s, e in spans[:3]],
        )
    )

    answer_hits = [h for s, e in spans for h in find_cues(text, _within(sentences, s, e), "answer", (s, e))]
    nonreply_hits = [
        h for s, e in spans for h in find_cues(text, _within(sentences, s, e), "nonreply", (s, e))
    ]
    general_hits = [h for s, e in spans for h in find_cues(text, _within(sentences, s, e), "hedging", (s, e))]
    # Where an answer cue and a non-reply cue share words, the longer (more specific) match wins, as in
    # ConText: "det är inte lämpligt att jag föregriper" declines (its "är inte lämpligt" is no denial),
    # while "återkomma till riksdagen med förslag" commits (its "återkomma" is no mere deferral).
    answer_hits = [h for h in answer_hits if not any(_outweighs(n, h) for n in nonreply_hits)]
    nonreply_hits = [n for n in nonreply_hits if not any(_outweighs(h, n) for h in answer_hits)]

    def para_of(h: CueHit) -> tuple[int, int] | None:
        return next(((a, b) for a, b in spans if a <= h.start < b), None)

    rel = {
        id(h): _relevance(terms, text, h, para_of(h)) for h in (*answer_hits, *nonreply_hits, *general_hits)
    }

    # --- F per part, C ------------------------------------------------------------------------------
    part_values: list[tuple[QuestionPart, float, list[Evidence]]] = []
    for part in qtype.parts:
        value, ev = _fulfilment(part, answer_hits, rel, reply, sentences, terms, spans)
        part_values.append((part, value, ev))
    weights = [0.5 if p.conditional else 1.0 for p, _v, _e in part_values] or [1.0]
    c_value = (
        round(sum(w * v for w, (_p, v, _e) in zip(weights, part_values, strict=True)) / sum(weights), 3)
        if part_values
        else 0.0
    )
    f_first = part_values[0][1] if part_values else 0.0
    components.append(
        DirectnessComponent(
            name="expected_answer_fulfilment",
            value=round(f_first, 3),
            rule=f"F: expected '{qtype.parts[0].expected_answer if qtype.parts else 'information'}' "
            "given on topic (1.0 scope, 0.6 sentence, 0.3 elsewhere in the spans)",
            evidence=part_values[0][2] if part_values else [],
        )
    )
    components.append(
        DirectnessComponent(
            name="subquestion_coverage",
            value=c_value,
            rule="C = mean F over the question's parts (conditional parts weigh 0.5): "
            + "; ".join(f"{p.category}={v:.2f}" for p, v, _e in part_values),
            evidence=[ev for _p, _v, evs in part_values for ev in evs[:1]],
        )
    )

    # --- N: non-reply cues with the question in scope ------------------------------------------------
    n_value = 0.0
    n_ev: list[Evidence] = []
    n_category = None
    for h in nonreply_hits:
        level = _level(*rel[id(h)])
        if level < 0.6 and t_value >= 0.2:
            continue
        strength = 1.0 if h.cue.category in STRONG_NONREPLY else 0.5 if h.cue.category == "DEFERRAL" else 0.25
        # A strong cue decides alone when it is itself on topic, when little else is, or when the question
        # asks for a yes/no or commitment (declining one is declining the whole answer); otherwise it
        # counts as much as a deferral.
        if strength == 1.0 and not (level == 1.0 or t_value < 0.2 or qtype.form == "polar"):
            strength = 0.5
        n_ev.append(_evidence(text, h.start, h.end, f"nonreply.{h.cue.category.lower()}", h.cue.literal))
        if strength > n_value:
            n_value, n_category = strength, h.cue.category
    components.append(
        DirectnessComponent(
            name="non_reply_cues",
            value=n_value,
            rule="N = 1.0 declining/ignorance/jurisdiction/earlier-answer/clarification cue on topic, 0.5 deferral "
            "(or a strong cue off topic), 0.25 referral/responsibility, else 0",
            evidence=n_ev,
        )
    )

    # --- G: generality ------------------------------------------------------------------------------------
    g_hits = [h for h in general_hits if _level(*rel[id(h)]) >= 0.6 or len(general_hits) >= 3]
    g_value = round(min(1.0, len(g_hits) / 3.0), 3)
    components.append(
        DirectnessComponent(
            name="generality",
            value=g_value,
            rule="G = min(1, general/hedging cues on topic / 3)",
            evidence=[_evidence(text, h.start, h.end, "hedging.general", h.cue.literal) for h in g_hits],
        )
    )

    # --- S: specificity -------------------------------------------------------------------------------------
    specific = _mentions(reply, sentences, "date") + _mentions(reply, sentences, "amount")
    measure_hits = [h for h in answer_hits if h.cue.category == "MEASURE"]
    s_value = round(min(1.0, (len(specific) + len(measure_hits)) / 3.0), 3)
    components.append(
        DirectnessComponent(
            name="specificity",
            value=s_value,
            rule="S = min(1, (dates + amounts + concrete-measure cues in the spans) / 3)",
            evidence=[_evidence(text, s, e, "specific.mention") for s, e in specific[:5]],
        )
    )

    # --- score and label -------------------------------------------------------------------------------------
    t_part = min(1.0, t_value / T_FULL)
    raw = 0.15 + 0.55 * c_value + 0.10 * s_value + 0.20 * t_part - 0.20 * g_value - 0.40 * n_value
    score = round(max(0.0, min(1.0, raw)), 3)
    components.append(
        DirectnessComponent(
            name="topic_shift",
            value=t_reply < T_MIN,
            rule=f"flag: the question's terms cover less than {T_MIN} of it in the whole reply body "
            f"(coverage {t_reply})",
        )
    )

    strong_n = n_value >= 1.0
    first_expected = qtype.parts[0].expected_answer if qtype.parts else "information"
    if not spans or t_reply < T_MIN:
        label, evasion = "non_reply", ("dodging" if not spans or t_reply < 0.05 else "deflection")
    elif strong_n and not _direct_answer(part_values):
        label = "non_reply"
        evasion = {"IGNORANCE": "claims_ignorance", "CLARIFICATION": "clarification"}.get(
            n_category or "", "declining"
        )
    elif n_category == "DEFERRAL" and c_value == 0.0 and len(sentences) <= DEFERRAL_ONLY_SENTENCES:
        # "jag avser att återkomma" in a short answer giving nothing of what was asked: a deferral
        # without content (GUIDELINES.md B). A longer answer around a deferral engages (partial).
        label, evasion = "non_reply", "declining"
    elif score >= REPLY_FROM and c_value >= REPLY_C_BY_EXPECTED.get(first_expected, REPLY_C):
        label, evasion = "reply", "explicit"
    else:
        label = "partial"
        answered_parts = [v for _p, v, _e in part_values if v >= 0.6]
        if qtype.multi and answered_parts and len(answered_parts) < len(part_values):
            evasion = "partial"
        elif g_value >= 0.34 and c_value < 0.6:
            evasion = "general"
        elif t_value < 0.25:
            evasion = "deflection"
        else:
            evasion = "implicit"
    # The label rules bound the score so that score and label agree (docs/directness.md).
    if label == "non_reply":
        score = min(score, NON_REPLY_BELOW - 0.001)
    elif label == "partial":
        score = min(max(score, NON_REPLY_BELOW), REPLY_FROM - 0.001)
    score = round(score, 3)

    for _p, _v, evs in part_values:
        evidence.extend(evs)
    evidence.extend(n_ev)
    evidence.extend(components[4].evidence if len(components) > 4 else [])
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for ev in evidence:
        key = (ev.start, ev.end, ev.rule)
        if key not in seen:
            seen.add(key)
            unique.append(ev)
    return Directness(
        label=label,
        evasion_type=evasion,
        score=score,
        question_type=qtype.label,
        expected_answer=qtype.expected_answer,
        components=components,
        evidence=unique,
        scheme_version=SCHEME_VERSION,
    )


def _outweighs(a: CueHit, b: CueHit) -> bool:
    """`a` overlaps `b` and is at least as long (ties go to `a`)."""
    return a.start < b.end and b.start < a.end and (a.end - a.start) >= (b.end - b.start)


def _direct_answer(part_values: list[tuple[QuestionPart, float, list[Evidence]]]) -> bool:
    """Some part is answered on topic by the very thing asked for (a commitment, denial, yes, stance,
    reason, date or amount) -- not merely by a measure taken or a future statement, which a
    declining cue ("det är inte lämpligt att jag föregriper utredningen") outweighs."""
    for _p, value, evs in part_values:
        if value >= 1.0 and evs and evs[0].rule.rsplit(".", 1)[-1] not in INDIRECT_FULFILMENT:
            return True
    return False


def _body_paragraphs(reply: Document) -> list[tuple[int, int]]:
    paragraphs = reply.paragraphs or split_paragraphs(reply.text)
    infos = classify_paragraphs(paragraphs, is_restated_item=_looks_like_question)
    return [(i.start, i.end) for i in infos if i.role == "body"]


def _looks_like_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _within(sentences: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e in sentences if start <= s < end]


def _fulfilment(
    part: QuestionPart,
    hits: list[CueHit],
    rel: dict[int, float],
    reply: Document,
    sentences: list[tuple[int, int]],
    terms: _Terms,
    spans: list[tuple[int, int]],
) -> tuple[float, list[Evidence]]:
    """F for one part: the best on-topic cue of a category that fulfils the part's expected answer."""
    text = reply.text
    part_terms = _Terms(part.text)
    use_part = len(part_terms.weights) >= 2
    best = 0.0
    ev: list[Evidence] = []
    if part.expected_answer in ("date", "amount"):
        for s, e in _mentions(reply, sentences, part.expected_answer):
            sent = next(((a, b) for a, b in sentences if a <= s < b), (s, e))
            r = terms.coverage(set(content_stems(text[sent[0] : sent[1]])))
            value = 1.0 if r >= REL_HIGH else 0.6 if r >= REL_LOW else 0.3
            if value > best:
                best = value
                ev = [_evidence(text, s, e, f"fulfils.{part.expected_answer}")]
        return best, ev
    wanted = FULFILS.get(part.expected_answer, set())
    for h in hits:
        if h.cue.category not in wanted:
            continue
        value = _level(*rel[id(h)])
        if use_part:
            para = next(((a, b) for a, b in spans if a <= h.start < b), None)
            value = max(value, _level(*_relevance(part_terms, text, h, para)))
        if h.cue.category in WEAK_FULFILMENT:
            value = min(value, 0.6)
        if value > best or (value == best and not ev):
            best = value
            ev = [
                _evidence(
                    text,
                    h.start,
                    h.end,
                    f"fulfils.{part.expected_answer}.{h.cue.category.lower()}",
                    h.cue.literal,
                )
            ]
    return best, ev
