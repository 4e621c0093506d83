"""Build the political entity layer's gazetteers (src/debatt_nlp/annotate/gazetteers/) from ../shared.

    python training/build_gazetteers.py [--shared ../shared/data]

Inputs: ../shared/data/gazetteers/{riksdagen-persons, svensktext, swedish-geodata} and the
hand-written lists in training/gazetteer_src/ (Stockholm city bodies, roles, organisations, generic
nouns). Outputs are derived, deduplicated and small (base forms only; genitive and definite forms
are generated when the layer loads them):

  entities.tsv      form<TAB>label<TAB>norm<TAB>kind   (ORG / LOC / PARTY names)
  persons.txt       full names of Riksdag members and ministers active since 1960
  party_letters.tsv letters<TAB>code                   (what may stand in "(S)", "(kd)", "(fp)")
  roles.tsv         form<TAB>kind                      (word | suffix)
  generic.txt       nouns that are never entities
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "training" / "gazetteer_src"
DST = ROOT / "src" / "debatt_nlp" / "nlp" / "gazetteers"

# Current and historic Riksdag parties: full name → canonical code (riksdagen-persons' own codes).
PARTY_NAMES = {
    "Socialdemokraterna": "S",
    "Sveriges socialdemokratiska arbetareparti": "S",
    "Moderaterna": "M",
    "Moderata samlingspartiet": "M",
    "Högerpartiet": "M",
    "Centerpartiet": "C",
    "Bondeförbundet": "C",
    "Liberalerna": "L",
    "Folkpartiet": "L",
    "Folkpartiet liberalerna": "L",
    "Kristdemokraterna": "KD",
    "Kristdemokratiska samhällspartiet": "KD",
    "Kristen demokratisk samling": "KD",
    "Miljöpartiet": "MP",
    "Miljöpartiet de gröna": "MP",
    "Vänsterpartiet": "V",
    "Vänsterpartiet kommunisterna": "V",
    "Sveriges kommunistiska parti": "SKP",
    "Sverigedemokraterna": "SD",
    "Ny demokrati": "NYD",
    "Feministiskt initiativ": "FI",
    "Piratpartiet": "PP",
    "Alliansen": "Alliansen",  # the four-party coalition 2004–2019
    # the two-letter codes stand for the party in running text too ("SD och regeringen"); the
    # one-letter ones (S, M, C, L, V) are too ambiguous outside parentheses
    "SD": "SD",
    "KD": "KD",
    "MP": "MP",
}
# Party letters as they stand in parentheses after a name (riksdagen-persons party_abbreviation.csv,
# OCR corrections left out) and the modern letters in both cases.
EXTRA_LETTERS = {
    "S": "S", "s": "S", "M": "M", "m": "M", "C": "C", "c": "C", "L": "L", "l": "L", "KD": "KD", "kd": "KD",
    "Kd": "KD", "MP": "MP", "mp": "MP", "Mp": "MP", "V": "V", "v": "V", "SD": "SD", "sd": "SD", "Sd": "SD",
    "FP": "L", "fp": "L", "Fp": "L", "FI": "FI", "NYD": "NYD", "nyd": "NYD", "vpk": "V", "kds": "KD",
    "KDS": "KD", "cp": "C",
}  # fmt: skip
EXTRA_PLACES = [  # well-known places above the municipality level (hand-written)
    "Europa", "Afrika", "Asien", "Nordamerika", "Sydamerika", "Latinamerika", "Oceanien", "Antarktis",
    "Arktis", "Norden", "Skandinavien", "Mellanöstern", "Nordafrika", "Balkan", "Baltikum", "Östersjön",
    "Nordsjön", "Västerhavet", "Kattegatt", "Skagerrak", "Atlanten", "Medelhavet", "Bottniska viken",
    "Norrland", "Svealand", "Götaland", "Skåne", "Gotland", "Öland", "Lappland", "Småland", "Värmland",
    "Dalarna", "Halland", "Bohuslän", "Västergötland", "Östergötland", "Södermanland", "Uppland",
    "Västmanland", "Hälsingland", "Härjedalen", "Jämtland", "Medelpad", "Ångermanland", "Västerbotten",
    "Norrbotten", "Blekinge", "Gästrikland", "Dalsland", "Närke", "Stockholmsregionen",
    "Stockholmsområdet", "Göteborgsregionen", "Öresundsregionen", "Sverige", "USA", "Storbritannien",
    "Ryssland", "Kina", "Västsahara", "Palestina", "Gaza", "Västbanken", "Kosovo", "Tjetjenien",
    "Kurdistan", "Tibet", "Taiwan", "Sydsudan",
]  # fmt: skip


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def genitive(name: str) -> str:
    return name if name[-1:] in "sxzSXZ" else name + "s"


def lowercase_share(corpus_gz: Path, names: set[str]) -> dict[str, tuple[int, int]]:
    """Count (capitalised, lowercase) occurrences of each one-word name in the Riksdag dev texts,
    to drop place names that are mostly common words ("Hammar", "Nora")."""
    single = {n for n in names if " " not in n and "-" not in n}
    wanted = {n.lower() for n in single}
    cap, low = Counter(), Counter()
    word = re.compile(r"\w+")
    with gzip.open(corpus_gz, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            for m in word.finditer(text):
                w = m.group()
                lw = w.lower()
                if lw in wanted:
                    if w[0].isupper():
                        cap[lw] += 1
                    else:
                        low[lw] += 1
    return {n: (cap[n.lower()], low[n.lower()]) for n in single}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(DST))
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    gz = shared / "gazetteers"
    out.mkdir(parents=True, exist_ok=True)
    entities: dict[str, tuple[str, str, str]] = {}  # form → (label, norm, kind); first wins

    def add(form: str, label: str, norm: str | None, kind: str, override: bool = False) -> None:
        form = " ".join(form.split())
        if not form or (form in entities and not override):
            return
        entities[form] = (label, norm or form, kind)

    # ---- parties
    for name, code in PARTY_NAMES.items():
        add(name, "PARTY", code, "party")
    with (gz / "riksdagen-persons/data/party_abbreviation.csv").open(encoding="utf-8") as f:
        letters = {}
        for row in csv.DictReader(f):
            p, code, ocr = row["party"], row["abbreviation"], row["ocr_correction"] == "True"
            if p.startswith("(") and p.endswith(")") and not ocr and code not in ("independent",):
                letters[p[1:-1]] = code
            elif not p.startswith("(") and code not in ("independent",) and p[:1].isupper():
                add(p, "PARTY", code, "party")
    letters.update({k: v for k, v in EXTRA_LETTERS.items() if k not in letters})

    # ---- hand-written Stockholm bodies and national organisations
    for row in read_tsv(SRC / "stockholm_bodies.tsv"):
        name, kind = row[0], row[1]
        if kind == "district":
            add(f"{name} stadsdelsnämnd", "ORG", None, "stockholm")
            add(f"{name} stadsdelsförvaltning", "ORG", None, "stockholm")
            add(f"stadsdelsnämnden {name}", "ORG", f"{name} stadsdelsnämnd", "stockholm")
            add(f"Stadsdelsnämnden {name}", "ORG", f"{name} stadsdelsnämnd", "stockholm")
            add(f"{name}s stadsdelsnämnd" if not name.endswith("s") else name, "ORG",
                f"{name} stadsdelsnämnd", "stockholm")  # fmt: skip
        else:
            add(name, "ORG", None, "stockholm")
    for row in read_tsv(SRC / "organisations.tsv"):
        norm = row[1] if len(row) > 1 and row[1] else None
        add(row[0], "ORG", norm, "org")
        if row[0].endswith("utskottet"):  # Riksdag committees: written both ways
            add(row[0][:1].upper() + row[0][1:], "ORG", norm, "org")

    # ---- government agencies and courts (svensktext)
    with (gz / "svensktext/organisationer/myndigheter.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            name = row["name"].strip()
            name = re.sub(r",\s*\w+$", "", name) if "," in name else name  # "…institut, foi"
            add(name, "ORG", None, "agency")
    with (gz / "svensktext/organisationer/eu.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            add(row["name"], "ORG", None, "eu")
            if row["alternative_name"] and row["alternative_name"][:1].isupper():
                add(row["alternative_name"], "ORG", row["name"], "eu")
            if row["acronym"]:
                add(row["acronym"], "ORG", row["name"], "eu")

    # ---- municipalities, counties, regions
    with (gz / "swedish-geodata/data/municipality_county.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            short, full = row["municipality_name_short"], row["municipality_name"]
            add(short, "LOC", None, "municipality")
            add(full, "ORG", None, "municipality_org")  # "Upplands Väsby kommun"
            if not full.startswith(genitive(short)):
                add(f"{genitive(short)} kommun", "ORG", full, "municipality_org")
            add(f"{genitive(short)} stad", "ORG", None, "municipality_org")
            if short[-1:] in "aeiouyåäö":
                add(f"{short} stad", "ORG", None, "municipality_org")
    with (gz / "swedish-geodata/data/counties.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            short, full = row["county_name_short"], row["county_name"]
            add(full, "LOC", None, "county")
            add(f"Region {short}", "ORG", None, "region")
            add(f"{full}s landsting", "ORG", None, "region")
            add(f"Länsstyrelsen i {full}", "ORG", None, "agency")

    # ---- countries and regions of the world, other places
    with (gz / "svensktext/nationaliteter/nationaliteter.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            add(row["country"], "LOC", None, "country")
            for alt in (row.get("country_alternativename") or "").split(";"):
                if alt.strip():
                    add(alt.strip(), "LOC", row["country"], "country")
    for p in EXTRA_PLACES:
        add(p, "LOC", None, "place")
    for line in (SRC / "places.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            add(line.strip(), "LOC", None, "place")
    places = [r["city"].strip() for r in csv.DictReader((gz / "svensktext/platser/ortsnamn.csv").open())]
    counts = lowercase_share(shared / "riksdag/interpellations-dev.jsonl.gz", set(places))
    dropped = 0
    for p in places:
        c, lo = counts.get(p, (1, 0))
        if lo > c:  # mostly a common word in Riksdag text
            dropped += 1
            continue
        add(p, "LOC", None, "place")

    # ---- persons: Riksdag members and ministers active since 1960
    pdir = gz / "riksdagen-persons/data"
    active = set()
    with (pdir / "party_affiliation.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row["end"] or "9999")[:4] >= "1960" or (row["start"] or "0")[:4] >= "1960":
                active.add(row["person_id"])
    roles_from_ministers = set()
    with (pdir / "minister.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row["end"] or "9999")[:4] >= "1960":
                active.add(row["person_id"])
            role = row["role"].strip()
            if role and " " not in role and role[0].islower():
                roles_from_ministers.add(role)
    persons = set()
    with (pdir / "name.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = " ".join(row["name"].split())
            if row["person_id"] in active and " " in name and name[0].isupper() and "(" not in name:
                persons.add(name)

    # ---- roles
    roles = {(r[0], r[1]) for r in read_tsv(SRC / "roles.tsv")}
    roles |= {(r, "word") for r in roles_from_ministers}
    generic = sorted(
        {w.strip() for w in (SRC / "generic.txt").read_text(encoding="utf-8").splitlines()}
        - {""}
        - {w for w in (SRC / "generic.txt").read_text(encoding="utf-8").splitlines() if w.startswith("#")}
    )

    # ---- write
    with (out / "entities.tsv").open("w", encoding="utf-8") as f:
        f.write("# form\tlabel\tnorm\tkind — built by training/build_gazetteers.py; do not edit by hand\n")
        for form in sorted(entities):
            label, norm, kind = entities[form]
            f.write(f"{form}\t{label}\t{'' if norm == form else norm}\t{kind}\n")
    (out / "persons.txt").write_text(
        "# Riksdag members and ministers active since 1960 (riksdagen-persons, SWERIK)\n"
        + "\n".join(sorted(persons))
        + "\n",
        encoding="utf-8",
    )
    with (out / "party_letters.tsv").open("w", encoding="utf-8") as f:
        f.write("# letters as written inside parentheses\tcanonical party code\n")
        for k in sorted(letters):
            f.write(f"{k}\t{letters[k]}\n")
    with (out / "roles.tsv").open("w", encoding="utf-8") as f:
        f.write("# form\tkind (word: the word and its definite/genitive forms; suffix: words ending so)\n")
        for form, kind in sorted(roles):
            f.write(f"{form}\t{kind}\n")
    (out / "generic.txt").write_text(
        "# nouns that are never entities\n" + "\n".join(generic) + "\n", encoding="utf-8"
    )
    kinds = Counter(k for _, _, k in entities.values())
    print(f"entities {len(entities)} {dict(kinds)}; dropped common-word places {dropped}")
    print(f"persons {len(persons)}, party letters {len(letters)}, roles {len(roles)}, generic {len(generic)}")
    for p in sorted(out.iterdir()):
        print(f"  {p.name}: {p.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
