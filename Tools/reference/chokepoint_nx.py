#!/usr/bin/env python3
"""Independent reference implementation of Chokepoint's risk figures, in Python/NetworkX.

This script recomputes every figure of DESIGN.md §3, exactly as
``Sources/RiskAnalysis/RiskAnalysis.docc/RiskFigures.md`` states them, from the same XML
input as the Swift tool (``urn:chokepoint:supply-chain:1``, several files merged into one
graph), and prints the same JSON as ``chokepoint report|whatif|stockpile --format json``
(DESIGN.md §4). It serves two purposes:

1. **Cross-check.** It is written independently of the Swift code and deliberately in the
   obvious way (single points of failure by brute force: one failure at a time, availability
   of every system re-evaluated), so ``Tools/reference/compare.py`` can diff its output with
   the Swift tool's on any data set, e.g. the synthetic ones from ``Tools/generate.py``.
2. **NetworkX speed anchor** of ``Tools/bench``: DESIGN.md §5 asks the Swift ``report`` to be
   at least 50x faster than "the same figures computed with NetworkX". ``--timing`` prints the
   load and compute seconds to stderr, separately.

Only the Python standard library and networkx are used. Input is assumed to be valid (run
``chokepoint validate`` for diagnostics); unknown references, duplicate ids and BOM cycles
still stop the script with a clear message.

Usage::

    chokepoint_nx.py report    FILE... [--trusted G1,G2]
    chokepoint_nx.py whatif    FILE... [--without-country CN,RU] [--without-supplier a,b]
                                       [--without-group G] [--only-group EU]
    chokepoint_nx.py stockpile FILE... [--days 180] [scenario options]
    common: [--timing] [--countries countries.csv] [--pretty]
"""

from __future__ import annotations

import argparse
import csv
import glob
import heapq
import json
import math
import os
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

NS = "{urn:chokepoint:supply-chain:1}"
ITEM_KINDS = ("system", "component", "material")
BUILTIN_GROUPS = ("EU", "EEA", "NATO")
UNKNOWN = "unknown"  # key for suppliers of unknown origin
CRMA_THRESHOLD = 0.65
CRMA_TOLERANCE = 1e-9


class InputError(Exception):
    """Input that cannot be computed on (unknown reference, duplicate id, cycle...)."""


# ---------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------


@dataclass
class SupplyEdge:
    """A supply edge supplier -> item (DESIGN §2), with its normalised share."""

    index: int
    supplier: str
    item: str
    share: float | None  # as given (None: absent)
    where: str  # file, for messages
    sourced_raw: dict[str, set[str]] = field(default_factory=dict)  # input item -> suppliers
    w: float = 0.0  # normalised share ŵ(e)
    # input item -> indices of the named suppliers' edges into that input
    sourced: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Model:
    items: dict[str, dict]  # id -> {kind, unit, demand, stock}
    suppliers: dict[str, dict]  # id -> {country (None = unknown origin), recoveryDays}
    groups: dict[str, set[str]]  # all groups, built-in and user-defined
    countries: set[str]  # known ISO codes
    bom: nx.DiGraph  # parent -> child, attribute quantity (two uses of one input add up)
    supply: nx.MultiDiGraph  # supplier -> item, key = edge index, attribute edge=SupplyEdge
    edges: list[SupplyEdge]
    # derived, for linear passes
    children_first: list[str] = field(default_factory=list)
    in_edges: dict[str, list[SupplyEdge]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)

    @property
    def systems(self) -> list[str]:
        return sorted(i for i, a in self.items.items() if a["kind"] == "system")


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------


def find_countries_csv(explicit: str | None) -> Path:
    """Locate countries.csv (iso2, ..., eu27, eea, nato)."""
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get("CHOKEPOINT_COUNTRIES"):
        candidates.append(Path(os.environ["CHOKEPOINT_COUNTRIES"]))
    repo = Path(__file__).resolve().parents[2]
    candidates += [Path(p) for p in sorted(glob.glob(str(repo / "Sources/*/Resources/countries.csv")))]
    candidates += [repo.parent / "shared/data/countries.csv", Path("/work/shared/data/countries.csv")]
    for c in candidates:
        if c.is_file():
            return c
    raise InputError("countries.csv not found; pass --countries PATH or set CHOKEPOINT_COUNTRIES")


def load_countries(path: Path) -> tuple[set[str], dict[str, set[str]]]:
    """Known codes and the built-in groups EU (eu27), EEA (eea), NATO (nato)."""
    codes: set[str] = set()
    groups: dict[str, set[str]] = {g: set() for g in BUILTIN_GROUPS}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["iso2"].strip()
            codes.add(code)
            for g, col in (("EU", "eu27"), ("EEA", "eea"), ("NATO", "nato")):
                # rows whose quoted name holds a comma end after eea: a missing flag is 0
                if (row.get(col) or "0").strip() == "1":
                    groups[g].add(code)
    return codes, groups


def _num(elem: ET.Element, name: str, default: float | None) -> float | None:
    v = elem.get(name)
    return default if v is None else float(v)


def load(paths: list[str], countries_csv: str | None = None) -> Model:
    """Parse and merge the XML files into a Model (graphs built, shares normalised)."""
    codes, groups = load_countries(find_countries_csv(countries_csv))
    items: dict[str, dict] = {}
    suppliers: dict[str, dict] = {}
    where_defined: dict[str, str] = {}
    uses: list[tuple[str, str, float, str]] = []
    edges: list[SupplyEdge] = []

    def define(ident: str, where: str) -> None:
        if ident in where_defined:
            raise InputError(f"{where}: duplicate id '{ident}' (first defined in {where_defined[ident]})")
        if ident in BUILTIN_GROUPS:
            raise InputError(f"{where}: id '{ident}' shadows a built-in country group")
        where_defined[ident] = where

    def add_edge(supplier: str, elem: ET.Element, where: str) -> None:
        e = SupplyEdge(len(edges), supplier, elem.get("item"), _num(elem, "share", None), where)
        for sf in elem.iter(NS + "sourcedFrom"):
            e.sourced_raw.setdefault(sf.get("item"), set()).update(sf.get("suppliers").split())
        edges.append(e)

    for path in paths:
        root = None
        for event, elem in ET.iterparse(path, events=("start", "end")):
            if root is None:
                root = elem
                if elem.tag != NS + "supplyChain":
                    raise InputError(f"{path}: root is not <supplyChain> in {NS[1:-1]}")
                depth = 0
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth != 1:  # only whole top-level elements are handled
                continue
            tag = elem.tag[len(NS):] if elem.tag.startswith(NS) else elem.tag
            ident = elem.get("id")
            where = f"{path}: <{tag}{' id=' + repr(ident) if ident else ''}>"
            if tag in ITEM_KINDS:
                define(ident, where)
                items[ident] = {
                    "kind": tag,
                    "unit": elem.get("unit", "pcs"),
                    "demand": _num(elem, "demand", 0.0),
                    "stock": _num(elem, "stock", 0.0),
                }
                for u in elem.iter(NS + "uses"):
                    uses.append((ident, u.get("item"), float(u.get("quantity")), where))
            elif tag == "supplier":
                define(ident, where)
                suppliers[ident] = {
                    "country": elem.get("country"),
                    "recoveryDays": _num(elem, "recoveryDays", None),
                }
                for s in elem.iter(NS + "supplies"):
                    add_edge(ident, s, where)
            elif tag == "supply":
                add_edge(elem.get("supplier"), elem, where)
            elif tag == "countryGroup":
                define(ident, where)
                groups[ident] = set(elem.get("members").split())
            root.clear()  # keep memory bounded by the graph, not the file

    # --- references ---
    for g, members in groups.items():
        for m in members:
            if m not in codes:
                raise InputError(f"country group '{g}': unknown country code '{m}'")
    for s, a in suppliers.items():
        if a["country"] is not None and a["country"] not in codes:
            raise InputError(f"supplier '{s}': unknown country code '{a['country']}'")

    bom = nx.DiGraph()
    for ident, attrs in items.items():
        bom.add_node(ident, **attrs)
    for parent, child, q, where in uses:
        if child not in items:
            raise InputError(f"{where}: unknown item '{child}' in <uses>")
        if bom.has_edge(parent, child):
            bom[parent][child]["quantity"] += q
        else:
            bom.add_edge(parent, child, quantity=q)

    supply = nx.MultiDiGraph()
    supply.add_nodes_from(suppliers, type="supplier")
    supply.add_nodes_from(items, type="item")
    for e in edges:
        if e.supplier not in suppliers:
            raise InputError(f"{e.where}: unknown supplier '{e.supplier}'")
        if e.item not in items:
            raise InputError(f"{e.where}: unknown item '{e.item}' in supply edge")
        supply.add_edge(e.supplier, e.item, key=e.index, edge=e)

    try:
        order = list(nx.topological_sort(bom))  # parents before children
    except nx.NetworkXUnfeasible:
        cycle = [u for u, _ in nx.find_cycle(bom)]
        raise InputError("BOM cycle: " + " -> ".join(cycle + cycle[:1])) from None

    model = Model(items, suppliers, groups, codes, bom, supply, edges)
    model.children_first = order[::-1]
    for i in items:
        model.in_edges[i] = [d["edge"] for _, _, d in supply.in_edges(i, data=True)]
        model.in_edges[i].sort(key=lambda e: e.index)
        model.children[i] = list(bom.successors(i))

    # --- sourcedFrom: resolve to the named suppliers' edges into the input ---
    for e in edges:
        for c, names in e.sourced_raw.items():
            if c not in items:
                raise InputError(f"{e.where}: unknown item '{c}' in <sourcedFrom>")
            if not bom.has_edge(e.item, c):
                raise InputError(f"{e.where}: <sourcedFrom item='{c}'> is not a BOM input of '{e.item}'")
            for n in names:
                if n not in suppliers:
                    raise InputError(f"{e.where}: unknown supplier '{n}' in <sourcedFrom>")
            named = [x.index for x in model.in_edges[c] if x.supplier in names]
            supplying = {x.supplier for x in model.in_edges[c]}
            for n in names:
                if n not in supplying:
                    raise InputError(f"{e.where}: <sourcedFrom> supplier '{n}' does not supply '{c}'")
            e.sourced[c] = named

    # --- normalised shares ŵ ---
    for i in items:
        normalise(model.in_edges[i])
    return model


def normalise(es: list[SupplyEdge]) -> None:
    """Set ŵ(e) for the edges E(i) of one item (RiskFigures: Normalised shares)."""
    n = len(es)
    if n == 0:
        return
    given = [e.share for e in es if e.share is not None]
    if not given:
        raw = [1.0 / n] * n
    else:
        missing = n - len(given)
        fill = max(0.0, 1.0 - sum(given)) / missing if missing else 0.0
        raw = [e.share if e.share is not None else fill for e in es]
    total = sum(raw)
    for e, r in zip(es, raw):
        e.w = r / total if total > 0 else 1.0 / n


def coverage(es: list[SupplyEdge]) -> float:
    given = [e.share for e in es if e.share is not None]
    return sum(given) if given else 1.0


# ---------------------------------------------------------------------------------------
# Scenarios and availability
# ---------------------------------------------------------------------------------------


def scenario_failures(model: Model, scenario: dict[str, list[str]]) -> set[str]:
    """The set F of failed suppliers for a scenario given on the command line."""
    def group(g: str) -> set[str]:
        if g not in model.groups:
            raise InputError(f"unknown country group '{g}'")
        return model.groups[g]

    failed: set[str] = set()
    for s in scenario.get("withoutSupplier", []):
        if s not in model.suppliers:
            raise InputError(f"unknown supplier '{s}'")
        failed.add(s)
    countries = set(scenario.get("withoutCountry", []))
    for c in countries:
        if c != UNKNOWN and c not in model.countries:
            raise InputError(f"unknown country code '{c}'")
    without_groups = set().union(*(group(g) for g in scenario.get("withoutGroup", [])))
    only = scenario.get("onlyGroup")
    allowed = set().union(*(group(g) for g in only)) if only else None
    for s, a in model.suppliers.items():
        c = a["country"]
        if (c if c is not None else UNKNOWN) in countries:
            failed.add(s)
        if c is not None and c in without_groups:
            failed.add(s)
        if allowed is not None and (c is None or c not in allowed):
            failed.add(s)
    return failed


def edge_ok(model: Model, e: SupplyEdge, failed, item_ok, edge_avail) -> bool:
    """An edge s -> i is available if s is not in F and every input of i is available
    (through the sourcedFrom suppliers' edges when named, else through any supplier)."""
    if e.supplier in failed:
        return False
    for c in model.children[e.item]:
        if c in e.sourced:
            if not any(edge_avail[x] for x in e.sourced[c]):
                return False
        elif not item_ok[c]:
            return False
    return True


def availability(model: Model, failed: set[str]) -> tuple[dict[str, bool], list[bool]]:
    """Availability of every item and every supply edge under F, children first."""
    item_ok: dict[str, bool] = {}
    edge_avail = [True] * len(model.edges)
    for i in model.children_first:
        es = model.in_edges[i]
        if es:
            ok = False
            for e in es:
                edge_avail[e.index] = edge_ok(model, e, failed, item_ok, edge_avail)
                ok = ok or edge_avail[e.index]
            item_ok[i] = ok
        else:  # made in house (or an unmapped leaf: available)
            item_ok[i] = all(item_ok[c] for c in model.children[i])
    return item_ok, edge_avail


def lost_share(model: Model, i: str, edge_avail: list[bool]) -> float:
    return sum((e.w for e in model.in_edges[i] if not edge_avail[e.index]), 0.0)


def blocking_items(model: Model, item_ok: dict[str, bool]) -> list[str]:
    """Unavailable items none of whose children is unavailable."""
    return sorted(
        i for i, ok in item_ok.items()
        if not ok and all(item_ok[c] for c in model.children[i])
    )


class SingleFailures:
    """Brute-force single points of failure: each failure evaluated on its own.

    ``method="full"`` re-evaluates the whole graph for every failure (the literal definition).
    ``method="cone"`` (default) evaluates the same failure but only re-computes the items
    whose inputs changed, walking up from the failed supplier's edges in children-first
    order and stopping where nothing changes; since nothing fails without a failure (every
    item is available under F = {}), this gives exactly the full evaluation's result.
    """

    def __init__(self, model: Model, method: str = "cone"):
        self.model = model
        self.method = method
        self.rank = {i: r for r, i in enumerate(model.children_first)}
        self.edges_of: dict[str, list[SupplyEdge]] = {s: [] for s in model.suppliers}
        for e in model.edges:
            self.edges_of[e.supplier].append(e)
        self.item_ok = {i: True for i in model.items}
        self.edge_avail = [True] * len(model.edges)
        self.systems = set(model.systems)

    def failed_systems(self, failed: set[str]) -> set[str]:
        if self.method == "full":
            item_ok, _ = availability(self.model, failed)
            return {x for x in self.systems if not item_ok[x]}
        m = self.model
        heap = []
        queued = set()
        for s in failed:
            for e in self.edges_of[s]:
                if e.item not in queued:
                    queued.add(e.item)
                    heapq.heappush(heap, (self.rank[e.item], e.item))
        touched_items, touched_edges = [], []
        while heap:
            _, i = heapq.heappop(heap)
            changed = False
            es = m.in_edges[i]
            if es:
                ok = False
                for e in es:
                    a = edge_ok(m, e, failed, self.item_ok, self.edge_avail)
                    if a != self.edge_avail[e.index]:
                        self.edge_avail[e.index] = a
                        touched_edges.append(e.index)
                        changed = True
                    ok = ok or a
            else:
                ok = all(self.item_ok[c] for c in m.children[i])
            if ok != self.item_ok[i]:
                self.item_ok[i] = ok
                touched_items.append(i)
                changed = True
            if changed:
                for p in m.bom.predecessors(i):
                    if p not in queued:
                        queued.add(p)
                        heapq.heappush(heap, (self.rank[p], p))
        result = {i for i in touched_items if i in self.systems}
        for i in touched_items:  # back to the no-failure state
            self.item_ok[i] = True
        for x in touched_edges:
            self.edge_avail[x] = True
        return result


def single_points_of_failure(model: Model, method: str = "cone") -> dict[str, dict[str, list[str]]]:
    """For every system: the suppliers and the countries whose failure alone makes it
    unavailable (RiskFigures: Single points of failure). Unknown origin is never a country."""
    sf = SingleFailures(model, method)
    out = {x: {"suppliers": [], "countries": []} for x in model.systems}
    active = sorted({e.supplier for e in model.edges})
    for s in active:
        for x in sf.failed_systems({s}):
            out[x]["suppliers"].append(s)
    by_country: dict[str, set[str]] = {}
    for s in active:
        c = model.suppliers[s]["country"]
        if c is not None:
            by_country.setdefault(c, set()).add(s)
    for c in sorted(by_country):
        for x in sf.failed_systems(by_country[c]):
            out[x]["countries"].append(c)
    return out


# ---------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------


def inside_set(model: Model, trusted: list[str]) -> set[str]:
    """Countries counted as inside for the non-EU figures: EU plus the trusted groups."""
    inside = set(model.groups["EU"])
    for g in trusted:
        if g not in model.groups:
            raise InputError(f"unknown country group '{g}' in --trusted")
        inside |= model.groups[g]
    return inside


def country_key(model: Model, s: str) -> str:
    c = model.suppliers[s]["country"]
    return UNKNOWN if c is None else c


def requirement(model: Model) -> dict[str, float]:
    """req(i) = demand(i) + Σ_p req(p)·q(p,i), parents first (gross MRP explosion)."""
    req = {i: a["demand"] for i, a in model.items.items()}
    for p in reversed(model.children_first):
        rp = req[p]
        for c, d in model.bom[p].items():
            req[c] += rp * d["quantity"]
    return req


def exposure(model: Model, inside: set[str]) -> dict[str, float]:
    """Propagated non-EU exposure x(i), children first."""
    x_item: dict[str, float] = {}
    x_edge = [0.0] * len(model.edges)

    def outside(s: str) -> bool:
        c = model.suppliers[s]["country"]
        return c is None or c not in inside

    for i in model.children_first:
        es = model.in_edges[i]
        kids = model.children[i]
        if not es:
            p = 1.0
            for c in kids:
                p *= 1.0 - x_item[c]
            x_item[i] = 1.0 - p
            continue
        total = 0.0
        for e in es:
            if outside(e.supplier):
                xe = 1.0
            else:
                p = 1.0
                for c in kids:
                    if c in e.sourced:
                        named = [model.edges[k] for k in e.sourced[c]]
                        ws = [n.w for n in named]
                        if sum(ws) == 0:
                            ws = [1.0] * len(named)
                        xc = sum(w * x_edge[n.index] for w, n in zip(ws, named)) / sum(ws)
                    else:
                        xc = x_item[c]
                    p *= 1.0 - xc
                xe = 1.0 - p
            x_edge[e.index] = xe
            total += e.w * xe
        x_item[i] = total
    return x_item


def item_figures(model: Model, i: str, inside: set[str], eu: set[str]) -> dict:
    es = model.in_edges[i]
    cs: dict[str, float] = {}
    by_supplier: dict[str, float] = {}
    for e in es:
        k = country_key(model, e.supplier)
        cs[k] = cs.get(k, 0.0) + e.w
        by_supplier[e.supplier] = by_supplier.get(e.supplier, 0.0) + e.w
    known = {model.suppliers[e.supplier]["country"] for e in es}
    return {
        "id": i,
        "kind": model.items[i]["kind"],
        "suppliers": len(by_supplier),
        "singleSource": len(by_supplier) == 1,
        "singleCountry": bool(es) and len(known) == 1 and None not in known,
        "countryShares": dict(sorted(cs.items())),
        "hhi": sum(((100.0 * v) ** 2 for v in cs.values()), 0.0),
        "supplierHHI": sum(((100.0 * v) ** 2 for v in by_supplier.values()), 0.0),
        "nonEUShare": sum((v for k, v in cs.items() if k == UNKNOWN or k not in inside), 0.0),
        "crma65": model.items[i]["kind"] == "material" and any(
            k != UNKNOWN and k not in eu and v >= CRMA_THRESHOLD - CRMA_TOLERANCE
            for k, v in cs.items()
        ),
        "coverage": coverage(es),
    }


def bom_closure_blocking(model: Model, item_ok: dict[str, bool], blocking: set[str]) -> dict[str, set[str]]:
    """For every unavailable item, the blocking items in its BOM closure (itself included).

    Every ancestor of an unavailable item is unavailable (a missing input fails every
    edge), so the walk stays inside the unavailable part of the BOM; available items have
    none. Children first, with the child's set shared when there is only one."""
    found: dict[str, set[str]] = {}
    for i in model.children_first:
        if item_ok[i]:
            continue
        if i in blocking:
            found[i] = {i}
            continue
        sets = [found[c] for c in model.children[i] if not item_ok[c]]
        found[i] = sets[0] if len(sets) == 1 else set().union(*sets)
    return found


def report(model: Model, trusted: list[str], spof_method: str = "cone") -> dict:
    eu = model.groups["EU"]
    inside = inside_set(model, trusted)
    req = requirement(model)
    x = exposure(model, inside)
    items = []
    for i in sorted(model.items):
        f = item_figures(model, i, inside, eu)
        f["nonEUExposure"] = x[i]
        f["requirement"] = req[i]
        items.append({k: f[k] for k in (
            "id", "kind", "suppliers", "singleSource", "singleCountry", "countryShares", "hhi",
            "supplierHHI", "nonEUShare", "nonEUExposure", "crma65", "requirement", "coverage")})

    # EU-only scenario: every supplier outside the EU (and the trusted groups) fails
    eu_failed = {s for s, a in model.suppliers.items() if a["country"] is None or a["country"] not in inside}
    item_ok, _ = availability(model, eu_failed)
    blocking = set(blocking_items(model, item_ok))
    closure = bom_closure_blocking(model, item_ok, blocking)
    spof = single_points_of_failure(model, spof_method)
    systems = []
    for s in model.systems:
        systems.append({
            "id": s,
            "euBuildable": item_ok[s],
            "blockingItems": sorted(closure.get(s, ())),
            "nonEUExposure": x[s],
            "singlePointsOfFailure": {
                "suppliers": sorted(spof[s]["suppliers"]),
                "countries": sorted(spof[s]["countries"]),
            },
        })
    return {"schemaVersion": 1, "items": items, "systems": systems}


def whatif(model: Model, scenario: dict[str, list[str]]) -> dict:
    failed = scenario_failures(model, scenario)
    item_ok, edge_avail = availability(model, failed)
    return {
        "schemaVersion": 1,
        "scenario": scenario,
        "systems": [{"id": s, "available": item_ok[s]} for s in model.systems],
        "blockingItems": blocking_items(model, item_ok),
        "items": [
            {"id": i, "available": item_ok[i], "lostShare": lost_share(model, i, edge_avail)}
            for i in sorted(model.items)
        ],
    }


def stockpile(model: Model, scenario: dict[str, list[str]], days: float,
              materials_only: bool = False, ttr: bool = False) -> dict:
    if math.isinf(days) or math.isnan(days) or days < 0:
        raise InputError("--days must be a finite number >= 0")
    failed = scenario_failures(model, scenario)
    _, edge_avail = availability(model, failed)
    req = requirement(model)
    rows = []
    for i in sorted(model.items):
        if materials_only and model.items[i]["kind"] != "material":
            continue
        stock = model.items[i]["stock"]
        lost = lost_share(model, i, edge_avail)
        shortfall = req[i] * days / 365.0 * lost
        rate = req[i] * lost / 365.0
        row = {
            "id": i,
            "requirement": req[i],
            "stock": stock,
            "lostShare": lost,
            "shortfall": shortfall,
            "target": max(0.0, shortfall - stock),
            "daysOfCover": None if rate == 0 else stock / rate,
        }
        if ttr:
            rec = [model.suppliers[e.supplier]["recoveryDays"] for e in model.in_edges[i]
                   if not edge_avail[e.index]]
            rec = [r for r in rec if r is not None]
            row["recoveryDays"] = max(rec) if rec else None
            row["ttsBelowTtr"] = bool(rec) and row["daysOfCover"] is not None and row["daysOfCover"] < max(rec)
        rows.append(row)
    return {"schemaVersion": 1, "days": days if days != int(days) else int(days),
            "scenario": scenario, "items": rows}


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def _list(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [p.strip() for p in v.split(",") if p.strip()]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--timing", action="store_true", help="print load and compute seconds to stderr")
        p.add_argument("--countries", help="countries.csv with eu27, eea, nato columns")
        p.add_argument("--pretty", action="store_true", help="indent the JSON")

    def scenario_opts(p: argparse.ArgumentParser) -> None:
        for opt in ("--without-country", "--without-supplier", "--without-group", "--only-group"):
            p.add_argument(opt, action="append", metavar="A,B")

    p = sub.add_parser("report", help="the risk report (JSON)")
    common(p)
    p.add_argument("--trusted", action="append", metavar="G1,G2")
    p.add_argument("--spof-method", choices=("cone", "full"), default="cone",
                   help="cone: re-evaluate only what a failure changes (default); full: whole graph per failure")
    p = sub.add_parser("whatif", help="a scenario (JSON)")
    common(p)
    scenario_opts(p)
    p = sub.add_parser("stockpile", help="the stockpile table (JSON)")
    common(p)
    scenario_opts(p)
    p.add_argument("--days", type=float, default=180)
    p.add_argument("--materials-only", action="store_true", help="only items of kind material")
    p.add_argument("--ttr", action="store_true", help="add recoveryDays and ttsBelowTtr per item")

    args = ap.parse_args(argv)
    try:
        t0 = time.perf_counter()
        model = load(args.files, args.countries)
        t1 = time.perf_counter()
        if args.command == "report":
            out = report(model, _list(args.trusted), args.spof_method)
        else:
            scenario = {}
            for key, opt in (("withoutCountry", args.without_country), ("withoutSupplier", args.without_supplier),
                             ("withoutGroup", args.without_group), ("onlyGroup", args.only_group)):
                if opt is not None:
                    scenario[key] = _list(opt)
            if args.command == "whatif":
                out = whatif(model, scenario)
            else:
                out = stockpile(model, scenario, args.days, args.materials_only, args.ttr)
        t2 = time.perf_counter()
    except InputError as err:
        print(f"chokepoint_nx: error: {err}", file=sys.stderr)
        return 1
    except (ET.ParseError, OSError, ValueError) as err:
        print(f"chokepoint_nx: error: {err}", file=sys.stderr)
        return 1
    # json.dumps (one shot) uses the C encoder; json.dump would not
    sys.stdout.write(json.dumps(out, indent=2 if args.pretty else None, allow_nan=False))
    sys.stdout.write("\n")
    sys.stdout.flush()
    if args.timing:
        print(f"load {t1 - t0:.3f} s", file=sys.stderr)
        print(f"compute {t2 - t1:.3f} s", file=sys.stderr)
        print(f"output {time.perf_counter() - t2:.3f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
