"""Swedish dates and durations with TIMEX3-style values.

Pure code (no spaCy); vocabulary in `lexicons/timex.yaml` and `lexicons/modifiers.yaml`.

    >>> [(d.text, d.value) for d in extract_dates("Stockholm den 22 mars 2021")]
    [('22 mars 2021', '2021-03-22')]

Values: "2021-03-22" (day), "2021-03" (month), "2021-SP" (season), "1999-Q3" (quarter),
"2007-H1" (half year), "2006-W41" (week), "2020" (year), "199" (the 1990s), "19" (the 1900s),
"P5Y"/"P6M"/"P90D" (durations). Ranges ("2020–2022") get `value_from`/`value_to` and the ISO 8601
interval "2020/2022" as value.

Relative and year-less expressions ("i fjol", "i höstas", "den 3 april") are resolved against
`anchor` (the document's date), with `relative=True` and `anchor` set to the ISO date used. A
year-less date whose sentence names a year earlier ("I mars 2007 … i juni") takes that year and is
not relative. Without an anchor the value keeps X placeholders ("XXXX-04-03", "XXXX-SP") or is
None ("i fjol").

Span conventions (GUIDELINES.md section C): "den" is not part of a date; "år 2020" has the text
"2020"; approximators ("snart", "drygt") and period modifiers ("i början av") go to `mod`.
Not dates: numbers inside amounts, law and document numbers ("2017:725", "KS 2021/417",
"SOU 2004:64", "prop. 2019/20:1"), ordinals of lists, ages ("personer över 65 år").

"i dag" is almost always generic ("nowadays") in written interpellations and answers, and the
annotation guidelines do not mark it: it is extracted only in a deictic frame ("i dag den 3 april",
"här i dag", "debatten i dag").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from debatt_nlp.schema import DateLabel, DateMention, Mod
from debatt_nlp.swedish.amounts import (
    WS,
    _sentence_of,
    _ws_alternation,
    load_currencies,
    match_text_and_amounts,
    modifier_before,
    sentence_bounds,
)
from debatt_nlp.swedish.numbers import (
    _alternation,
    load_lexicon,
    load_yaml,
    number_word_parts_re,
    number_word_re,
    parse_number,
)

__all__ = ["extract_dates"]

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class TimexLexicon:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    seasons: dict[str, str]
    season_past: dict[str, str]
    quarters: dict[str, str]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    today: tuple[str, ...]
    today_after: frozenset[str]
    today_before: frozenset[str]
    future_cues: frozenset[str]
    duration_units: dict[str, tuple[str, float]]
    duration_infixes: tuple[str, ...]
    age_before: frozenset[str]
    age_after: tuple[str, ...]
    age_people: frozenset[str]
    age_comparatives: frozenset[str]
    not_year_before: frozenset[str]
    reference_prefixes: frozenset[str]
    not_after_arets: frozenset[str]


@cache
def load_timex() -> TimexLexicon:
    d: dict[str, Any] = load_yaml("timex.yaml")
    return TimexLexicon(
        months={str(k): int(v) for k, v in d["months"].items()},
        month_abbreviations={str(k): int(v) for k, v in d["month_abbreviations"].items()},
        seasons={str(k): str(v) for k, v in d["seasons"].items()},
        season_past={str(k): str(v) for k, v in d["season_past"].items()},
        quarters={str(k): str(v) for k, v in d["quarters"].items()},
        weekdays={str(k): int(v) for k, v in d["weekdays"].items()},
        relative={str(k): (str(v["grain"]), int(v["offset"])) for k, v in d["relative"].items()},
        today=tuple(d["today"]),
        today_after=frozenset(d["today_deictic_after"]),
        today_before=frozenset(d["today_deictic_before"]),
        future_cues=frozenset(d["future_cues"]),
        duration_units={str(k): (str(v[0]), float(v[1])) for k, v in d["duration_units"].items()},
        duration_infixes=tuple(d["duration_infixes"]),
        age_before=frozenset(d["age_before"]),
        age_after=tuple(d["age_after"]),
        age_people=frozenset(d["age_people"]),
        age_comparatives=frozenset(d["age_comparatives"]),
        not_year_before=frozenset(str(w).lower().rstrip(".") for w in d["not_year_before"]),
        reference_prefixes=frozenset(str(w).lower() for w in d["reference_prefixes"]),
        not_after_arets=frozenset(str(w).lower() for w in d["not_after_arets"]),
    )


# ----------------------------------------------------------------------------------------------
# Candidates
# ----------------------------------------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    label: DateLabel
    kind: str  # how the value is completed: "final", "noyear", "relative", "after_previous", ...
    value: str | None = None
    value_from: str | None = None
    value_to: str | None = None
    grain: str | None = None
    mod: Mod | None = None
    relative: bool = False
    anchor: str | None = None
    explicit_year: int | None = None  # the year it states, for later year-less mentions
    # what a year-less or relative expression needs to be completed
    month: int | None = None
    day: int | None = None
    day_to: int | None = None
    month_to: int | None = None
    season: str | None = None
    part: str | None = None  # "Q3", "H1"
    offset: int = 0
    rel_grain: str | None = None
    season_mode: str | None = None  # past | present | next | previous
    weekday: int | None = None
    weekday_mode: str | None = None
    priority: int = 0


# Years: 1000–2199. A year never touches digits, decimal commas, ":" or "/"-references.
_YEAR_CORE = r"(?<![\w,.:/§])(?<!\d )(?:1\d{3}|20\d{2}|21\d{2})"
_YEAR = _YEAR_CORE + r"(?![\w]|[:/]\d|,\d|\.\d)"
_DAY = r"(?<![\w,.:/])(?:[12]\d|3[01]|0?[1-9])(?::[ae])?(?![\w,]|[:/]\d)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load_timex()
    nl = load_lexicon()
    months = _alternation(list(lex.months))
    abbr = _alternation(list(lex.month_abbreviations))
    month_any = rf"(?:{months}|(?:{abbr})\.?)"
    seasons = _alternation(list(lex.seasons))
    season_past = _alternation(list(lex.season_past))
    ordinals = _alternation([w for w, v in nl.ordinals.items() if 0 < v <= 31])
    rel_year = r"i\s+år|samma\s+år|förra\s+året|i\s+fjol|nästa\s+år|året\s+därpå|året\s+efter"
    relative = _ws_alternation(lex.relative)
    units = _alternation(list(lex.duration_units))
    infix = _alternation(list(lex.duration_infixes))
    num_word = number_word_re()
    idioms = _ws_alternation([i for i in nl.idioms])
    duration_num = (
        rf"(?:(?<![\w-])(?:{idioms})(?![\w-])|(?<![\w,.:/-])\d{{1,3}}(?:,\d+)?(?![\d,.:/])|{num_word})"
    )
    weekdays = _alternation(list(lex.weekdays))
    I = re.IGNORECASE  # noqa: E741
    return {
        "day_month": re.compile(
            rf"(?P<day>{_DAY})(?:\s*[–—@-]\s*(?P<day2>{_DAY}))?\.?{WS}(?P<month>{month_any})(?![\w])"
            rf"(?:{WS}(?P<year>{_YEAR})|{WS}(?P<rel>{rel_year})(?![\w]))?",
            I,
        ),
        "ordinal_month": re.compile(
            rf"(?<![\w])(?P<dayw>{ordinals}){WS}(?P<month>{months})(?![\w])"
            rf"(?:{WS}(?P<year>{_YEAR})|{WS}(?P<rel>{rel_year})(?![\w]))?",
            I,
        ),
        "iso": re.compile(r"(?<![\w.:/-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w-]|:\d)"),
        "numeric": re.compile(
            r"(?<![\w.:/-])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:\s*-\s*|\s)(?P<y>(?:1[89]|20)\d\d)(?![\w/:-])"
        ),
        "month_year": re.compile(
            rf"(?<![\w])(?P<month>{months})(?:\s*[–-]\s*(?P<month2>{months}))?(?:{WS}månad)?"
            rf"(?:{WS}(?:år{WS})?(?P<year>{_YEAR})|{WS}(?P<rel>{rel_year})(?![\w]))",
            I,
        ),
        "month": re.compile(rf"(?<![\w])(?P<month>{months})(?![\w-])", I),
        "season_year": re.compile(
            rf"(?<![\w])(?P<season>{seasons}){WS}(?:år{WS})?(?P<year>{_YEAR_CORE})(?:/(?P<y2>\d{{2}}|\d{{4}}))?(?![\w]|/\d|:\d)",
            I,
        ),
        "season_past": re.compile(rf"(?<![\w])i{WS}(?P<season>{season_past})(?![\w])", I),
        "season_rel": re.compile(
            rf"(?<![\w])(?P<det>kommande|nästa|förra|föregående|denna|den\s+här|i|senaste)"
            rf"{WS}(?P<season>{seasons})(?![\w])",
            I,
        ),
        "season_bare": re.compile(
            r"(?<![\w])(?P<season>våren|sommaren|hösten|vintern)(?![\w])",
            I,
        ),
        "part_year": re.compile(
            rf"(?<![\w])(?P<ord>första|andra|tredje|fjärde|sista|1:a|2:a|3:e|4:e){WS}(?P<part>kvartalet|halvåret|halvan{WS}av|tertialet)"
            rf"(?:{WS}(?:år{WS}|av{WS})?(?P<year>{_YEAR})|{WS}(?P<rel>{rel_year})(?![\w]))?(?![\w])",
            I,
        ),
        "q_year": re.compile(rf"(?<![\w])(?:Q|kvartal{WS})(?P<q>[1-4]){WS}(?P<year>{_YEAR})"),
        "decade": re.compile(
            r"(?<![\w,.:/-])(?P<dec>1\d\d0|20\d0)-(?:tal(?:et|en|ets|ens)?(?![\w])|tals)", I
        ),
        "decade_open": re.compile(
            rf"(?<![\w,.:/-])(?P<dec>1\d\d0|20\d0)-(?={WS}(?:och|eller|till){WS}\d{{4}}-tal)", I
        ),
        "decade_short": re.compile(
            r"(?<![\w,.:/-])(?P<dec>[1-9]0)-(?:tal(?:et|en|ets|ens)(?![\w])|tals(?=\w))", I
        ),
        "year_range": re.compile(
            rf"(?P<y1>{_YEAR})(?:\s*[–—@-]\s*|{WS}till{WS}och{WS}med{WS})(?P<y2>{_YEAR}|\d{{2}}(?![\w]|[:/]\d))",
            I,
        ),
        # "2005/06:SfU4" and "2019/20:1" are document references, not years
        "year_slash": re.compile(rf"(?P<y1>{_YEAR_CORE})/(?P<y2>\d{{2}}|\d{{4}})(?![\w]|[:/]\w|-)"),
        "year_fused": re.compile(r"(?<![\w,.:/])(?P<y1>(?:19|20)\d\d)(?P<y2>(?:19|20)\d\d)(?![\w]|[:/]\d)"),
        "year": re.compile(_YEAR),
        "relative": re.compile(rf"(?<![\w])(?P<rel>{relative})(?![\w])", I),
        "today": re.compile(rf"(?<![\w])(?P<today>{_ws_alternation(lex.today)})(?![\w])", I),
        "after_year": re.compile(r"(?<![\w])(?P<phrase>året\s+därpå|året\s+efter|samma\s+år)(?![\w])", I),
        "ago_before": re.compile(
            rf"(?<![\w])för{WS}(?:(?:snart|drygt|knappt|cirka|ca|ungefär|omkring|nästan|närmare|över|mer{WS}än){WS})?\Z",
            I,
        ),
        "ago_after": re.compile(rf"{WS}sedan(?![\w])", I),
        "later_after": re.compile(rf"{WS}(?P<dir>senare|tidigare|därefter)(?![\w])", I),
        "duration": re.compile(
            rf"(?<![\w-])(?P<num>{duration_num})(?:{WS}(?P<infix>{infix}))?{WS}(?P<unit>{units})(?![\w-])", I
        ),
        "duration_compound": re.compile(
            rf"(?<![\w-])(?P<num>{number_word_parts_re()}|\d{{1,3}}-)"
            rf"(?P<suffix>års(?:period(?:en|er|erna)?|perspektiv(?:et)?)|årig(?:a|t|e)?)(?![\w])",
            I,
        ),
        "new_year": re.compile(
            rf"(?<![\w])(?P<word>årsskiftet|nyår|nyårsafton)"
            rf"(?:{WS}(?P<y1>{_YEAR_CORE})(?:/(?P<y2>\d{{2}}|\d{{4}}))?(?![\w/:]|,\d))?(?![\w/])",
            I,
        ),
        "weekday_past": re.compile(rf"(?<![\w])i{WS}(?P<wd>{weekdays})s(?![\w])", I),
        "weekday_def": re.compile(rf"(?<![\w])(?P<wd>{weekdays})en(?![\w])(?!,?{WS}den{WS}\d)", I),
        "weekday_next": re.compile(rf"(?<![\w])(?P<wd>{weekdays})(?![\w])(?!,?{WS}den{WS}\d)", I),
    }


def _prev_word(norm: str, start: int, n: int = 1) -> list[str]:
    """The n words before `start`, lower-cased, nearest last."""
    window = norm[max(0, start - 80) : start]
    words = re.findall(r"[\w§.:-]+", window.lower())
    return [w.rstrip(".:") if w not in ("s.", "nr.", "kap.") else w for w in words[-n:]]


def _duration_value(amount: float, designator: str) -> str:
    number = f"{amount:g}" if amount != int(amount) else str(int(amount))
    if designator == "H":
        return f"PT{number}H"
    if designator == "MIN":
        return f"PT{number}M"
    return f"P{number}{designator}"


def _year_from_two(y1: int, y2: str) -> int:
    if len(y2) == 4:
        return int(y2)
    century = y1 // 100 * 100
    year = century + int(y2)
    return year if year > y1 else year + 100


def _month_of(word: str) -> int | None:
    lex = load_timex()
    w = word.lower().rstrip(".")
    return lex.months.get(w) or lex.month_abbreviations.get(w)


def _valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: "29 februari" without a year is fine
    except ValueError:
        return False
    return True


def _ymd(year: int | None, month: int, day: int | None = None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    return f"{y}-{month:02d}" if day is None else f"{y}-{month:02d}-{day:02d}"


_RELATIVE_YEARS = {
    "i år": ("anchor", 0),
    "förra året": ("anchor", -1),
    "i fjol": ("anchor", -1),
    "nästa år": ("anchor", 1),
    "samma år": ("previous", 0),
    "året därpå": ("previous", 1),
    "året efter": ("previous", 1),
}


def _rel_year_offset(phrase: str | None) -> tuple[str, int] | None:
    """'i år' → ('anchor', 0); 'samma år' → ('previous', 0); 'året därpå' → ('previous', 1)."""
    if not phrase:
        return None
    return _RELATIVE_YEARS.get(" ".join(phrase.lower().split()))


def _relative_year(c: _Cand, phrase: str | None) -> bool:
    """Make `c` relative to a year ("mars i fjol", "tredje kvartalet i år") when `phrase` names
    one; False when it does not."""
    rel = _rel_year_offset(phrase)
    if rel is None:
        return False
    c.kind, c.rel_grain, c.offset = f"year_{rel[0]}", "year", rel[1]
    return True


def _generate(norm: str) -> list[_Cand]:
    pats = _patterns()
    lex = load_timex()
    nl = load_lexicon()
    out: list[_Cand] = []

    def add(c: _Cand) -> None:
        out.append(c)

    # full dates ---------------------------------------------------------------------------
    for name in ("day_month", "ordinal_month"):
        for m in pats[name].finditer(norm):
            month = _month_of(m.group("month"))
            if month is None:
                continue
            if name == "day_month":
                day = int(re.sub(r"\D", "", m.group("day")))
            else:
                day = nl.ordinals[m.group("dayw").lower()]
            day2 = (
                int(re.sub(r"\D", "", m.group("day2"))) if name == "day_month" and m.group("day2") else None
            )
            year = int(m.group("year")) if m.group("year") else None
            if not _valid_day(year, month, day) or (day2 is not None and not _valid_day(year, month, day2)):
                continue
            if day2 is not None and day2 <= day:
                continue
            # "1 maj" on its own is a date; an abbreviation needs a day (it has one here) and a bare
            # "maj"/"mars"/"jul" of a name is not matched because the day is required.
            c = _Cand(
                m.start(), m.end(), DateLabel.DATE, "final", grain="day", month=month, day=day, day_to=day2
            )
            if year is not None:
                c.explicit_year = year
                c.value = _ymd(year, month, day)
                if day2 is not None:
                    c.value_from, c.value_to = c.value, _ymd(year, month, day2)
                    c.value = f"{c.value_from}/{c.value_to}"
            elif not _relative_year(c, m.group("rel")):
                c.kind = "noyear"
            c.priority = 5
            add(c)

    for m in pats["iso"].finditer(norm):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if _valid_day(y, mo, d):
            add(
                _Cand(
                    m.start(), m.end(), DateLabel.DATE, "final", _ymd(y, mo, d), grain="day", explicit_year=y
                )
            )
    for m in pats["numeric"].finditer(norm):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if 1 <= mo <= 12 and _valid_day(y, mo, d):
            add(
                _Cand(
                    m.start(), m.end(), DateLabel.DATE, "final", _ymd(y, mo, d), grain="day", explicit_year=y
                )
            )

    # months ---------------------------------------------------------------------------------
    for m in pats["month_year"].finditer(norm):
        month = _month_of(m.group("month"))
        month2 = _month_of(m.group("month2")) if m.group("month2") else None
        assert month is not None
        c = _Cand(m.start(), m.end(), DateLabel.DATE, "final", grain="month", month=month, month_to=month2)
        if m.group("year"):
            year = int(m.group("year"))
            c.explicit_year = year
            c.value = _ymd(year, month)
            if month2:
                c.value_from, c.value_to = c.value, _ymd(year, month2)
                c.value = f"{c.value_from}/{c.value_to}"
        elif not _relative_year(c, m.group("rel")):
            continue
        c.priority = 4
        add(c)
    month_preps = {
        "i", "under", "från", "till", "sedan", "före", "efter", "innan", "av", "på", "inför", "per",
        "och", "eller", "mellan", "redan", "fram", "tom", "fom",
    }  # fmt: skip
    for m in pats["month"].finditer(norm):
        prev = _prev_word(norm, m.start())
        nxt = norm[m.end() : m.end() + 12]
        if not (prev and prev[0] in month_preps) and not re.match(r"\s*[–-]\s*\w", nxt):
            continue
        if m.group("month")[0].isupper() and not (prev and prev[0] in month_preps):
            continue
        month = _month_of(m.group("month"))
        assert month is not None
        add(_Cand(m.start(), m.end(), DateLabel.DATE, "noyear", grain="month", month=month, priority=1))

    # seasons --------------------------------------------------------------------------------
    for m in pats["season_year"].finditer(norm):
        season = lex.seasons[m.group("season").lower()]
        year = int(m.group("year"))
        c = _Cand(m.start(), m.end(), DateLabel.DATE, "final", f"{year}-{season}", grain="season")
        c.explicit_year = year
        c.priority = 4
        add(c)
    for m in pats["season_past"].finditer(norm):
        season = lex.season_past[m.group("season").lower()]
        add(
            _Cand(
                m.start(),
                m.end(),
                DateLabel.DATE,
                "season",
                grain="season",
                season=season,
                season_mode="past",
            )
        )
    for m in pats["season_rel"].finditer(norm):
        det = re.sub(r"\s+", " ", m.group("det").lower())
        season_word = m.group("season").lower()
        if det == "i":
            if season_word not in ("vår", "sommar", "höst", "vinter"):
                continue
            after = norm[m.end() : m.end() + 12]
            if season_word == "vår" and not re.match(
                r"\s*(?:[.,;:!?)]|$|och\b|eller\b|ska\b|kommer\b)", after
            ):
                continue  # "i vår rapport" is "in our report"
        mode = {
            "kommande": "next",
            "nästa": "next",
            "förra": "previous",
            "föregående": "previous",
            "senaste": "previous",
        }.get(det, "present")
        season = lex.seasons[season_word]
        add(
            _Cand(
                m.start(), m.end(), DateLabel.DATE, "season", grain="season", season=season, season_mode=mode
            )
        )
    for m in pats["season_bare"].finditer(norm):
        if _prev_word(norm, m.start()) not in (
            ["under"],
            ["till"],
            ["inför"],
            ["sedan"],
            ["efter"],
            ["före"],
            ["på"],
            ["i"],
        ):
            continue
        season = lex.seasons[m.group("season").lower()]
        add(_Cand(m.start(), m.end(), DateLabel.DATE, "noyear", grain="season", season=season, priority=0))

    # quarters and halves ------------------------------------------------------------------------
    ord_map = {"första": 1, "1:a": 1, "andra": 2, "2:a": 2, "tredje": 3, "3:e": 3, "fjärde": 4, "4:e": 4}
    for m in pats["part_year"].finditer(norm):
        part_word = re.sub(r"\s+", " ", m.group("part").lower())
        letter = lex.quarters.get(part_word, "H")
        ordw = m.group("ord").lower()
        n = ord_map.get(ordw, {"Q": 4, "H": 2, "T": 3}[letter] if ordw == "sista" else 0)
        limit = {"Q": 4, "H": 2, "T": 3}[letter]
        if not 1 <= n <= limit:
            continue
        c = _Cand(
            m.start(),
            m.end(),
            DateLabel.DATE,
            "final",
            grain={"Q": "quarter", "H": "half", "T": "tertial"}[letter],
        )
        c.part = f"{letter}{n}"
        if m.group("year"):
            year = int(m.group("year"))
            c.value, c.explicit_year = f"{year}-{c.part}", year
        elif not _relative_year(c, m.group("rel")):
            c.kind = "noyear"
        c.priority = 4
        add(c)
    for m in pats["q_year"].finditer(norm):
        year = int(m.group("year"))
        add(
            _Cand(
                m.start(),
                m.end(),
                DateLabel.DATE,
                "final",
                f"{year}-Q{m.group('q')}",
                grain="quarter",
                explicit_year=year,
            )
        )

    # decades and centuries ------------------------------------------------------------------------
    for name in ("decade", "decade_open"):
        for m in pats[name].finditer(norm):
            dec = int(m.group("dec"))
            if dec % 100 == 0:
                value, grain = str(dec // 100), "century"
            else:
                value, grain = str(dec // 10), "decade"
            add(_Cand(m.start(), m.end(), DateLabel.DATE, "final", value, grain=grain, priority=3))
    for m in pats["decade_short"].finditer(norm):
        dec = int(m.group("dec"))
        century = 19 if dec >= 30 else 20
        add(
            _Cand(
                m.start(),
                m.end(),
                DateLabel.DATE,
                "final",
                f"{century}{dec // 10}",
                grain="decade",
                priority=3,
            )
        )

    # years and year ranges -------------------------------------------------------------------------
    for m in pats["year_range"].finditer(norm):
        y1 = int(m.group("y1"))
        y2 = _year_from_two(y1, m.group("y2"))
        if not (y1 < y2 <= y1 + 100):
            continue
        c = _Cand(m.start(), m.end(), DateLabel.DATE, "final", f"{y1}/{y2}", str(y1), str(y2), grain="year")
        c.explicit_year = y2
        c.priority = 3
        add(c)
    for m in pats["year_slash"].finditer(norm):
        y1 = int(m.group("y1"))
        if not 1800 <= y1 <= 2100:
            continue
        y2 = _year_from_two(y1, m.group("y2"))
        if y2 != y1 + 1:
            continue  # "2021/417" is a file number, "2019/20" a session or financial year
        c = _Cand(m.start(), m.end(), DateLabel.DATE, "final", f"{y1}/{y2}", str(y1), str(y2), grain="year")
        c.explicit_year = y1
        c.priority = 3
        add(c)
    for m in pats["year_fused"].finditer(norm):
        # "20132016": a range whose dash was lost in extraction
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2 <= y1 + 50:
            c = _Cand(
                m.start(), m.end(), DateLabel.DATE, "final", f"{y1}/{y2}", str(y1), str(y2), grain="year"
            )
            c.explicit_year = y2
            c.priority = 2
            add(c)
    cur = load_currencies()
    for m in pats["year"].finditer(norm):
        year = int(m.group(0))
        prev = _prev_word(norm, m.start(), 2)
        prev1 = prev[-1] if prev else ""
        if prev1 in lex.not_year_before or prev1 in ("s", "sid", "nr", "kap", "art"):
            continue
        ref = re.search(r"(\w+)\(\Z", norm[max(0, m.start() - 6) : m.start()])
        if ref and ref.group(1).lower() in lex.reference_prefixes:
            continue
        if not (1800 <= year <= 2099 or prev1 in ("år", "året", "sedan", "från", "under")):
            continue
        after = norm[m.end() : m.end() + 30]
        wm = re.match(r"\s*([^\W\d_][\w-]*|%)", after)
        if wm and wm.group(1).lower() in cur.count_nouns | set(cur.words) | set(cur.percent):
            continue
        if re.match(r"\s*(?:miljon|miljard|tusen|kr\b|kronor|%)", after, re.IGNORECASE):
            continue
        c = _Cand(m.start(), m.end(), DateLabel.DATE, "final", str(year), grain="year", explicit_year=year)
        c.priority = 1
        add(c)

    # relative expressions -------------------------------------------------------------------------
    for m in pats["relative"].finditer(norm):
        key = re.sub(r"\s+", " ", m.group("rel").lower())
        grain, offset = lex.relative[key]
        if key.endswith("s"):  # genitive: "årets budget", not "årets kallaste dag"
            nxt = re.match(r"\s+(\w+)", norm[m.end() : m.end() + 30])
            word = nxt.group(1).lower() if nxt else ""
            if not word or word in lex.not_after_arets or re.search(r"(?:aste|sta|ste)$", word):
                continue
        add(
            _Cand(
                m.start(),
                m.end(),
                DateLabel.DATE,
                "relative",
                grain=grain,
                rel_grain=grain,
                offset=offset,
                priority=2,
            )
        )
    for m in pats["today"].finditer(norm):
        before = _prev_word(norm, m.start())
        after = re.match(r"[\s,]*(\w+)\s+(\d)", norm[m.end() : m.end() + 20])
        deictic = bool(before and before[0] in lex.today_before) or bool(
            after and after.group(1).lower() in lex.today_after
        )
        if deictic:
            add(_Cand(m.start(), m.end(), DateLabel.DATE, "relative", grain="day", rel_grain="day", offset=0))
    for m in pats["after_year"].finditer(norm):
        phrase = re.sub(r"\s+", " ", m.group("phrase").lower())
        if phrase == "samma år":
            continue  # only as part of a date ("23 februari samma år")
        add(
            _Cand(
                m.start(), m.end(), DateLabel.DATE, "year_previous", grain="year", rel_grain="year", offset=1
            )
        )
    for m in pats["new_year"].finditer(norm):
        c = _Cand(m.start(), m.end(), DateLabel.DATE, "newyear", grain="day")
        if m.group("y1"):
            # "årsskiftet 2014/15" is 2015-01-01; "nyårsafton 2020" is 2020-12-31
            y1 = int(m.group("y1"))
            y2 = _year_from_two(y1, m.group("y2")) if m.group("y2") else y1 + 1
            if y2 != y1 + 1:
                continue
            if m.group("word").lower() == "nyårsafton" and not m.group("y2"):
                c.kind, c.value, c.explicit_year = "final", f"{y1:04d}-12-31", y1
            else:
                c.kind, c.value, c.explicit_year = "final", f"{y2:04d}-01-01", y2
        elif m.group("word").lower() != "årsskiftet":
            continue
        add(c)
    for name, mode in (("weekday_past", "past"), ("weekday_def", "past"), ("weekday_next", "next")):
        for m in pats[name].finditer(norm):
            prev = _prev_word(norm, m.start())
            if name == "weekday_def" and prev not in (["under"], ["på"], ["i"]):
                continue
            if name == "weekday_next" and prev != ["på"]:
                continue
            wd = lex.weekdays[m.group("wd").lower()]
            add(
                _Cand(
                    m.start(), m.end(), DateLabel.DATE, "weekday", grain="day", weekday=wd, weekday_mode=mode
                )
            )

    # durations ---------------------------------------------------------------------------------
    for m in pats["duration"].finditer(norm):
        num_text = m.group("num")
        n = parse_number(num_text)
        if n is None or n <= 0:
            continue
        unit_word = m.group("unit").lower()
        designator, mult = lex.duration_units[unit_word]
        whole = n == int(n) and m.group("infix") is None
        # "för två veckor sedan" is a date N units before the document date
        ago = pats["ago_before"].search(norm, max(0, m.start() - 24), m.start())
        ago_end = pats["ago_after"].match(norm, m.end())
        if whole and ago and ago_end and designator in ("Y", "M", "W", "D") and mult == 1:
            grain = {"Y": "year", "M": "month", "W": "week", "D": "day"}[designator]
            c = _Cand(
                ago.start(), ago_end.end(), DateLabel.DATE, "relative", grain=grain, rel_grain=grain,
                offset=-int(n), priority=4,
            )  # fmt: skip
            c.mod, _ = modifier_before(norm, m.start(), "durations")
            add(c)
            continue
        # "ett år senare": a year after the previous date in the text
        later = pats["later_after"].match(norm, m.end())
        if whole and later and unit_word == "år":
            sign = -1 if later.group("dir").lower() == "tidigare" else 1
            add(
                _Cand(
                    m.start(), later.end(), DateLabel.DATE, "year_previous", grain="year", rel_grain="year",
                    offset=sign * int(n), priority=4,
                )
            )  # fmt: skip
            continue
        if num_text.strip().lower() in ("en", "ett") and unit_word in (
            "års",
            "dagars",
            "veckors",
            "månaders",
            "timmars",
        ):
            continue
        if _is_age(norm, m.start(), m.end(), unit_word):
            continue
        if re.match(rf"{WS}till{WS}ett{WS}annat", norm[m.end() : m.end() + 25], re.IGNORECASE):
            continue  # "från ett år till ett annat": from one year to the next
        value = _duration_value(n * mult, designator)
        c = _Cand(m.start(), m.end(), DateLabel.DURATION, "duration", value, priority=2)
        c.mod, cue_start = modifier_before(norm, m.start(), "durations")
        if c.mod == Mod.MORE_THAN and _spread_over(norm, cue_start):
            c.mod = None
        before = norm[max(0, m.start() - 30) : m.start()].lower()
        if designator == "Y" and re.search(
            r"(?:^|\W)(?:de|under\s+de)\s+(?:senaste|gångna|föregående)\s+\Z", before
        ):
            c.kind = "last_years"
            c.offset = int(n * mult) if n * mult == int(n * mult) else 0
        add(c)
    for m in pats["duration_compound"].finditer(norm):
        raw = m.group("num").rstrip("-")
        n = parse_number(raw)
        if n is None or n <= 0 or n != int(n):
            continue
        c = _Cand(m.start(), m.end(), DateLabel.DURATION, "duration", f"P{int(n)}Y", priority=2)
        c.mod, _ = modifier_before(norm, m.start(), "durations")
        if _prev_word(norm, m.start()) in (["varje"], ["var"], ["vart"], ["per"]):
            c.label, c.kind = DateLabel.SET, "final"  # "varje femårsperiod": once every five years
        add(c)
    return out


def _spread_over(norm: str, cue_start: int) -> bool:
    """'15 miljarder över tre år': "över" right after an amount spreads it over the period; it
    is no "more than" (that reading needs a verb or preposition before: "i över tre år")."""
    if not norm[cue_start : cue_start + 4].lower() == "över":
        return False
    before = norm[max(0, cue_start - 30) : cue_start].lower()
    scales = "|".join(map(re.escape, load_lexicon().scales))
    return bool(re.search(rf"(?:\d|\b(?:{scales}|kronor|kr|euro|procent)|%)\s+\Z", before))


def _is_age(norm: str, start: int, end: int, unit_word: str) -> bool:
    """'personer över 65 år', '65 år och äldre', 'unga mellan 15 och 24 år', 'är 18 år'."""
    if unit_word not in ("år", "års"):
        return False
    lex = load_timex()
    after = norm[end : end + 16].lower()
    if any(re.match(rf"\s+{re.escape(a)}(?!\w)", after) for a in lex.age_after):
        return True
    before_words = _prev_word(norm, start, 4)
    if before_words and before_words[-1] in lex.age_before:
        return True
    comparisons = ("över", "under", "minst", "högst", "drygt", "knappt", "nästan", "bara", "endast")
    if len(before_words) >= 2 and before_words[-1] in comparisons and before_words[-2] in lex.age_before:
        return True  # "de som är över 65 år"
    if len(before_words) >= 2 and before_words[-1] == "än" and before_words[-2] in lex.age_comparatives:
        return True  # "inte yngre än 25 år", "äldre än 14–15 år"
    if any("ålder" in w or "åldr" in w for w in before_words):
        return True  # "pensionsåldern till 66 år", "åldersgruppen 30–49 år", "i åldrarna 65 t.o.m. 80 år"
    # "mellan 15 och 24 år", "15–24 år", "över/under 65 år" after a person noun
    window = norm[max(0, start - 60) : start].lower()
    num = rf"(?:\d{{1,3}}|{number_word_re()})"
    if re.search(r"\d{1,3}\s*[–—@-]\s*\Z", window):
        return True  # "16–24 år" is an age group far more often than a span of years
    m = re.search(
        rf"(?:(?P<pre>över|under|mellan|från|upp\s+till)\s+)(?:{num}\s*(?:[–—@-]|och|till)\s*)?\Z", window
    )
    if m:
        words = re.findall(r"\w+", window[: m.start()])
        if words and (words[-1] in lex.age_people or words[-1].endswith("åringar")):
            return True
        if m.group("pre") == "mellan" and re.search(rf"\b(?:{'|'.join(lex.age_people)})\b", window):
            return True
    return False


# ----------------------------------------------------------------------------------------------
# Selection and resolution
# ----------------------------------------------------------------------------------------------


def _select(cands: list[_Cand], blocked: list[tuple[int, int]]) -> list[_Cand]:
    """Longest first (then priority), no overlaps, nothing inside an amount."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    # taken stretches, disjoint and sorted by start (blocked amounts never overlap each other)
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(blocked):
        if ends and s < ends[-1]:  # merge, should two amounts ever overlap
            ends[-1] = max(ends[-1], e)
            continue
        starts.append(s)
        ends.append(e)
    chosen: list[_Cand] = []
    for c in order:
        i = bisect.bisect_left(starts, c.end)  # stretches starting before c ends: indexes < i
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _season_bounds(year: int, season: str) -> tuple[dt.date, dt.date]:
    first, last = _SEASON_MONTHS[season]
    start = dt.date(year, first, 1)
    end_year = year + 1 if season == "WI" else year
    end = _month_end(end_year, last)
    return start, end


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _choose_year(anchor: dt.date, start_of: Any, end_of: Any, future: bool) -> int:
    """The year of a year-less period: the document's year, unless the period then lies well
    after the document date (→ last year) or, with a future cue, well before it (→ next year)."""
    year = anchor.year
    if start_of(year) > anchor + dt.timedelta(days=92) and not future:
        return year - 1
    if end_of(year) < anchor - dt.timedelta(days=31) and future:
        return year + 1
    return year


def _resolve(norm: str, chosen: list[_Cand], anchor: dt.date | None) -> None:
    lex = load_timex()
    bounds = sentence_bounds(norm)
    iso_anchor = anchor.isoformat() if anchor else None
    last_year: int | None = None
    sentence_years: list[tuple[int, int]] = []  # (position, year) of explicit years
    for c in chosen:
        if c.explicit_year is not None:
            sentence_years.append((c.start, c.explicit_year))

    year_positions = [p for p, _ in sentence_years]  # in text order: `chosen` is sorted

    def context_year(pos: int) -> int | None:
        """The last explicit year stated before `pos` in the same sentence."""
        s = _sentence_of(bounds, pos)
        i = bisect.bisect_left(year_positions, pos) - 1
        if i >= 0 and year_positions[i] >= s[0]:
            return sentence_years[i][1]
        return None

    def future_cue(pos: int, end: int) -> bool:
        """A future cue in the same clause, up to eight words before or three after the mention
        ("planerar att lämna förslag till riksdagen i september": eight words back)."""
        s = _sentence_of(bounds, pos)
        # bounded windows: eight words fit in 200 characters, and a long unpunctuated text
        # must not make this quadratic
        before = re.split(r"[,;:()–]", norm[max(s[0], pos - 200) : pos])[-1]
        after = re.split(r"[,;:()–.]", norm[end : max(end, min(s[1], end + 120))])[0]
        words = re.findall(r"\w+", before.lower())[-8:] + re.findall(r"\w+", after.lower())[:3]
        return bool(set(words) & lex.future_cues)

    for c in chosen:
        if c.kind == "final":
            pass
        elif c.kind in ("noyear", "year_anchor", "year_previous", "relative"):
            year: int | None = None
            if c.kind == "year_previous":
                if last_year is not None:
                    year = last_year + c.offset
                c.relative = True
            elif c.kind == "year_anchor":
                if anchor is not None:
                    year = anchor.year + c.offset
                    c.anchor = iso_anchor
                c.relative = True
            elif c.kind == "noyear":
                ctx = context_year(c.start)
                if ctx is not None:
                    year = ctx
                else:
                    c.relative = True
                    if anchor is not None:
                        c.anchor = iso_anchor
                        year = _year_for_partial(c, anchor, future_cue(c.start, c.end))
            else:  # relative to the anchor in its own grain
                c.relative = True
                if anchor is not None:
                    c.anchor = iso_anchor
                    c.value = _relative_value(anchor, c.rel_grain or "year", c.offset)
                    if c.rel_grain == "year":
                        year = anchor.year + c.offset
                if c.value is not None and c.rel_grain == "year":
                    last_year = int(c.value)
                continue
            c.value = _fill(c, year)
            if year is not None and c.month is None and c.season is None and c.part is None:
                c.value = f"{year:04d}"
        elif c.kind == "season":
            c.relative = True
            if anchor is not None:
                c.anchor = iso_anchor
                year = _season_year(anchor, c.season or "SP", c.season_mode or "present")
                c.value = f"{year:04d}-{c.season}"
            else:
                c.value = f"XXXX-{c.season}"
        elif c.kind == "newyear":
            c.relative = True
            if anchor is not None:
                c.anchor = iso_anchor
                year = anchor.year + 1 if anchor.month >= 7 else anchor.year
                c.value = f"{year:04d}-01-01"
        elif c.kind == "weekday":
            c.relative = True
            if anchor is not None and c.weekday is not None:
                c.anchor = iso_anchor
                delta = (anchor.weekday() - c.weekday) % 7
                if c.weekday_mode == "past":
                    day = anchor - dt.timedelta(days=delta or 7)
                else:
                    day = anchor + dt.timedelta(days=((c.weekday - anchor.weekday()) % 7) or 7)
                c.value = day.isoformat()
            else:
                c.value = None
        elif c.kind == "last_years":
            c.relative = True
            if anchor is not None and c.offset:
                c.anchor = iso_anchor
                c.value_from, c.value_to = str(anchor.year - c.offset), str(anchor.year)
        if c.value and re.match(r"\d{4}", c.value) and c.label == DateLabel.DATE:
            last_year = int(c.value[:4]) if "/" not in c.value else int(c.value.split("/")[-1][:4])


def _fill(c: _Cand, year: int | None) -> str | None:
    if c.month is not None:
        if c.day is not None:
            value = _ymd(year, c.month, c.day)
            if c.day_to is not None:
                c.value_from, c.value_to = value, _ymd(year, c.month, c.day_to)
                return f"{c.value_from}/{c.value_to}"
            return value
        value = _ymd(year, c.month)
        if c.month_to is not None:
            c.value_from, c.value_to = value, _ymd(year, c.month_to)
            return f"{c.value_from}/{c.value_to}"
        return value
    y = f"{year:04d}" if year is not None else "XXXX"
    if c.season is not None:
        return f"{y}-{c.season}"
    if c.part is not None:
        return f"{y}-{c.part}"
    return None if year is None else y


def _year_for_partial(c: _Cand, anchor: dt.date, future: bool) -> int:
    if c.month is not None:
        month, day = c.month, c.day

        def start_of(y: int) -> dt.date:
            return dt.date(y, month, day or 1) if _valid_day(y, month, day or 1) else dt.date(y, month, 1)

        def end_of(y: int) -> dt.date:
            return start_of(y) if day else _month_end(y, month)

        return _choose_year(anchor, start_of, end_of, future)
    if c.season is not None:
        season = c.season
        return _choose_year(
            anchor, lambda y: _season_bounds(y, season)[0], lambda y: _season_bounds(y, season)[1], future
        )
    if c.part is not None:
        letter, n = c.part[0], int(c.part[1:])
        size = {"Q": 3, "H": 6, "T": 4}[letter]
        first = (n - 1) * size + 1
        return _choose_year(
            anchor, lambda y: dt.date(y, first, 1), lambda y: _month_end(y, first + size - 1), future
        )
    return anchor.year


def _season_year(anchor: dt.date, season: str, mode: str) -> int:
    """'i våras' (past), 'i vår'/'denna höst' (present), 'kommande vinter' (next), 'förra hösten'."""
    candidates = range(anchor.year - 2, anchor.year + 2)
    if mode == "past":
        # the latest such season that had begun a month before the document date
        return max(y for y in candidates if _season_bounds(y, season)[0] + dt.timedelta(days=30) <= anchor)
    if mode == "previous":
        return max(y for y in candidates if _season_bounds(y, season)[1] < anchor)
    if mode == "next":
        return min(y for y in candidates if _season_bounds(y, season)[1] >= anchor)
    # present ("i vår", "i höst", "denna höst"): the one the document date falls in; else the
    # coming one ("i höst" said in March is next autumn, the past one is "i höstas"), unless
    # the last one ended less than a month ago ("i vinter" said in early March).
    for y in candidates:
        start, end = _season_bounds(y, season)
        if start <= anchor <= end:
            return y
    recent = [
        y
        for y in candidates
        if dt.timedelta(0) < anchor - _season_bounds(y, season)[1] <= dt.timedelta(days=31)
    ]
    if recent:
        return recent[-1]
    return min(y for y in candidates if _season_bounds(y, season)[0] > anchor)


def _relative_value(anchor: dt.date, grain: str, offset: int) -> str:
    if grain == "year":
        return f"{anchor.year + offset:04d}"
    if grain == "month":
        y, m = _shift_month(anchor.year, anchor.month, offset)
        return f"{y:04d}-{m:02d}"
    if grain == "week":
        day = anchor + dt.timedelta(weeks=offset)
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return (anchor + dt.timedelta(days=offset)).isoformat()


_ANCHOR_YEARS = range(1000, 3000)  # relative arithmetic reaches a few years either side


def _coerce_anchor(anchor: Any) -> dt.date | None:
    """A usable document date, or None (unreadable, or a year like 1 or 9999 that no document
    has and that would overflow `datetime.date` when shifted)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    elif isinstance(anchor, str):
        try:
            anchor = dt.date.fromisoformat(anchor.strip()[:10])
        except ValueError:
            return None
    if isinstance(anchor, dt.date) and anchor.year in _ANCHOR_YEARS:
        return anchor
    return None


def extract_dates(text: str, anchor: dt.date | str | None = None) -> list[DateMention]:
    """All dates and durations in `text` (one document), in order.

    `anchor` is the document's date (a `date`, or an ISO string; anything unreadable counts as
    none); relative and year-less expressions are resolved against it. Offsets index `text`; `mention.text == text[mention.start:mention.end]`.
    """
    if not isinstance(text, str) or not text:
        return []
    anchor_date = _coerce_anchor(anchor)
    mt, amounts = match_text_and_amounts(text)
    norm = mt.norm
    blocked = [(a.start, a.end) for a in amounts]
    chosen = _select(_generate(norm), blocked)
    for c in chosen:
        if c.label == DateLabel.DATE and c.kind in ("final",) and c.grain in ("year", "decade", "century"):
            mod, _ = modifier_before(norm, c.start, "dates")
            c.mod = c.mod or mod
    _resolve(norm, chosen, anchor_date)
    out = []
    for c in chosen:
        start, end = mt.span(c.start, c.end)
        out.append(
            DateMention(
                start=start,
                end=end,
                text=text[start:end],
                label=c.label,
                value=c.value,
                value_from=c.value_from,
                value_to=c.value_to,
                grain=c.grain if c.label == DateLabel.DATE else None,
                mod=c.mod,
                relative=c.relative,
                anchor=c.anchor,
            )
        )
    return out
