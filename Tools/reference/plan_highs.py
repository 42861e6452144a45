#!/usr/bin/env python3
"""The budget plan of `chokepoint plan`, written again from the contract's text on scipy's HiGHS.

An independent check of the Swift BudgetPlan module (COIN-OR CLP/CBC): it reads the same XML
through the NetworkX reference's loader (shares ŵ, unattributed share u, gross requirement,
scenarios), parses price, maxPurchase and <option> itself, builds the programme in a
different layout and solves it with scipy.optimize.linprog / milp (HiGHS).

The programme (the article "The budget plan"):
- periods [0,P), [P,2P), ... of --period P days over the window [0,D); L_t their lengths;
- sources of an item i: each supply edge e with r(e) = ŵ(e)·req(i) per year, raised where
  sourcedFrom buyers need more than their named suppliers' r (in proportion to ŵ); the
  unattributed share u(i)·req(i) (no inputs, lost when the scenario fails unknown origin);
  an item without supply edges: one in-house edge req(i) that never fails; each option o
  of i: share·req(i) per year on [leadTimeDays, D) if taken (binary z), unless its country
  is cut off;
- production 0 <= m(e,t) <= r(e)·L_t/365·alive(e,t), alive = the part of period t in
  [recoveryDays, D) for a failed supplier (none without recoveryDays or with --no-recovery);
- inputs: making m(e,t) takes quantity·m(e,t) of each child c in the same period, drawn as
  flows f(k, o, t) from origins o of c: any source of c, or with sourcedFrom only the named
  suppliers' edges, and the stock of c (anyone). Here, unlike the Swift layout (pools with
  inventory carried from period to period), each origin is checked cumulatively:
  Σ_{τ<=t} draws from o <= Σ_{τ<=t} m(o,τ), and the stock in total: draws <= stock + b;
- end items (demand > 0): x(j,t) <= demand·L_t/365, drawn from j like an input;
- budget Σ price·b + Σ cost·z <= B, b <= maxPurchase;
- maximise Σ_j weight(j)·Σ_t x(j,t)/(demand(j)·D/365) / Σ_j weight(j); then minimise the
  cost with production kept >= optimum - 1e-9.

Usage: plan_highs.py FILE... [--without-country CC,..] [--without-supplier ..]
       [--without-group G] [--only-group G] [--items GLOB,..] [--by-control]
       --budget B [--days D] [--period P] [--no-recovery] [--system X]
Prints JSON: productionKept, productionKeptWithoutPlan, cost, options, systems.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chokepoint_nx as cp  # noqa: E402

NS = cp.NS


def extra_attributes(paths: list[str]):
    """price, maxPurchase per item and the options, read from the files."""
    price: dict[str, float] = {}
    cap: dict[str, float] = {}
    options: list[dict] = []
    for path in paths:
        root = ET.parse(path).getroot()
        for elem in root:
            tag = elem.tag.replace(NS, "")
            if tag in ("system", "component", "material"):
                if elem.get("price") is not None:
                    price[elem.get("id")] = float(elem.get("price"))
                if elem.get("maxPurchase") is not None:
                    cap[elem.get("id")] = float(elem.get("maxPurchase"))
            elif tag == "option":
                options.append({"id": elem.get("id"), "item": elem.get("item"), "country": elem.get("country"),
                                "share": float(elem.get("share")), "cost": float(elem.get("cost")),
                                "lead": float(elem.get("leadTimeDays") or 0)})
    return price, cap, options


def raised_flows(model, req: dict[str, float]) -> list[float]:
    """r(e) = ŵ(e)·req(item), raised where buyers restricted by sourcedFrom to named suppliers
    need more than those suppliers' r: buyers of one input naming one set of edges form a
    group; a group's need includes the groups whose set lies inside its own; a short group's
    edges are raised in proportion to ŵ (equally when all are 0), smallest sets first,
    repeated until no group is short."""
    r = [e.w * req[e.item] for e in model.edges]
    groups: dict[tuple, float] = {}
    for e in model.edges:
        for c, named in e.sourced.items():
            if not named:
                continue
            key = (c, tuple(sorted(named)))
            q = model.bom[e.item][c]["quantity"]
            groups[key] = groups.get(key, 0.0) + q * e.w * req[e.item]
    keys = sorted(groups, key=lambda k: len(k[1]))
    for _ in range(100):
        changed = False
        for key in keys:
            c, named = key
            need = sum(v for (c2, n2), v in groups.items() if c2 == c and set(n2) <= set(named))
            have = sum(r[k] for k in named)
            if need > have + 1e-9 * max(1.0, need):
                weight = sum(model.edges[k].w for k in named)
                for k in named:
                    part = model.edges[k].w / weight if weight > 0 else 1.0 / len(named)
                    r[k] += (need - have) * part
                changed = True
        if not changed:
            break
    return r


class Programme:
    """Columns and rows, built term by term, solved by HiGHS."""

    def __init__(self):
        self.lb, self.ub, self.c, self.integer = [], [], [], []
        self.rows, self.cols, self.vals = [], [], []
        self.rlo, self.rhi = [], []

    def col(self, ub=math.inf, lb=0.0, obj=0.0, integer=False) -> int:
        self.lb.append(lb); self.ub.append(ub); self.c.append(obj); self.integer.append(1 if integer else 0)
        return len(self.lb) - 1

    def row(self, terms, lo=-math.inf, hi=math.inf) -> int:
        k = len(self.rlo)
        self.rlo.append(lo); self.rhi.append(hi)
        for j, v in terms:
            if v != 0:
                self.rows.append(k); self.cols.append(j); self.vals.append(v)
        return k

    def solve(self, objective, lb=None, ub=None, rlo=None, rhi=None, extra_rows=()):
        rows, cols, vals = list(self.rows), list(self.cols), list(self.vals)
        rlo, rhi = list(rlo or self.rlo), list(rhi or self.rhi)
        for terms, lo, hi in extra_rows:
            k = len(rlo); rlo.append(lo); rhi.append(hi)
            for j, v in terms:
                rows.append(k); cols.append(j); vals.append(v)
        n = len(self.lb)
        a = coo_matrix((vals, (rows, cols)), shape=(len(rlo), n)).tocsr()
        with warnings.catch_warnings():  # the tolerances go to HiGHS verbatim, which scipy warns about
            warnings.simplefilter("ignore", RuntimeWarning)
            res = milp(c=np.array(objective), constraints=[LinearConstraint(a, np.array(rlo), np.array(rhi))],
                       integrality=np.array(self.integer), bounds=Bounds(np.array(lb or self.lb), np.array(ub or self.ub)),
                       options={"mip_rel_gap": 0, "primal_feasibility_tolerance": 1e-9, "dual_feasibility_tolerance": 1e-9})
        if res.status != 0:
            raise SystemExit(f"plan_highs: HiGHS failed: {res.message}")
        return res.x


def plan(model, scenario, price, cap, options, days, period, budget, recovery, system):
    req = cp.requirement(model, system)
    r = raised_flows(model, req)
    starts = []
    t = 0.0
    while t < days - 1e-9:
        starts.append(t)
        t += period
    lengths = [min(period, days - s) for s in starts]
    T = len(starts)

    def overlap(t, frm):
        return max(0.0, starts[t] + lengths[t] - max(starts[t], frm)) / lengths[t]

    end_items = [j for j, a in model.items.items() if a["demand"] > 0 and (system is None or j == system)]
    if not end_items:
        raise SystemExit("plan_highs: no end item")
    total_weight = sum(model.items[j]["weight"] for j in end_items)
    p = Programme()
    # origins of each item: list of (origin key, production columns per period); stock separately
    origin_cols: dict[str, dict] = {i: {} for i in model.items}
    consumers = []  # (input item, quantity, allowed origin keys or None, column, t)
    budget_terms = []
    zcol = {}
    for o, opt in enumerate(options):
        zcol[o] = p.col(ub=1, integer=True)
        budget_terms.append((zcol[o], opt["cost"]))
    failed_option = scenario["options"]
    for i, a in model.items.items():
        if req[i] <= 0:
            continue
        kids = [(c, d["quantity"]) for c, d in model.bom[i].items() if d["quantity"] > 0 and req[c] > 0]
        edges = model.in_edges[i]
        for e in edges:
            failed = scenario["s"].edge_failed(e)
            back = model.suppliers[e.supplier]["recoveryDays"] if recovery else None
            cols = []
            for t in range(T):
                alive = 1.0 if not failed else (overlap(t, back) if back is not None else 0.0)
                ub = r[e.index] * lengths[t] / 365 * alive
                m = p.col(ub=ub)
                cols.append(m)
                for c, q in kids:
                    consumers.append((c, q, [("edge", k) for k in e.sourced[c]] if c in e.sourced else None, m, t))
            origin_cols[i][("edge", e.index)] = cols
        u = model.unattributed.get(i, 0.0)
        if u > 0:
            lost = scenario["s"].u_lost(i)
            origin_cols[i][("u",)] = [p.col(ub=0.0 if lost else u * req[i] * lengths[t] / 365) for t in range(T)]
        if not edges:
            cols = []
            for t in range(T):
                m = p.col(ub=req[i] * lengths[t] / 365)
                cols.append(m)
                for c, q in kids:
                    consumers.append((c, q, None, m, t))
            origin_cols[i][("house",)] = cols
        for o, opt in enumerate(options):
            if opt["item"] != i:
                continue
            cols = []
            for t in range(T):
                capacity = 0.0 if failed_option[o] else opt["share"] * req[i] * lengths[t] / 365 * overlap(t, opt["lead"])
                m = p.col(ub=capacity)
                p.row([(m, 1.0), (zcol[o], -capacity)], hi=0.0)
                cols.append(m)
                for c, q in kids:
                    consumers.append((c, q, None, m, t))
            origin_cols[i][("option", o)] = cols
    xcols = {}
    for j in end_items:
        full = model.items[j]["demand"] * days / 365
        w = model.items[j]["weight"] / total_weight
        xcols[j] = (full, w, [])
        for t in range(T):
            x = p.col(ub=model.items[j]["demand"] * lengths[t] / 365, obj=w / full)
            xcols[j][2].append(x)
            consumers.append((j, 1.0, None, x, t))
    # draws: flows from each allowed origin and from stock
    draws_from: dict[tuple, list[tuple[int, int]]] = {}  # (item, origin) -> [(column, t)]
    stock_draws: dict[str, list[int]] = {i: [] for i in model.items}
    for c, q, allowed, col, t in consumers:
        keys = list(origin_cols[c].keys()) if allowed is None else allowed
        terms = [(col, -q)]
        for key in keys:
            f = p.col()
            terms.append((f, 1.0))
            draws_from.setdefault((c, key), []).append((f, t))
        s = p.col()
        terms.append((s, 1.0))
        stock_draws[c].append(s)
        p.row(terms, lo=0.0, hi=0.0)
    for (c, key), fs in draws_from.items():
        prod = origin_cols[c][key]
        for t in range(T):
            terms = [(f, 1.0) for f, tau in fs if tau <= t] + [(prod[tau], -1.0) for tau in range(t + 1)]
            p.row(terms, hi=0.0)
    bcols = {}
    stock_rows = {}
    for i in model.items:
        if not stock_draws[i]:
            continue
        terms = [(s, 1.0) for s in stock_draws[i]]
        if i in price and req[i] > 0:
            b = p.col(ub=cap.get(i, math.inf))
            bcols[i] = b
            terms.append((b, -1.0))
            budget_terms.append((b, price[i]))
        stock_rows[i] = p.row(terms, hi=model.items[i]["stock"])
    for i in model.items:  # priced items in play that nobody draws still get a (useless) column
        if i in price and req[i] > 0 and i not in bcols:
            bcols[i] = p.col(ub=cap.get(i, math.inf))
            budget_terms.append((bcols[i], price[i]))
    budget_row = p.row(budget_terms, hi=budget)
    n = len(p.lb)

    def kept_of(xv):
        return {j: min(1.0, max(0.0, sum(xv[x] for x in cols) / full)) for j, (full, w, cols) in xcols.items()}

    def production(xv):
        return sum(w * min(1.0, max(0.0, sum(xv[x] for x in cols) / full)) for j, (full, w, cols) in xcols.items())

    obj = np.zeros(n)
    for j, (full, w, cols) in xcols.items():
        for x in cols:
            obj[x] = -w / full
    first = p.solve(obj)
    optimum = -float(obj @ first)
    cost_obj = np.zeros(n)
    for col, v in budget_terms:
        cost_obj[col] += v
    terms = [(j, -obj[j]) for j in range(n) if obj[j] != 0]
    second = p.solve(cost_obj, extra_rows=[(terms, optimum - 1e-9, math.inf)])
    cost = float(cost_obj @ second)
    chosen = [bool(second[zcol[o]] > 0.5) for o in range(len(options))]
    # without the plan: budget 0, no option
    ub = list(p.ub)
    for o in zcol.values():
        ub[o] = 0.0
    rhi = list(p.rhi)
    rhi[budget_row] = 0.0
    without = p.solve(obj, ub=ub, rhi=rhi)
    kept = kept_of(second)
    kept0 = kept_of(without)
    return {
        "schemaVersion": 1, "days": days, "period": period, "budget": budget,
        "productionKept": optimum, "productionKeptWithoutPlan": -float(obj @ without), "cost": cost,
        "options": [{"id": opt["id"], "chosen": chosen[o]} for o, opt in enumerate(options)],
        "systems": [{"id": j, "kept": kept[j], "keptWithoutPlan": kept0[j]} for j in end_items],
        "modelSize": {"rows": len(p.rlo), "columns": n},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    for opt in ("--without-country", "--without-supplier", "--without-group", "--only-group", "--items"):
        ap.add_argument(opt, action="append")
    ap.add_argument("--by-control", action="store_true")
    ap.add_argument("--budget", type=float, required=True)
    ap.add_argument("--days", type=float, default=180)
    ap.add_argument("--period", type=float, default=30)
    ap.add_argument("--no-recovery", action="store_true")
    ap.add_argument("--system")
    ap.add_argument("--countries")
    args = ap.parse_args(argv)
    model = cp.load(args.files, args.countries)
    price, cap, options = extra_attributes(args.files)
    scenario = {}
    for key, opt in (("withoutCountry", args.without_country), ("withoutSupplier", args.without_supplier),
                     ("withoutGroup", args.without_group), ("onlyGroup", args.only_group)):
        if opt is not None:
            scenario[key] = cp._list(opt)
    patterns = cp._list(args.items) if args.items else None
    s = cp.scenario_failures(model, scenario, args.by_control, patterns)
    countries = {c.upper() for c in scenario.get("withoutCountry", [])}
    without_groups = set().union(*(model.groups[g] for g in scenario.get("withoutGroup", [])))
    only = scenario.get("onlyGroup")
    allowed = set().union(*(model.groups[g] for g in only)) if only else None
    failed_options = []
    for opt in options:
        c = opt["country"]
        cut = c in countries or c in without_groups or (allowed is not None and c not in allowed)
        failed_options.append(cut and (s.items is None or opt["item"] in s.items))
    out = plan(model, {"s": s, "options": failed_options}, price, cap, options, args.days, args.period,
               args.budget, not args.no_recovery, args.system)
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
