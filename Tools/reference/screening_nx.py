#!/usr/bin/env python3
"""An independent reference of `chokepoint screen`, written from the rules of the article
"Owners and sanctions" (RiskAnalysis): name normalisation, matching, the 50 % rule up the
ownership graph (NetworkX), possible matches, and the figures (sanctioned share per item, per
system the sanctioned suppliers and φ with them failed).

It reuses chokepoint_nx.py for the supply map (loading, shares, φ) and reads the entities,
owner links and suppliers' lei/registration from the same XML files itself, and the EU
financial sanctions file (FSF XML 1.1) with ElementTree.

Usage:
  screening_nx.py screen MAP.xml... --sanctions LIST.xml [--sanctions LIST2.xml]
      prints the JSON `chokepoint screen --format json` prints
  screening_nx.py make-example MAP.xml... --seed N --owners OUT.xml --list OUT.xml
      writes a random fictional ownership layer and list for a generated map (for crosscheck)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
import xml.etree.ElementTree as ET

import networkx as nx

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import chokepoint_nx as cp  # noqa: E402

NS = "{urn:chokepoint:supply-chain:1}"
FSF = "{http://eu.europa.ec/fpi/fsd/export}"
LEGAL_FORMS = set("""ltd limited llc inc corp corporation co company plc gmbh ag se sa sas sarl spa srl
sro doo kft bv nv ab as asa oy oyj kg jsc pjsc ojsc oao pao ooo ao zao tov llp lp
ооо ао пао зао оао тов""".split())


# --- names -------------------------------------------------------------------------------

def is_letter_or_digit(c: str) -> bool:
    return unicodedata.category(c)[0] in "LN"


def normalise(name: str) -> str:
    """NFKC, full case folding, NFD without combining marks then NFC, delete . ' ’, other
    runs of non-letters/digits to one space, drop legal-form words, trim."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Mc", "Me"))
    s = unicodedata.normalize("NFC", s)
    s = "".join(c for c in s if c not in ".'\u2019")
    words, word = [], []
    for c in s:
        if is_letter_or_digit(c):
            word.append(c)
        elif word:
            words.append("".join(word)); word = []
    if word:
        words.append("".join(word))
    return " ".join(w for w in words if w not in LEGAL_FORMS)


def normalise_identifier(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if is_letter_or_digit(c))


def lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            cur[j + 1] = prev[j] + 1 if x == y else max(prev[j + 1], cur[j])
        prev = cur
    return prev[-1]


def token_set_ratio(s1: str, s2: str) -> float:
    """rapidfuzz's fuzz.token_set_ratio(s1, s2) / 100 (no processor)."""
    a, b = set(s1.split()), set(s2.split())
    if not a or not b:
        return 0.0
    inter, ab, ba = a & b, a - b, b - a
    if inter and (not ab or not ba):
        return 1.0
    dab, dba = " ".join(sorted(ab)), " ".join(sorted(ba))
    sect = len(" ".join(sorted(inter)))
    gap = 1 if sect else 0
    sect_ab, sect_ba = sect + gap + len(dab), sect + gap + len(dba)
    total = sect_ab + sect_ba
    dist = len(dab) + len(dba) - 2 * lcs(dab, dba)
    result = 1 - dist / total if total else 1.0
    if not sect:
        return result
    return max(result, 1 - (gap + len(dab)) / (sect + sect_ab), 1 - (gap + len(dba)) / (sect + sect_ba))


# --- input -------------------------------------------------------------------------------

def load_parties(paths: list[str]):
    """Suppliers (name, lei, registration), entities and owner links, from the map files."""
    parties: dict[str, dict] = {}
    links: list[tuple[str, str, float | None, bool]] = []
    for path in paths:
        for _, elem in ET.iterparse(path):
            tag = elem.tag[len(NS):] if elem.tag.startswith(NS) else None
            if tag == "supplier":
                parties[elem.get("id")] = {"kind": "supplier", "name": elem.get("name", elem.get("id")),
                                           "lei": elem.get("lei"), "registration": elem.get("registration"),
                                           "person": False}
            elif tag == "entity":
                parties[elem.get("id")] = {"kind": "entity", "name": elem.get("name", elem.get("id")),
                                           "lei": elem.get("lei"), "registration": elem.get("registration"),
                                           "person": elem.get("person") in ("true", "1")}
            elif tag == "owner":
                share = elem.get("share")
                links.append((elem.get("of"), elem.get("by"), float(share) if share is not None else None,
                              elem.get("control") in ("true", "1")))
    return parties, links


def load_list(path: str):
    root = ET.parse(path).getroot()
    if root.tag != FSF + "export":
        raise ValueError(f"{path}: not an FSF export")
    entries, count = [], 0
    for se in root.findall(FSF + "sanctionEntity"):
        count += 1
        st = se.find(FSF + "subjectType")
        kind = st.get("code") if st is not None else None
        if kind not in ("enterprise", "person"):
            continue
        names = []
        for na in se.findall(FSF + "nameAlias"):
            whole = (na.get("wholeName") or "").strip()
            if whole:
                names.append(whole)
            else:
                parts = [(na.get(k) or "").strip() for k in ("firstName", "middleName", "lastName")]
                parts = [p for p in parts if p]
                if parts:
                    names.append(" ".join(parts))
        ids = []
        for ident in se.findall(FSF + "identification"):
            for k in ("number", "latinNumber"):
                v = (ident.get(k) or "").strip()
                if v and v not in ids:
                    ids.append(v)
        entries.append({"ref": se.get("euReferenceNumber").strip(), "kind": kind, "names": names, "ids": ids})
    return {"file": path, "generationDate": root.get("generationDate"), "entities": count}, entries


# --- screening ---------------------------------------------------------------------------

def screen(map_paths: list[str], list_paths: list[str]) -> dict:
    model = cp.load(map_paths)
    parties, links = load_parties(map_paths)
    lists, entries, seen = [], [], set()
    for p in list_paths:
        summary, es = load_list(p)
        lists.append(summary)
        for e in es:
            if e["ref"] not in seen:
                seen.add(e["ref"]); entries.append(e)

    def kind_of(party):
        return "person" if parties[party]["person"] else "enterprise"

    listed = {}
    for pid, p in parties.items():
        k = kind_of(pid)
        hit = None
        for ident in (p["lei"], p["registration"]):
            if hit or not ident:
                continue
            key = normalise_identifier(ident)
            if not key:
                continue
            for e in entries:
                if e["kind"] != k:
                    continue
                for v in e["ids"]:
                    if normalise_identifier(v) == key:
                        hit = ("identifier", e["ref"], v); break
                if hit:
                    break
        if not hit:
            name = normalise(p["name"])
            if name:
                for e in entries:
                    if e["kind"] != k:
                        continue
                    for alias in e["names"]:
                        if normalise(alias) == name:
                            hit = ("name", e["ref"], alias); break
                    if hit:
                        break
        if hit:
            listed[pid] = hit

    g = nx.DiGraph()  # owner -> owned
    g.add_nodes_from(parties)
    for of, by, share, control in links:
        g.add_edge(by, of, share=share, control=control)
    evidence = {}
    for pid in nx.topological_sort(g):
        if pid in listed:
            how, ref, matched = listed[pid]
            evidence[pid] = {"how": how, "path": [pid], "ref": ref, "matched": matched}
            continue
        owners = [(o, d) for o, _, d in g.in_edges(pid, data=True) if o in evidence]
        if not owners:
            continue
        total = sum(d["share"] or 0 for _, d in owners)
        step = None
        if total >= 0.5 - 1e-9:
            best = sorted(owners, key=lambda od: (-(od[1]["share"] or 0), od[0].encode()))[0]
            step = ("ownership", best[0])
        else:
            ctl = [o for o, d in owners if d["control"]]
            if ctl:
                step = ("control", ctl[0])
        if step:
            above = evidence[step[1]]
            evidence[pid] = {"how": step[0], "path": [pid] + above["path"], "ref": above["ref"], "matched": above["matched"]}

    possible = []
    for pid, p in parties.items():
        if pid in evidence:
            continue
        name = normalise(p["name"])
        if not name:
            continue
        words = set(name.split())
        for e in entries:
            if e["kind"] != kind_of(pid):
                continue
            best = None
            for alias in e["names"]:
                na = normalise(alias)
                if not na or not (words & set(na.split())):
                    continue
                sim = token_set_ratio(name, na)
                if sim >= 0.85 - 1e-12 and (best is None or sim > best[1]):
                    best = (alias, sim)
            if best:
                possible.append({"id": pid, "name": p["name"], "listName": best[0], "listReference": e["ref"],
                                 "similarity": best[1]})

    sanctioned_suppliers = {pid for pid in evidence if parties[pid]["kind"] == "supplier"}
    items = []
    for i in sorted(model.items, key=str.encode):
        share = sum(e.w for e in model.in_edges[i] if e.supplier in sanctioned_suppliers)
        if share > 0:
            items.append({"id": i, "sanctionedShare": share})
    systems = []
    if sanctioned_suppliers:
        phi, _ = cp.supply_fraction(model, cp.Scenario(set(sanctioned_suppliers)))
        for x in sorted(model.systems, key=str.encode):
            found = {e.supplier for i in cp.closure(model, x) for e in model.in_edges[i] if e.supplier in sanctioned_suppliers}
            if found:
                systems.append({"id": x, "sanctionedSuppliers": sorted(found, key=str.encode), "supplyFractionWithout": phi[x]})
    return {
        "schemaVersion": 1,
        "lists": lists,
        "sanctioned": [{"id": pid, "kind": parties[pid]["kind"], "how": ev["how"], "listReference": ev["ref"],
                        "matchedName": ev["matched"], "path": ev["path"]}
                       for pid, ev in sorted(evidence.items(), key=lambda kv: kv[0].encode())],
        "possible": sorted(possible, key=lambda p: (p["id"].encode(), p["listReference"].encode())),
        "items": items,
        "systems": systems,
    }


# --- a random fictional layer for generated maps ------------------------------------------

def make_example(map_paths: list[str], seed: int, owners_path: str, list_path: str) -> None:
    rng = random.Random(seed)
    model = cp.load(map_paths)
    suppliers = sorted(model.suppliers)
    words = ["Amber", "Basalt", "Cobalt", "Delta", "Ember", "Flint", "Garnet", "Harbor", "Iris", "Jasper"]
    forms = ["GmbH", "S.A.", "Ltd", "LLC", "AG", "", "ООО"]
    entities = []
    for k in range(40):
        name = f"{rng.choice(words)} {rng.choice(words)} Holding {k} {rng.choice(forms)}".strip()
        entities.append((f"fict-e{k}", name, f"FX-{k:04d}" if rng.random() < 0.3 else None, rng.random() < 0.1))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="fictional owners">']
    for eid, name, reg, person in entities:
        attrs = f' id="{eid}" name="{name}"' + (f' registration="{reg}"' if reg else "") + (' person="true"' if person else "")
        lines.append(f"  <entity{attrs}/>")
    # entity k may own entities after it (acyclic), and suppliers; per party the shares sum to
    # at most 1 and at most one owner controls (a share above 0.5 or control)
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

    for k in range(40):
        for j in range(k + 1, 40):
            if rng.random() < 0.05:
                own(f"fict-e{j}", f"fict-e{k}", rng.choice([0.1, 0.25, 0.3, 0.5, 0.6]), False)
    for s in rng.sample(suppliers, min(len(suppliers), 120)):
        for idx, k in enumerate(rng.sample(range(40), rng.choice([1, 2, 3]))):
            share = rng.choice([0.1, 0.2, 0.25, 0.3, 0.45, 0.5])
            own(s, f"fict-e{k}", share, idx == 0 and rng.random() < 0.15)
    lines.append("</supplyChain>")
    open(owners_path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01">']
    for n, (eid, name, reg, person) in enumerate(rng.sample(entities, 8)):
        kind = "person" if person else "enterprise"
        alias = name.upper() if rng.random() < 0.5 else name.replace("Holding", "Holdings")
        ident = f'<identification number="{reg.lower().replace("-", " ")}"/>' if reg and rng.random() < 0.7 else ""
        out.append(f'  <sanctionEntity euReferenceNumber="EU.GEN.{n}"><subjectType code="{kind}"/>'
                   f'<nameAlias wholeName="{alias}"/>{ident}</sanctionEntity>')
    out.append("</export>")
    open(list_path, "w", encoding="utf-8").write("\n".join(out) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("screen")
    p.add_argument("files", nargs="+")
    p.add_argument("--sanctions", action="append", required=True)
    p = sub.add_parser("make-example")
    p.add_argument("files", nargs="+")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--owners", required=True)
    p.add_argument("--list", required=True)
    args = ap.parse_args(argv)
    if args.command == "screen":
        sys.stdout.write(json.dumps(screen(args.files, args.sanctions)) + "\n")
    else:
        make_example(args.files, args.seed, args.owners, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
