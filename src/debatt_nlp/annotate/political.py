"""Political entity layer: gazetteers, title/party attachment and `norm` folding (pure Python, no spaCy).

`refine_entities(text, model_ents)` takes the statistical NER's spans (character offsets into `text`)
and returns the final `Entity` list:

- labels PER, ORG, LOC, PARTY; the model's other labels (TME, MSR, WRK, EVN, OBJ) are kept as they are;
- gazetteer matches (src/debatt_nlp/annotate/gazetteers/, built by training/build_gazetteers.py) add what
  the model misses and fix its label where a known name says otherwise ("Sverige" LOC,
  "Socialdemokraterna" PARTY, "Stockholms stad" ORG);
- rules: party letters in parentheses after a name ("Karin Ernlund (C)" → PARTY "C" and the person's
  `party`), a title immediately before a person ("arbetsmarknadsborgarrådet Karin Ernlund" → `role`),
  a name before "(S)" that the model missed, capitalised agency-like compounds (…verket, …myndigheten),
  "Region X", "Xs stad/kommun";
- document-level coreference for persons: a later mention in other case ("Karin ernlund") or by
  surname ("Ernlunds") gets the full name as `norm` and inherits party and role;
- `norm` folds inflections: possessive -s ("Stockholms stads" → "Stockholms stad", "EU:s" → "EU",
  "Region Stockholms" → "Region Stockholm"); party names and letters fold to the party code
  ("(fp)" → "L", "Socialdemokraterna" → "S");
- generic nouns ("regeringen", "regionen", "staden", "kommunerna", "myndigheten", …) are dropped;
- overlaps: the longer mention wins; for the same span rule > gazetteer > model.

Span conventions follow riksdag-qa GUIDELINES.md section C: possessive -s inside the span, titles
outside PER, party letters without their parentheses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from debatt_nlp.data_files import read_data_text
from debatt_nlp.schema import Entity

__all__ = ["Gazetteer", "load_gazetteer", "refine_entities"]

MAIN_LABELS = ("PER", "ORG", "LOC", "PARTY")
LABEL_MAP = {"PRS": "PER", "PERSON": "PER", "GPE": "LOC", "INST": "ORG", "MISC": "MISC"}
SOURCE_RANK = {"rule": 3, "gazetteer": 2, "model": 1}
PATTERN_RANK = 1.5  # generic patterns (…verket, Region X) lose to a gazetteer entry of the same span

TOKEN_RE = re.compile(r"\w(?:[\w'’]|[-:](?=\w))*", re.UNICODE)
PARTY_PAREN_RE = re.compile(r"\(\s*([A-Za-zÅÄÖåäö]{1,4})\s*\)")
ROLE_MODIFIERS = {"biträdande", "vice", "tf", "tillförordnad", "tillförordnade", "förre", "förste", "andre"}
ORG_SUFFIXES = (
    "verket", "myndigheten", "inspektionen", "styrelsen", "kassan", "förmedlingen", "nämnden",
    "domstolen", "departementet", "förbundet", "kontoret", "förvaltningen", "ombudsmannen",
    "institutet", "universitetet", "högskolan", "kommissionen", "utredningen", "rådet", "centralen",
    "fonden", "banken", "bolaget", "polisen", "åklagaren", "revisionen",
)  # fmt: skip
ORG_SUFFIX_RE = re.compile(
    r"(?<![\w-])([A-ZÅÄÖ][a-zåäöéü]{2,}(?:- och [a-zåäö]*)?(?:-[a-zåäö]+)?(?:"
    + "|".join(ORG_SUFFIXES)
    + r"))(s?)(?![\w-])"
)
SEATED_ORG_RE = re.compile(  # "Miljödomstolen i Umeå", "Förvaltningsrätten i Luleå", "Länsstyrelsen i Skåne län"
    r"(?<![\w-])[A-ZÅÄÖ][a-zåäö]*(?:domstolen|rätten|länsstyrelsen|Länsstyrelsen|nämnden|förbundet|universitetet|"
    r"högskolan|kommittén) i ([A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)?(?:s län)?)(?![\w-])"
)
REGION_RE = re.compile(r"(?<![\w-])Region(?:en)? (?:[A-ZÅÄÖ][\w-]+)(?: [A-ZÅÄÖ][\w-]+)?")
TOWN_ORG_RE = re.compile(r"(?<![\w-])([A-ZÅÄÖ][\w-]+?)(s?) (stad|kommun)(s?)(?![\w-])")
LOWER_NAME_OK = re.compile(r"^[a-zåäöéü][a-zåäöéü'-]+$")
VOWELS = "aeiouyåäöé"


def _ws(s: str) -> str:
    return " ".join(s.split())  # runs of whitespace → one space, trimmed


def genitive(name: str) -> str:
    """Swedish possessive: "Stockholm" → "Stockholms", "EU" → "EU:s", "Paris" → "Paris"."""
    if not name:
        return name
    last = name.split(" ")[-1]
    if last[-1:] in "sxzSXZ":
        return name
    if last.isupper() or last[-1:].isdigit():
        return name + ":s"
    return name + "s"


def strip_genitive(word: str) -> str | None:
    """The base of a possessive form, or None: "EU:s" → "EU", "Ernlunds" → "Ernlund"."""
    if word.endswith(":s") and len(word) > 2:
        return word[:-2]
    if word.endswith("s") and len(word) > 3 and word[-2:-1] not in "sxz":
        return word[:-1]
    return None


@dataclass
class Gazetteer:
    """Surface form → (label, norm, kind), with generated possessive forms."""

    forms: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # casefold(form) → form
    first_tokens: dict[str, int] = field(default_factory=dict)  # casefold first token → max tokens
    party_letters: dict[str, str] = field(default_factory=dict)
    role_words: frozenset[str] = frozenset()
    role_suffixes: tuple[str, ...] = ()
    generic: frozenset[str] = frozenset()

    def add(self, form: str, label: str, norm: str, kind: str) -> None:
        form = _ws(form)
        if not form or form in self.forms:
            return
        self.forms[form] = (label, norm, kind)
        self.folded.setdefault(form.casefold(), form)
        toks = TOKEN_RE.findall(form)
        if toks:
            key = toks[0].casefold()
            self.first_tokens[key] = max(self.first_tokens.get(key, 0), len(toks))

    def lookup(self, surface: str) -> tuple[str, tuple[str, str, str]] | None:
        """Exact form, else a case-insensitive match that keeps the first character's case
        ("Karin ernlund", "Folke Bernadotteakademin"); single words must match exactly
        except for the casing of an all-caps word."""
        s = _ws(surface)
        hit = self.forms.get(s)
        if hit is not None:
            return s, hit
        form = self.folded.get(s.casefold())
        if form is not None and form[:1] == s[:1] and (" " in s or s.isupper()):
            return form, self.forms[form]
        return None

    def is_role(self, word: str) -> bool:
        w = word.casefold()
        return w in self.role_words or (len(w) > 6 and w.endswith(self.role_suffixes))

    def is_generic(self, text: str) -> bool:
        w = _ws(text).casefold()
        if w in self.generic:
            return True
        base = strip_genitive(w)
        return base is not None and base in self.generic


def _read_lines(name: str) -> list[str]:
    lines = read_data_text("debatt_nlp.annotate", "gazetteers", name).splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def _role_forms(word: str) -> set[str]:
    w = word.casefold()
    forms = {w, w + "s"}
    if w.endswith("råd") or w.endswith("språkrör"):
        forms |= {w + "et", w + "ets"}
    elif w.endswith("man"):
        forms |= {w + "nen", w + "nens"}
    elif w[-1:] in "e":
        forms |= {w + "n", w + "ns"}
    elif w.endswith("minister") or w[-1:] in "r":
        forms |= {w + "n", w + "ns", w + "en"}
    else:
        forms |= {w + "en", w + "ens"}
    return forms


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load (once) the packaged gazetteers, adding possessive forms of every name."""
    gz = Gazetteer()
    rows = [ln.split("\t") for ln in _read_lines("entities.tsv")]
    persons = _read_lines("persons.txt")
    for form, label, norm, kind in rows:
        gz.add(form, label, norm or form, kind)
    for name in persons:
        gz.add(name, "PER", name, "person")
    for form, label, norm, kind in rows:  # possessives after all base forms (a base form wins)
        gz.add(genitive(form), label, norm or form, kind)
    for name in persons:
        gz.add(genitive(name), "PER", name, "person")
    gz.party_letters = dict(ln.split("\t")[:2] for ln in _read_lines("party_letters.tsv"))
    words, suffixes = set(), []
    for ln in _read_lines("roles.tsv"):
        form, kind = ln.split("\t")[:2]
        if kind == "suffix":
            suffixes.append(form.casefold())
        else:
            words |= _role_forms(form)
    gz.role_words = frozenset(words)
    gz.role_suffixes = tuple(sorted(set(suffixes)))
    gz.generic = frozenset(w.casefold() for w in _read_lines("generic.txt"))
    return gz


# ------------------------------------------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    source: str
    norm: str | None = None
    party: str | None = None
    role: str | None = None
    rank: float = 0.0  # tie-break for equal spans; default from the source

    def __post_init__(self) -> None:
        if not self.rank:
            self.rank = SOURCE_RANK.get(self.source, 0)

    @property
    def length(self) -> int:
        return self.end - self.start


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and punctuation at both ends (a closing parenthesis stays if it is closed)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        if text[end - 1] == ")" and "(" in text[start:end]:
            break
        end -= 1
    return start, end


def _gazetteer_matches(text: str, toks: list[tuple[int, int]], gz: Gazetteer) -> list[_Cand]:
    out = []
    i = 0
    n = len(toks)
    while i < n:
        s, e = toks[i]
        first = text[s:e].casefold()
        maxn = gz.first_tokens.get(first, 0)
        matched = False
        for k in range(min(maxn, n - i), 0, -1):
            end = toks[i + k - 1][1]
            hit = gz.lookup(text[s:end])
            if hit is None:
                continue
            _form, (label, norm, _kind) = hit
            out.append(_Cand(s, end, label, "gazetteer", norm=norm))
            i += k
            matched = True
            break
        if not matched:
            i += 1
    return out


def _party_rules(text: str, toks: list[tuple[int, int]], gz: Gazetteer) -> list[_Cand]:
    """PARTY letters in parentheses right after a name, and the name itself as PER."""
    out = []
    tok_end_index = {e: i for i, (_, e) in enumerate(toks)}
    for m in PARTY_PAREN_RE.finditer(text):
        letters = m.group(1)
        if letters not in gz.party_letters:
            continue
        stripped = text[: m.start()].rstrip()
        if m.start() - len(stripped) > 2:
            continue
        j = tok_end_index.get(len(stripped))
        if j is None:
            continue
        # the name: up to 4 name-like tokens before "(", the first one capitalised
        name_toks: list[tuple[int, int]] = []
        k = j
        while k >= 0 and len(name_toks) < 4:
            ts, te = toks[k]
            w = text[ts:te]
            if name_toks:
                gap = text[te : name_toks[0][0]]
                if gap.strip() or gap.count("\n") > 1:
                    break
            if gz.is_role(w) or w.casefold() in ROLE_MODIFIERS or gz.is_generic(w):
                break
            if w[:1].isupper() and not w.isdigit():
                name_toks.insert(0, (ts, te))
            elif not name_toks and k > 0 and LOWER_NAME_OK.match(w) and text[toks[k - 1][0]].isupper():
                name_toks.insert(0, (ts, te))  # "Karin ernlund (C)"
            else:
                break
            k -= 1
        if not name_toks:
            continue
        out.append(_Cand(m.start(1), m.end(1), "PARTY", "rule", norm=gz.party_letters[letters]))
        out.append(_Cand(name_toks[0][0], name_toks[-1][1], "PER", "rule"))
    return out


def _pattern_rules(text: str, gz: Gazetteer) -> list[_Cand]:
    out = []
    for m in ORG_SUFFIX_RE.finditer(text):
        word = m.group(1)
        if gz.is_generic(word) or gz.is_role(word):
            continue
        out.append(_Cand(m.start(), m.end(), "ORG", "rule", norm=word, rank=PATTERN_RANK))
    for m in SEATED_ORG_RE.finditer(text):
        hit = gz.lookup(m.group(1))
        if hit is not None and hit[1][0] == "LOC" and not gz.is_generic(m.group(0).split(" ")[0]):
            out.append(_Cand(m.start(), m.end(), "ORG", "rule", rank=PATTERN_RANK))
    for m in REGION_RE.finditer(text):
        out.append(_Cand(m.start(), m.end(), "ORG", "rule", rank=PATTERN_RANK))
    for m in TOWN_ORG_RE.finditer(text):
        town = m.group(1)
        if gz.is_generic(town) or town.casefold() in gz.role_words:
            continue
        known = gz.forms.get(town) or gz.forms.get(town + m.group(2))
        if known is None or known[0] != "LOC":
            continue
        out.append(
            _Cand(
                m.start(), m.end(), "ORG", "rule", norm=f"{town}{m.group(2)} {m.group(3)}", rank=PATTERN_RANK
            )
        )
    return out


def _overlaps(a: _Cand, b: _Cand) -> bool:
    return a.start < b.end and b.start < a.end


def _resolve(cands: Iterable[_Cand]) -> list[_Cand]:
    """Longer mention wins; for equal spans rule > gazetteer > pattern rule > model."""
    ranked = sorted(cands, key=lambda c: (-c.length, -c.rank, c.start))
    # kept spans never overlap, so sorted by start they are sorted by end too: only the
    # neighbours at the insertion point can overlap a new candidate (linear scans were
    # quadratic on a 20 MB file)
    starts: list[int] = []
    kept: list[_Cand] = []
    for c in ranked:
        i = bisect.bisect_left(starts, c.start)
        if (i > 0 and _overlaps(c, kept[i - 1])) or (i < len(kept) and _overlaps(c, kept[i])):
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


def _sentence_initial(text: str, start: int) -> bool:
    """Nothing but whitespace, a list marker or quotes between the last sentence end and `start`."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"”'–-•*»"):
        if text[i] == "\n" and i > 0 and text[i - 1] in "\n":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;" or text[i] == "\n" or (text[i] == ")" and i < 4)


def _clean_model(
    text: str, ents: Sequence[tuple[int, int, str]], gz: Gazetteer, common: Collection[int]
) -> list[_Cand]:
    """Tidy the model's spans: strip titles, leading lowercase words, a sentence-initial common word
    (by the tagger: `common` holds the start offsets of tokens tagged as common words), a possessive
    known name followed by its head noun ("Europeiska kommissionens rapport"); drop spans that end
    in a generic noun ("Svenska regeringens") and persons that are only a title."""
    out = []
    for start, end, label in ents:
        label = LABEL_MAP.get(label, label)
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        toks = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]
        if not toks:
            continue
        # leading words that are titles, lowercase, or a sentence-initial common word
        while len(toks) > 1:
            w = text[toks[0][0] : toks[0][1]]
            if (
                (label == "PER" and (gz.is_role(w) or w.casefold() in ROLE_MODIFIERS))
                or (w[:1].islower() and text[toks[1][0]].isupper())
                or (toks[0][0] in common and _sentence_initial(text, toks[0][0]))
            ):
                toks.pop(0)
            else:
                break
        start = toks[0][0]
        if label == "PER":  # "Karin Ernlund (C" / "Karin Ernlund ( C )": cut at the parenthesis
            par = text.find("(", start, end)
            if par > start:
                start, end = _trim(text, start, par)
                toks = [t for t in toks if t[1] <= end]
        if end <= start or not toks:
            continue
        words = [text[s:e] for s, e in toks]
        if label == "PER" and not any(c.islower() for c in text[start:end]):
            # Swedish prose writes names in title case: an all-capital "person" (DEV, ENVI, IHD)
            # is an acronym, a programme or an organisation, never a person; the label cannot
            # be trusted and the span is dropped (gazetteers and rules may still claim it).
            continue
        if len(toks) == 1:
            if toks[0][0] in common and _sentence_initial(text, start):
                continue
            if label == "PER" and gz.is_role(words[0]):
                continue
        elif label != "PER" and gz.is_generic(words[-1]):
            continue
        # "Europeiska kommissionens rapport" → the known possessive name
        for k in range(len(toks) - 1, 0, -1):
            if not words[k - 1].endswith("s"):
                continue
            hit = gz.lookup(text[start : toks[k - 1][1]])
            if hit is not None and hit[1][0] in ("ORG", "LOC", "PARTY"):
                end, label = toks[k - 1][1], hit[1][0]
                break
        if label == "ORG" and re.search(r"[Pp]artiets?$", text[start:end]):
            label = "PARTY"
        out.append(_Cand(start, end, label, "model"))
    return out


def _person_key(name: str) -> str:
    return _ws(name).casefold()


def _title_case(name: str) -> str:
    """Capitalise a lowercased last name: "Karin ernlund" → "Karin Ernlund"."""
    parts = _ws(name).split(" ")
    parts[-1] = parts[-1][:1].upper() + parts[-1][1:]
    return " ".join(parts)


def _lowercased_elsewhere(text: str, toks: list[tuple[int, int]], gz: Gazetteer) -> set[int]:
    """Start offsets of capitalised words that also occur in lower case in the text: common
    words at a sentence start ("Kommissionen delar …" beside "kommissionen ska"). The default
    pipeline has no tagger, so this is the cheap stand-in for its POS."""
    lower = {text[s:e] for s, e in toks if text[s].islower()}
    out = set()
    for s, e in toks:
        if text[s].isupper() and text[s + 1 : e].islower():
            w = text[s:e]
            if w.lower() in lower and gz.lookup(w) is None:
                out.add(s)
    return out


def refine_entities(
    text: str,
    model_ents: Sequence[tuple[int, int, str]],
    gazetteer: Gazetteer | None = None,
    *,
    common_word_starts: Collection[int] = (),
) -> list[Entity]:
    """Final entities for `text` from the model's (start, end, label) spans (offsets into `text`).

    `common_word_starts` (optional): start offsets of tokens that a tagger labels as common words
    (not PROPN/X); a model entity that is only such a word at the start of a sentence is dropped
    ("Nystartsjobb innebär …"). Without a tagger, a capitalised word that the same text also
    writes in lower case (and that no gazetteer knows) counts as a common word.
    """
    gz = gazetteer or load_gazetteer()
    toks = _tokens(text)
    common = set(common_word_starts) | _lowercased_elsewhere(text, toks, gz)
    cands = _clean_model(text, model_ents, gz, frozenset(common))
    cands += _gazetteer_matches(text, toks, gz)
    cands += _party_rules(text, toks, gz)
    cands += _pattern_rules(text, gz)
    cands = [c for c in cands if not (c.label != "PARTY" and gz.is_generic(text[c.start : c.end]))]
    # phase 1 resolution, then document-level mentions (other casing, surname alone, repeats)
    first = _resolve(cands)
    extra, full_names = _document_mentions(text, toks, first, gz)
    name_parts = {part.casefold() for name in full_names.values() for part in name.split(" ")}
    kept = [c for c in cands if not _lone_unknown_person(text, c, name_parts, gz)]
    final = _resolve(kept + extra) if extra or len(kept) < len(cands) else first
    return _finish(text, final, gz, full_names)


def _lone_unknown_person(text: str, c: _Cand, name_parts: Collection[str], gz: Gazetteer) -> bool:
    """A one-word PER from the model that is neither part of a full name in this document nor a
    name the gazetteers know. On political prose the model's one-word "persons" are mostly
    capitalised common nouns, titles of works and English words (Citybanan, Mekanismen, Sweden);
    a real person named by one word only is rare there, unless a title precedes the name
    ("statsrådet Eneroth"), so the span is dropped."""
    if c.source != "model" or c.label != "PER":
        return False
    word = text[c.start : c.end]
    if any(ch.isspace() for ch in word):
        return False
    base = strip_genitive(word) or word
    known = word.casefold() in name_parts or base.casefold() in name_parts
    before = TOKEN_RE.findall(text, max(0, c.start - 40), c.start)
    after_title = bool(before) and gz.is_role(before[-1])  # "statsrådet Eneroth"
    return not known and not after_title and gz.lookup(word) is None and gz.lookup(base) is None


ACRONYM_AFTER_RE = re.compile(r"\s{0,2}\(([A-ZÅÄÖ][\w-]{1,15}(?: [\w-]+){0,3})\)")
DOC_RANK = 0.5  # document-level repeats fill gaps only
ACRONYM_RANK = 2.5  # an acronym the text defines ("… (DTP)") beats the model and the gazetteer


def _document_mentions(
    text: str, toks: list[tuple[int, int]], first: list[_Cand], gz: Gazetteer
) -> tuple[list[_Cand], dict[str, str]]:
    """One sense per document: more mentions of names already found in it.

    - persons: the full name in other casing ("Karin ernlund"), possessive, or the surname alone;
    - an acronym in parentheses after an organisation ("… läkemedelsförmånsverket (TLV)") and its
      later uses;
    - other capitalised names the model found once and missed elsewhere.
    Returns the extra candidates and the document's persons (casefolded full name → canonical).
    """
    extra: list[_Cand] = []
    full_names: dict[str, str] = {}
    surfaces: list[tuple[str, str | None]] = []
    forms: dict[str, dict[str, int]] = {}  # surface → label counts
    acronyms: dict[str, tuple[str, str]] = {}  # "(TLV)" after an organisation → (label, norm)
    for c in first:
        surface = _ws(text[c.start : c.end])
        if c.label == "PER":
            parts = surface.split(" ")
            if len(parts) >= 2 and all(p[:1].isupper() for p in parts):
                surfaces.append((surface, c.norm if c.source == "gazetteer" else None))
            continue
        if c.label in ("ORG", "LOC", "PARTY") and surface[:1].isupper():
            if c.source == "model":
                forms.setdefault(surface, {}).setdefault(c.label, 0)
                forms[surface][c.label] += 1
            if c.label in ("ORG", "PARTY"):
                m = ACRONYM_AFTER_RE.match(text, c.end)
                inner = m.group(1) if m else None
                if inner and inner not in gz.party_letters and not gz.is_generic(inner):
                    norm = c.norm or surface
                    extra.append(_Cand(m.start(1), m.end(1), c.label, "rule", norm=norm))
                    acronyms[inner] = (c.label, norm)
    seen = {s for s, _ in surfaces}
    for surface, gnorm in surfaces:
        base = strip_genitive(surface)
        canon = gnorm or (base if base in seen else surface)
        full_names.setdefault(_person_key(canon), canon)
        if base and canon == base:
            full_names.setdefault(_person_key(surface), canon)
    surnames: dict[str, set[str]] = {}
    for canon in set(full_names.values()):
        surnames.setdefault(canon.split(" ")[-1], set()).add(canon)
    doc_forms: dict[str, tuple[str, str | None, float]] = {}
    for surface, (label, norm) in acronyms.items():
        doc_forms[surface] = (label, norm, ACRONYM_RANK)
        doc_forms.setdefault(genitive(surface), (label, norm, ACRONYM_RANK))
    for surface, labels in forms.items():
        if surface in doc_forms:
            continue
        label = max(labels, key=lambda k: labels[k])
        doc_forms[surface] = (label, None, DOC_RANK)  # norm None: folded later like any mention
        doc_forms.setdefault(genitive(surface), (label, None, DOC_RANK))
    max_k = max((len(f.split(" ")) for f in doc_forms), default=1)
    i = 0
    while i < len(toks):
        s, e = toks[i]
        w = text[s:e]
        if not w[:1].isupper():
            i += 1
            continue
        hit = False
        for k in range(min(max(4, max_k), len(toks) - i), 0, -1):
            end = toks[i + k - 1][1]
            surface = _ws(text[s:end])
            if k >= 2:
                key = _person_key(surface)
                base = strip_genitive(key)
                canon = full_names.get(key) or (full_names.get(base) if base else None)
                if canon:
                    extra.append(_Cand(s, end, "PER", "rule", norm=canon))
                    hit = True
            if not hit and surface in doc_forms:
                label, norm, rank = doc_forms[surface]
                extra.append(_Cand(s, end, label, "rule", norm=norm, rank=rank))
                hit = True
            if hit:
                i += k
                break
        if hit:
            continue
        names = surnames.get(w) or surnames.get(strip_genitive(w) or "")
        if names and len(names) == 1:
            extra.append(_Cand(s, e, "PER", "rule", norm=next(iter(names))))
        i += 1
    return extra, full_names


def _finish(text: str, cands: list[_Cand], gz: Gazetteer, full_names: dict[str, str]) -> list[Entity]:
    # norms
    by_surface: dict[str, str] = {}
    for c in cands:
        if c.label in ("ORG", "LOC"):
            by_surface.setdefault(_ws(text[c.start : c.end]), c.label)
    for c in cands:
        surface = _ws(text[c.start : c.end])
        if c.label == "PARTY":
            if c.norm is None:
                hit = gz.lookup(surface)
                c.norm = hit[1][1] if hit and hit[1][0] == "PARTY" else surface
            continue
        if c.label == "PER":
            if c.norm is None:
                key = _person_key(surface)
                base = strip_genitive(key)
                c.norm = full_names.get(key) or (full_names.get(base) if base else None)
            if c.norm is None:
                hit = gz.lookup(surface)
                c.norm = hit[1][1] if hit and hit[1][0] == "PER" else None
            if c.norm is None:
                c.norm = _title_case(surface) if surface.split(" ")[-1].islower() else surface
            continue
        if c.label in ("ORG", "LOC"):
            hit = gz.lookup(surface)
            if hit is not None and hit[1][0] in ("ORG", "LOC"):
                c.norm = hit[1][1]
            elif c.norm is None:
                base = strip_genitive(surface)
                if base and (base in by_surface or gz.lookup(base) is not None):
                    hb = gz.lookup(base)
                    c.norm = hb[1][1] if hb is not None else base
                else:
                    c.norm = surface
        elif c.norm is None:
            c.norm = surface
    # roles and parties of persons
    for c in cands:
        if c.label != "PER":
            continue
        m = re.match(r"\s{0,3}\(\s*([A-Za-zÅÄÖåäö]{1,4})\s*\)", text[c.end : c.end + 12])
        if m and m.group(1) in gz.party_letters:
            c.party = m.group(1)
        prev = list(TOKEN_RE.finditer(text, max(0, c.start - 80), c.start))
        if prev and not text[prev[-1].end() : c.start].strip():
            w = prev[-1].group()
            if gz.is_role(w):
                role_start = prev[-1].start()
                if len(prev) >= 2 and prev[-2].group().casefold() in ROLE_MODIFIERS:
                    if not text[prev[-2].end() : prev[-1].start()].strip():
                        role_start = prev[-2].start()
                c.role = _ws(text[role_start : prev[-1].end()])
    # inherit party / role across mentions of the same person
    party_of: dict[str, str] = {}
    role_of: dict[str, str] = {}
    for c in cands:
        if c.label == "PER" and c.norm:
            if c.party:
                party_of.setdefault(c.norm, c.party)
            if c.role:
                role_of.setdefault(c.norm, c.role)
    out = []
    for c in cands:
        if c.label == "PER" and c.norm:
            c.party = c.party or party_of.get(c.norm)
            c.role = c.role or role_of.get(c.norm)
        out.append(
            Entity(
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                label=c.label,
                norm=c.norm,
                party=c.party if c.label == "PER" else None,
                role=c.role if c.label == "PER" else None,
                source=c.source,
            )
        )
    return out
