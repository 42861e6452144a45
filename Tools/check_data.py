#!/usr/bin/env python3
"""Check Chokepoint supply-chain XML files (a development aid for the bundled data).

Usage:
    python3 Tools/check_data.py [--countries CSV] [--stats] [--spof] [-q] FILE...

The files are merged into one graph, as `chokepoint validate` does. This is a stand-in
for the real checks, which live in the Swift importer (SupplyXML); it exists so the
bundled data can be checked without building the package. Run xmllint against the XSD
as well: this script does not check the schema.

Errors (exit status 1):
    ids not unique across items, suppliers and country groups (also across files);
    a group id that shadows EU, EEA or NATO;
    an unknown item or supplier in uses, supplies, supply or sourcedFrom;
    a country, controlledBy or group member code not in countries.csv (upper-case alpha-2);
    a share outside 0..1; a negative or non-finite number;
    the given shares of one item summing above 1.05;
    a BOM cycle;
    a sourcedFrom whose item is not a BOM child (a `uses` child) of the supplied item, or
    that names a supplier which does not supply that input.
Warnings: shares summing below 1, leaves without supplier, materials no item uses,
suppliers of unknown origin, suppliers that supply nothing, an input used twice.
--stats prints counts of items by kind, suppliers, BOM and supply edges; --spof prints,
per system, the suppliers whose loss alone makes it unavailable (the availability rule of
the article "Risk figures", sourcedFrom included), to cross-check the Swift figures.

Python 3 standard library only. Countries default to $CHOKEPOINT_DATA/countries.csv
(or the repository's Data/countries.csv).
"""

import argparse
import csv
import math
import os
import sys
import xml.parsers.expat
from collections import defaultdict

NS = "urn:chokepoint:supply-chain:1"
SEP = "|"
ITEM_KINDS = ("system", "component", "material")
BUILTIN_GROUPS = {"EU", "EEA", "NATO"}
TOLERANCE = 0.05


class Graph:
    def __init__(self):
        self.items = {}        # id -> dict(kind, name, unit, demand, stock, loc)
        self.suppliers = {}    # id -> dict(name, country, loc)
        self.groups = {}       # id -> dict(members, loc)
        self.ids = {}          # id -> loc (shared id space)
        self.uses = []         # (parent, child, quantity, loc)
        self.supplies = []     # dict(supplier, item, share, capacity, lead, sourced: [(item, [sup], loc)], loc)
        self.errors = []
        self.warnings = []

    def error(self, loc, msg):
        self.errors.append(f"{loc}: error: {msg}")

    def warn(self, loc, msg):
        self.warnings.append(f"{loc}: warning: {msg}")


def parse_file(path, g):
    p = xml.parsers.expat.ParserCreate(namespace_separator=SEP)
    stack = []
    state = {"item": None, "supply": None, "root": False}

    def loc():
        return f"{path}:{p.CurrentLineNumber}:{p.CurrentColumnNumber + 1}"

    def number(attrs, name, here, minimum=0.0, maximum=None):
        if name not in attrs:
            return None
        try:
            v = float(attrs[name])
        except ValueError:
            g.error(here, f"{name}={attrs[name]!r} is not a number")
            return None
        if not math.isfinite(v) or v < minimum or (maximum is not None and v > maximum):
            rng = f"{minimum}..{maximum}" if maximum is not None else f">= {minimum}"
            g.error(here, f"{name}={attrs[name]!r} outside {rng}")
            return None
        return v

    def claim(id_, here, what):
        if not id_:
            g.error(here, f"<{what}> without id")
            return False
        if id_ in g.ids:
            g.error(here, f"duplicate id '{id_}' (first defined at {g.ids[id_]})")
            return False
        g.ids[id_] = here
        return True

    def start(name, attrs):
        here = loc()
        ns, _, local = name.rpartition(SEP)
        if ns != NS:
            g.error(here, f"element <{local}> not in namespace {NS}")
        depth = len(stack)
        stack.append(local)
        if depth == 0:
            if local != "supplyChain":
                g.error(here, f"root is <{local}>, expected <supplyChain>")
            return
        parent = stack[-2]
        if local in ITEM_KINDS and parent == "supplyChain":
            id_ = attrs.get("id", "")
            if claim(id_, here, local):
                g.items[id_] = dict(kind=local, name=attrs.get("name", id_),
                                    unit=attrs.get("unit", "pcs"),
                                    demand=number(attrs, "demand", here) or 0.0,
                                    stock=number(attrs, "stock", here) or 0.0, loc=here)
            state["item"] = id_
        elif local == "uses" and parent in ITEM_KINDS:
            q = number(attrs, "quantity", here)
            g.uses.append((state["item"], attrs.get("item", ""), q, here))
        elif local == "supplier" and parent == "supplyChain":
            id_ = attrs.get("id", "")
            if claim(id_, here, local):
                g.suppliers[id_] = dict(name=attrs.get("name", id_), country=attrs.get("country"),
                                        controlledBy=attrs.get("controlledBy"), loc=here)
                number(attrs, "recoveryDays", here)
            state["supplier"] = id_
        elif (local == "supplies" and parent == "supplier") or (local == "supply" and parent == "supplyChain"):
            sup = attrs.get("supplier", "") if local == "supply" else state["supplier"]
            e = dict(supplier=sup, item=attrs.get("item", ""),
                     share=number(attrs, "share", here, 0.0, 1.0),
                     capacity=number(attrs, "capacity", here),
                     lead=number(attrs, "leadTimeDays", here), sourced=[], loc=here)
            g.supplies.append(e)
            state["supply"] = e
        elif local == "sourcedFrom" and parent in ("supplies", "supply"):
            state["supply"]["sourced"].append((attrs.get("item", ""), attrs.get("suppliers", "").split(), here))
        elif local == "countryGroup" and parent == "supplyChain":
            id_ = attrs.get("id", "")
            if id_ in BUILTIN_GROUPS:
                g.error(here, f"group id '{id_}' shadows a built-in group")
            elif claim(id_, here, local):
                g.groups[id_] = dict(members=attrs.get("members", "").split(), loc=here)
        else:
            g.error(here, f"unexpected <{local}> inside <{parent}>")

    def end(name):
        stack.pop()

    p.StartElementHandler = start
    p.EndElementHandler = end
    # Refuse DTDs and entities, like the importer.
    def no_dtd(*a):
        g.error(loc(), "DTD or entity declaration refused")
    p.StartDoctypeDeclHandler = no_dtd
    p.EntityDeclHandler = no_dtd
    try:
        with open(path, "rb") as f:
            p.ParseFile(f)
    except xml.parsers.expat.ExpatError as e:
        g.error(f"{path}:{e.lineno}:{e.offset + 1}", f"malformed XML: {xml.parsers.expat.ErrorString(e.code)}")


def load_codes(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {row["iso2"].strip() for row in csv.DictReader(f)}


def check(g, codes):
    # countries
    for sid, s in g.suppliers.items():
        for attr in ("country", "controlledBy"):
            c = s[attr]
            if c is not None and c not in codes:
                g.error(s["loc"], f"supplier '{sid}': unknown {attr} code '{c}'")
        if s["country"] is None:
            g.warn(s["loc"], f"supplier '{sid}' has no country (unknown origin, counted outside the EU)")
    for gid, grp in g.groups.items():
        for c in grp["members"]:
            if c not in codes:
                g.error(grp["loc"], f"group '{gid}': unknown country code '{c}'")

    # BOM references
    children = defaultdict(dict)
    parents = defaultdict(set)
    for parent, child, q, here in g.uses:
        if child not in g.items:
            g.error(here, f"unknown item '{child}' in <uses>")
            continue
        if parent not in g.items:
            continue
        if child in children[parent]:
            g.warn(here, f"'{parent}' uses '{child}' twice (quantities add up)")
            children[parent][child] += q or 0.0
        else:
            children[parent][child] = q or 0.0
        parents[child].add(parent)

    # supply references
    edges_to = defaultdict(list)
    supplied_by = defaultdict(set)   # item -> suppliers
    for e in g.supplies:
        ok = True
        if e["supplier"] not in g.suppliers:
            g.error(e["loc"], f"unknown supplier '{e['supplier']}'")
            ok = False
        if e["item"] not in g.items:
            g.error(e["loc"], f"unknown item '{e['item']}' in supply")
            ok = False
        if ok:
            edges_to[e["item"]].append(e)
            supplied_by[e["item"]].add(e["supplier"])
    for e in g.supplies:
        for item, sups, here in e["sourced"]:
            if item not in g.items:
                g.error(here, f"unknown item '{item}' in <sourcedFrom>")
                continue
            if item not in children.get(e["item"], {}):
                g.error(here, f"<sourcedFrom item='{item}'>: not a BOM input of '{e['item']}'")
            if not sups:
                g.error(here, "<sourcedFrom> names no supplier")
            for s in sups:
                if s not in g.suppliers:
                    g.error(here, f"unknown supplier '{s}' in <sourcedFrom>")
                elif s not in supplied_by[item]:
                    g.error(here, f"<sourcedFrom>: supplier '{s}' does not supply '{item}'")

    # shares
    for item, es in edges_to.items():
        given = [e["share"] for e in es if e["share"] is not None]
        total = sum(given)
        if total > 1 + TOLERANCE + 1e-9:
            g.error(es[0]["loc"], f"shares of '{item}' sum to {total:.4f} (> 1 + {TOLERANCE})")
        elif total > 1 + 1e-9:
            g.warn(es[0]["loc"], f"shares of '{item}' sum to {total:.4f}; normalised")
        elif given and len(given) == len(es) and total < 1 - 1e-9:
            g.warn(es[0]["loc"], f"shares of '{item}' sum to {total:.4f} (< 1); the rest is unattributed")

    # cycles (iterative DFS)
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(g.items, WHITE)
    for root in g.items:
        if colour[root] != WHITE:
            continue
        stack = [(root, iter(children.get(root, {})))]
        path = [root]
        colour[root] = GREY
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = BLACK
                stack.pop()
                path.pop()
                continue
            if colour[nxt] == GREY:
                cyc = path[path.index(nxt):] + [nxt]
                g.error(g.items[nxt]["loc"], "BOM cycle: " + " -> ".join(cyc))
            elif colour[nxt] == WHITE:
                colour[nxt] = GREY
                stack.append((nxt, iter(children.get(nxt, {}))))
                path.append(nxt)

    # warnings on shape
    for iid, it in g.items.items():
        if not edges_to.get(iid) and not children.get(iid):
            g.warn(it["loc"], f"'{iid}' has no supplier and no inputs (unmapped leaf)")
        if it["kind"] == "material" and not parents.get(iid):
            g.warn(it["loc"], f"material '{iid}' is used by no item")
    supplying = {e["supplier"] for e in g.supplies}
    for sid, s in g.suppliers.items():
        if sid not in supplying:
            g.warn(s["loc"], f"supplier '{sid}' supplies nothing")
    return children, edges_to


def stats(g, children):
    kinds = defaultdict(int)
    for it in g.items.values():
        kinds[it["kind"]] += 1
    n_sourced = sum(len(e["sourced"]) for e in g.supplies)
    print(f"items: {len(g.items)} ({', '.join(f'{k} {kinds[k]}' for k in ITEM_KINDS)})")
    print(f"suppliers: {len(g.suppliers)} (unknown origin {sum(1 for s in g.suppliers.values() if s['country'] is None)})")
    print(f"country groups: {len(g.groups)}")
    print(f"BOM edges: {sum(len(c) for c in children.values())}")
    print(f"supply edges: {len(g.supplies)} (with share {sum(1 for e in g.supplies if e['share'] is not None)}, "
          f"sourcedFrom {n_sourced})")


def availability(g, children, edges_to, failed):
    """Availability of every item when the suppliers in `failed` fail (the article "Risk figures")."""
    memo = {}
    def avail(i):
        if i in memo:
            return memo[i]
        memo[i] = False  # the BOM is acyclic; this only guards bad input
        es = edges_to.get(i, [])
        if not es:
            r = all(avail(c) for c in children.get(i, {}))
        else:
            r = any(edge_ok(e) for e in es)
        memo[i] = r
        return r
    def edge_ok(e):
        if e["supplier"] in failed:
            return False
        named = {item: sups for item, sups, _ in e["sourced"]}
        for c in children.get(e["item"], {}):
            if c in named:
                ok = any(x["supplier"] in named[c] and edge_ok(x) for x in edges_to.get(c, []))
            else:
                ok = avail(c)
            if not ok:
                return False
        return True
    return avail


def single_points_of_failure(g, children, edges_to):
    """Print, per system, the suppliers whose loss alone makes it unavailable."""
    systems = sorted(i for i, it in g.items.items() if it["kind"] == "system")
    for s in systems:
        spof = [sid for sid in sorted(g.suppliers)
                if not availability(g, children, edges_to, {sid})(s)]
        print(f"{s}: {' '.join(spof) if spof else '-'}")


def main(argv=None):
    data = os.environ.get("CHOKEPOINT_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Data"))
    ap = argparse.ArgumentParser(description="Check Chokepoint supply-chain XML files.")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--countries", default=os.path.join(data, "countries.csv"))
    ap.add_argument("--stats", action="store_true", help="print counts")
    ap.add_argument("--quiet", "-q", action="store_true", help="do not print warnings")
    ap.add_argument("--spof", action="store_true",
                    help="print each system's single-supplier points of failure (slow: one pass per supplier)")
    args = ap.parse_args(argv)
    g = Graph()
    for path in args.files:
        parse_file(path, g)
    children, edges_to = check(g, load_codes(args.countries))
    for m in g.errors:
        print(m, file=sys.stderr)
    if not args.quiet:
        for m in g.warnings:
            print(m, file=sys.stderr)
    if args.stats:
        stats(g, children)
    if args.spof and not g.errors:
        single_points_of_failure(g, children, edges_to)
    print(f"{len(g.errors)} error(s), {len(g.warnings)} warning(s)", file=sys.stderr)
    return 1 if g.errors else 0


if __name__ == "__main__":
    sys.exit(main())
