"""Dates and durations in real Swedish sentences: table-driven, TIMEX3-style values.

Sources: the seeds, Riksdag interpellations and answers in ../shared/data/riksdag-qa/dev (file id
in the comment; short quotes, the files are not read here) and sentences written for the traps
the issue lists ("own"). Expected values are written by hand, never copied from the output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from debatt_nlp.schema import DateMention
from debatt_nlp.swedish.timex import extract_dates

SEED_000_DATE = dt.date(2021, 3, 22)
SEED_001_DATE = dt.date(2021, 10, 25)
AUTUMN = dt.date(2010, 11, 16)  # a Riksdag answer date (ipq-201011 session)


def _find(dates: list[DateMention], span_text: str) -> DateMention:
    found = [d for d in dates if d.text == span_text]
    assert found, f"{span_text!r} not in {[d.text for d in dates]}"
    return found[0]


# (sentence, span text, value, grain) with explicit years: no anchor needed
ABSOLUTE = [
    # seeds
    ("Stockholm den 22 mars 2021", "22 mars 2021", "2021-03-22", "day"),
    ("Stockholm den 25 oktober 2021", "25 oktober 2021", "2021-10-25", "day"),
    ("budgeten skulle höjas till 48 miljoner kronor år 2020", "2020", "2020", "year"),
    ("och 54,7 miljoner 2021.", "2021", "2021", "year"),
    ("har sedan 2004 haft möjligheten", "2004", "2004", "year"),
    ("anslag på samma nivå som för år 2019", "2019", "2019", "year"),
    ("att inför budget 2022 för Stockholms samordningsförbund kämpa", "2022", "2022", "year"),
    ("inklusive för det kommande verksamhetsåret 2022.", "2022", "2022", "year"),
    ("Stockholms stad har haft ett samordningsförbund sedan 2016.", "2016", "2016", "year"),
    # dev files
    ("Regeringen beslutade den 6 oktober 2006 att", "6 oktober 2006", "2006-10-06", "day"),
    ("På våren 2005 utlöstes en kris i EU", "våren 2005", "2005-SP", "season"),
    ("inledde den här processen hösten 2020 och föreslog", "hösten 2020", "2020-FA", "season"),
    ("en konferens med kandidatländerna under våren 2011.", "våren 2011", "2011-SP", "season"),
    ("som sedan början av 1990-talet genomgått reformer", "1990-talet", "199", "decade"),
    ("Sedan 1950-talet har det svenska virkesförrådet ökat", "1950-talet", "195", "decade"),
    ("utgjorde den 1 oktober 2018 över 30 procent", "1 oktober 2018", "2018-10-01", "day"),
    ("minska utsläppen med 40 procent mellan 1990 och 2020", "1990", "1990", "year"),
    ("minska utsläppen med 40 procent mellan 1990 och 2020", "2020", "2020", "year"),
    ("Alaestra, Lunds universitet, maj 2008) visar", "maj 2008", "2008-05", "month"),
    ("ska minska med minst 70 procent till år 2030.", "2030", "2030", "year"),
    # own
    ("Beslutet fattades i juni 2018.", "juni 2018", "2018-06", "month"),
    ("Beslutet fattades i mars 2021.", "mars 2021", "2021-03", "month"),
    ("Produktionen sjönk under tredje kvartalet 1999.", "tredje kvartalet 1999", "1999-Q3", "quarter"),
    ("Under första kvartalet 2020 ökade arbetslösheten.", "första kvartalet 2020", "2020-Q1", "quarter"),
    ("Under första halvåret 2007 ökade exporten.", "första halvåret 2007", "2007-H1", "half"),
    ("Lagen gäller från den 1 januari 2022.", "1 januari 2022", "2022-01-01", "day"),
    ("Mötet hölls den 3 april 2019 i Bryssel.", "3 april 2019", "2019-04-03", "day"),
    ("Remisstiden gick ut 2019-04-03.", "2019-04-03", "2019-04-03", "day"),
    ("Sommaren 2018 var extremt torr.", "Sommaren 2018", "2018-SU", "season"),
    ("Vintern 2010 var kall.", "Vintern 2010", "2010-WI", "season"),
    ("Reformen genomfördes på 1980-talet.", "1980-talet", "198", "decade"),
    ("Den 11 september 2001 förändrade världen.", "11 september 2001", "2001-09-11", "day"),
    ("Den elfte september 2001 förändrade världen.", "elfte september 2001", "2001-09-11", "day"),
    ("Rapporten kom den 31 december 2020.", "31 december 2020", "2020-12-31", "day"),
    ("Budgeten för 2023 är beslutad.", "2023", "2023", "year"),
    ("Under räkenskapsåret 2019 gick bolaget med vinst.", "2019", "2019", "year"),
    ("I januari 2015 infördes avgiften.", "januari 2015", "2015-01", "month"),
    ("Den 29 februari 2020 var en lördag.", "29 februari 2020", "2020-02-29", "day"),
    ("Lagen ändrades 1 jan. 2020.", "1 jan. 2020", "2020-01-01", "day"),
    ("tänkt att träda i kraft vid årsskiftet 2014/15 men", "årsskiftet 2014/15", "2015-01-01", "day"),
    ("Smällandet börjar på nyårsafton 2020.", "nyårsafton 2020", "2020-12-31", "day"),
]


@pytest.mark.parametrize(("sentence", "span", "value", "grain"), ABSOLUTE)
def test_absolute_dates(sentence: str, span: str, value: str, grain: str) -> None:
    d = _find(extract_dates(sentence), span)
    assert sentence[d.start : d.end] == d.text
    assert d.label.value == "DATE"
    assert d.value == value
    assert d.grain == grain
    assert d.relative is False


RANGES = [
    ("Planen gäller för perioden 2020–2022.", "2020–2022", "2020", "2022"),
    ("Planen gäller 2020-2022.", "2020-2022", "2020", "2022"),
    ("under perioden 1996@2000, då framför allt", "1996@2000", "1996", "2000"),  # interpellations-dev
    ("Under åren 2015–17 ökade kostnaderna.", "2015–17", "2015", "2017"),
    ("Konferensen hölls 12–14 maj 2019.", "12–14 maj 2019", "2019-05-12", "2019-05-14"),
]


@pytest.mark.parametrize(("sentence", "span", "value_from", "value_to"), RANGES)
def test_date_ranges(sentence: str, span: str, value_from: str, value_to: str) -> None:
    d = _find(extract_dates(sentence), span)
    assert (d.value_from, d.value_to) == (value_from, value_to)
    assert d.value == f"{value_from}/{value_to}"


# Relative and year-less expressions against an anchor: (sentence, anchor, span, value)
RELATIVE = [
    # own, with the seeds' dates as anchors
    ("Anslaget höjdes i fjol.", SEED_000_DATE, "i fjol", "2020"),
    ("Anslaget höjdes förra året.", SEED_000_DATE, "förra året", "2020"),
    ("Anslaget höjs i år.", SEED_000_DATE, "i år", "2021"),
    ("Anslaget höjs nästa år.", SEED_000_DATE, "nästa år", "2022"),
    ("Frågan togs upp i höstas.", SEED_000_DATE, "i höstas", "2020-FA"),
    ("Frågan togs upp i våras.", SEED_001_DATE, "i våras", "2021-SP"),
    ("Frågan togs upp i somras.", SEED_001_DATE, "i somras", "2021-SU"),
    ("Vi ses igen i höst.", SEED_000_DATE, "i höst", "2021-FA"),
    ("Beslutet kommer i vår.", dt.date(2021, 1, 15), "i vår", "2021-SP"),
    ("Beslutet kommer i höst.", dt.date(2021, 10, 5), "i höst", "2021-FA"),
    ("Frågan utreds under kommande vinter.", SEED_001_DATE, "kommande vinter", "2021-WI"),
    ("Vi fattar beslut i dag den 22 mars.", SEED_000_DATE, "i dag", "2021-03-22"),
    ("Mötet hölls den 3 april.", SEED_001_DATE, "3 april", "2021-04-03"),
    ("inför nästkommande verksamhetsår.", SEED_001_DATE, "nästkommande verksamhetsår", "2022"),
    ("Det kom ett beslut i går.", SEED_000_DATE, "i går", "2021-03-21"),
    ("Beslutet fattas i morgon.", SEED_000_DATE, "i morgon", "2021-03-23"),
    ("Vi möttes förra månaden.", SEED_000_DATE, "förra månaden", "2021-02"),
    # dev files (answer dates of the 2010/11 session)
    ("i en interpellation i april i år.", AUTUMN, "april i år", "2010-04"),
    ("Den 31 oktober i år genomfördes en attack", AUTUMN, "31 oktober i år", "2010-10-31"),
    ("sitt betänkande senast den 31 december i år.", AUTUMN, "31 december i år", "2010-12-31"),
    ("I oktober i år fattade ministerrådet beslut", AUTUMN, "oktober i år", "2010-10"),
    ("och som förutses öka markant redan nästa år.", AUTUMN, "nästa år", "2011"),
    ("ett råd som regeringen i våras beslutade skulle tillsättas", AUTUMN, "i våras", "2010-SP"),
    # interpellations-dev ipq-201516--0448 (1 March 2016): a plan for the coming September
    (
        "anger regeringen att man planerar att lämna förslag till riksdagen i september månad",
        dt.date(2016, 3, 1),
        "september",
        "2016-09",
    ),
    ("Kommissionen lade fram förslaget i september.", dt.date(2016, 3, 1), "september", "2015-09"),
]


@pytest.mark.parametrize(("sentence", "anchor", "span", "value"), RELATIVE)
def test_relative_dates(sentence: str, anchor: dt.date, span: str, value: str) -> None:
    d = _find(extract_dates(sentence, anchor), span)
    assert d.value == value
    assert d.relative is True
    assert d.anchor == anchor.isoformat()
    assert sentence[d.start : d.end] == d.text


def test_year_less_date_takes_the_sentence_year() -> None:
    # own: a year stated earlier in the sentence completes "i juni"; nothing relative about it
    d = _find(extract_dates("I mars 2007 lämnades förslaget och i juni kom beslutet.", SEED_000_DATE), "juni")
    assert (d.value, d.relative) == ("2007-06", False)


def test_relative_without_anchor_keeps_placeholders() -> None:
    dates = extract_dates("Mötet hölls den 3 april. Frågan togs upp i höstas och i fjol.")
    assert _find(dates, "3 april").value == "XXXX-04-03"
    assert _find(dates, "i höstas").value == "XXXX-FA"
    fjol = _find(dates, "i fjol")
    assert fjol.value is None and fjol.relative is True and fjol.anchor is None


def test_last_n_years_is_a_duration_with_bounds() -> None:
    # seeds/000: "de senaste två åren" in a document of March 2021
    d = _find(extract_dates("Regionen har de senaste två åren gett anslag.", SEED_000_DATE), "två åren")
    assert (d.label.value, d.value) == ("DURATION", "P2Y")
    assert (d.value_from, d.value_to) == ("2019", "2021")


# (sentence, span, value, mod)
DURATIONS = [
    ("att finansieringen ska utökas årligen under fem år", "fem år", "P5Y", None),  # seeds/000
    ("FINSAM:s budget har legat på 32 miljoner tre år i rad.", "tre år", "P3Y", None),  # seeds/000
    ("Samordningsförbunden har funnits i snart 20 år", "20 år", "P20Y", "APPROX"),  # seeds/001
    ("Under två år har utvecklingsmöjligheterna stått still", "två år", "P2Y", None),  # seeds/000
    ("Det har pågått i 40 år.", "40 år", "P40Y", None),
    ("Projektet har pågått i drygt tio år.", "tio år", "P10Y", "MORE_THAN"),
    ("Projektet tog knappt sex månader.", "sex månader", "P6M", "LESS_THAN"),
    ("Handläggningen tar cirka tre veckor.", "tre veckor", "P3W", "APPROX"),
    ("Beslutet ska fattas inom 90 dagar.", "90 dagar", "P90D", None),
    ("Förhandlingarna pågick i ett år.", "ett år", "P1Y", None),
    ("Arbetet pågick i två decennier.", "två decennier", "P20Y", None),
    ("en tioårsperiod till 304 000 kr för mamman", "tioårsperiod", "P10Y", None),  # dev 200607--0006
    ("under de tre första åren", "tre första åren", "P3Y", None),  # dev
    ("Det tar ett och ett halvt år.", "ett och ett halvt år", "P1.5Y", None),
    ("Avtalet löper i minst fem år.", "fem år", "P5Y", "EQUAL_OR_MORE"),
    ("Den som bryter mot lagen döms till fängelse i högst två år.", "två år", "P2Y", "EQUAL_OR_LESS"),
    ("Utredningen tog 18 månader.", "18 månader", "P18M", None),
    ("Mötet varade i tre timmar.", "tre timmar", "PT3H", None),
    # interpellations-dev ipq-201314--0170: "över" after an amount spreads it, no MORE_THAN
    ("bygga ut mobilnäten med 15 miljarder över tre år", "tre år", "P3Y", None),
    ("Arbetet har pågått i över tre år.", "tre år", "P3Y", "MORE_THAN"),
]


@pytest.mark.parametrize(("sentence", "span", "value", "mod"), DURATIONS)
def test_durations(sentence: str, span: str, value: str, mod: str | None) -> None:
    d = _find(extract_dates(sentence), span)
    assert d.label.value == "DURATION"
    assert d.value == value
    assert (d.mod.value if d.mod else None) == mod


# No DATE/DURATION at all: law and document numbers, amounts, ages, list ordinals, pronoun "vår".
NOT_DATES = [
    "Enligt lagen (2017:725) om kommunal redovisning.",
    "Dnr KS 2021/417",
    "Interpellation 2018/19:260 om bostäder",
    "Se SOU 2004:64 och prop. 2019/20:1.",
    "Det kostar 2 000 kronor.",
    "Anslaget är 2020 kronor per person.",
    "Andelen var 54,7 procent.",
    "Stödet är 54,7 miljoner kronor.",
    "Personer över 65 år har rätt till stödet.",
    "Barn mellan 6 och 15 år går i skolan.",
    "Han är 45 år gammal.",
    "De skulle inte vara yngre än 25 år.",  # interpellations-dev ipq-200506--0427
    "De intagna bör inte vara under 23 år.",
    # interpellations-dev ipq-200304--0532, ipq-199697--0065, ipq-200607--0015
    "Barn upp till 16 år kan i dag få begränsat bidrag.",
    "Vid 16 års ålder upphör stödet.",
    "Undersökningen gällde kvinnor och män i åldrarna 65 t.o.m. 80 år.",  # interpellations-dev
    "Om bidraget inte omfattar gruppen under 25 år finns det risk.",
    "enligt socialförsäkringsutskottets betänkande (2005/06:SfU4) uttalat",
    "Den första frågan gäller skolan, den andra vården.",
    "Enligt 3 kap. 5 § socialtjänstlagen.",
    "Det framgår av vår rapport.",
    "Se sidan 2019 i bilagan.",
    "en restaurering av EU:s Natura 2000-område",  # interpellations-dev: a programme's name
    "Agenda 2030 för hållbar utveckling",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert extract_dates(sentence, SEED_000_DATE) == []


def test_i_dag_generic_is_not_a_date() -> None:
    # "i dag" meaning "nowadays" is not annotated in the gold (GUIDELINES C)
    assert extract_dates("I dag tar kvinnorna ut 80 % av dagarna.", SEED_000_DATE) == []


def test_span_excludes_den_and_modifier() -> None:
    text = "Stockholm den 22 mars 2021"
    (d,) = extract_dates(text)
    assert d.text == "22 mars 2021" and text[d.start - 4 : d.start] == "den "
    (d,) = extract_dates("i början av 2018 ökade kostnaderna")
    assert (d.text, d.value, d.mod.value if d.mod else None) == ("2018", "2018", "START")


def test_seed_000_dates(seed_texts: tuple[str, str]) -> None:
    text = seed_texts[0]
    dates = extract_dates(text, SEED_000_DATE)
    for d in dates:
        assert text[d.start : d.end] == d.text
    values = [d.value for d in dates if d.label.value == "DATE"]
    # sedan 2004, år 2020, 2021 (after 54,7 miljoner), för år 2019, budget 2022, the signature date
    assert values == ["2004", "2020", "2021", "2019", "2022", "2021-03-22"]
    durations = {d.text: d.value for d in dates if d.label.value == "DURATION"}
    assert durations["fem år"] == "P5Y" and durations["tre år"] == "P3Y"
