"""Money, percentages and counted quantities in Swedish text, with normalised values.

Pure code (no spaCy); vocabulary in `lexicons/currencies.yaml` and `lexicons/modifiers.yaml`.

    >>> [(a.text, a.label.value, a.value, a.unit) for a in extract_amounts("Det kostar 54,7 miljoner kronor.")]
    [('54,7 miljoner kronor', 'MONEY', 54700000.0, 'SEK')]

Span conventions (GUIDELINES.md section C): the approximator ("drygt", "cirka") is not part of the
text but goes to `mod`; an adjacent currency word is part of the text ("48 miljoner kronor"); a
per-unit phrase ("per invånare") is not part of the text but goes to `per`.

A scaled number without a currency word ("32 miljoner") is money when the sentence states a
currency or talks about money (budget, anslag, kostnad …), or when the document states a currency
and nothing counted follows the number: the unit is then the sentence's currency, else the
document's most frequent one (SEK by default), and `unit_inferred` is true. "1,4 miljoner
bostäder" is a QUANTITY. Bare numbers, years ("år 2020"), law and document numbers ("2017:725",
"KS 2021/417", "SOU 2004:64") are never amounts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from debatt_nlp.schema import Amount, AmountLabel, Mod
from debatt_nlp.swedish.numbers import (
    MatchText,
    _alternation,
    load_lexicon,
    load_yaml,
    number_re,
    parse_number,
    parse_number_word,
)

__all__ = ["amount_candidates", "extract_amounts", "match_text_and_amounts", "sentence_bounds"]

# One run of whitespace that may contain a single line break (never a blank line).
WS = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"
_END = r"(?![\w])"


@dataclass(frozen=True)
class CurrencyLexicon:
    words: dict[str, str]  # lower-cased form → ISO code (case-insensitive forms)
    exact: dict[str, str]  # case-sensitive forms → ISO code
    subunits: dict[str, tuple[str, float]]
    prefix: dict[str, str]
    fused: dict[str, tuple[str, float]]
    percent: dict[str, str]
    per_phrases: dict[str, str]
    default_currency: str
    money_cues: frozenset[str]
    money_heads: re.Pattern[str]  # compounds and inflections of money nouns ("skatterna", "statsbudgeten")
    count_nouns: frozenset[str]


@cache
def load_currencies() -> CurrencyLexicon:
    data = load_yaml("currencies.yaml")
    case_sensitive = set(data.get("case_sensitive", []))
    words: dict[str, str] = {}
    exact: dict[str, str] = {}
    for code, forms in data["currencies"].items():
        for form in forms:
            if form in case_sensitive:
                exact[str(form)] = str(code)
            else:
                words[str(form).lower()] = str(code)
    prefix = {str(f): str(code) for code, forms in data["prefix_currencies"].items() for f in forms}
    return CurrencyLexicon(
        words=words,
        exact=exact,
        subunits={str(k): (str(v["unit"]), float(v["factor"])) for k, v in data["subunits"].items()},
        prefix=prefix,
        fused={str(k): (str(v["unit"]), float(v["scale"])) for k, v in data["fused"].items()},
        percent={str(k): str(v) for k, v in data["percent"].items()},
        per_phrases={str(k): str(v) for k, v in data["per_phrases"].items()},
        default_currency=str(data["default_currency"]),
        money_cues=frozenset(str(w).lower() for w in data["money_cues"]),
        money_heads=re.compile(
            rf"\w*(?:{'|'.join(sorted(map(re.escape, data['money_heads']['stems'])))})"
            rf"(?:{'|'.join(sorted(map(re.escape, data['money_heads']['endings'])))})?",
            re.IGNORECASE,
        ),
        count_nouns=frozenset(str(w).lower() for w in data["count_nouns"]),
    )


@cache
def load_modifiers() -> dict[str, dict[str, Mod]]:
    """{'amounts': {cue: Mod}, 'durations': {...}, 'dates': {...}}; cues lower-cased."""
    data = load_yaml("modifiers.yaml")
    out: dict[str, dict[str, Mod]] = {}
    for section, by_mod in data.items():
        out[section] = {str(cue).lower(): Mod(mod) for mod, cues in by_mod.items() for cue in cues}
    return out


def _ws_alternation(phrases) -> str:
    """Alternation of phrases, longest first, where a space matches any whitespace run."""
    parts = sorted(phrases, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@cache
def modifier_before_re(section: str) -> re.Pattern[str]:
    """Matches a modifier cue that ends right before the end of the searched string."""
    cues = load_modifiers()[section]
    return re.compile(rf"(?<![\w.])(?P<mod>{_ws_alternation(cues)})\s+\Z", re.IGNORECASE)


def modifier_before(norm: str, start: int, section: str) -> tuple[Mod | None, int]:
    """The approximator right before `start` and where it begins (start itself when none)."""
    window = norm[max(0, start - 40) : start]
    m = modifier_before_re(section).search(window)
    if not m:
        return None, start
    cue = re.sub(r"\s+", " ", m.group("mod").lower())
    mod = load_modifiers()[section].get(cue)
    return mod, start - len(window) + m.start()


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cur = load_currencies()
    lex = load_lexicon()
    num = number_re()
    scales = _alternation(list(lex.scales))
    words = _ws_alternation(cur.words)
    exact = _alternation(list(cur.exact))
    symbols = [w for w in cur.words if not w[0].isalnum()]
    fused = _alternation(list(cur.fused))
    percent_words = _alternation([p for p in cur.percent if p[0].isalpha()])
    subunits = _alternation(list(cur.subunits))
    prefix = _alternation(list(cur.prefix))
    sym = _alternation(symbols)
    return {
        "number": re.compile(num, re.IGNORECASE),
        # after a number: range separator and a second number
        "range": re.compile(
            rf"(?P<sep>\s*[–—@-]\s*|{WS}(?:till|à){WS})(?P<num>{number_re(after_digit_dash=True)})",
            re.IGNORECASE,
        ),
        "and_range": re.compile(rf"{WS}och{WS}(?P<num>{num})", re.IGNORECASE),
        "respektive": re.compile(rf",?{WS}respektive{WS}(?P<num>{num})", re.IGNORECASE),
        # stacked scales multiply: "ett par hundra tusen" = 2 × 100 × 1000
        "scale": re.compile(rf"{WS}(?P<scale>(?:{scales})(?:{WS}(?:{scales}))*)(?![\w])", re.IGNORECASE),
        "fused": re.compile(rf"\s*(?P<fused>(?-i:{fused}))(?![\w])"),
        "currency": re.compile(
            rf"(?:{WS}(?P<word>{words}|(?-i:{exact})){_END}|\s*(?P<sym>{sym}))", re.IGNORECASE
        ),
        "subunit": re.compile(rf"{WS}(?P<sub>{subunits}){_END}", re.IGNORECASE),
        "ore_tail": re.compile(rf"{WS}och{WS}(?P<num>{num}){WS}öre{_END}", re.IGNORECASE),
        "percent": re.compile(
            rf"(?:{WS}|\s*-\s*|)(?P<pct>{percent_words}){_END}|\s*(?P<sign>%(?:-ig[at]?)?)(?![\w])",
            re.IGNORECASE,
        ),
        "prefix": re.compile(
            rf"(?<![\w$€£])(?P<cur>(?-i:{prefix}))\s?(?P<num>{num})(?:{WS}(?P<scale>{scales})(?![\w]))?",
            re.IGNORECASE,
        ),
        "per": re.compile(
            rf"{WS}per{WS}(?P<per>[^\W\d_][\w-]*(?:{WS}och{WS}(?:år|månad|dag|vecka|timme|person|invånare)\b)?)",
            re.IGNORECASE,
        ),
        "per_phrase": re.compile(rf"\s*(?P<pp>{_ws_alternation(cur.per_phrases)}){_END}", re.IGNORECASE),
        "next_word": re.compile(r"[ \t]*(?:\r?\n[ \t]*)?(?P<w>[^\W\d_][\w-]*|\d|[^\w\s])?", re.IGNORECASE),
        "word": re.compile(r"[^\W\d_][\w-]*"),
    }


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"”'(]?[A-ZÅÄÖ])|\r?\n[ \t]*\r?\n")


def sentence_bounds(norm: str) -> list[tuple[int, int]]:
    """Rough sentence spans: split after . ! ? before a capital, and at blank lines."""
    bounds = []
    start = 0
    for m in _SENTENCE_END.finditer(norm):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(norm)))
    return bounds


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bounds[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return bounds[lo]


@dataclass
class _Cand:
    start: int
    end: int
    label: AmountLabel | None
    value: float | None
    value_from: float | None = None
    value_to: float | None = None
    unit: str | None = None
    unit_inferred: bool = False
    per: str | None = None
    mod: Mod | None = None
    needs_unit: bool = False  # scaled number without currency: decided per sentence/document
    next_word: str | None = None
    extra: dict = field(default_factory=dict)


_FUNCTION_WORDS = frozenset(
    """och i till för på som av om med från per år åren är var har hade blir blev kan ska skulle
    mer mindre än eller men att det den de detta dessa vilket vilka samt respektive under efter
    inom mot vid varje årligen totalt sammanlagt netto brutto extra ytterligare vardera också
    även dock alltså redan nu sedan då inte bara endast knappt drygt cirka över utöver fördelat
    fördelade nästa förra samma kommande tidigare senare plus minus direkt enbart""".split()
)


def _currency_code(word: str | None, sym: str | None) -> str | None:
    cur = load_currencies()
    if sym:
        return cur.words.get(sym.lower()) or cur.exact.get(sym)
    if word is None:
        return None
    key = re.sub(r"\s+", " ", word)
    return cur.exact.get(key) or cur.words.get(key.lower())


def _scan_unit(norm: str, pos: int) -> dict | None:
    """What follows a number at `pos`: scale, currency, percent. None when nothing does."""
    pats = _patterns()
    lex = load_lexicon()
    cur = load_currencies()
    out: dict = {"scale": 1.0, "end": pos}
    m = pats["fused"].match(norm, pos)
    if m:
        unit, scale = cur.fused[m.group("fused")]
        return {"scale": scale, "end": m.end(), "unit": unit, "label": AmountLabel.MONEY}
    m = pats["scale"].match(norm, pos)
    if m:
        out["scale"] = math.prod(lex.scales[w.lower()] for w in m.group("scale").split())
        out["end"] = pos = m.end()
        out["has_scale"] = True
        # "miljarderna", "miljonen": a definite scale word takes no noun after it
        out["definite"] = m.group("scale").split()[-1].lower().endswith(("erna", "en"))
    m = pats["percent"].match(norm, pos)
    if m and not out.get("has_scale"):
        form = (m.group("pct") or m.group("sign") or "").lower()
        if m.group("sign"):
            form = form if form in cur.percent else "%"
        unit = cur.percent.get(form, "percent")
        # "25-procentig" needs the hyphen or nothing; "25 procentig" is fine too
        out.update(end=m.end(), unit=unit, label=AmountLabel.PERCENT)
        return out
    m = pats["currency"].match(norm, pos)
    if m:
        code = _currency_code(m.group("word"), m.group("sym"))
        if code:
            out.update(end=m.end(), unit=code, label=AmountLabel.MONEY)
            return out
    m = pats["subunit"].match(norm, pos)
    if m and not out.get("has_scale"):
        unit, factor = cur.subunits[m.group("sub").lower()]
        out.update(end=m.end(), unit=unit, label=AmountLabel.MONEY, scale=factor)
        return out
    if out.get("has_scale"):
        out["needs_unit"] = True
        return out
    return None


def _next_word(norm: str, pos: int) -> str | None:
    m = _patterns()["next_word"].match(norm, pos)
    if not m or m.group("w") is None:
        return None
    return m.group("w")


def _per(norm: str, pos: int) -> tuple[str | None, int]:
    pats = _patterns()
    m = pats["per"].match(norm, pos)
    if m:
        return re.sub(r"\s+", " ", m.group("per")), m.end()
    m = pats["per_phrase"].match(norm, pos)
    if m:
        key = re.sub(r"\s+", " ", m.group("pp").lower())
        return load_currencies().per_phrases.get(key), m.end()
    return None, pos


def _build(norm: str, m: re.Match[str]) -> tuple[list[_Cand], int] | None:
    """Amount(s) starting with the number `m`; None when the number is no amount."""
    pats = _patterns()
    cur = load_currencies()
    first_value = parse_number(m.group(0))
    if first_value is None:
        return None
    start = m.start()
    is_digits = m.group(0)[:1].isdigit()
    before = norm[max(0, start - 12) : start].lower()
    prev_word = re.search(r"(\w+)\W*\Z", before)
    prev = prev_word.group(1) if prev_word else ""

    # "från X till Y kronor" is a change between two amounts; "X–Y", "X till Y", "mellan X och Y"
    # are ranges. "X respektive Y procent" are two amounts.
    second = None
    mode = None
    own_first = _scan_unit(norm, m.end())
    if own_first is None or own_first.get("needs_unit"):
        r = pats["range"].match(norm, m.end())
        if (
            r
            and parse_number(r.group("num")) is not None
            and not (_looks_like_year(m.group(0)) and not _looks_like_year(r.group("num")))
        ):
            sep = r.group("sep").strip().lower()
            mode = "change" if (sep == "till" and prev == "från") else "range"
            second = r
        elif prev == "mellan":
            r = pats["and_range"].match(norm, m.end())
            if r and parse_number(r.group("num")) is not None:
                mode, second = "range", r
        if second is None:
            r = pats["respektive"].match(norm, m.end())
            if r and parse_number(r.group("num")) is not None:
                mode, second = "change", r
    if second is not None:
        unit_info = _scan_unit(norm, second.end("num"))
        if unit_info is None:
            if own_first is None:
                return None
            second = None  # "32 miljoner–tre" and the like: keep the first number only
        else:
            second_value = parse_number(second.group("num"))
            assert second_value is not None
            first_scale = own_first["scale"] if own_first else unit_info["scale"]
            v1 = first_value * first_scale
            v2 = second_value * unit_info["scale"]
            label = unit_info.get("label")
            unit = unit_info.get("unit")
            needs = bool(unit_info.get("needs_unit"))
            end = unit_info["end"]
            per, _ = _per(norm, end)
            nxt = _next_word(norm, end)
            if mode == "range":
                c = _Cand(start, end, label, None, v1, v2, unit, per=per, needs_unit=needs, next_word=nxt)
                return [c], end
            # two amounts; the first borrows the second's unit (and scale when it has none)
            first_end = own_first["end"] if own_first else m.end()
            c1 = _Cand(start, first_end, label, v1, unit=unit, unit_inferred=unit is not None, per=per)
            c1.needs_unit = needs
            c1.next_word = nxt
            s2 = second.start("num")
            c2 = _Cand(s2, end, label, v2, unit=unit, per=per, needs_unit=needs, next_word=nxt)
            return [c1, c2], end

    info = own_first
    if info is None:
        # bare number: a QUANTITY only with a counted noun after it ("350 000 människor")
        if not is_digits:
            return None
        nxt = _next_word(norm, m.end())
        if nxt and nxt.lower() in cur.count_nouns and first_value >= 2 and not _looks_like_year(m.group(0)):
            wm = _patterns()["word"].search(norm, m.end())
            assert wm is not None
            return [_Cand(start, wm.end(), AmountLabel.QUANTITY, first_value, unit=_unit_form(nxt))], wm.end()
        return None
    if (
        not is_digits
        and info.get("needs_unit")
        and info["scale"] == 1000.0
        and m.group(0).lower() in ("en", "ett")
    ):
        return None  # "ett tusen" alone is too vague to be worth inferring a unit for
    value = first_value * info["scale"]
    end = info["end"]
    if info.get("label") == AmountLabel.MONEY:
        t = pats["ore_tail"].match(norm, end)
        if t and info.get("unit") == "SEK":
            ore = parse_number(t.group("num"))
            if ore is not None:
                value += ore / 100
                end = t.end()
    per, _ = _per(norm, end)
    c = _Cand(
        start,
        end,
        info.get("label"),
        value,
        unit=info.get("unit"),
        per=per,
        needs_unit=bool(info.get("needs_unit")),
        next_word=_next_word(norm, end),
        extra={"scale": info["scale"], "definite": bool(info.get("definite"))},
    )
    return [c], end


def _looks_like_year(number_text: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", number_text))


def _prefix_amounts(norm: str) -> list[_Cand]:
    out = []
    lex = load_lexicon()
    cur = load_currencies()
    for m in _patterns()["prefix"].finditer(norm):
        value = parse_number(m.group("num"))
        if value is None or not m.group("num")[:1].isdigit():
            continue
        if m.group("scale"):
            value *= lex.scales[m.group("scale").lower()]
        out.append(_Cand(m.start(), m.end(), AmountLabel.MONEY, value, unit=cur.prefix[m.group("cur")]))
    return out


_ADJECTIVES_BEFORE_NOUN = frozenset(
    ["extra", "ytterligare", "nya", "fler", "till", "andra", "svenska", "unika"]
)


def _count_noun_after(norm: str, pos: int) -> tuple[str, int] | None:
    """A counted noun right after `pos` ("bostäder", or "extra vårddagar"): (noun, end)."""
    cur = load_currencies()
    word_re = re.compile(r"[ \t]*(?:\r?\n[ \t]*)?([^\W\d_][\w-]*)")
    m = word_re.match(norm, pos)
    if not m:
        return None
    word = m.group(1).lower()
    if word in cur.count_nouns:
        return _unit_form(m.group(1)), m.end()
    if word in _ADJECTIVES_BEFORE_NOUN:
        m2 = word_re.match(norm, m.end())
        if m2 and m2.group(1).lower() in cur.count_nouns:
            return _unit_form(m2.group(1)), pos  # the span stops before the adjective
    return None


def _unit_form(word: str) -> str:
    """A counted noun as a unit: lower case ("Bostäder" → "bostäder") except symbols whose case
    carries meaning ("MW", "kWh")."""
    return word if any(ch.isupper() for ch in word[1:]) else word.lower()


def _resolve_units(norm: str, cands: list[_Cand]) -> None:
    """Decide money vs quantity for scaled numbers without a currency of their own."""
    cur = load_currencies()
    bounds = sentence_bounds(norm)
    doc_units = Counter(c.unit for c in cands if c.label == AmountLabel.MONEY and c.unit and not c.needs_unit)
    doc_currency = doc_units.most_common(1)[0][0] if doc_units else None
    word_re = _patterns()["word"]
    doc_money_talk: bool | None = None

    def money_talk(words: set[str]) -> bool:
        return bool(words & cur.money_cues) or any(cur.money_heads.fullmatch(w) for w in words)

    # per sentence, computed once (a long unpunctuated text is one sentence with many amounts)
    stated_units: dict[tuple[int, int], Counter] = {}
    for o in cands:
        if o.label == AmountLabel.MONEY and o.unit and not o.needs_unit:
            stated_units.setdefault(_sentence_of(bounds, o.start), Counter())[o.unit] += 1
    talk_cache: dict[tuple[int, int], bool] = {}

    for c in cands:
        if not c.needs_unit:
            continue
        if doc_money_talk is None:
            doc_money_talk = money_talk({w.lower() for w in word_re.findall(norm)})
        nxt = (c.next_word or "").lower()
        noun = _count_noun_after(norm, c.end)
        if noun is not None:
            c.label, c.unit, c.unit_inferred = AmountLabel.QUANTITY, noun[0], False
            c.end = noun[1]
            continue
        sentence = _sentence_of(bounds, c.start)
        sentence_units = stated_units.get(sentence)
        if sentence not in talk_cache:
            talk_cache[sentence] = money_talk(
                {w.lower() for w in word_re.findall(norm[sentence[0] : sentence[1]])}
            )
        sentence_talk = talk_cache[sentence]
        nxt_is_noun = (
            bool(nxt)
            and nxt[0].isalpha()
            and nxt not in _FUNCTION_WORDS
            and parse_number_word(nxt) is None
            and not c.extra.get("definite")  # "de 500 miljarderna återvänder": a verb follows
        )
        if sentence_units and nxt_is_noun:
            # the sentence writes its money with a currency word; this number takes another noun
            # instead: "1,2 miljarder kronor för 3,1 miljoner besök"
            c.label, c.unit = AmountLabel.QUANTITY, None
            continue
        if sentence_units:
            unit = sentence_units.most_common(1)[0][0]
        elif sentence_talk and not nxt_is_noun:
            unit = doc_currency or cur.default_currency
        elif (doc_currency or doc_money_talk) and not nxt_is_noun and c.extra.get("scale", 1e6) >= 1e6:
            # only "miljoner"/"miljarder" stand for kronor on document evidence alone; "hundra
            # tusen" counts people as often as money and needs a money word in its own sentence
            unit = doc_currency or cur.default_currency
        elif sentence_talk:
            unit = doc_currency or cur.default_currency
        else:
            c.label, c.unit = AmountLabel.QUANTITY, None
            continue
        c.label, c.unit, c.unit_inferred = AmountLabel.MONEY, unit, True
    # A document repeats its amounts: "15 miljarder" left without a unit takes the unit of the
    # same value stated as money elsewhere in the document ("investeringar om 15 miljarder").
    money_values = {c.value: c.unit for c in cands if c.label == AmountLabel.MONEY and c.value is not None}
    for c in cands:
        if c.needs_unit and c.label == AmountLabel.QUANTITY and c.unit is None and c.value in money_values:
            c.label, c.unit, c.unit_inferred = AmountLabel.MONEY, money_values[c.value], True


# The amount and date extractors both need the amounts of the same document text; the spaCy
# components call them one after the other on the same string object, so the last result is
# kept and reused (identity, not equality: a cheap check, and never stale).
_last_text: str | None = None
_last_result: tuple[MatchText, tuple[_Cand, ...]] | None = None


def match_text_and_amounts(text: str) -> tuple[MatchText, tuple[_Cand, ...]]:
    """`MatchText(text)` and its `amount_candidates`, reused when called again on the same
    string object (the candidates are read-only from here on)."""
    global _last_text, _last_result
    if _last_result is not None and text is _last_text:
        return _last_result
    mt = MatchText(text)
    result = (mt, tuple(amount_candidates(mt)))
    _last_text, _last_result = text, result
    return result


def amount_candidates(mt: MatchText) -> list[_Cand]:
    """The amounts of a normalised text, offsets into `mt.norm` (the date extractor uses these
    to keep amounts out of dates)."""
    norm = mt.norm
    pats = _patterns()
    cands: list[_Cand] = []
    pos = 0
    number = pats["number"]
    while True:
        m = number.search(norm, pos)
        if m is None:
            break
        built = _build(norm, m)
        if built is None:
            pos = m.end()
            continue
        new, end = built
        cands.extend(new)
        pos = max(end, m.end())
    taken = [(c.start, c.end) for c in cands]
    for c in _prefix_amounts(norm):
        if all(c.end <= s or c.start >= e for s, e in taken):
            cands.append(c)
    cands.sort(key=lambda c: c.start)
    _resolve_units(norm, cands)
    _apply_signs(norm, cands)
    return [c for c in cands if c.label is not None]


_MINUS = "-–−"  # hyphen-minus, en dash (as typeset in Riksdag texts), minus sign


def _apply_signs(norm: str, cands: list[_Cand]) -> None:
    """A minus written against the number ("från 1 071 MW till –247 MW", "−2,5 procent") makes
    it negative; a dash with a space after it ("– 15 procent") is punctuation and is left out."""
    for c in cands:
        if c.start == 0 or norm[c.start - 1] not in _MINUS or c.value_from is not None:
            continue
        if c.start >= 2 and not (norm[c.start - 2].isspace() or norm[c.start - 2] in "(["):
            continue  # "10-15" is a range, "COVID-19" a name
        c.start -= 1
        if c.value is not None:
            c.value = -c.value


def extract_amounts(text: str) -> list[Amount]:
    """All money amounts, percentages and counted quantities in `text` (one document), in order.

    Offsets index `text`; `amount.text == text[amount.start:amount.end]`.
    """
    if not isinstance(text, str) or not text:
        return []
    mt, cands = match_text_and_amounts(text)
    out: list[Amount] = []
    for c in cands:
        assert c.label is not None
        if any(v is not None and not math.isfinite(v) for v in (c.value, c.value_from, c.value_to)):
            continue  # a 400-digit "number" overflows a float: no amount, and no "Infinity" in JSON
        mod, _ = modifier_before(mt.norm, c.start, "amounts")
        start, end = mt.span(c.start, c.end)
        out.append(
            Amount(
                start=start,
                end=end,
                text=text[start:end],
                label=c.label,
                value=_clean(c.value),
                value_from=_clean(c.value_from),
                value_to=_clean(c.value_to),
                unit=c.unit,
                unit_inferred=c.unit_inferred,
                per=c.per,
                mod=mod,
            )
        )
    return out


def _clean(value: float | None) -> float | None:
    """Round away float noise: 54.7 * 1e6 is 54700000.00000001."""
    if value is None:
        return None
    rounded = round(value, 6)
    return float(rounded)
