"""Pure Swedish text helpers for alignment: tokens, a light stemmer, stop words, term matching.

No model is needed: alignment compares the *content terms* of a question with those of a reply
paragraph. A content term is a lower-cased word that is not a stop word (function words) and not a
generic interpellation word ("statsrådet", "åtgärder", "avser" …: `data/generic_sv.txt`), reduced
by the Snowball Swedish stemmer (Porter's algorithm for Swedish, re-implemented here in a few lines).
Swedish compounds are matched loosely: "sanningskommission" matches "kommission" by its head.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from debatt_nlp.data_files import read_data_text

WORD_RE = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[:\-–][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")

_VOWELS = set("aeiouyäåö")
_COLON_ENDING = re.compile(r":(?:s|n|en|et|ens|ets|ar|arna|er|erna|or|na|a)$", re.IGNORECASE)
_STEP1 = sorted(
    (
        "a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter "
        "or as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast et ets"
    ).split(),
    key=len,
    reverse=True,
)
_S_ENDING = set("bcdfghjklmnoprtvy")
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
# Addressee titles ("utrikesministern", "arbetsmarknadsborgarrådet") are never topic words.
_TITLE_SUFFIXES = ("ministern", "ministerns", "borgarrådet", "borgarrådets", "statsrådet", "statsrådets")


@cache
def load_wordlist(name: str) -> frozenset[str]:
    """A word list from `data/<name>.txt` (one word per line, '#' comments)."""
    source = read_data_text("debatt_nlp.align", "data", f"{name}.txt")
    words = set()
    for line in source.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


def stopwords() -> frozenset[str]:
    return load_wordlist("stopwords_sv")


def generic_words() -> frozenset[str]:
    return load_wordlist("generic_sv")


def _r1(word: str) -> int:
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


@cache
def stem(word: str) -> str:
    """Snowball Swedish stem of a lower-cased word ("överenskommelsen" -> "överenskommels")."""
    word = word.lower()
    if len(word) < 3 or not word.isalpha():
        return word
    r1 = _r1(word)
    # Step 1: inflectional endings.
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in _S_ENDING:
            word = word[:-1]
    # Step 2: double consonant endings.
    if any(word.endswith(e) for e in _STEP2) and len(word) - 2 >= r1:
        word = word[:-1]
    # Step 3: derivational endings.
    for suffix, repl in (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", ""), ("ig", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + repl
            break
    return word


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    stem: str


def tokens(text: str, offset: int = 0) -> list[Token]:
    out = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        # Genitive and definite endings after an abbreviation: "EU:s", "FN:s", "CDM:en" -> "EU", "FN", "CDM".
        word = _COLON_ENDING.sub("", word)
        low = word.lower()
        out.append(Token(m.start() + offset, m.start() + offset + len(word), word, low, stem(low)))
    return out


def is_content(tok: Token) -> bool:
    low = tok.lower
    if low in stopwords() or low in generic_words():
        return False
    if low.isdigit():
        return len(low) == 4 or int(low) > 31  # years and amounts, not list numbers
    if len(low) < 3 and not tok.text.isupper():
        return False
    if low.endswith(_TITLE_SUFFIXES):
        return False
    return tok.stem not in generic_words()


def content_stems(text: str) -> list[str]:
    """The content-term stems of `text`, in order, with repeats."""
    return [t.stem for t in tokens(text) if is_content(t)]


def term_match(a: str, b: str) -> float:
    """How well two stems match.

    1.0 for equal stems; 0.9 when one extends the other by at most two letters (the stemmer strips
    "ansvar" to "ansv" but "ansvaret" to "ansvar"); 0.6 when one is the head or the first part of a
    compound made with the other ("sanningskommission" / "kommission").
    """
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and len(long_) - len(short) <= 2 and long_.startswith(short):
        return 0.9
    if (
        len(short) >= 5
        and len(long_) - len(short) >= 3
        and (long_.endswith(short) or long_.startswith(short))
    ):
        return 0.6
    return 0.0


def best_match(term: str, vocabulary: Iterable[str]) -> float:
    best = 0.0
    for other in vocabulary:
        m = term_match(term, other)
        if m > best:
            best = m
            if best == 1.0:
                break
    return best


def normalise_ws(text: str) -> str:
    return " ".join(text.split())


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
