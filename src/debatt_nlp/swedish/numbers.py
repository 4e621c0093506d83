"""Swedish numbers: digits with Swedish separators and number words, to values.

Pure code (no spaCy). The vocabulary lives in `lexicons/numbers.yaml`.

    >>> parse_number("1 200 000")
    1200000.0
    >>> parse_number("54,7 miljoner")
    54700000.0
    >>> parse_number("tjugofem")
    25.0
    >>> parse_number("en och en halv miljard")
    1500000000.0

The regular expressions exported here (`DIGITS_RE`, `number_word_re()`, `number_re()`) are the
building blocks the amount and date extractors share. They are written for a *normalised* text in
which the no-break spaces U+00A0, U+202F, U+2007 and U+2009 have been replaced by plain spaces
(see `normalize_spaces`); `parse_number` normalises its argument itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from debatt_nlp.data_files import read_data_yaml

__all__ = [
    "DIGITS_RE",
    "MatchText",
    "NumberLexicon",
    "is_number_word",
    "lexicon",
    "load_lexicon",
    "load_yaml",
    "normalize_spaces",
    "number_re",
    "number_word_parts_re",
    "number_word_re",
    "parse_digits",
    "parse_number",
    "parse_number_word",
    "parse_ordinal",
]

# Characters that Swedish typography uses as thousands separators, all width-preserving.
_SPACE_LIKE = "\u00a0\u202f\u2007\u2009"
_SPACE_TABLE = str.maketrans(dict.fromkeys(_SPACE_LIKE, " "))

# Digits: "1 200 000", "1.200.000", "54,7", "3 500", "2020". Grouped forms first so that
# "1 200 000" is one number. A number never starts inside a word, after a decimal comma, or
# after a colon or slash ("SOU 2004:64", "KS 2021/417"), and never runs into ":12" or "/19".
_DIGITS_BODY = (
    r"(?:\d{1,3}(?: \d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+)"
    r"(?:,\d+)?"
    r"(?!\d|[:/]\d|,\d)"
)
DIGITS_RE = r"(?<![\w,.:/])(?<!\w-)" + _DIGITS_BODY
# The second number of a range ("10-15 miljoner") follows a hyphen right after a digit, which
# DIGITS_RE refuses (it keeps "COVID-19" out); the range patterns use this variant instead.
_RANGE_DIGITS_RE = r"(?<![\w,.:/])(?<![^\W\d_]-)" + _DIGITS_BODY


def load_yaml(name: str) -> dict[str, Any]:
    """Read `lexicons/<name>` from the installed package (works from a wheel too)."""
    return read_data_yaml("debatt_nlp.swedish", "lexicons", name)


@dataclass(frozen=True)
class NumberLexicon:
    units: dict[str, int]
    tens: dict[str, int]
    hundred: tuple[str, ...]
    thousand: tuple[str, ...]
    scales: dict[str, float]
    fractions: dict[str, float]
    idioms: dict[str, float]
    ordinals: dict[str, int]
    ordinal_suffixes: tuple[str, ...]


@cache
def load_lexicon() -> NumberLexicon:
    data = load_yaml("numbers.yaml")
    return NumberLexicon(
        units={str(k): int(v) for k, v in data["units"].items()},
        tens={str(k): int(v) for k, v in data["tens"].items()},
        hundred=tuple(data["hundred"]),
        thousand=tuple(data["thousand"]),
        scales={str(k): float(v) for k, v in data["scales"].items()},
        fractions={str(k): float(v) for k, v in data["fractions"].items()},
        idioms={str(k): float(v) for k, v in data["idioms"].items()},
        ordinals={str(k): int(v) for k, v in data["ordinals"].items()},
        ordinal_suffixes=tuple(data["ordinal_suffixes"]),
    )


lexicon = load_lexicon


def normalize_spaces(text: str) -> str:
    """Replace no-break and thin spaces by plain spaces (same length, offsets unchanged)."""
    return text.translate(_SPACE_TABLE)


# Invisible characters that PDF/HTML extraction leaves inside words ("subven\xadtioner").
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")
_SAME_LENGTH = str.maketrans({**dict.fromkeys(_SPACE_LIKE, " "), "\u2010": "-", "\u2011": "-"})


class MatchText:
    """A matching view of a text: no-break spaces made plain, soft hyphens and zero-width
    characters dropped, with a map back to offsets in the original text."""

    __slots__ = ("_map", "norm", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        if _INVISIBLE_RE.search(original) is None:
            self.norm = original.translate(_SAME_LENGTH)
            self._map: list[int] | None = None
            return
        removed = [m.start() for m in _INVISIBLE_RE.finditer(original)]
        self.norm = _INVISIBLE_RE.sub("", original).translate(_SAME_LENGTH)
        # norm index at which each removed character would have stood
        self._map = [r - j for j, r in enumerate(removed)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span norm[start:end] (end exclusive)."""
        if self._map is None:
            return start, end
        if end <= start:
            pos = self._original_index(start) if start < len(self.norm) else len(self.original)
            return pos, pos
        return self._original_index(start), self._original_index(end - 1) + 1

    def _original_index(self, i: int) -> int:
        assert self._map is not None
        return i + bisect.bisect_right(self._map, i)


def _alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of literal words, as a trie so that matching stays fast; like the
    plain longest-first alternation, the longest word wins at any position."""
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict) -> str:
    branches = []
    ends_here = "" in node
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # longest first: try the longer continuation, fall back to ending here
        return f"(?:{body})?"
    return body


@cache
def _part_re() -> re.Pattern[str]:
    lex = load_lexicon()
    parts = [*lex.units, *lex.tens, *lex.hundred, *lex.thousand]
    return re.compile(_alternation(parts))


@cache
def number_word_parts_re() -> str:
    """Regex source for the letters of a cardinal number word, without word boundaries (for
    compounds such as "tioårsperiod")."""
    lex = load_lexicon()
    parts = _alternation([*lex.units, *lex.tens, *lex.hundred, *lex.thousand])
    return rf"(?:{parts})+"


@cache
def number_word_re() -> str:
    """Regex source for one cardinal number word, simple or compound ("tjugofem", "tvåhundra")."""
    return rf"(?<![\w-]){number_word_parts_re()}(?![\w-])"


@cache
def number_re(after_digit_dash: bool = False) -> str:
    """Regex source for a number as written in running text, with its own scale word if any.

    Matches digits ("54,7", "1 200 000", "1 ½"), idioms ("en och en halv", "ett par") and number
    words ("tre", "tjugofem"); the scale word ("miljoner") is NOT part of this pattern.
    """
    lex = load_lexicon()
    idioms = _alternation([i.replace(" ", "\x00") for i in lex.idioms]).replace("\x00", r"\s+")
    fractions = _alternation([f for f in lex.fractions if len(f) == 1])
    return (
        rf"(?:(?<![\w-])(?:{idioms})(?![\w-])"
        rf"|{_RANGE_DIGITS_RE if after_digit_dash else DIGITS_RE}(?:\s?(?:{fractions}))?"
        rf"|(?<![\w-])(?:{fractions})"
        rf"|{number_word_re()})"
    )


def parse_digits(text: str) -> float | None:
    """'1 200 000' → 1200000.0, '54,7' → 54.7, '1.200.000' → 1200000.0, '1 ½' → 1.5."""
    s = normalize_spaces(text).strip()
    if not s:
        return None
    frac = 0.0
    lex = load_lexicon()
    if s[-1] in lex.fractions and len(s[-1]) == 1:
        frac = lex.fractions[s[-1]]
        s = s[:-1].strip()
        if not s:
            return frac
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?", s):
        return float(s.replace(" ", "").replace(",", ".")) + frac
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", ".")) + frac
    return None


def parse_number_word(word: str) -> int | None:
    """A cardinal number word, simple or compound: 'tre' → 3, 'tjugofem' → 25,
    'tvåhundrafemtio' → 250, 'tretusenfemhundra' → 3500; None for anything else."""
    w = word.strip().lower()
    if not w:
        return None
    lex = load_lexicon()
    part_re = _part_re()
    total = 0
    current = 0
    pos = 0
    last_kind = ""
    while pos < len(w):
        m = part_re.match(w, pos)
        if m is None:
            return None
        part = m.group(0)
        pos = m.end()
        if part in lex.units:
            if last_kind in ("unit",):
                return None  # "tretre" is not a number
            current += lex.units[part]
            last_kind = "unit"
        elif part in lex.tens:
            if last_kind in ("unit", "ten"):
                return None
            current += lex.tens[part]
            last_kind = "ten"
        elif part in lex.hundred:
            if last_kind == "hundred":
                return None
            current = (current or 1) * 100
            last_kind = "hundred"
        else:  # thousand
            if last_kind == "thousand":
                return None
            total += (current or 1) * 1000
            current = 0
            last_kind = "thousand"
    return total + current


def is_number_word(word: str) -> bool:
    return parse_number_word(word) is not None


def _parse_simple(s: str) -> float | None:
    """One number without scale word: digits, idiom, fraction or number word."""
    lex = load_lexicon()
    s = re.sub(r"\s+", " ", s.strip().lower())
    if not s:
        return None
    if s in lex.idioms:
        return lex.idioms[s]
    if s in lex.fractions:
        return lex.fractions[s]
    value = parse_digits(s)
    if value is not None:
        return value
    # "tre och en halv" beyond the idiom list: <word> och en/ett halv(t)
    m = re.fullmatch(r"(\S+) och (?:en|ett) halvt?", s)
    if m:
        base = parse_number_word(m.group(1))
        return None if base is None else base + 0.5
    # "en halv", "tre kvarts" and the like
    m = re.fullmatch(r"(\S+) (\S+)", s)
    if m and m.group(2) in lex.fractions:
        base = parse_number_word(m.group(1))
        if base is not None:
            return base * lex.fractions[m.group(2)]
    word = parse_number_word(s)
    return None if word is None else float(word)


def parse_number(text: str) -> float | None:
    """Parse a Swedish number as written: digits, number words, with an optional scale word.

    '1 200 000' → 1200000.0; '54,7' → 54.7; 'tre' → 3.0; 'tjugofem' → 25.0; 'en halv' → 0.5;
    'ett par' → 2.0; '54,7 miljoner' → 54700000.0; 'tre miljarder' → 3e9; 'en och en halv miljon'
    → 1500000.0; '1 ½ miljon' → 1500000.0. Returns None when the text is not (only) a number.
    """
    if not isinstance(text, str):
        return None
    lex = load_lexicon()
    s = re.sub(r"\s+", " ", normalize_spaces(text).replace("\u00ad", "").strip().lower())
    if not s:
        return None
    value = _parse_simple(s)
    if value is not None:
        return value
    # trailing scale words, possibly stacked: "hundra tusen", "tre tusen miljoner" (rare)
    words = s.split(" ")
    multiplier = 1.0
    while len(words) > 1 and words[-1] in lex.scales:
        multiplier *= lex.scales[words.pop()]
    if multiplier == 1.0:
        return None
    base = _parse_simple(" ".join(words))
    if base is None:
        return None
    return base * multiplier


def parse_ordinal(text: str) -> int | None:
    """'tredje' → 3, 'elfte' → 11, '1:a' → 1, '3:e' → 3, '3.' → 3; None otherwise."""
    s = normalize_spaces(text).strip().lower()
    lex = load_lexicon()
    if s in lex.ordinals and lex.ordinals[s] > 0:
        return lex.ordinals[s]
    for suffix in lex.ordinal_suffixes:
        if s.endswith(suffix) and s[: -len(suffix)].isdigit():
            return int(s[: -len(suffix)])
    if re.fullmatch(r"\d{1,3}\.", s):
        return int(s[:-1])
    return None
