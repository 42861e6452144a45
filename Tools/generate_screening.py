#!/usr/bin/env python3
"""Synthetic data for the `screen` benchmark: a map with named suppliers, an ownership layer
and a sanctions list in the structure of the EU financial sanctions file (FSF XML 1.1).

    generate_screening.py --suppliers 10000 --list-entities 10000 --aliases 50000 --seed 1 -o DIR

writes DIR/map.xml (Tools/generate.py's map, sized to about --suppliers suppliers, each given a
name and some a registration number), DIR/owners.xml (--entities companies and persons and
their <owner> links to each other and to the suppliers) and DIR/list.xml (--list-entities
sanctionEntity elements with --aliases nameAlias elements in all, as
Sources/SupplyXML/Sanctions reads them). Deterministic by seed; every name is INVENTED (stems
built from syllables), and the list is fictional: it is not the EU's list.

Names have the structure of company names: an invented stem or two, sector words
("Precision Metals", "Optics"), sometimes a region word ("Baltic", "Northern"), a legal form
(GmbH, S.A., Ltd, ООО, ...) in front or behind, some in Cyrillic. Stems are drawn with a
skewed (Zipf-like) distribution, so many names share words — the case that makes a word index
return many candidates — while the sector words are shared by thousands of names.

The list holds: about 2 % copies of the map's parties (an exact name after normalisation, or
its registration number as an identification), about 3 % near variants of them (a letter
changed, a word added or dropped: possible matches), about 10 % persons (firstName/lastName),
the rest unrelated invented companies; each entity has 1-9 aliases (upper case, legal form
moved or changed, a Cyrillic rendering, word order changed, a spelling variant).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import subprocess
import sys
from xml.sax.saxutils import quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ONSETS = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "pr", "r",
          "s", "st", "t", "tr", "v", "w", "z", "sk", "pl", "fl", "th", "ch", "j"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "y"]
CODAS = ["", "n", "r", "l", "s", "x", "k", "m", "nd", "rt", "st", "th", "lt", "nk"]
SECTORS = ["Metals", "Precision", "Optics", "Electronics", "Systems", "Materials", "Chemicals",
           "Industries", "Trading", "Holding", "Holdings", "Technologies", "Components", "Engineering",
           "Logistics", "Mining", "Alloys", "Semiconductor", "Aerospace", "Defence", "Energy",
           "Machinery", "Instruments", "Castings", "Forge", "Polymers", "Ceramics", "Magnetics",
           "Photonics", "Sensors", "Composites", "Minerals", "Refining", "Rare Earths", "Steel",
           "Titanium", "Wafer", "Circuits", "Cables", "Bearings", "Hydraulics", "Avionics",
           "Munitions", "Propulsion", "Batteries", "Gases", "Crystals", "Coatings", "Fasteners",
           "Tooling", "Robotics", "Marine", "Naval", "Micro", "Nano", "Quantum", "Laser", "Vacuum",
           "Thermal", "Power", "Resources", "Capital", "Investments", "Group", "International"]
REGIONS = ["Northern", "Southern", "Eastern", "Western", "Baltic", "Pacific", "Atlantic", "Alpine",
           "Nordic", "Central", "Continental", "Global", "Euro", "Asia", "Danube", "Caspian",
           "Adriatic", "Iberian", "Rhine", "Volga", "Ural", "Siberian", "Arctic", "Delta"]
FORMS = ["GmbH", "AG", "S.A.", "Ltd", "Ltd.", "LLC", "Inc.", "Corp.", "B.V.", "N.V.", "S.p.A.",
         "s.r.o.", "Kft.", "Oy", "AB", "PLC", "SARL", "SAS", "JSC", "PJSC", "Co., Ltd.",
         "GmbH & Co. KG", "ООО", "АО", "ПАО", ""]
FIRST = ["Ivan", "Olga", "Piotr", "Anna", "Marek", "Elena", "Jonas", "Sofia", "Lars", "Mira",
         "Tomas", "Irina", "Dmitri", "Katja", "Boris", "Lena", "Viktor", "Nadia", "Pavel", "Yuri",
         "Hana", "Oskar", "Vera", "Milan", "Zara", "Lev", "Inga", "Emil", "Rosa", "Artem"]
CYR = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
       "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
       "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "ы", "z": "з"}


def stem(rng: random.Random) -> str:
    parts = [rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.choice([1, 2, 2, 2, 3]))]
    return "".join(parts).capitalize()


def cyrillic(text: str) -> str:
    return "".join(CYR.get(c, CYR.get(c.lower(), c).upper() if c.isupper() else CYR.get(c, c)) for c in text)


class Names:
    def __init__(self, rng: random.Random, stems: int):
        self.rng = rng
        seen, pool = set(), []
        while len(pool) < stems:
            s = stem(rng)
            if s not in seen:
                seen.add(s)
                pool.append(s)
        self.stems = pool
        # Zipf-like weights: a few stems are common ("shared words"), most are rare.
        self.weights = [1 / (k + 1) ** 0.8 for k in range(stems)]
        self.surnames = pool[: max(50, stems // 20)]

    def pick_stem(self) -> str:
        return self.rng.choices(self.stems, self.weights)[0]

    def company(self) -> str:
        r = self.rng
        shape = r.random()
        words = [self.pick_stem()]
        if shape < 0.15:
            words = [r.choice(REGIONS)] + words
        elif shape < 0.25:
            words = [words[0] + "-" + self.pick_stem()]
        elif shape < 0.32:
            words = [words[0], "&", self.pick_stem()]
        words += r.sample(SECTORS, r.choice([1, 1, 2, 2, 3]))
        form = r.choice(FORMS)
        if form and r.random() < 0.2:
            return f"{form} {' '.join(words)}"
        return " ".join(words + ([form] if form else []))

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST), self.rng.choice(self.surnames) + self.rng.choice(["ov", "ova", "enko", "ski", "sen", "er", ""])


def variant(rng: random.Random, name: str) -> str:
    """A near variant of a name: a letter changed, a word added or dropped, words swapped."""
    words = name.split()
    k = rng.random()
    if k < 0.35:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(1, len(w))
            w = w[:j] + rng.choice("aeiourstn") + w[j + 1:]
        words[i] = w
    elif k < 0.6:
        words.insert(rng.randrange(len(words) + 1), rng.choice(SECTORS))
    elif k < 0.8 and len(words) > 2:
        del words[rng.randrange(len(words))]
    else:
        rng.shuffle(words)
    return " ".join(words)


def alias_of(rng: random.Random, name: str) -> str:
    k = rng.random()
    if k < 0.25:
        return name.upper()
    if k < 0.45:
        stripped = " ".join(w for w in name.split() if w not in FORMS)
        return f"{rng.choice(FORMS)} {stripped}".strip()
    if k < 0.6:
        return cyrillic(name)
    if k < 0.8:
        return variant(rng, name)
    return name.replace("Holding", "Holdings") if "Holding" in name else name + " " + rng.choice(["Group", "International", "Trading"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suppliers", type=int, default=10000, help="about this many suppliers in the map")
    ap.add_argument("--entities", type=int, default=None, help="owner entities (default: suppliers / 2)")
    ap.add_argument("--list-entities", type=int, default=10000)
    ap.add_argument("--aliases", type=int, default=50000, help="nameAlias elements in all")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True, help="output directory")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    names = Names(rng, stems=max(200, (args.suppliers + args.list_entities) // 3))

    # The map: Tools/generate.py gives about 0.142 suppliers per item.
    items = max(100, math.ceil(args.suppliers / 0.142))
    raw = os.path.join(args.output, "map-raw.xml")
    subprocess.run([sys.executable, os.path.join(ROOT, "Tools", "generate.py"), "--items", str(items),
                    "--seed", str(args.seed), "-o", raw, "--quiet"], check=True)
    parties: list[tuple[str, str, str | None, bool]] = []  # id, name, registration, person

    def named(m: re.Match) -> str:
        sid = m.group(1)
        name = names.company()
        reg = f"RG-{rng.randrange(10**8):08d}" if rng.random() < 0.3 else None
        parties.append((sid, name, reg, False))
        return f'<supplier id="{sid}" name={quoteattr(name)}' + (f' registration="{reg}"' if reg else "")

    with open(raw, encoding="utf-8") as f:
        text = re.sub(r'<supplier id="([^"]+)"', named, f.read())
    with open(os.path.join(args.output, "map.xml"), "w", encoding="utf-8") as f:
        f.write(text)
    os.remove(raw)
    suppliers = [p[0] for p in parties]

    # The ownership layer.
    n_ent = args.entities if args.entities is not None else len(suppliers) // 2
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="generated owners (fictional)">']
    entity_ids = []
    for k in range(n_ent):
        eid = f"ent-{k}"
        entity_ids.append(eid)
        if rng.random() < 0.1:
            first, last = names.person()
            parties.append((eid, f"{first} {last}", None, True))
            lines.append(f'  <entity id="{eid}" name={quoteattr(first + " " + last)} person="true"/>')
        else:
            name = names.company()
            reg = f"RG-{rng.randrange(10**8):08d}" if rng.random() < 0.3 else None
            parties.append((eid, name, reg, False))
            lines.append(f'  <entity id="{eid}" name={quoteattr(name)}' + (f' registration="{reg}"' if reg else "") + "/>")
    held: dict[str, float] = {}
    controlled: set[str] = set()

    def own(of: str, by: str, share: float, control: bool) -> None:
        share = round(min(share, 1 - held.get(of, 0.0)), 2)
        if share <= 0:
            return
        controlling = control or share > 0.5
        if controlling and of in controlled:
            return
        held[of] = held.get(of, 0.0) + share
        if controlling:
            controlled.add(of)
        lines.append(f'  <owner of="{of}" by="{by}" share="{share}"' + (' control="true"' if control else "") + "/>")

    for k in range(n_ent):  # entity k owns entities after it: acyclic
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            if k + 1 < n_ent:
                own(entity_ids[rng.randrange(k + 1, min(n_ent, k + 200))], entity_ids[k],
                    rng.choice([0.1, 0.25, 0.3, 0.5, 0.6]), False)
    for s in rng.sample(suppliers, len(suppliers) * 6 // 10):
        for idx, k in enumerate(rng.sample(range(n_ent), rng.choice([1, 1, 2, 3]))):
            own(s, entity_ids[k], rng.choice([0.1, 0.2, 0.25, 0.3, 0.45, 0.5, 0.51, 0.8]), idx == 0 and rng.random() < 0.1)
    lines.append("</supplyChain>")
    with open(os.path.join(args.output, "owners.xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    # The list: entities, then aliases spread over them (each at least one).
    n = args.list_entities
    counts = [1] * n
    for _ in range(max(0, args.aliases - n)):
        counts[rng.randrange(n)] += 1
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- GENERATED and FICTIONAL: a benchmark input in the FSF XML structure, not the EU list. -->',
           '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01T00:00:00.000+01:00" globalFileId="0">']
    logical = 1000
    for k in range(n):
        r = rng.random()
        ident = None
        if r < 0.02:
            pid, base, reg, person = rng.choice(parties)
            if reg and rng.random() < 0.5:
                ident = reg.lower().replace("-", " ")
        elif r < 0.05:
            pid, base, reg, person = rng.choice(parties)
            base = variant(rng, base)
        elif r < 0.15:
            person = True
            first, last = names.person()
            base = None
        else:
            person = False
            base = names.company()
        kind, code = ("person", "P") if person else ("enterprise", "E")
        body = [f'  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.GEN.{k}" logicalId="{k + 1}">',
                f'    <regulation regulationType="regulation" organisationType="council" programme="GEN" logicalId="{logical}"/>',
                f'    <subjectType code="{kind}" classificationCode="{code}"/>']
        logical += 1
        for a in range(counts[k]):
            if base is None:
                f_, l_ = (first, last) if a == 0 else (first, variant(rng, last) if rng.random() < 0.5 else cyrillic(last))
                body.append(f'    <nameAlias firstName={quoteattr(f_)} middleName="" lastName={quoteattr(l_)} wholeName="" '
                            f'strong="true" regulationLanguage="en" logicalId="{logical}"/>')
            else:
                whole = base if a == 0 else alias_of(rng, base)
                body.append(f'    <nameAlias wholeName={quoteattr(whole)} strong="true" regulationLanguage="en" logicalId="{logical}"/>')
            logical += 1
        if ident:
            body.append(f'    <identification diplomatic="false" knownExpired="false" knownFalse="false" number="{ident}" '
                        f'identificationTypeCode="regnumber" identificationTypeDescription="Registration Number" '
                        f'regulationLanguage="en" logicalId="{logical}"/>')
            logical += 1
        body.append("  </sanctionEntity>")
        out.append("\n".join(body))
    out.append("</export>")
    with open(os.path.join(args.output, "list.xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"generate_screening: {len(suppliers)} suppliers, {n_ent} entities, {n} list entities, "
          f"{sum(counts)} aliases -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
