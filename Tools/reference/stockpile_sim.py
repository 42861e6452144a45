#!/usr/bin/env python3
"""Day-by-day simulation of the stockpile model, version 2, written from the article alone.

The article is ``Sources/RiskAnalysis/RiskAnalysis.docc/StockpileModel.md`` (with ŵ, u(i) and
φ as in the article "Risk figures", which the article cites through <doc:RiskFigures>). This script does
not evaluate the article's closed formulas; it steps the chain through time, orders down,
deliveries up, stocks drawn, and reads the figures off the run, so that
``Tools/crosscheck`` can compare them with ``chokepoint stockpile --format json``
(schemaVersion 2):

    stockpile_sim.py FILE... [--days 180] [--without-country CN,RU] [--without-supplier a,b]
                     [--without-group G] [--only-group G] [--items 'p*,q'] [--by-control]
                     [--steps-per-day 24] [--gap-rule deliveries|sigma] [--no-skip] [--pretty]

Loading, shares ŵ, u(i) and the scenarios (``--items``, ``--by-control``, unknown origin) are
those of ``chokepoint_nx.py`` (imported, not copied). Without any of ``--without-country``,
``--without-supplier``, ``--without-group`` and ``--only-group`` the scenario is the
worst-country one: every stage loses, at once, the supply edges from its largest supplying
country outside the EU (known countries only, ties by the lower code).

**1. The plan (targets).** The horizon ``D`` is stepped a day at a time (the last step is the
fraction of a day left when ``D`` is not whole). Each day the orders are exploded parents
first: an item's order is its demand / 365 plus what its buyers send down; its open-market
order is split over its supply edges by ŵ (the unattributed share u goes to unknown
suppliers and sends nothing down), an order that arrives through a buyer's ``sourcedFrom``
(a channel) over the named edges by ŵ / Σŵ. The day's own-stage loss (the orders on failed
edges, plus u of the open-market order when the scenario fails unknown origin) is drawn from
the item's stock while it lasts; what the stock cannot cover adds to the item's target.
Stock beyond what the item's own losses need for the rest of the horizon ("free" stock) is
spread evenly over the remaining days and replaces that day's orders to the item's
surviving mapped suppliers (MRP netting: each surviving edge passes down its order times
1 - ρ, ρ = the replaced part of the surviving orders); a made-in-house item nets its whole
order. A surviving edge sends its passed-down order times the BOM quantity to every input,
into the channel of its ``sourcedFrom`` for that input if it names one, else to the input's
open market; failed edges send nothing. ``requirement`` (H), ``shortfall`` (S) and
``target`` (T) are the sums over the days.

The plan is then re-run with stock + targets, this time with deliveries (children first:
an edge delivers its passed-down order times the smallest fill of its inputs, the item adds
u, its own-loss draw and its netting draw), and every item must receive everything it
orders on every day and need no further target; ``planCheck`` in the JSON says whether it
did (a failure is also printed to stderr).

**2. The time to survive.** With today's stock, the full-rate order flow (per day, not
netted; failed edges still order nothing) is exploded once; then time is stepped in steps
of 1 / ``--steps-per-day`` days. At each step, children first, every edge delivers 0 if it
fails, else the smallest fill of its inputs (through its channel: 1 while the input has
stock, else the ŵ-weighted delivery of the named edges); an item's supply fraction σ is the
ŵ-weighted delivery of its edges plus u (unless the scenario fails unknown origin), or for a
made-in-house item the smallest fill of its inputs; its fill is 1 while its stock lasts, else
σ; its gap (what it is ordered less what its suppliers deliver: ``o_market·(1 - σ) + Σ
o_channel·(1 - σ_channel)``; ``--gap-rule sigma`` takes ``o·(1 - σ)`` instead) is drawn from
its stock. A stock that runs out within a step is located inside the step at the rate of
the step, and an item whose gap grew because an input ran out inside the last step has the
extra draw since that moment charged (so a run-out deep in the chain does not lag by a step
per tier above it). Between run-outs nothing changes, so the steps in which no stock runs out
are taken together (``--no-skip`` takes every step one by one: the same figures).

``daysOfCover`` is when the item's stock runs out, that is, the moment its fill first falls
below 1 - 1e-9: for an item without stock, when its supply fraction first falls below 1,
whether or not anybody orders it (``null`` if never). A system's ``timeToSurvive`` is the
moment its fill first falls below 1 - 1e-9, and ``firstToRunOut`` the item whose running
out (or, at day 0, whose own-stage loss) brought that about, traced down the inputs that
bind (the smallest of an edge's inputs); when several do at the same moment the smallest id
is given and ``firstToRunOutTie`` is true. The run is capped at max(100·D, 36500) days
(``coverCap``): what has not run out by then is ``null``.

Only the Python standard library and networkx (through chokepoint_nx) are used.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import chokepoint_nx as cp  # noqa: E402

FILL_TOL = 1e-9  # a fill below 1 - FILL_TOL is short (the one tolerance of the article "Risk figures")
EPS = 1e-12  # two fills (or gaps) closer than this are the same
NONE: frozenset = frozenset()
MAX_DAYS = 100000.0  # the plan is stepped a day at a time


# ---------------------------------------------------------------------------------------
# The worst-country scenario
# ---------------------------------------------------------------------------------------


class WorstCountry:
    """Every stage loses its largest supplying country outside the EU, all stages at once.

    Per item: the country with the largest Σ ŵ over the item's edges from suppliers sited
    there, among known countries outside the EU with a share above 0 (ties: the lower code,
    shares compared to 12 decimals); an edge into that item fails when its supplier is sited
    in that country (with ``--by-control``: or controlled from it). A supplier that fails at
    one stage still delivers at the others. Unknown origin is never a country here, so u is
    never lost. With ``--items`` only the named items lose their country."""

    def __init__(self, model: cp.Model, by_control: bool = False, items: set[str] | None = None,
                 trusted: list[str] | None = None):
        self.model = model
        self.by_control = by_control
        eu = cp.inside_set(model, trusted or [])  # the EU and the --trusted groups: never picked
        self.country: dict[str, str | None] = {}
        for i in model.items:
            shares: dict[str, float] = {}
            for e in model.in_edges[i]:
                c = model.suppliers[e.supplier]["country"]
                if c is None or c in eu:
                    continue
                shares[c] = shares.get(c, 0.0) + e.w
            ranked = sorted(((-round(v, 12), c) for c, v in shares.items() if v > 0))
            named = items is None or i in items
            self.country[i] = ranked[0][1] if ranked and named else None

    def edge_failed(self, e: cp.SupplyEdge) -> bool:
        c = self.country[e.item]
        if c is None:
            return False
        s = self.model.suppliers[e.supplier]
        return s["country"] == c or (self.by_control and cp.controller(self.model, e.supplier) == c)

    def u_lost(self, i: str) -> bool:
        return False


# ---------------------------------------------------------------------------------------
# The chain under a scenario
# ---------------------------------------------------------------------------------------


class Chain:
    """The model under one scenario, prepared for the simulations: failed edges, channels
    (an input reached through a buyer's sourcedFrom: the input and the named edges into it),
    own-stage losses λ(i) and λ_ch."""

    def __init__(self, model: cp.Model, scenario):
        self.model = model
        self.items = model.items
        self.children_first = model.children_first
        self.parents_first = list(reversed(model.children_first))
        self.in_edges = model.in_edges
        self.edges = model.edges
        self.u = model.unattributed
        self.failed = [bool(scenario.edge_failed(e)) for e in model.edges]
        self.u_lost = {i: bool(scenario.u_lost(i)) for i in model.items}
        self.kids = {i: [(c, model.bom[i][c]["quantity"]) for c in model.children[i]] for i in model.items}
        # channels: key (input, named edge indices) -> [(edge index, weight ŵ/Σŵ)]
        self.channels: dict[tuple, list[tuple[int, float]]] = {}
        self.channels_into: dict[str, list[tuple]] = {i: [] for i in model.items}
        # per edge: its inputs as (child, quantity, channel key or None)
        self.inputs: list[list[tuple[str, float, tuple | None]]] = []
        for e in model.edges:
            row = []
            for c, q in self.kids[e.item]:
                key = None
                if c in e.sourced:
                    key = (c, tuple(e.sourced[c]))
                    if key not in self.channels:
                        ws = [model.edges[k].w for k in e.sourced[c]]
                        if sum(ws) == 0:
                            ws = [1.0] * len(ws)
                        total = sum(ws)
                        self.channels[key] = [(k, w / total) for k, w in zip(e.sourced[c], ws)]
                        self.channels_into[c].append(key)
                row.append((c, q, key))
            self.inputs.append(row)
        self.lam = {}
        for i in model.items:
            lost = sum((e.w for e in self.in_edges[i] if self.failed[e.index]), 0.0)
            if self.u_lost[i]:
                lost += self.u[i]
            self.lam[i] = lost
        self.lam_ch = {key: sum((w for k, w in named if self.failed[k]), 0.0)
                       for key, named in self.channels.items()}

    def flow(self, on_item=None):
        """One day's orders (per day), exploded parents first.

        ``on_item(i, market, channels, alive)`` is called when item i's orders are complete
        and returns ρ, the part of its surviving orders (its whole order if made in house)
        that its stock replaces; None means 0 (the full-rate flow). Returns the open-market
        order per item, the channel orders per item ({key: order}), the order x(e) of every
        edge (before netting) and ρ per item."""
        market = {i: self.items[i]["demand"] / 365.0 for i in self.items}
        chan: dict[str, dict[tuple, float]] = {i: {} for i in self.items}
        x = [0.0] * len(self.edges)
        rho: dict[str, float] = {}
        for i in self.parents_first:
            es = self.in_edges[i]
            m = market[i]
            if es:
                for e in es:
                    x[e.index] = e.w * m
                for key, amount in chan[i].items():
                    for k, w in self.channels[key]:
                        x[k] += amount * w
                alive = sum((x[e.index] for e in es if not self.failed[e.index]), 0.0)
            else:
                alive = m + sum(chan[i].values())
            r = on_item(i, m, chan[i], alive) if on_item else 0.0
            rho[i] = r
            if es:
                for e in es:
                    if self.failed[e.index]:
                        continue  # a failed supplier orders nothing
                    down = x[e.index] * (1.0 - r)
                    if down == 0.0:
                        continue
                    for c, q, key in self.inputs[e.index]:
                        if key is None:
                            market[c] += down * q
                        else:
                            chan[c][key] = chan[c].get(key, 0.0) + down * q
            else:
                down = alive * (1.0 - r)
                if down != 0.0:
                    for c, q in self.kids[i]:
                        market[c] += down * q
        return market, chan, x, rho

    def own_loss(self, i: str, market: float, chan: dict[tuple, float]) -> float:
        """The orders lost at i's own stage: λ(i)·market + Σ λ_ch·channel."""
        return self.lam[i] * market + sum((self.lam_ch[k] * v for k, v in chan.items()), 0.0)


# ---------------------------------------------------------------------------------------
# 1. The plan
# ---------------------------------------------------------------------------------------


def day_steps(days: float) -> list[tuple[float, float]]:
    """(start, length) of the days of the horizon; the last one is partial if D is not whole."""
    whole = int(math.floor(days))
    steps = [(float(d), 1.0) for d in range(whole)]
    if days - whole > 1e-12:
        steps.append((float(whole), days - whole))
    return steps


def plan(chain: Chain, days: float, stock: dict[str, float], deliveries: bool = False) -> dict:
    """Step the horizon a day at a time with the netting of the plan.

    Returns per item the horizon order H, the own-stage loss S, the uncovered loss T (the
    target), and with ``deliveries`` the lowest fill any item had on any day (the re-run
    check) with the first few short (item, day, fill)."""
    items = chain.items
    left = dict(stock)
    H = {i: 0.0 for i in items}
    S = {i: 0.0 for i in items}
    T = {i: 0.0 for i in items}
    short: list[tuple[str, float, float]] = []
    lowest = 1.0
    for t, length in day_steps(days):
        remaining = days - t
        own_rate: dict[str, float] = {}
        net_rate: dict[str, float] = {}
        alive_of: dict[str, float] = {}

        def on_item(i, market, chan, alive):
            loss = chain.own_loss(i, market, chan)
            H[i] += (market + sum(chan.values())) * length
            S[i] += loss * length
            free = max(0.0, left[i] - loss * remaining)  # beyond the own losses still to come
            net = min(alive, free / remaining) if alive > 0 else 0.0
            own = min(left[i], loss * length)
            T[i] += loss * length - own
            left[i] -= own
            left[i] = max(0.0, left[i] - net * length)
            own_rate[i] = own / length
            net_rate[i] = net
            alive_of[i] = alive
            return net / alive if alive > 0 else 0.0

        market, chan, x, rho = chain.flow(on_item)
        if not deliveries:
            continue
        fill: dict[str, float] = {}
        for i in chain.children_first:
            ordered = market[i] + sum(chan[i].values())
            es = chain.in_edges[i]
            if es:
                got = 0.0
                for e in es:
                    if chain.failed[e.index]:
                        continue
                    f = min((fill[c] for c, _, _ in chain.inputs[e.index]), default=1.0)
                    got += x[e.index] * (1.0 - rho[i]) * f
                if not chain.u_lost[i]:
                    got += chain.u[i] * market[i]
            else:
                got = alive_of[i] * (1.0 - rho[i]) * min((fill[c] for c, _ in chain.kids[i]), default=1.0)
            got += own_rate[i] + net_rate[i]
            fill[i] = 1.0 if ordered <= 0 else got / ordered
            if fill[i] < 1.0 - FILL_TOL:
                lowest = min(lowest, fill[i])
                if len(short) < 20:
                    short.append((i, t, fill[i]))
    return {"H": H, "S": S, "T": T, "lowest": lowest, "short": short, "left": left}


def check_plan(chain: Chain, days: float, stock: dict[str, float], targets: dict[str, float]) -> dict:
    """Re-run the plan with stock + targets: every item must get all it orders every day and
    no further target may be needed."""
    held = {i: stock[i] + targets[i] for i in stock}
    run = plan(chain, days, held, deliveries=True)
    extra = {i: v for i, v in run["T"].items() if v > 1e-9 * max(1.0, run["H"][i], held[i])}
    ok = not run["short"] and not extra
    out = {"ok": ok, "lowestFill": run["lowest"]}
    if run["short"]:
        out["short"] = [{"id": i, "day": d, "fill": f} for i, d, f in run["short"]]
    if extra:
        out["furtherTargets"] = dict(sorted(extra.items()))
    return out


# ---------------------------------------------------------------------------------------
# 2. The time to survive
# ---------------------------------------------------------------------------------------


def survive(chain: Chain, steps_per_day: int, cap: float, gap_rule: str = "deliveries",
            skip: bool = True) -> dict:
    """Step time with today's stock; see the module text. Returns per item the time its
    stock runs out (``tts``) and the cause of its first fall short, per system its time to
    survive and the items that brought it about."""
    items = chain.items
    edges = chain.edges
    market, chan, _, _ = chain.flow()  # full rate, not netted
    ordered = {i: market[i] + sum(chan[i].values()) for i in items}
    stock0 = {i: items[i]["stock"] for i in items}
    dt = 1.0 / steps_per_day
    systems = [i for i in sorted(items) if items[i]["kind"] == "system"]

    # state (the pre-disruption state: everything full, no gap)
    fill = {i: 1.0 for i in items}
    f_since = {i: 0.0 for i in items}
    f_cause = {i: NONE for i in items}
    f_eval = {i: -1 for i in items}  # the evaluation at which the fill last changed
    ch_fill = {k: 1.0 for k in chain.channels}
    ch_since = {k: 0.0 for k in chain.channels}
    ch_cause = {k: NONE for k in chain.channels}
    ch_eval = {k: -1 for k in chain.channels}
    phi = [1.0] * len(edges)
    e_since = [0.0] * len(edges)
    e_cause = [NONE] * len(edges)
    e_eval = [-1] * len(edges)
    sigma = {i: 1.0 for i in items}
    ch_sigma = {k: 1.0 for k in chain.channels}
    lasting = {i: stock0[i] > 0 for i in items}  # the stock still lasts
    left = {i: stock0[i] for i in items}  # stock at the last evaluation
    rate = {i: 0.0 for i in items}  # gap since the last evaluation
    tts: dict[str, float | None] = {i: None for i in items}
    first_short: dict[str, frozenset] = {}
    sys_tts: dict[str, float | None] = {s: None for s in systems}
    sys_cause: dict[str, frozenset] = {}

    def earliest(changes):
        """(since, cause) of the earliest of [(since, cause)], causes at that moment united."""
        since = min(s for s, _ in changes)
        cause = frozenset().union(*(c for s, c in changes if s <= since + EPS))
        return since, cause

    def evaluate(n: int, t: float, t_last: float) -> None:
        for i in chain.children_first:
            es = chain.in_edges[i]
            changes = []
            if es:
                total = 0.0
                for e in es:
                    j = e.index
                    if chain.failed[j]:
                        p, since, cause = 0.0, 0.0, frozenset((i,))  # lost at i's own stage
                    else:
                        p, binding = 1.0, []
                        for c, _, key in chain.inputs[j]:
                            if key is None:
                                v, vs, vc, ve = fill[c], f_since[c], f_cause[c], f_eval[c]
                            else:
                                v, vs, vc, ve = ch_fill[key], ch_since[key], ch_cause[key], ch_eval[key]
                            if v < p - EPS:
                                p, binding = v, [(vs, vc, ve)]
                            elif v <= p + EPS and v < 1.0 - EPS:
                                binding.append((vs, vc, ve))
                        fresh = [(vs, vc) for vs, vc, ve in binding if ve == n]
                        since, cause = earliest(fresh) if fresh else (t, NONE)
                    if abs(p - phi[j]) > EPS:
                        phi[j], e_since[j], e_cause[j], e_eval[j] = p, since, cause, n
                    if e_eval[j] == n and e.w > 0:
                        changes.append((e_since[j], e_cause[j]))
                    total += e.w * p
                if chain.u_lost[i]:
                    if n == 0 and chain.u[i] > 0:
                        changes.append((0.0, frozenset((i,))))
                else:
                    total += chain.u[i]
                s_new = total
            else:
                s_new, binding = 1.0, []
                for c, _ in chain.kids[i]:
                    v = fill[c]
                    if v < s_new - EPS:
                        s_new, binding = v, [(f_since[c], f_cause[c], f_eval[c])]
                    elif v <= s_new + EPS and v < 1.0 - EPS:
                        binding.append((f_since[c], f_cause[c], f_eval[c]))
                changes = [(vs, vc) for vs, vc, ve in binding if ve == n]
            s_changed = abs(s_new - sigma[i]) > EPS
            sigma[i] = s_new
            when, cause = earliest(changes) if (s_changed and changes) else (t, NONE)
            # channels into i: the ŵ-weighted delivery of the named edges
            for key in chain.channels_into[i]:
                named = chain.channels[key]
                ch_sigma[key] = sum((w * phi[k] for k, w in named), 0.0)
            # the gap: what i is ordered less what its suppliers deliver
            if gap_rule == "sigma" or not es:
                gap = ordered[i] * (1.0 - s_new)
            else:
                gap = market[i] * (1.0 - s_new)
                for key, amount in chan[i].items():
                    gap += amount * (1.0 - ch_sigma[key])
            gap = max(0.0, gap)
            # the stock
            ran_out = None
            if lasting[i]:
                before, r_old = left[i], rate[i]
                tiny = 1e-9 * stock0[i]
                if n > 0 and abs(gap - r_old) > EPS * max(1.0, gap) and changes and when < t:
                    # the gap grew at `when`, inside the last step: charge it from then
                    at_change = before - r_old * (when - t_last)
                    if at_change <= tiny:
                        ran_out = t_last + before / r_old
                    else:
                        now = at_change - gap * (t - when)
                        if now <= tiny:
                            ran_out = when + at_change / gap
                else:
                    now = before - r_old * (t - t_last)
                    if now <= tiny:
                        ran_out = t_last + before / r_old if r_old > 0 else t
                if ran_out is None:
                    left[i], rate[i] = now, gap
                else:
                    lasting[i], left[i], rate[i] = False, 0.0, gap
                    tts[i] = ran_out
            # the fill and the channel fills
            if lasting[i]:
                f_new = 1.0
            elif ran_out is not None:
                f_new, when, cause = s_new, ran_out, frozenset((i,))
            else:
                f_new = s_new
            if abs(f_new - fill[i]) > EPS:
                fill[i], f_since[i], f_cause[i], f_eval[i] = f_new, when, cause, n
            for key in chain.channels_into[i]:
                if lasting[i]:
                    v, vs, vc = 1.0, t, NONE
                elif ran_out is not None:
                    v, vs, vc = ch_sigma[key], ran_out, frozenset((i,))
                else:
                    v = ch_sigma[key]
                    fresh = [(e_since[k], e_cause[k]) for k, _ in chain.channels[key] if e_eval[k] == n]
                    vs, vc = earliest(fresh) if fresh else (t, NONE)
                if abs(v - ch_fill[key]) > EPS:
                    ch_fill[key], ch_since[key], ch_cause[key], ch_eval[key] = v, vs, vc, n
            # an item without stock (left) runs short when its fill first falls below 1, even
            # if nobody orders it (then nothing is drawn, but what it would deliver is short)
            if fill[i] < 1.0 - FILL_TOL and i not in first_short:
                first_short[i] = f_cause[i]
                if tts[i] is None:
                    tts[i] = f_since[i]
        for s in systems:
            if sys_tts[s] is None and fill[s] < 1.0 - FILL_TOL:
                sys_tts[s], sys_cause[s] = f_since[s], f_cause[s]

    step, t_last, n = 0, 0.0, 0
    last_step = int(math.ceil(cap * steps_per_day - 1e-9)) + 1
    while True:
        t = step * dt
        evaluate(n, t, t_last)
        n += 1
        nxt = step + 1
        # the end of the step in which the next stock runs out at today's rates
        soonest = None
        for i in items:
            if lasting[i] and rate[i] > 0:
                k = max(step + 1, int(math.ceil((t + left[i] / rate[i]) * steps_per_day - 1e-9)))
                soonest = k if soonest is None else min(soonest, k)
        if soonest is None:
            break  # no stock is being drawn: nothing changes any more
        if skip:
            nxt = soonest
        if nxt > last_step:
            break
        step, t_last = nxt, t
    for i in items:
        if tts[i] is not None and tts[i] > cap:
            tts[i] = None
    for s in systems:
        if sys_tts[s] is not None and sys_tts[s] > cap:
            sys_tts[s] = None
    return {"tts": tts, "firstShort": first_short, "systems": sys_tts, "causes": sys_cause}


# ---------------------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------------------


def num(v: float) -> float | int:
    return int(v) if v == int(v) and abs(v) < 2 ** 53 else v


def stockpile_sim(model: cp.Model, scenario: dict[str, list[str]], days: float = 180.0,
                  by_control: bool = False, patterns: list[str] | None = None,
                  steps_per_day: int = 24, gap_rule: str = "deliveries", skip: bool = True,
                  commodities: list[str] | None = None, trusted: list[str] | None = None) -> dict:
    if not (isinstance(days, (int, float)) and math.isfinite(days) and days > 0):
        raise cp.UsageError("--days must be a positive number")
    if days > MAX_DAYS:
        raise cp.UsageError(f"--days: the simulation steps day by day; at most {MAX_DAYS:g} days")
    if steps_per_day < 1:
        raise cp.UsageError("--steps-per-day must be at least 1")
    if gap_rule not in ("deliveries", "sigma"):
        raise cp.UsageError("--gap-rule must be deliveries or sigma")
    worst = not scenario
    if worst:
        restricted = cp.match_items(model, patterns or [], commodities) if (patterns or commodities) else None
        sc = WorstCountry(model, by_control, restricted, trusted)
    else:
        sc = cp.scenario_failures(model, scenario, by_control, patterns, commodities)
    chain = Chain(model, sc)
    stock = {i: model.items[i]["stock"] for i in model.items}
    p = plan(chain, days, stock)
    check = check_plan(chain, days, stock, p["T"])
    cap = max(100.0 * days, 36500.0)
    run = survive(chain, steps_per_day, cap, gap_rule, skip)
    req = cp.requirement(model)
    rows = []
    for i in sorted(model.items):
        a = model.items[i]
        cause = run["firstShort"].get(i, NONE)
        rows.append({
            "id": i,
            "kind": a["kind"],
            "unit": a["unit"],
            "yearlyRequirement": req[i],
            "requirement": p["H"][i],
            "stock": a["stock"],
            "ownLoss": chain.lam[i],
            "shortfall": p["S"][i],
            "target": p["T"][i],
            "daysOfCover": run["tts"][i],
            "lossFrom": min(cause) if len(cause) == 1 else None,
            "scenarioCountry": sc.country[i] if worst else None,
        })
    systems = []
    for s in sorted(run["systems"]):
        causes = run["causes"].get(s, NONE) if run["systems"][s] is not None else NONE
        systems.append({
            "id": s,
            "timeToSurvive": run["systems"][s],
            "firstToRunOut": min(causes) if causes else None,
            "firstToRunOutTie": len(causes) > 1,
        })
    sc_json = cp.scenario_json(scenario, by_control, patterns, commodities)
    if worst:
        sc_json = {"worstCountry": True, **sc_json}
    return {
        "schemaVersion": 2,
        "days": num(days),
        "scenario": sc_json,
        "stepsPerDay": steps_per_day,
        "coverCap": num(cap),
        "gapRule": gap_rule,
        "planCheck": check,
        "items": rows,
        "systems": systems,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", metavar="FILE")
    for opt in ("--without-country", "--without-supplier", "--without-group", "--only-group"):
        ap.add_argument(opt, action="append", metavar="A,B")
    ap.add_argument("--by-control", action="store_true",
                    help="a country cut off also fails the suppliers controlled from it")
    ap.add_argument("--items", action="append", metavar="PATTERN,PATTERN",
                    help="the scenario hits the items whose id matches a glob (fnmatch) only")
    ap.add_argument("--days", type=float, default=180)
    ap.add_argument("--steps-per-day", type=int, default=24)
    ap.add_argument("--gap-rule", choices=("deliveries", "sigma"), default="deliveries",
                    help="deliveries: o_market(1-σ) + Σ o_ch(1-σ_ch) (default); sigma: o(1-σ)")
    ap.add_argument("--no-skip", action="store_true", help="take every step one by one")
    ap.add_argument("--countries", help="countries.csv with eu27, eea, nato columns")
    ap.add_argument("--pretty", action="store_true", help="indent the JSON")
    ap.add_argument("--commodity", action="append", metavar="NAME,NAME",
                    help="only the items of these commodities lose supply (with --items: the union)")
    ap.add_argument("--trusted", action="append", metavar="G1,G2",
                    help="groups counted inside beside the EU: the worst country is never one of theirs")
    args = ap.parse_args(argv)
    scenario = {}
    for key, opt in (("withoutCountry", args.without_country), ("withoutSupplier", args.without_supplier),
                     ("withoutGroup", args.without_group), ("onlyGroup", args.only_group)):
        if opt is not None:
            scenario[key] = cp._list(opt)
    try:
        model = cp.load(args.files, args.countries)
        out = stockpile_sim(model, scenario, args.days, args.by_control, cp._list(args.items) or None,
                            args.steps_per_day, args.gap_rule, not args.no_skip,
                            cp._list(args.commodity) or None, cp._list(args.trusted) or None)
    except cp.UsageError as err:
        print(f"stockpile_sim: error: {err}", file=sys.stderr)
        return 2
    except (cp.InputError, OSError, ValueError) as err:
        print(f"stockpile_sim: error: {err}", file=sys.stderr)
        return 1
    if not out["planCheck"]["ok"]:
        print(f"stockpile_sim: the plan does not hold: {json.dumps(out['planCheck'])}", file=sys.stderr)
    sys.stdout.write(json.dumps(out, indent=2 if args.pretty else None, allow_nan=False))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
