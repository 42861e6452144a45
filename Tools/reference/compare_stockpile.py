#!/usr/bin/env python3
"""Compare the day-by-day simulation's stockpile figures with the tool's.

    compare_stockpile.py SIM.json TOOL.json [--relative 1e-6] [--max 50]

SIM.json is the output of ``stockpile_sim.py``, TOOL.json that of ``chokepoint stockpile
... --format json`` (schemaVersion 2) on the same files and options. Compared:

* ``days`` and the scenario (every key of the simulation's scenario, with the same value);
* the items, by id and in the same order (sorted by id): ``kind``, ``unit`` and
  ``scenarioCountry`` equal; the tool's ``target`` is that target rounded up to a whole unit
  when the unit is a count (pcs, pc, ea, each, unit, units, any case) and the same otherwise; ``yearlyRequirement``, ``requirement``, ``stock``,
  ``shortfall`` and ``target`` (the tool's ``targetExact``, the unrounded target) within
  ``--relative`` (1e-6) of the larger, with a floor of
  1e-9 of the item's scale (its stock or its requirement over the horizon, at least 1) so
  that a figure that is 0 on one side and binary noise on the other is no difference;
  ``ownLoss`` within 1e-9; ``daysOfCover`` within 1 / stepsPerDay days of the simulation
  (plus 1e-9), ``null`` equal to ``null``; a finite value beyond the simulation's
  ``coverCap`` (less one step) counts as equal to the simulation's ``null``, which means
  "not within the cap";
* the systems, by id and in order: ``timeToSurvive`` as ``daysOfCover``; ``firstToRunOut``
  equal where the simulation's time to survive is finite and it names no tie
  (``firstToRunOutTie``).

``lossFrom`` and fields only one side has are not compared. Prints each difference and exits
1 if there is any (or if TOOL.json is not schemaVersion 2), 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

COUNT_UNITS = ("pcs", "pc", "ea", "each", "unit", "units")
AMOUNTS = ("yearlyRequirement", "requirement", "stock", "shortfall", "target")
EQUAL = ("kind", "unit", "scenarioCountry")


def compare(sim: dict, tool: dict, relative: float = 1e-6) -> list[str]:
    diffs: list[str] = []
    if tool.get("schemaVersion") != 2:
        return [f"$.schemaVersion: the tool wrote {tool.get('schemaVersion')!r}, not 2"]
    days = sim["days"]
    if tool.get("days") != days:
        diffs.append(f"$.days: {days!r} != {tool.get('days')!r}")
    for k, v in sim["scenario"].items():
        if tool.get("scenario", {}).get(k) != v:
            diffs.append(f"$.scenario.{k}: {json.dumps(v)} != {json.dumps(tool.get('scenario', {}).get(k))}")
    step = 1.0 / sim["stepsPerDay"]
    cap = sim["coverCap"]

    def time_close(path: str, a, b) -> None:
        if a is None and b is None:
            return
        if a is None:
            if not (isinstance(b, (int, float)) and b >= cap - step):
                diffs.append(f"{path}: null (not within {cap:g} days) != {b!r}")
            return
        if not isinstance(b, (int, float)) or isinstance(b, bool):
            diffs.append(f"{path}: {a!r} != {json.dumps(b)}")
        elif abs(a - b) > step + 1e-9:
            diffs.append(f"{path}: {a!r} != {b!r} (diff {abs(a - b):.3g} days, allowed {step:.3g})")

    def rows(key: str) -> tuple[dict, dict] | None:
        a, b = sim[key], tool.get(key)
        if not isinstance(b, list):
            diffs.append(f"$.{key}: missing in the tool's JSON")
            return None
        ia = {r["id"]: r for r in a}
        ib = {r.get("id"): r for r in b}
        for k in sorted(ia.keys() - ib.keys()):
            diffs.append(f"$.{key}[id={k}]: missing in the tool's JSON")
        for k in sorted(ib.keys() - ia.keys(), key=str):
            diffs.append(f"$.{key}[id={k}]: only in the tool's JSON")
        order = [r.get("id") for r in b if r.get("id") in ia]
        if order != [r["id"] for r in a if r["id"] in ib]:
            diffs.append(f"$.{key}: not in the order of the ids")
        return ia, ib

    pair = rows("items")
    if pair:
        ia, ib = pair
        for k in sorted(ia.keys() & ib.keys()):
            a, b = ia[k], ib[k]
            path = f"$.items[id={k}]"
            for f in EQUAL:
                if a[f] != b.get(f):
                    diffs.append(f"{path}.{f}: {json.dumps(a[f])} != {json.dumps(b.get(f))}")
            scale = max(1.0, abs(a["stock"]), abs(a["yearlyRequirement"]) * days / 365.0, abs(a["requirement"]))
            for f in AMOUNTS:
                x, y = a[f], b.get("targetExact", b.get(f)) if f == "target" else b.get(f)
                if not isinstance(y, (int, float)) or isinstance(y, bool):
                    diffs.append(f"{path}.{f}: {x!r} != {json.dumps(y)}")
                elif abs(x - y) > max(relative * max(abs(x), abs(y)), 1e-9 * scale):
                    diffs.append(f"{path}.{f}: {x!r} != {y!r} (relative diff "
                                 f"{abs(x - y) / max(abs(x), abs(y)):.3g})")
            exact, bought = b.get("targetExact"), b.get("target")
            if isinstance(exact, (int, float)) and isinstance(bought, (int, float)):
                if a["unit"].lower() in COUNT_UNITS:
                    want = 0.0 if exact <= 1e-9 else float(math.ceil(exact - 1e-9))
                else:
                    want = exact
                if bought != want:
                    diffs.append(f"{path}.target: {bought!r} is not {a['unit']} {exact!r} as bought ({want!r})")
            y = b.get("ownLoss")
            if not isinstance(y, (int, float)) or abs(a["ownLoss"] - y) > 1e-9:
                diffs.append(f"{path}.ownLoss: {a['ownLoss']!r} != {json.dumps(y)}")
            time_close(f"{path}.daysOfCover", a["daysOfCover"], b.get("daysOfCover"))
    pair = rows("systems")
    if pair:
        ia, ib = pair
        for k in sorted(ia.keys() & ib.keys()):
            a, b = ia[k], ib[k]
            path = f"$.systems[id={k}]"
            time_close(f"{path}.timeToSurvive", a["timeToSurvive"], b.get("timeToSurvive"))
            if a["timeToSurvive"] is not None and not a.get("firstToRunOutTie") \
                    and a["firstToRunOut"] != b.get("firstToRunOut"):
                diffs.append(f"{path}.firstToRunOut: {json.dumps(a['firstToRunOut'])} != "
                             f"{json.dumps(b.get('firstToRunOut'))}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compare stockpile_sim.py's JSON with the tool's.")
    ap.add_argument("sim", help="stockpile_sim.py output")
    ap.add_argument("tool", help="chokepoint stockpile --format json output")
    ap.add_argument("--relative", type=float, default=1e-6)
    ap.add_argument("--max", type=int, default=50, help="print at most this many differences")
    args = ap.parse_args(argv)
    with open(args.sim, encoding="utf-8") as f:
        sim = json.load(f)
    with open(args.tool, encoding="utf-8") as f:
        tool = json.load(f)
    diffs = compare(sim, tool, args.relative)
    for d in diffs[: args.max]:
        print(d)
    if len(diffs) > args.max:
        print(f"... and {len(diffs) - args.max} more")
    if diffs:
        print(f"{len(diffs)} difference(s)", file=sys.stderr)
        return 1
    print("no differences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
