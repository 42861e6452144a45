#!/usr/bin/env python3
"""Independent reference implementation of Chokepoint's risk figures, in Python/NetworkX.

This script recomputes the figures of the article "Risk figures" (version 2: unattributed share, supply
fraction φ, embargo on chosen items, control, system weights, impact sweep) from the design
text alone, from the same XML input as the Swift tool (``urn:chokepoint:supply-chain:1``,
several files merged into one graph), and prints the same JSON as
``chokepoint report|whatif|impact|stockpile --format json`` (the article "The JSON contracts"). It serves two
purposes:

1. **Cross-check.** It is written independently of the Swift code and deliberately in the
   obvious way (single points of failure by brute force: one failure at a time, availability
   of every system re-evaluated; the impact sweep one φ pass per key), so
   ``Tools/reference/compare.py`` can diff its output with the Swift tool's on any data set,
   e.g. the synthetic ones from ``Tools/generate.py``.
2. **NetworkX speed anchor** of ``Tools/bench``: the article BENCHMARKS.md asks the Swift ``report`` to be
   at least 50x faster than "the same figures computed with NetworkX". ``--timing`` prints the
   load and compute seconds to stderr, separately.

Only the Python standard library and networkx are used. Input is assumed to be valid (run
``chokepoint validate`` for diagnostics); unknown references, duplicate ids, conflicting
duplicate supply edges and BOM cycles still stop the script with a clear message (exit 1).
Bad command-line values (an unknown country, group, supplier or system, an ``--items``
pattern that matches no item) are usage errors (exit 2).

Usage::

    chokepoint_nx.py report    FILE... [--trusted G1,G2] [--system ID]
    chokepoint_nx.py whatif    FILE... [scenario options]
    chokepoint_nx.py impact    FILE... [--by country|supplier] [--by-control] [--items P,Q]
                                       [--system ID]
    chokepoint_nx.py stockpile FILE... [--days 180] [--materials-only] [--ttr] [scenario options]
    scenario options: [--without-country CN,RU] [--without-supplier a,b] [--without-group G]
                      [--only-group EU] [--by-control] [--items 'gallium*,germanium*']
    common: [--timing] [--countries countries.csv] [--pretty]

Version-2 rules as implemented here (the article "Risk figures"):

* ŵ(e), u(i): nothing is ever scaled up. All shares given and summing to s < 1 - 1e-9 (and
  not all 0): kept, u(i) = 1 - s. Otherwise u(i) = 0: none given or all 0 -> equal split; some
  missing -> they split max(0, 1 - Σgiven) equally; sum above 1 -> divided by the sum.
* countryShares: per known country of a supplier with an edge (even at 0); ``unknown`` = the
  ŵ of suppliers of unknown origin + u(i). HHI over those keys; supplierHHI by supplier with
  u(i) as one more pseudo-supplier.
* x(i) = Σ ŵ(e) x(e) + u(i); φ(i) = Σ ŵ(e) φ(e) + u(i) unless the scenario fails unknown
  origin (``--without-country unknown``, ``--only-group``) for item i.
* ``--items``: only the edges into matching items (fnmatch.fnmatchcase on ids) whose supplier
  the scenario fails are cut; u(i) is lost only for matching items.
* ``--by-control``: a supplier's controller is its ``controlledBy``, else its own country; a
  scenario cutting off a country (or a group, or everything outside a group) also fails the
  suppliers controlled from it.
* duplicate supplier -> item pairs are one edge (conflicting share, capacity or leadTimeDays:
  an input error; otherwise merged, sourcedFrom united).

Version-3 rules (DESIGN.md §7.2, "Verdicts that say what they mean"), from its text:

* states: ``falls`` when unavailable or φ <= 1e-9; ``crippled`` when φ < critical - 1e-9;
  ``degraded`` when φ < 1 - 1e-9; else ``unaffected``; ``--critical X`` (0 < X <= 1, default
  0.1).
* ranges: for a scenario that cuts off countries or groups and does not name ``unknown``,
  low = φ with unknown origin and unattributed supply failing too (only on the embargoed items
  when ``--items``/``--commodity`` restrict), high = φ with both kept (``--without-supplier``
  suppliers stay failed); otherwise low = high = φ. The report's EU-only range the same for
  the EU-only scenario (low = the figure).
* commodities: an item's ``commodity`` trimmed, case-folded and mapped through
  Data/commodity-aliases.csv; ``--commodity`` restricts a cut-off like ``--items`` (the union
  when both are given); a commodity no item carries is a usage error.
* the CRMA list: Data/crma-annexes.csv; ``strategic`` (Annex I), ``critical`` (Annex II);
  ``crma65`` for materials and any item with a commodity; ``crmaStrategic65`` = crma65 and
  strategic.
* aggregates (``aggregate="true|1|yes"``) are left out of ``impact --by supplier`` unless
  ``--include-aggregates``; the home country (``--home``, else the root's ``home``; merged files
  that disagree are an error) is left out of ``impact`` by country.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import glob
import heapq
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

NS = "{urn:chokepoint:supply-chain:1}"
ITEM_KINDS = ("system", "component", "material")
BUILTIN_GROUPS = ("EU", "EEA", "NATO")
UNKNOWN = "unknown"  # key for suppliers of unknown origin (and the unattributed share)
CRMA_THRESHOLD = 0.65
TOL = 1e-9  # the one numeric tolerance of the figures (article "Risk figures")
CRMA_TOLERANCE = TOL


REPO = Path(__file__).resolve().parents[2]


def load_aliases() -> dict[str, str]:
    """Data/commodity-aliases.csv: alias -> commodity word."""
    with open(REPO / "Data/commodity-aliases.csv", newline="", encoding="utf-8") as f:
        return {row["alias"]: row["commodity"] for row in csv.DictReader(f)}


def load_annexes() -> tuple[set[str], set[str]]:
    """Data/crma-annexes.csv: the strategic (Annex I) and critical (Annex II) commodities."""
    strategic: set[str] = set()
    critical: set[str] = set()
    with open(REPO / "Data/crma-annexes.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            (strategic if row["annex"] == "I" else critical).add(row["commodity"])
    return strategic, critical


ALIASES = load_aliases()
STRATEGIC, CRITICAL = load_annexes()


def canonical_commodity(text: str | None) -> str | None:
    """Trimmed, case-folded, an alias replaced by its commodity; None for none or blank."""
    if text is None or not text.strip():
        return None
    word = text.strip().lower()
    return ALIASES.get(word, word)


class InputError(Exception):
    """Input that cannot be computed on (unknown reference, duplicate id, cycle...): exit 1."""


class UsageError(Exception):
    """A bad command-line value (unknown country, group, supplier, system; a pattern that
    matches no item; incompatible options): exit 2."""


# ---------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------


@dataclass
class SupplyEdge:
    """A supply edge supplier -> item (the article "The supply-chain XML format"), with its normalised share.

    One supplier -> item pair is one edge, however often it is written (version 2 of the model)."""

    index: int
    supplier: str
    item: str
    share: float | None  # as given (None: absent)
    where: str  # file and element, for messages
    capacity: float | None = None
    lead_time: float | None = None
    sourced_raw: dict[str, set[str]] = field(default_factory=dict)  # input item -> suppliers
    w: float = 0.0  # normalised share ŵ(e)
    # input item -> indices of the named suppliers' edges into that input
    sourced: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Model:
    items: dict[str, dict]  # id -> {kind, unit, demand, stock, weight}
    suppliers: dict[str, dict]  # id -> {country (None = unknown origin), controlledBy, recoveryDays}
    groups: dict[str, set[str]]  # all groups, built-in and user-defined
    countries: set[str]  # known ISO codes
    bom: nx.DiGraph  # parent -> child, attribute quantity (two uses of one input add up)
    supply: nx.MultiDiGraph  # supplier -> item, key = edge index, attribute edge=SupplyEdge
    edges: list[SupplyEdge]
    # derived, for linear passes
    children_first: list[str] = field(default_factory=list)
    in_edges: dict[str, list[SupplyEdge]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    unattributed: dict[str, float] = field(default_factory=dict)  # u(i)
    home: str | None = None  # the root's home country

    @property
    def systems(self) -> list[str]:
        return sorted(i for i, a in self.items.items() if a["kind"] == "system")


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------


def find_countries_csv(explicit: str | None) -> Path:
    """Locate countries.csv (iso2, ..., eu27, eea, nato): --countries if given, else the
    repository's Data/countries.csv, else a copy in the repository's Sources/*/Resources.
    Nothing outside the repository is searched."""
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    repo = Path(__file__).resolve().parents[2]
    candidates.append(repo / "Data/countries.csv")
    candidates += [Path(p) for p in sorted(glob.glob(str(repo / "Sources/*/Resources/countries.csv")))]
    for c in candidates:
        if c.is_file():
            return c
    raise InputError(f"countries.csv not found (looked in {repo / 'Data'}); pass --countries PATH")


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
    edge_of_pair: dict[tuple[str, str], SupplyEdge] = {}
    homes: set[str] = set()

    def define(ident: str, where: str) -> None:
        if ident in where_defined:
            raise InputError(f"{where}: duplicate id '{ident}' (first defined in {where_defined[ident]})")
        if ident in BUILTIN_GROUPS:
            raise InputError(f"{where}: id '{ident}' shadows a built-in country group")
        where_defined[ident] = where

    def add_edge(supplier: str, elem: ET.Element, where: str) -> None:
        item = elem.get("item")
        share = _num(elem, "share", None)
        capacity = _num(elem, "capacity", None)
        lead = _num(elem, "leadTimeDays", None)
        sourced: dict[str, set[str]] = {}
        for sf in elem.iter(NS + "sourcedFrom"):
            sourced.setdefault(sf.get("item"), set()).update(sf.get("suppliers").split())
        where = f"{where} supplies '{item}'"
        e = edge_of_pair.get((supplier, item))
        if e is None:
            e = SupplyEdge(len(edges), supplier, item, share, where, capacity, lead)
            edges.append(e)
            edge_of_pair[(supplier, item)] = e
        else:  # the same pair again: one edge; given values must agree
            for label, old, new in (("share", e.share, share), ("capacity", e.capacity, capacity),
                                    ("leadTimeDays", e.lead_time, lead)):
                if old is not None and new is not None and old != new:
                    raise InputError(
                        f"{where}: supply edge '{supplier}' -> '{item}' given twice with different "
                        f"{label} ({old:g} and {new:g}; first in {e.where})")
            e.share = e.share if e.share is not None else share
            e.capacity = e.capacity if e.capacity is not None else capacity
            e.lead_time = e.lead_time if e.lead_time is not None else lead
        for c, names in sourced.items():
            e.sourced_raw.setdefault(c, set()).update(names)

    for path in paths:
        root = None
        for event, elem in ET.iterparse(path, events=("start", "end")):
            if root is None:
                root = elem
                if elem.tag != NS + "supplyChain":
                    raise InputError(f"{path}: root is not <supplyChain> in {NS[1:-1]}")
                if elem.get("home"):
                    homes.add(elem.get("home"))
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
                    "weight": _num(elem, "weight", 1.0),
                    "commodity": canonical_commodity(elem.get("commodity")),
                }
                for u in elem.iter(NS + "uses"):
                    uses.append((ident, u.get("item"), float(u.get("quantity")), where))
            elif tag == "supplier":
                define(ident, where)
                suppliers[ident] = {
                    "country": elem.get("country"),
                    "controlledBy": elem.get("controlledBy"),
                    "recoveryDays": _num(elem, "recoveryDays", None),
                    "aggregate": (elem.get("aggregate") or "false").strip().lower() in ("true", "1", "yes"),
                }
                for s in elem.iter(NS + "supplies"):
                    add_edge(ident, s, where)
            elif tag == "supply":
                add_edge(elem.get("supplier"), elem, f"{where[:-1]} supplier={elem.get('supplier')!r}>")
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
        for attr in ("country", "controlledBy"):
            if a[attr] is not None and a[attr] not in codes:
                raise InputError(f"supplier '{s}': unknown country code '{a[attr]}' in {attr}")

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

    if len(homes) > 1:
        raise InputError(f"the files name different home countries: {', '.join(sorted(homes))}")
    model = Model(items, suppliers, groups, codes, bom, supply, edges)
    model.home = next(iter(homes)) if homes else None
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

    # --- normalised shares ŵ and the unattributed share u ---
    for i in items:
        model.unattributed[i] = normalise(model.in_edges[i])
    return model


def normalise(es: list[SupplyEdge]) -> float:
    """Set ŵ(e) for the edges E(i) of one item and return u(i) (the article "Risk figures", Normalised
    shares, version 2: nothing is ever scaled up)."""
    n = len(es)
    if n == 0:
        return 0.0
    given = [e.share for e in es if e.share is not None]
    missing = n - len(given)
    if not given or (missing == 0 and all(s == 0 for s in given)):
        for e in es:  # none given, or every one 0: equal split
            e.w = 1.0 / n
        return 0.0
    if missing:
        fill = max(0.0, 1.0 - sum(given)) / missing
        raw = [e.share if e.share is not None else fill for e in es]
    else:
        raw = [e.share for e in es]
    total = sum(raw)
    if total > 1.0:  # above 1 (within the input tolerance): divide by the sum
        for e, r in zip(es, raw):
            e.w = r / total
        return 0.0
    for e, r in zip(es, raw):
        e.w = r
    if missing == 0 and total < 1.0 - TOL:
        return 1.0 - total  # all given, summing below 1: the rest is unattributed
    return 0.0


def coverage(es: list[SupplyEdge]) -> float:
    given = [e.share for e in es if e.share is not None]
    return sum(given) if given else 1.0


# ---------------------------------------------------------------------------------------
# Scenarios, availability and supply fraction
# ---------------------------------------------------------------------------------------


@dataclass
class Scenario:
    """A scenario as computed on: the failed suppliers F, whether unknown origin (and so the
    unattributed share u) fails, and the embargoed items (None: every item)."""

    failed: set[str]
    fail_unknown: bool = False
    items: set[str] | None = None
    # the other end of the range (unknown origin treated the other way round), if any
    bound: "Scenario | None" = None

    def edge_failed(self, e: SupplyEdge) -> bool:
        return e.supplier in self.failed and (self.items is None or e.item in self.items)

    def u_lost(self, i: str) -> bool:
        return self.fail_unknown and (self.items is None or i in self.items)


def controller(model: Model, s: str) -> str | None:
    """The country a supplier is controlled from: controlledBy, else its own (None: unknown)."""
    a = model.suppliers[s]
    return a["controlledBy"] if a["controlledBy"] is not None else a["country"]


def match_items(model: Model, patterns: list[str], commodities: list[str] | None = None) -> set[str]:
    """Items whose id matches one of the glob patterns, or whose commodity is one of the
    commodities (the union); a pattern matching none, or a commodity no item carries, is an
    error."""
    out: set[str] = set()
    for p in patterns:
        hit = {i for i in model.items if fnmatch.fnmatchcase(i, p)}
        if not hit:
            raise UsageError(f"--items: pattern '{p}' matches no item")
        out |= hit
    for c in commodities or []:
        word = canonical_commodity(c)
        hit = {i for i, a in model.items.items() if a["commodity"] is not None and a["commodity"] == word}
        if not hit:
            raise UsageError(f"--commodity '{c}': no item carries it")
        out |= hit
    return out


def scenario_failures(model: Model, scenario: dict[str, list[str]], by_control: bool = False,
                      patterns: list[str] | None = None, commodities: list[str] | None = None,
                      unknown: str = "as-stated") -> Scenario:
    """The Scenario for options given on the command line (keys as in the JSON). ``unknown``:
    "as-stated" (the figure; the range's other end is set as ``bound`` when the scenario has
    a range), "failed" or "kept" (unknown origin and unattributed supply failed or kept)."""
    def group(g: str) -> set[str]:
        if g not in model.groups:
            raise UsageError(f"unknown country group '{g}'")
        return model.groups[g]

    failed: set[str] = set()
    for s in scenario.get("withoutSupplier", []):
        if s not in model.suppliers:
            raise UsageError(f"unknown supplier '{s}'")
        failed.add(s)
    countries = set(scenario.get("withoutCountry", []))
    for c in countries:
        if c != UNKNOWN and c not in model.countries:
            raise UsageError(f"unknown country code '{c}'")
    without_groups = set().union(*(group(g) for g in scenario.get("withoutGroup", [])))
    only = scenario.get("onlyGroup")
    allowed = set().union(*(group(g) for g in only)) if only else None
    def cut(c: str | None) -> bool:
        if c is None:  # unknown origin
            if unknown == "failed":
                return True
            if unknown == "kept":
                return False
            return UNKNOWN in countries or allowed is not None
        return c in countries or c in without_groups or (allowed is not None and c not in allowed)

    for s, a in model.suppliers.items():
        if cut(a["country"]):
            failed.add(s)
        if by_control and cut(controller(model, s)):
            failed.add(s)
    stated = UNKNOWN in countries or allowed is not None
    fail_unknown = {"failed": True, "kept": False}.get(unknown, stated)
    items = match_items(model, patterns or [], commodities) if (patterns or commodities) else None
    sc = Scenario(failed, fail_unknown, items)
    cuts_off = bool(countries or without_groups or allowed is not None)
    if unknown == "as-stated" and cuts_off and UNKNOWN not in countries:
        sc.bound = scenario_failures(model, scenario, by_control, patterns, commodities,
                                     "kept" if stated else "failed")
    return sc


def as_scenario(model: Model, failed) -> Scenario:
    return failed if isinstance(failed, Scenario) else Scenario(set(failed))


def edge_ok(model: Model, e: SupplyEdge, failed_edge: bool, item_ok, edge_avail) -> bool:
    """An edge s -> i is available if it is not failed (s in F, for an embargoed item) and
    every input of i is available (through the sourcedFrom suppliers' edges when named, else
    through any supplier)."""
    if failed_edge:
        return False
    for c in model.children[e.item]:
        if c in e.sourced:
            if not any(edge_avail[x] for x in e.sourced[c]):
                return False
        elif not item_ok[c]:
            return False
    return True


def availability(model: Model, scenario) -> tuple[dict[str, bool], list[bool]]:
    """Availability of every item and every supply edge under the scenario, children first."""
    sc = as_scenario(model, scenario)
    item_ok: dict[str, bool] = {}
    edge_avail = [True] * len(model.edges)
    for i in model.children_first:
        es = model.in_edges[i]
        if es:
            ok = False
            for e in es:
                edge_avail[e.index] = edge_ok(model, e, sc.edge_failed(e), item_ok, edge_avail)
                ok = ok or edge_avail[e.index]
            item_ok[i] = ok
        else:  # made in house (or an unmapped leaf: available)
            item_ok[i] = all(item_ok[c] for c in model.children[i])
    return item_ok, edge_avail


def weighted_mean(model: Model, named: list[int], value) -> float:
    """Σ ŵ(e') v(e') / Σ ŵ(e') over the named edges (equal weights if those are all 0)."""
    ws = [model.edges[k].w for k in named]
    if sum(ws) == 0:
        ws = [1.0] * len(named)
    return sum(w * value[k] for w, k in zip(ws, named)) / sum(ws)


def supply_fraction(model: Model, scenario) -> tuple[dict[str, float], list[float]]:
    """φ of every item and every supply edge under the scenario, children first (the article "Risk figures",
    Supply fraction: Leontief min over the inputs, proportional rationing)."""
    sc = as_scenario(model, scenario)
    phi: dict[str, float] = {}
    phi_edge = [1.0] * len(model.edges)
    for i in model.children_first:
        es = model.in_edges[i]
        kids = model.children[i]
        if not es:
            phi[i] = min((phi[c] for c in kids), default=1.0)
            continue
        total = 0.0
        for e in es:
            if sc.edge_failed(e):
                pe = 0.0
            else:
                pe = 1.0
                for c in kids:
                    pc = weighted_mean(model, e.sourced[c], phi_edge) if c in e.sourced else phi[c]
                    pe = min(pe, pc)
            phi_edge[e.index] = pe
            total += e.w * pe
        if not sc.u_lost(i):
            total += model.unattributed[i]
        phi[i] = total
    return phi, phi_edge


def state(available: bool, phi: float, critical: float = 0.1) -> str:
    """falls (unavailable, or φ <= ε), crippled (φ < critical - ε), degraded (φ < 1 - ε),
    unaffected."""
    if not available or phi <= TOL:
        return "falls"
    if phi < critical - TOL:
        return "crippled"
    return "degraded" if phi < 1.0 - TOL else "unaffected"


def ranges(model: Model, sc: Scenario, phi: dict[str, float]) -> dict[str, list[float]]:
    """[low, high] of φ per item: the figure and the range's other end."""
    if sc.bound is None:
        return {i: [phi[i], phi[i]] for i in phi}
    other, _ = supply_fraction(model, sc.bound)
    return {i: sorted([phi[i], other[i]]) for i in phi}


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
            item_ok, _ = availability(self.model, Scenario(set(failed)))
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
                    a = edge_ok(m, e, e.supplier in failed, self.item_ok, self.edge_avail)
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


def single_points_of_failure(model: Model, method: str = "cone") -> dict[str, dict[str, list[str]]]:
    """For every system: the suppliers and the countries whose failure alone makes it
    unavailable (the article "Risk figures", Single points of failure). Unknown origin is never a country."""
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
            raise UsageError(f"unknown country group '{g}' in --trusted")
        inside |= model.groups[g]
    return inside


def country_key(model: Model, s: str) -> str:
    c = model.suppliers[s]["country"]
    return UNKNOWN if c is None else c


def requirement(model: Model, root: str | None = None) -> dict[str, float]:
    """req(i) = demand(i) + Σ_p req(p)·q(p,i), parents first (gross MRP explosion).
    With ``root``, only that item's demand is exploded (the article "Risk figures", Scope)."""
    if root is None:
        req = {i: a["demand"] for i, a in model.items.items()}
    else:
        req = {i: 0.0 for i in model.items}
        req[root] = model.items[root]["demand"]
    for p in reversed(model.children_first):
        rp = req[p]
        for c, d in model.bom[p].items():
            req[c] += rp * d["quantity"]
    return req


def exposure(model: Model, inside: set[str]) -> dict[str, float]:
    """Propagated non-EU exposure x(i), children first; u(i) counts as outside."""
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
                    xc = weighted_mean(model, e.sourced[c], x_edge) if c in e.sourced else x_item[c]
                    p *= 1.0 - xc
                xe = 1.0 - p
            x_edge[e.index] = xe
            total += e.w * xe
        x_item[i] = total + model.unattributed[i]
    return x_item


def item_figures(model: Model, i: str, inside: set[str], eu: set[str]) -> dict:
    es = model.in_edges[i]
    u = model.unattributed[i]
    cs: dict[str, float] = {}
    by_supplier: dict[str, float] = {}
    controlled_outside = 0.0
    for e in es:
        k = country_key(model, e.supplier)
        cs[k] = cs.get(k, 0.0) + e.w
        by_supplier[e.supplier] = by_supplier.get(e.supplier, 0.0) + e.w
        ctl = controller(model, e.supplier)
        if ctl is None or ctl not in inside:
            controlled_outside += e.w
    if u > 0:
        cs[UNKNOWN] = cs.get(UNKNOWN, 0.0) + u
    known = {model.suppliers[e.supplier]["country"] for e in es}
    pseudo = [u] if u > 0 else []
    return {
        "id": i,
        "kind": model.items[i]["kind"],
        "suppliers": len(by_supplier),
        "singleSource": len(by_supplier) == 1,
        "singleCountry": bool(es) and len(known) == 1 and None not in known,
        "countryShares": dict(sorted(cs.items())),
        "hhi": sum(((100.0 * v) ** 2 for v in cs.values()), 0.0),
        "supplierHHI": sum(((100.0 * v) ** 2 for v in list(by_supplier.values()) + pseudo), 0.0),
        "nonEUShare": sum((v for k, v in cs.items() if k == UNKNOWN or k not in inside), 0.0),
        "crma65": (model.items[i]["kind"] == "material" or model.items[i]["commodity"] is not None) and any(
            k != UNKNOWN and k not in eu and v >= CRMA_THRESHOLD - CRMA_TOLERANCE
            for k, v in cs.items()
        ),
        "commodity": model.items[i]["commodity"],
        "strategic": model.items[i]["commodity"] in STRATEGIC,
        "critical": model.items[i]["commodity"] in CRITICAL,
        "coverage": coverage(es),
        "unattributed": u,
        "nonEUControlledShare": controlled_outside + u if es else 0.0,
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


def check_system(model: Model, system: str | None) -> None:
    if system is None:
        return
    if system not in model.items:
        raise UsageError(f"--system: unknown item '{system}'")
    if model.items[system]["kind"] != "system":
        raise UsageError(f"--system: '{system}' is a {model.items[system]['kind']}, not a system")


def closure(model: Model, x: str) -> set[str]:
    return nx.descendants(model.bom, x) | {x}


def eu_only_scenario(model: Model, inside: set[str]) -> Scenario:
    """Every supplier outside the perimeter (EU plus --trusted) fails, unknown origin too; its
    range's high end keeps unknown origin and the unattributed shares."""
    failed = {s for s, a in model.suppliers.items() if a["country"] is None or a["country"] not in inside}
    kept = {s for s in failed if model.suppliers[s]["country"] is not None}
    return Scenario(failed, fail_unknown=True, bound=Scenario(kept, fail_unknown=False))


ITEM_KEYS = ("id", "kind", "suppliers", "singleSource", "singleCountry", "countryShares", "hhi",
             "supplierHHI", "nonEUShare", "nonEUExposure", "crma65", "requirement", "coverage",
             "unattributed", "euOnlySupplyFraction", "nonEUControlledShare",
             "commodity", "strategic", "critical", "crmaStrategic65", "euOnlySupplyFractionRange")


def report(model: Model, trusted: list[str], spof_method: str = "cone", system: str | None = None,
           critical: float = 0.1) -> dict:
    check_system(model, system)
    eu = model.groups["EU"]
    inside = inside_set(model, trusted)
    req = requirement(model, system)
    x = exposure(model, inside)
    eu_only = eu_only_scenario(model, inside)
    phi, _ = supply_fraction(model, eu_only)
    rng = ranges(model, eu_only, phi)
    scope = sorted(closure(model, system)) if system else sorted(model.items)
    items = []
    for i in scope:
        f = item_figures(model, i, inside, eu)
        f["nonEUExposure"] = x[i]
        f["requirement"] = req[i]
        f["euOnlySupplyFraction"] = phi[i]
        f["crmaStrategic65"] = f["crma65"] and f["strategic"]
        f["euOnlySupplyFractionRange"] = rng[i]
        items.append({k: f[k] for k in ITEM_KEYS})

    item_ok, _ = availability(model, eu_only)
    blocking = set(blocking_items(model, item_ok))
    found = bom_closure_blocking(model, item_ok, blocking)
    spof = single_points_of_failure(model, spof_method)
    systems = []
    for s in ([system] if system else model.systems):
        systems.append({
            "id": s,
            "euBuildable": item_ok[s],
            "blockingItems": sorted(found.get(s, ())),
            "nonEUExposure": x[s],
            "euOnlySupplyFraction": phi[s],
            "euOnlySupplyFractionRange": rng[s],
            "euOnlyState": state(item_ok[s], phi[s], critical),
            "singlePointsOfFailure": {
                "suppliers": sorted(spof[s]["suppliers"]),
                "countries": sorted(spof[s]["countries"]),
            },
        })
    return {"schemaVersion": 1, "items": items, "systems": systems}


def scenario_json(scenario: dict[str, list[str]], by_control: bool, patterns: list[str] | None,
                  commodities: list[str] | None = None) -> dict:
    out = dict(scenario)
    if patterns:
        out["items"] = list(patterns)
    if commodities:
        out["commodity"] = list(commodities)
    if by_control:
        out["byControl"] = True
    return out


def whatif(model: Model, scenario: dict[str, list[str]], by_control: bool = False,
           patterns: list[str] | None = None, commodities: list[str] | None = None,
           critical: float = 0.1) -> dict:
    sc = scenario_failures(model, scenario, by_control, patterns, commodities)
    item_ok, edge_avail = availability(model, sc)
    phi, _ = supply_fraction(model, sc)
    rng = ranges(model, sc, phi)
    return {
        "schemaVersion": 1,
        "scenario": scenario_json(scenario, by_control, patterns, commodities),
        "critical": critical,
        "systems": [{"id": s, "available": item_ok[s], "supplyFraction": phi[s],
                     "supplyFractionRange": rng[s],
                     "state": state(item_ok[s], phi[s], critical)} for s in model.systems],
        "blockingItems": blocking_items(model, item_ok),
        "items": [
            {"id": i, "available": item_ok[i], "lostShare": lost_share(model, i, edge_avail),
             "supplyFraction": phi[i], "supplyFractionRange": rng[i]}
            for i in sorted(model.items)
        ],
    }


def impact(model: Model, by: str = "country", by_control: bool = False,
           patterns: list[str] | None = None, system: str | None = None,
           commodities: list[str] | None = None, include_aggregates: bool = False,
           home: str | None = None) -> dict:
    """The sweep: each country (or supplier) cut off in turn, one φ pass per key
    (the article "Risk figures", Impact). A country cut-off does not fail unknown origin."""
    if by not in ("country", "supplier"):
        raise UsageError(f"--by must be country or supplier, not '{by}'")
    if by == "supplier" and by_control:
        raise UsageError("--by-control applies to --by country only")
    check_system(model, system)
    embargo = match_items(model, patterns or [], commodities) if (patterns or commodities) else None
    systems = [system] if system else model.systems
    home = home or model.home
    if by == "country":
        keys: set[str] = set()
        for s in model.suppliers:
            if model.suppliers[s]["country"] is not None:
                keys.add(model.suppliers[s]["country"])
            if by_control and controller(model, s) is not None:
                keys.add(controller(model, s))
        keys.discard(home)  # the home country is left out of the ranking
        failures = {}
        for k in keys:
            failures[k] = {s for s in model.suppliers
                           if model.suppliers[s]["country"] == k or (by_control and controller(model, s) == k)}
    else:
        failures = {s: {s} for s in model.suppliers if include_aggregates or not model.suppliers[s]["aggregate"]}
    ranking = []
    for k in sorted(failures):
        phi, _ = supply_fraction(model, Scenario(failures[k], False, embargo))
        hit = {x: 1.0 - phi[x] for x in systems if 1.0 - phi[x] > TOL}
        score = sum(model.items[x]["weight"] * v for x, v in hit.items())
        if score > TOL:
            ranking.append({"key": k, "score": score, "systems": dict(sorted(hit.items()))})
    # by score as written (12 significant digits, the article "The JSON contracts"), so that binary noise does not
    # break a tie that the key should break; then by key
    ranking.sort(key=lambda r: (-float(f"{r['score']:.12g}"), r["key"]))
    return {"schemaVersion": 1, "by": by, "byControl": by_control, "ranking": ranking}


def stockpile(model: Model, scenario: dict[str, list[str]], days: float,
              materials_only: bool = False, ttr: bool = False, by_control: bool = False,
              patterns: list[str] | None = None) -> dict:
    """Version 1 of the stockpile table (the article "Risk figures"), on the version-2 shares ŵ."""
    if math.isinf(days) or math.isnan(days) or days < 0:
        raise UsageError("--days must be a finite number >= 0")
    sc = scenario_failures(model, scenario, by_control, patterns)
    _, edge_avail = availability(model, sc)
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
            "scenario": scenario_json(scenario, by_control, patterns), "items": rows}


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

    def embargo_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--by-control", action="store_true",
                       help="a country cut off also fails the suppliers controlled from it")
        p.add_argument("--items", action="append", metavar="PATTERN,PATTERN",
                       help="embargo on the items whose id matches a glob (fnmatch) only")
        p.add_argument("--commodity", action="append", metavar="NAME,NAME",
                       help="embargo on the items of these commodities only (with --items: the union)")

    def scenario_opts(p: argparse.ArgumentParser) -> None:
        for opt in ("--without-country", "--without-supplier", "--without-group", "--only-group"):
            p.add_argument(opt, action="append", metavar="A,B")
        embargo_opts(p)

    p = sub.add_parser("report", help="the risk report (JSON)")
    common(p)
    p.add_argument("--trusted", action="append", metavar="G1,G2")
    p.add_argument("--system", metavar="ID", help="figures of this system's BOM closure alone")
    p.add_argument("--spof-method", choices=("cone", "full"), default="cone",
                   help="cone: re-evaluate only what a failure changes (default); full: whole graph per failure")
    p.add_argument("--critical", type=float, default=0.1, help="the threshold of the crippled state")
    p = sub.add_parser("whatif", help="a scenario (JSON)")
    common(p)
    scenario_opts(p)
    p.add_argument("--critical", type=float, default=0.1, help="the threshold of the crippled state")
    p = sub.add_parser("impact", help="the country (or supplier) sweep, ranked by weighted impact (JSON)")
    common(p)
    p.add_argument("--by", choices=("country", "supplier"), default="country")
    p.add_argument("--system", metavar="ID", help="count this system only")
    p.add_argument("--include-aggregates", action="store_true", help="rank country aggregates too (--by supplier)")
    p.add_argument("--home", metavar="CC", help="the home country, left out of the country ranking")
    embargo_opts(p)
    p = sub.add_parser("stockpile", help="the stockpile table (JSON)")
    common(p)
    scenario_opts(p)
    p.add_argument("--days", type=float, default=180)
    p.add_argument("--materials-only", action="store_true", help="only items of kind material")
    p.add_argument("--ttr", action="store_true", help="add recoveryDays and ttsBelowTtr per item")

    args = ap.parse_args(argv)
    try:
        if args.command == "impact" and args.by == "supplier" and args.by_control:
            raise UsageError("--by-control applies to --by country only")
        t0 = time.perf_counter()
        model = load(args.files, args.countries)
        t1 = time.perf_counter()
        patterns = _list(getattr(args, "items", None)) or None
        commodities = _list(getattr(args, "commodity", None)) or None
        critical = getattr(args, "critical", 0.1)
        if not (0 < critical <= 1):
            raise UsageError("--critical must be a number > 0 and at most 1")
        if args.command == "report":
            out = report(model, _list(args.trusted), args.spof_method, args.system, critical)
        elif args.command == "impact":
            out = impact(model, args.by, args.by_control, patterns, args.system, commodities,
                         args.include_aggregates, args.home.upper() if args.home else None)
        else:
            scenario = {}
            for key, opt in (("withoutCountry", args.without_country), ("withoutSupplier", args.without_supplier),
                             ("withoutGroup", args.without_group), ("onlyGroup", args.only_group)):
                if opt is not None:
                    scenario[key] = _list(opt)
            if (patterns or commodities) and not scenario:
                raise UsageError("--items and --commodity restrict a cut-off: give one")
            if args.command == "whatif":
                out = whatif(model, scenario, args.by_control, patterns, commodities, critical)
            else:
                out = stockpile(model, scenario, args.days, args.materials_only, args.ttr,
                                args.by_control, patterns)
        t2 = time.perf_counter()
    except UsageError as err:
        print(f"chokepoint_nx: error: {err}", file=sys.stderr)
        return 2
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
