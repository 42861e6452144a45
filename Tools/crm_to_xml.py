#!/usr/bin/env python3
"""Convert the EU CRM 2023 global supply shares into Chokepoint supply-chain XML.

Usage:
    python3 Tools/crm_to_xml.py [--input CSV] [--countries CSV] [--output FILE]

    python3 Tools/crm_to_xml.py > Graphs/eu-crm-2023.xml

By default the inputs are read from $CHOKEPOINT_DATA (or the repository's Data/ folder when
that is unset): eu-crm-2023-global-supply-shares.csv and countries.csv. The XML goes to stdout
unless --output is given. Python 3 standard library only; the output is deterministic
(the same input gives the same bytes: no timestamps, everything sorted).

Source and attribution
    European Commission, Directorate-General for Internal Market, Industry,
    Entrepreneurship and SMEs, "Study on the critical raw materials for the EU 2023 -
    Final Report" (Publications Office of the EU, 2023). Reproduction is authorised
    provided the source is acknowledged (CC BY 4.0). Transcribed from the report's
    tables in the erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets
    repository (global supply shares, 85 materials, stages E and P).
    Country codes: ISO 3166-1 alpha-2 as in countries.csv (pycountry).

Mapping
    * Every (material, stage) becomes a <material> item, unit "t":
      id  "<material-slug>-extraction" or "<material-slug>-processing",
      name "<Material> — extraction" / "<Material> — processing".
    * Every country row becomes a <supplier> at that stage:
      id  "<item-id>-<cc>" (cc = lower-case alpha-2),
      name "<Material> <stage>, <Country>", country="<CC>", with one
      <supplies item="<item-id>" share="<fraction>"/>.
    * Where a material has both an E and a P stage, the processing item <uses> the
      extraction item with quantity="1". That quantity is a LINK, not a yield: it says
      that processing needs the mined material to be available, so stages chain in the
      availability and exposure figures. It is not a tonnage ratio (the study gives
      none), so the requirement figure through it is not meaningful.
    * The trade-restriction column `t` is not carried over (the XML model has no place
      for it).

Data cleaning (each case is deliberate; the XML header repeats this list)
    1. "<0.1%" (514 rows): share 0.0005, the midpoint of the open interval (0, 0.1 %).
       Zero would drop a real producer from the supplier count; 0.001 would overstate it
       and push row sums further above 1.
    2. "0.0%" (2 rows: Selenium P Armenia, Borate E Iran): the study lists the country as
       a producer but the figure rounds to zero at one decimal, i.e. it lies in
       (0, 0.05 %); share 0.00025, the midpoint. Kept as a supplier for the same reason.
    3. Shares without a decimal ("7%", "1%", Roundwood) are read as written.
    4. Country names are matched to countries.csv names first, then through the explicit
       ALIASES table below (misspellings such as "Brasilia" -> BR and "Turkyie" -> TR,
       short forms such as "Korea, South" -> KR, "Korea, North" -> KP, "Congo, D.R." ->
       CD, "Russia" -> RU, "Taiwan" -> TW, "Cote d'Ivoire" -> CI, "Cape Verde" -> CV).
       "Congo" on its own is the Republic of the Congo (CG): the study lists DR Congo
       separately as "Congo, D.R.", and "Congo" only appears for sapele wood, copper,
       gold, natural rubber and zinc. Hong Kong (HK) and French Guiana (GF) have ISO
       codes of their own and keep them (they are not folded into CN and FR).
       An unmapped name is an error: the script exits with status 1 and names it.
    5. Kosovo has no ISO 3166-1 code (XK is a user-assigned code and is absent from
       countries.csv). Its suppliers are written WITHOUT a country attribute, i.e. of
       unknown origin (counted outside the EU, listed as a data gap), with an XML comment
       beside each; ids use the suffix "-kosovo".
    6. Namibia's code is "NA". The csv module reads it as the string "NA"; a reader
       such as pandas would turn it into a missing value (keep_default_na), so the
       script never uses one. The script checks that NA resolves to Namibia.
    7. Rows of one material and stage that do not sum to 100 % are kept as given: the
       importer warns and normalises (the sums run from 0.89, Vanadium P, to 1.02 with
       the "<0.1%" rows valued as in 1.). If a material and stage summed above 1.05 (the
       importer's tolerance), its shares would be scaled down proportionally to sum to
       exactly 1 and the scaling recorded in a comment; no row of the 2023 edition needs
       this, but the rule is implemented so a future edition cannot produce an invalid
       file.
    8. Duplicates: two rows for the same material, stage and country (after the name
       mapping, so "Brasilia" and "Brazil" would collide) with the same share are kept
       once and the repeat is recorded in a comment; with different shares the script
       stops with an error, because neither summing nor choosing is safe without
       looking at the source. The 2023 edition has no duplicates.
    9. Material names are tidied for display only where the source is inconsistent:
       "Natural Graphite" -> "Natural graphite", "Phosphate Rock" -> "Phosphate rock",
       "Phosphorous" (a misspelling of the element) -> "Phosphorus". Ids are slugs of
       the tidied names (lower case, ASCII, hyphens).
   10. Materials are kept apart exactly as the study has them: "Titanium" and
       "Titanium metal" are two entries (with identical E rows), as are "Neodymium" and
       "Samarium" (with identical P rows); no cross-material links are invented.

Exit status: 0 on success, 1 on a data error (unmapped country, conflicting duplicate,
unparseable share, unknown stage), 2 on a usage error.
"""

import argparse
import csv
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict
from xml.sax.saxutils import quoteattr

ATTRIBUTION = (
    "European Commission, Study on the critical raw materials for the EU 2023 - Final "
    "Report (2023), CC BY 4.0 (reproduction authorised with acknowledgement), as "
    "transcribed by erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets"
)

LESS_THAN_TENTH = 0.0005   # "<0.1%": midpoint of (0, 0.001)
ROUNDED_ZERO = 0.00025     # "0.0%": midpoint of (0, 0.0005)
TOLERANCE = 0.05           # the importer's default share-sum tolerance

STAGES = OrderedDict([("E", "extraction"), ("P", "processing")])

# Source name -> (ISO alpha-2 or None for no ISO code, display name).
ALIASES = {
    "Bolivia": ("BO", "Bolivia"),
    "Brasilia": ("BR", "Brazil"),                 # misspelt in the source
    "Cape Verde": ("CV", "Cabo Verde"),
    "Congo": ("CG", "Republic of the Congo"),     # DR Congo is listed separately
    "Congo, D.R.": ("CD", "DR Congo"),
    "Cote d'Ivoire": ("CI", "Côte d'Ivoire"),
    "Iran": ("IR", "Iran"),
    "Korea, North": ("KP", "North Korea"),
    "Korea, South": ("KR", "South Korea"),
    "Kosovo": (None, "Kosovo"),                   # no ISO 3166-1 code: unknown origin
    "Laos": ("LA", "Laos"),
    "Moldova": ("MD", "Moldova"),
    "Russia": ("RU", "Russia"),
    "Syria": ("SY", "Syria"),
    "Taiwan": ("TW", "Taiwan"),
    "Tanzania": ("TZ", "Tanzania"),
    "Turkyie": ("TR", "Türkiye"),                 # misspelt in the source
    "Turkey": ("TR", "Türkiye"),
    "Venezuela": ("VE", "Venezuela"),
    "Vietnam": ("VN", "Viet Nam"),
    "Brasil": ("BR", "Brazil"),                   # spellings seen in sister tables
    "Libanon": ("LB", "Lebanon"),
}

MATERIAL_NAMES = {
    "Natural Graphite": "Natural graphite",
    "Phosphate Rock": "Phosphate rock",
    "Phosphorous": "Phosphorus",
}

# The commodity of each material (the raw material family the Critical Raw Materials Act's
# annexes use, Data/crma-annexes.csv); every other material takes the slug of its name.
# The platinum-group metals and the rare-earth elements are one commodity each, as in the Act.
COMMODITIES = {
    "Barytes": "baryte",
    "Borate": "boron",
    "Iron ore": "iron",
    "Natural Graphite": "graphite",
    "Silicon metal": "silicon",
    "Titanium metal": "titanium",
    **{m: "platinum-group-metals" for m in ("Iridium", "Palladium", "Platinum", "Rhodium", "Ruthenium")},
    **{m: "rare-earths" for m in ("Cerium", "Dysprosium", "Erbium", "Europium", "Gadolinium", "Holmium", "Lanthanum",
                                  "Lutetium", "Neodymium", "Praseodymium", "Samarium", "Terbium", "Thulium",
                                  "Ytterbium", "Yttrium")},
}


class DataError(Exception):
    pass


def default_data_dir():
    return os.environ.get("CHOKEPOINT_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Data"))


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text.lower()).strip("-")
    if not text:
        raise DataError("empty slug")
    return text


def parse_share(raw, where):
    s = raw.strip().replace(" ", "")
    if s == "<0.1%":
        return LESS_THAN_TENTH, "lt"
    m = re.fullmatch(r"(\d+(?:\.\d+)?)%", s)
    if not m:
        raise DataError(f"{where}: cannot read share {raw!r}")
    value = float(m.group(1)) / 100.0
    if value == 0.0:
        return ROUNDED_ZERO, "zero"
    if value > 1.0:
        raise DataError(f"{where}: share {raw!r} above 100 %")
    return value, "plain"


def load_countries(path):
    by_name = {}
    codes = set()
    # keep_default_na does not exist here: csv never turns "NA" into a missing value.
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["iso2"].strip()
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise DataError(f"{path}: bad alpha-2 code {code!r}")
            codes.add(code)
            by_name[row["name"].strip()] = code
    if by_name.get("Namibia") != "NA":
        raise DataError(f"{path}: Namibia does not map to 'NA' (was it read as missing?)")
    for name, (code, _) in ALIASES.items():
        if code is not None and code not in codes:
            raise DataError(f"alias {name!r} -> {code} is not in {path}")
    return by_name, codes


def resolve_country(name, by_name):
    """Return (code or None, display name); raise on an unmapped name."""
    if name in ALIASES:
        return ALIASES[name]
    if name in by_name:
        return by_name[name], name
    raise DataError(f"unmapped country name {name!r}: add it to ALIASES in {__file__}")


def fmt(x):
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s if s else "0"


def convert(input_path, countries_path):
    by_name, _ = load_countries(countries_path)
    # (material, stage) -> list of rows
    groups = defaultdict(list)
    notes = defaultdict(list)
    counts = defaultdict(int)
    seen = {}
    with open(input_path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        expected = ["Material", "Stage", "Country", "Share", "t"]
        if reader.fieldnames[:4] != expected[:4]:
            raise DataError(f"{input_path}: unexpected header {reader.fieldnames}")
        for lineno, row in enumerate(reader, start=2):
            where = f"{input_path}:{lineno}"
            material = row["Material"].strip()
            stage = row["Stage"].strip().upper()
            if stage not in STAGES:
                raise DataError(f"{where}: unknown stage {row['Stage']!r}")
            country = row["Country"].strip()
            code, display = resolve_country(country, by_name)
            share, kind = parse_share(row["Share"], where)
            counts[kind] += 1
            if country in ALIASES:
                counts["alias:" + country] += 1
            key = (material, stage, code if code else "name:" + display)
            if key in seen:
                prev_line, prev_share = seen[key]
                if prev_share == share:
                    notes[(material, stage)].append(
                        f"duplicate row {lineno} ({country}) repeats row {prev_line}; kept once")
                    counts["duplicate"] += 1
                    continue
                raise DataError(
                    f"{where}: {material} {stage} {country} conflicts with row {prev_line} "
                    f"({prev_share} vs {share}); resolve it in the source")
            seen[key] = (lineno, share)
            groups[(material, stage)].append((code, display, share, row["Share"].strip()))
    return groups, notes, counts


def build_xml(groups, notes, counts, input_path):
    materials = sorted({m for m, _ in groups}, key=lambda m: MATERIAL_NAMES.get(m, m).lower())
    n_items = len(groups)
    n_suppliers = sum(len(v) for v in groups.values())
    n_links = sum(1 for m in materials if (m, "E") in groups and (m, "P") in groups)

    sums = {k: sum(r[2] for r in v) for k, v in groups.items()}
    scaled = {k: s for k, s in sums.items() if s > 1.0 + TOLERANCE}
    lo = min(sums.items(), key=lambda kv: kv[1])
    hi = max(sums.items(), key=lambda kv: kv[1])

    def label(k):
        return f"{MATERIAL_NAMES.get(k[0], k[0])} {k[1]}"

    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w("<!--")
    w("  EU CRM 2023: global supply shares by material, stage and country.")
    w("")
    w("  Source: " + ATTRIBUTION + ".")
    w("  Generated by Tools/crm_to_xml.py from " + os.path.basename(input_path) + "; do not edit")
    w("  by hand, regenerate instead:  python3 Tools/crm_to_xml.py > Graphs/eu-crm-2023.xml")
    w("")
    w(f"  {n_items} material items (one per material and stage), {n_suppliers} country suppliers,")
    w(f"  {n_links} stage links. Unit \"t\" throughout; shares are fractions of global supply.")
    w("  Where a material has both stages, the processing item uses the extraction item with")
    w("  quantity 1: a link (processing needs mined material), NOT a yield or tonnage ratio.")
    w("  The trade-restriction column t of the source is not carried over.")
    w("  Every item carries its commodity (the Critical Raw Materials Act's word: the platinum-")
    w("  group metals and the rare-earth elements are one commodity each, Natural graphite is")
    w("  graphite, Borate boron, Iron ore iron); every supplier is a country aggregate")
    w("  (aggregate=\"true\": a row of the study's table, not a firm).")
    w("")
    w("  Data cleaning:")
    w(f"  - \"<0.1%\" ({counts['lt']} rows): share {fmt(LESS_THAN_TENTH)}, the midpoint of (0, 0.1 %); zero")
    w("    would drop a real producer, 0.001 would overstate it.")
    w(f"  - \"0.0%\" ({counts['zero']} rows): share {fmt(ROUNDED_ZERO)}, the midpoint of (0, 0.05 %); the country")
    w("    is listed as a producer, the figure only rounds to zero.")
    w("  - Country names map to ISO 3166-1 alpha-2 through countries.csv names plus an alias")
    w("    table: Brasilia -> BR and Turkyie -> TR (misspelt in the source), Korea, South -> KR,")
    w("    Korea, North -> KP, Congo, D.R. -> CD, Congo -> CG (Republic of the Congo; the study")
    w("    lists DR Congo separately), Cote d'Ivoire -> CI, Cape Verde -> CV, Russia -> RU,")
    w("    Iran -> IR, Laos -> LA, Syria -> SY, Taiwan -> TW, Tanzania -> TZ, Venezuela -> VE,")
    w("    Vietnam -> VN, Bolivia -> BO, Moldova -> MD. Hong Kong (HK) and French Guiana (GF)")
    w("    keep their own codes. Namibia is NA (a string, not a missing value).")
    w(f"  - Kosovo ({counts['alias:Kosovo']} rows) has no ISO 3166-1 code (XK is user-assigned and not in")
    w("    countries.csv): its suppliers have NO country attribute, i.e. unknown origin,")
    w("    counted outside the EU and reported as a data gap.")
    w(f"  - Shares are kept as given when a material and stage does not sum to 100 %; the")
    w(f"    importer normalises within its tolerance. Sums run from {sums[lo[0]]:.3f} ({label(lo[0])})")
    w(f"    to {sums[hi[0]]:.3f} ({label(hi[0])}). A sum above {1 + TOLERANCE:.2f} would be scaled down to 1:")
    if scaled:
        w("    scaled here: " + ", ".join(f"{label(k)} ({s:.3f})" for k, s in sorted(scaled.items())) + ".")
    else:
        w("    none in this edition.")
    w(f"  - Duplicate rows (same material, stage and country after mapping): {counts['duplicate']}")
    w("    in this edition; an identical repeat is kept once, a conflicting one stops the")
    w("    converter.")
    w("  - Material names tidied for display: Natural Graphite -> Natural graphite,")
    w("    Phosphate Rock -> Phosphate rock, Phosphorous -> Phosphorus. Titanium (ore chain)")
    w("    and Titanium metal are separate entries in the study and stay separate.")
    w("-->")
    w('<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="EU CRM 2023 global supply shares" asOf="2023-03-16">')

    for material in materials:
        name = MATERIAL_NAMES.get(material, material)
        mslug = slug(name)
        w("")
        w(f"  <!-- {name} -->")
        for stage, stage_word in STAGES.items():
            key = (material, stage)
            if key not in groups:
                continue
            item_id = f"{mslug}-{stage_word}"
            rows = groups[key]
            total = sums[key]
            factor = 1.0 / total if key in scaled else 1.0
            link = stage == "P" and (material, "E") in groups
            commodity = COMMODITIES.get(material, slug(name))
            attrs = (f'id={quoteattr(item_id)} name={quoteattr(f"{name} — {stage_word}")} unit="t"'
                     f' commodity={quoteattr(commodity)}')
            if link:
                w(f"  <material {attrs}>")
                w(f'    <uses item="{mslug}-extraction" quantity="1"/>'
                  "  <!-- stage link, not a yield -->")
                w("  </material>")
            else:
                w(f"  <material {attrs}/>")
            for note in notes.get(key, []):
                w(f"  <!-- {note} -->")
            if key in scaled:
                w(f"  <!-- shares summed to {total:.4f}; scaled by {factor:.6f} to sum to 1 -->")
            rows = sorted(rows, key=lambda r: (-r[2], r[0] or "~", r[1]))
            for code, display, share, raw in rows:
                sid = f"{item_id}-{code.lower()}" if code else f"{item_id}-{slug(display)}"
                sname = f"{name} {stage_word}, {display}"
                country = f" country={quoteattr(code)}" if code else ""
                comment = ""
                if code is None:
                    comment = f"  <!-- data gap: {display} has no ISO 3166-1 code; unknown origin -->"
                elif raw.startswith("<") or raw in ("0.0%", "0%"):
                    comment = f"  <!-- source: {raw} -->"
                w(f"  <supplier id={quoteattr(sid)} name={quoteattr(sname)}{country} aggregate=\"true\">"
                  f'<supplies item="{item_id}" share="{fmt(share * factor)}"/></supplier>{comment}')
    w("</supplyChain>")
    return "\n".join(out) + "\n"


def main(argv=None):
    data = default_data_dir()
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", default=os.path.join(data, "eu-crm-2023-global-supply-shares.csv"))
    p.add_argument("--countries", default=os.path.join(data, "countries.csv"))
    p.add_argument("--output", "-o", help="write here instead of stdout")
    args = p.parse_args(argv)
    try:
        groups, notes, counts = convert(args.input, args.countries)
        xml = build_xml(groups, notes, counts, args.input)
    except (DataError, OSError, KeyError) as e:
        print(f"crm_to_xml: error: {e}", file=sys.stderr)
        return 1
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(xml)
    else:
        sys.stdout.write(xml)
    return 0


if __name__ == "__main__":
    sys.exit(main())
