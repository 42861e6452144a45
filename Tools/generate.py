#!/usr/bin/env python3
"""Synthetic supply-chain data for Chokepoint: deterministic by seed, 10^3 to 10^6+ items.

    generate.py --items 100000 --seed 1 -o big.xml
    generate.py --items 1000000 --seed 1 --files 4 -o big/      # big/part-000.xml ... part-003.xml

Writes the XML format of ``Sources/SupplyXML/SupplyXML.docc/XMLFormat.md`` (valid against
``supply-chain.xsd``) with plain string formatting to buffered files, so 10^6 items take
seconds, not minutes. The chain is tiered like a defence supply chain:

    systems -> assemblies -> components -> processed materials -> raw materials

with popular parts shared by many parents (a DAG, not a tree), components that use other
components, processing stages that use earlier stages, suppliers shared across items, some
items made in house, some raw materials without mapped supply, suppliers of unknown origin,
country mixes that differ by tier (raw materials and processing weighted to China and the
big producers, integration to the US and the EU members), shares that sum to about 1 (never
above), some shares missing, some ``sourcedFrom`` (including the "hidden single point of
failure": both makers of a part buy one input from the same sub-supplier), recoveryDays on
some suppliers, demand on systems (and a few spare parts) and stock on some materials.

For the version-2 figures (the article "Risk figures") it also makes: rows whose shares are all given and
sum below 1 (an unattributed share, as in the EU CRM tables: about a third of the rows with
all shares given aim at 0.6-0.99; the others sum to exactly 1); ``sourcedFrom`` naming two
or three suppliers whose shares of the input are given and unequal (so the ŵ-weighted mean
differs from a plain mean); ``controlledBy`` on about 8 % of the suppliers, always another
country than the site, EU and non-EU owners alike, and on a fifth of the suppliers of
unknown origin; ``weight`` 1-5 on most systems (the rest default to 1); stock at every tier
below the systems (assemblies, components, processed and raw materials), small against the
requirement on most items and 0.3-1.2 years of it on about a third of them, and on every
direct input of two systems in five (so they have a time to survive above 0).

Total edges (BOM ``uses`` + supply edges) are about 5x the items. The same seed and size give
the same graph whatever ``--files``; with several files, elements are spread over them and
part of the supply edges are written as top-level ``<supply>`` in another file than their
supplier. The output satisfies the importer's semantic rules: unique ids, an acyclic BOM,
shares of one item summing to at most 1, every ``sourcedFrom`` naming a BOM input of the
supplied item and suppliers that supply that input.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from itertools import accumulate

NS = "urn:chokepoint:supply-chain:1"

# Tier sizes as fractions of --items.
TIERS = (("sys", 0.01), ("asm", 0.06), ("cmp", 0.40), ("pm", 0.25), ("raw", 0.28))

# Country mixes by supplier tier (weights; codes from countries.csv).
MIX_INTEGRATION = {
    "US": 25, "FR": 12, "DE": 12, "GB": 10, "IT": 8, "SE": 5, "ES": 4, "PL": 4, "NL": 3,
    "NO": 3, "IL": 3, "KR": 3, "TR": 3, "CA": 2, "JP": 2, "CZ": 1,
}
MIX_COMPONENTS = {
    "US": 20, "CN": 15, "DE": 12, "JP": 7, "FR": 6, "TW": 5, "KR": 5, "IT": 5, "GB": 5,
    "NL": 3, "SE": 3, "CH": 2, "PL": 2, "CZ": 2, "ES": 2, "IN": 2, "IL": 2, "AT": 2, "FI": 1,
    "BE": 1,
}
MIX_PROCESSING = {
    "CN": 40, "US": 8, "JP": 6, "DE": 5, "RU": 5, "KR": 4, "IN": 4, "FR": 3, "NO": 3, "BE": 3,
    "FI": 3, "CA": 3, "AU": 3, "KZ": 2, "ZA": 2, "BR": 2, "ES": 2, "SE": 2,
}
MIX_MINING = {
    "CN": 25, "AU": 10, "CL": 6, "CD": 6, "ZA": 6, "BR": 5, "RU": 5, "US": 5, "ID": 4,
    "PE": 4, "KZ": 3, "CA": 3, "IN": 3, "GN": 3, "MZ": 2, "MG": 2, "TR": 2, "PH": 2, "MX": 2,
    "FI": 1, "SE": 1, "PT": 1, "ES": 1, "NO": 1,
}
UNKNOWN_ORIGIN = 0.01  # fraction of suppliers without a country
# owners for controlledBy (weights): EU and non-EU alike
MIX_OWNERS = {"US": 25, "CN": 15, "GB": 8, "JP": 6, "CH": 5, "IL": 3, "KR": 3, "RU": 2,
              "DE": 10, "FR": 10, "NL": 6, "SE": 4, "IT": 3}
CONTROLLED = 0.08  # fraction of suppliers with a known site that carry controlledBy


class Pool:
    """A contiguous range of ids [lo, hi) with a skewed pick: low indices are popular."""

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, max(hi, lo + 1)
        self.n = self.hi - self.lo
        self.cursor = 0

    def popular(self, r: float) -> int:
        return self.lo + int(self.n * r * r)

    def next(self) -> int:
        """Walk the pool in order, so every member is used at least once if there is room."""
        i = self.lo + self.cursor % self.n
        self.cursor += 1
        return i


def generate(n_items: int, seed: int):
    rnd = random.Random(seed)
    rand = rnd.random

    def randint(a: int, b: int) -> int:  # cheaper than Random.randint, same role
        return a + int(rand() * (b - a + 1))

    # --- items ---
    sizes = [max(1, int(n_items * f)) for _, f in TIERS]
    sizes[2] += n_items - sum(sizes)  # components take the rounding
    bounds = [0] + list(accumulate(sizes))
    tier_of = []
    for t, n in enumerate(sizes):
        tier_of += [t] * n
    prefixes = [p for p, _ in TIERS]
    pools = [Pool(bounds[t], bounds[t + 1]) for t in range(len(TIERS))]
    SYS, ASM, CMP, PM, RAW = range(5)

    names = []
    for t, n in enumerate(sizes):
        names += [f"{prefixes[t]}-{k}" for k in range(n)]

    children: list[list[int]] = [None] * n_items  # type: ignore[list-item]
    for i in range(n_items):
        t = tier_of[i]
        kids: list[int] = []
        if t == SYS:
            kids.append(pools[ASM].next())
            for _ in range(randint(2, 6)):
                kids.append(pools[ASM].popular(rand()))
            for _ in range(randint(0, 2)):
                kids.append(pools[CMP].popular(rand()))
        elif t == ASM:
            kids.append(pools[CMP].next())
            for _ in range(randint(2, 5)):
                kids.append(pools[CMP].popular(rand()))
            if rand() < 0.3:
                kids.append(pools[PM].popular(rand()))
        elif t == CMP:
            kids.append(pools[PM].next())
            if rand() < 0.8:
                kids.append(pools[PM].popular(rand()))
            if rand() < 0.4 and i > bounds[CMP]:  # a lower-index component: still acyclic
                kids.append(bounds[CMP] + int((i - bounds[CMP]) * rand() ** 2))
        elif t == PM:
            kids.append(pools[RAW].next())
            if rand() < 0.6:
                kids.append(pools[RAW].popular(rand()))
            if rand() < 0.15 and i > bounds[PM]:  # an earlier processing stage
                kids.append(bounds[PM] + int((i - bounds[PM]) * rand()))
        children[i] = list(dict.fromkeys(kids))  # no input twice
    # quantity per BOM edge: whole pieces of parts, kilograms or tonnes of materials
    quantities: list[list[str]] = [
        [str(randint(1, 8)) if c < bounds[PM] else f"{0.01 + rand() * 20:.3f}" for c in kids]
        for kids in children
    ]

    # --- suppliers: one pool per tier of what they make ---
    sup_mix = [MIX_INTEGRATION, MIX_INTEGRATION, MIX_COMPONENTS, MIX_PROCESSING, MIX_MINING]
    sup_frac = [0.002, 0.01, 0.06, 0.03, 0.04]
    sup_sizes = [max(12, int(n_items * f)) for f in sup_frac]
    sup_bounds = [0] + list(accumulate(sup_sizes))
    n_sup = sup_bounds[-1]
    sup_country: list[str | None] = []
    for t, n in enumerate(sup_sizes):
        codes = list(sup_mix[t])
        cum = list(accumulate(sup_mix[t].values()))
        drawn = rnd.choices(codes, cum_weights=cum, k=n)
        for c in drawn:
            sup_country.append(None if rand() < UNKNOWN_ORIGIN else c)
    sup_pools = [Pool(sup_bounds[t], sup_bounds[t + 1]) for t in range(len(TIERS))]
    owners = list(MIX_OWNERS)
    owners_cum = list(accumulate(MIX_OWNERS.values()))
    sup_extra = []  # attribute text per supplier
    for s in range(n_sup):
        a = ""
        site = sup_country[s]
        if site is not None:
            a += f' country="{site}"'
        if rand() < (CONTROLLED if site is not None else 0.2):
            owner = rnd.choices(owners, cum_weights=owners_cum)[0]
            while owner == site:  # control from another country than the site
                owner = rnd.choices(owners, cum_weights=owners_cum)[0]
            a += f' controlledBy="{owner}"'
        if rand() < 0.3:
            a += f' recoveryDays="{randint(30, 720)}"'
        sup_extra.append(a)

    # --- supply edges, contiguous per item ---
    edge_start = [0] * (n_items + 1)
    edge_sup: list[int] = []
    edge_share: list[str | None] = []
    edge_attr: list[str] = []
    n_edges_range = [(1, 1), (1, 2), (1, 4), (1, 6), (2, 8)]
    for i in range(n_items):
        t = tier_of[i]
        edge_start[i] = len(edge_sup)
        if (t in (SYS, ASM, CMP) and rand() < (0.1 if t == SYS else 0.05)) or (t == RAW and rand() < 0.01):
            continue  # made in house / unmapped raw material
        lo, hi = n_edges_range[t]
        k = randint(lo, hi)
        pool = sup_pools[t]
        chosen: list[int] = []
        while len(chosen) < k:
            s = pool.popular(rand())
            if s not in chosen:
                chosen.append(s)
        # shares: about 1 in total, never above; some missing
        mode = rand()
        weights = [rand() + 0.1 for _ in range(k)]
        target = 1.0 if rand() < 0.65 else 0.6 + 0.39 * rand()  # below 1: unattributed
        tw = sum(weights)
        cents = [int(w / tw * target * 100) for w in weights]
        if target == 1.0:  # rows that aim at 1 sum to exactly 1.00 (u = 0)
            cents[cents.index(max(cents))] += 100 - sum(cents)
        shares = [f"{c / 100:.2f}" for c in cents]
        if mode < 0.25:
            shares = [None] * k
        elif mode < 0.4:
            shares[randint(0, k - 1)] = None
        for s, sh in zip(chosen, shares):
            edge_sup.append(s)
            edge_share.append(sh)
            a = ""
            if rand() < 0.3:
                a += f' leadTimeDays="{randint(14, 540)}"'
            if rand() < 0.1:
                a += f' capacity="{randint(10, 100000)}"'
            edge_attr.append(a)
    edge_start[n_items] = len(edge_sup)

    def unequal_shares(c: int, named: list[int]) -> None:
        """Give every edge into c a share (keeping the row at most 1) and make the shares of the
        named suppliers' edges unequal, so the ŵ-weighted mean of sourcedFrom is no plain mean."""
        e0, e1 = edge_start[c], edge_start[c + 1]
        if any(edge_share[e] is None for e in range(e0, e1)):
            weights = [rand() + 0.1 for _ in range(e1 - e0)]
            target = 1.0 if rand() < 0.6 else 0.6 + 0.39 * rand()
            tw = sum(weights)
            for e, w in zip(range(e0, e1), weights):
                edge_share[e] = f"{int(w / tw * target * 100) / 100:.2f}"
        es = [e for e in range(e0, e1) if edge_sup[e] in named]
        if len({edge_share[e] for e in es}) == 1:
            e = es[0]
            v = int(round(float(edge_share[e]) * 100))
            total = sum(int(round(float(edge_share[x]) * 100)) for x in range(e0, e1))
            v = v - 1 if v > 0 else (v + 1 if total < 100 else v)
            edge_share[e] = f"{v / 100:.2f}"

    # --- sourcedFrom ---
    sourced: dict[int, list[tuple[int, list[int]]]] = {}
    for i in range(n_items):
        e0, e1 = edge_start[i], edge_start[i + 1]
        if e0 == e1 or not children[i]:
            continue
        multi = [c for c in children[i] if edge_start[c + 1] - edge_start[c] >= 2]
        if not multi:
            continue
        if e1 - e0 >= 2 and rand() < 0.08:
            # hidden single point of failure: every maker of i buys c from one sub-supplier
            c = multi[int(rand() * len(multi))]
            t = edge_sup[edge_start[c] + int(rand() * (edge_start[c + 1] - edge_start[c]))]
            for e in range(e0, e1):
                sourced.setdefault(e, []).append((c, [t]))
            continue
        for e in range(e0, e1):
            if rand() < 0.05:
                c = multi[int(rand() * len(multi))]
                sup_of_c = list(dict.fromkeys(edge_sup[edge_start[c]:edge_start[c + 1]]))
                m = 1 if rand() < 0.55 or len(sup_of_c) < 2 else randint(2, min(3, len(sup_of_c)))
                named = rnd.sample(sup_of_c, m)
                if m >= 2:
                    unequal_shares(c, named)
                sourced.setdefault(e, []).append((c, named))

    # --- item attributes ---
    item_attr = []
    demand = [0] * n_items
    stock: list[float | None] = [None] * n_items
    for i in range(n_items):
        t = tier_of[i]
        a = ""
        if t == SYS:
            demand[i] = randint(10, 500)
            a = f' name="System {i}" demand="{demand[i]}"'
            if rand() < 0.7:
                a += f' weight="{randint(1, 5)}"'  # priority in rankings; absent = 1
        elif t == PM:
            a = ' unit="kg"'
        elif t == RAW:
            a = ' unit="t"' if rand() < 0.5 else ' unit="kg"'
        if t == CMP and rand() < 0.02:
            demand[i] = randint(5, 100)
            a += f' demand="{demand[i]}"'  # spare parts
        if t >= PM and rand() < 0.3:
            stock[i] = round(rand() * 500, 1)
        elif t in (ASM, CMP) and rand() < 0.05:
            stock[i] = randint(1, 200)
        item_attr.append(a)

    # --- stock sized against the requirement, for the stockpile model (the article "The stockpile model") ---
    # A stream of its own, so that every other attribute stays what it was. The stocks drawn
    # above are small against most requirements; about a third of them become 0.3-1.2 years
    # of the item's gross requirement (enough to cover a 90- or 180-day horizon, so the
    # stock nets the orders below it), and on two systems in five every direct input gets
    # 0.02-0.6 years of its requirement, so that those systems have a time to survive above 0
    # (unless the scenario hits the system's own suppliers) that the stock at the lower tiers
    # lengthens.
    req = [float(d) for d in demand]
    parents_first = list(range(bounds[CMP])) + list(range(bounds[PM] - 1, bounds[CMP] - 1, -1)) + \
        list(range(bounds[RAW] - 1, bounds[PM] - 1, -1)) + list(range(bounds[RAW], n_items))
    for i in parents_first:  # a component uses lower components, a stage earlier stages
        if req[i]:
            for c, q in zip(children[i], quantities[i]):
                req[c] += req[i] * float(q)
    srnd = random.Random(seed * 7919 + 17)
    for i in range(n_items):
        if stock[i] is not None and srnd.random() < 0.35:
            stock[i] = req[i] * (0.3 + 0.9 * srnd.random())
    for i in range(bounds[ASM]):
        if i % 5 < 2:  # two systems in five
            for c in children[i]:
                stock[c] = req[c] * (0.02 + 0.58 * srnd.random())
    for i in range(n_items):
        if stock[i] is not None:
            v = stock[i]
            text = str(max(1, round(v))) if tier_of[i] in (ASM, CMP) else f"{v:.3f}".rstrip("0").rstrip(".")
            item_attr[i] += f' stock="{text}"'

    return {"quantities": quantities,
        "names": names, "tier_of": tier_of, "children": children, "item_attr": item_attr,
        "n_sup": n_sup, "sup_extra": sup_extra, "edge_start": edge_start, "edge_sup": edge_sup,
        "edge_share": edge_share, "edge_attr": edge_attr, "sourced": sourced, "seed": seed,
    }


KIND = ["system", "component", "component", "material", "material"]


def write(g, out: str | None, n_files: int) -> tuple[list[str], int]:
    names, tier_of, children = g["names"], g["tier_of"], g["children"]
    edge_start, edge_sup, edge_share, edge_attr = g["edge_start"], g["edge_sup"], g["edge_share"], g["edge_attr"]
    sourced = g["sourced"]
    n_items, n_sup = len(names), g["n_sup"]
    quantities = g["quantities"]

    # edge -> item, and where each edge is written
    edge_item = [0] * len(edge_sup)
    for i in range(n_items):
        for e in range(edge_start[i], edge_start[i + 1]):
            edge_item[e] = i
    placement = random.Random(g["seed"] * 31 + 5)
    top_level_p = 0.3 if n_files > 1 else 0.05
    by_sup: list[list[int]] = [[] for _ in range(n_sup)]
    top_level: list[list[int]] = [[] for _ in range(n_files)]
    for e, s in enumerate(edge_sup):
        if placement.random() < top_level_p:
            top_level[(s % n_files + 1) % n_files].append(e)
        else:
            by_sup[s].append(e)

    def sup_name(s: int) -> str:
        return f"sup-{s}"

    def edge_body(e: int) -> tuple[str, str]:
        a = f' item="{names[edge_item[e]]}"'
        if edge_share[e] is not None:
            a += f' share="{edge_share[e]}"'
        a += edge_attr[e]
        inner = ""
        for c, sups in sourced.get(e, ()):
            inner += f'<sourcedFrom item="{names[c]}" suppliers="{" ".join(sup_name(s) for s in sups)}"/>'
        return a, inner

    if n_files == 1:
        paths = [out] if out else ["-"]
    else:
        if not out:
            raise SystemExit("generate.py: --files > 1 needs -o DIRECTORY")
        os.makedirs(out, exist_ok=True)
        paths = [os.path.join(out, f"part-{k:03d}.xml") for k in range(n_files)]

    n_bom = 0
    for k, path in enumerate(paths):
        f = sys.stdout if path == "-" else open(path, "w", encoding="utf-8", buffering=1 << 20)
        w = f.write
        w(f'<?xml version="1.0" encoding="UTF-8"?>\n<supplyChain xmlns="{NS}" '
          f'name="synthetic-{n_items}-seed{g["seed"]}-part{k}" asOf="2025-01-01"'
          + (f' currency="{g["currency"]}"' if g.get("currency") else "") + '>\n')
        if k == 0:
            w('  <countryGroup id="trusted" name="Close allies" members="US GB NO CA AU JP KR"/>\n')
        for i in range(k, n_items, n_files):
            t = tier_of[i]
            kids = children[i]
            head = f'  <{KIND[t]} id="{names[i]}"{g["item_attr"][i]}'
            if not kids:
                w(head + "/>\n")
                continue
            parts = [head, ">\n"]
            for c, q in zip(kids, quantities[i]):
                parts.append(f'    <uses item="{names[c]}" quantity="{q}"/>\n')
            n_bom += len(kids)
            parts.append(f"  </{KIND[t]}>\n")
            w("".join(parts))
        for s in range(k, n_sup, n_files):
            es = by_sup[s]
            head = f'  <supplier id="{sup_name(s)}"{g["sup_extra"][s]}'
            if not es:
                w(head + "/>\n")
                continue
            parts = [head, ">\n"]
            for e in es:
                a, inner = edge_body(e)
                if inner:
                    parts.append(f"    <supplies{a}>{inner}</supplies>\n")
                else:
                    parts.append(f"    <supplies{a}/>\n")
            parts.append("  </supplier>\n")
            w("".join(parts))
        for e in top_level[k]:
            a, inner = edge_body(e)
            sa = f'  <supply supplier="{sup_name(edge_sup[e])}"{a}'
            w(f"{sa}>{inner}</supply>\n" if inner else sa + "/>\n")
        w("</supplyChain>\n")
        if f is not sys.stdout:
            f.close()
    return paths, n_bom


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic Chokepoint supply chain (XML).")
    ap.add_argument("--items", type=int, default=1000, help="number of items (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--files", type=int, default=1, help="split over K files (then -o is a directory)")
    ap.add_argument("-o", "--output", help="output file (or directory with --files > 1); default stdout")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--prices", action="store_true",
                    help="for the budget plan: currency EUR and a unit price 1-60 on about 70 %% of the "
                         "items below the systems (a stream of its own: every other attribute stays)")
    args = ap.parse_args(argv)
    if args.items < 10 or args.files < 1:
        ap.error("--items must be >= 10 and --files >= 1")
    t0 = time.perf_counter()
    g = generate(args.items, args.seed)
    if args.prices:
        prnd = random.Random(args.seed * 104729 + 3)
        for i in range(args.items):
            if g["tier_of"][i] != 0 and prnd.random() < 0.7:
                g["item_attr"][i] += f' price="{prnd.randint(1, 60)}"'
        g["currency"] = "EUR"
    paths, n_bom = write(g, args.output, args.files)
    if not args.quiet:
        n_supply = len(g["edge_sup"])
        print(f"generate.py: {args.items} items, {g['n_sup']} suppliers, {n_bom} uses + {n_supply} supplies "
              f"= {n_bom + n_supply} edges ({(n_bom + n_supply) / args.items:.2f}x items), "
              f"{len(g['sourced'])} edges with sourcedFrom, {len(paths)} file(s), "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
