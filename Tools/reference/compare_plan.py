#!/usr/bin/env python3
"""Compares the HiGHS reference's plan (plan_highs.py) with `chokepoint plan --format json`:
productionKept and productionKeptWithoutPlan within 1e-6, cost within 1e-6 of the larger of
the budget, the cost and 1 (the second stage may give up 1e-9 of production kept, which moves
the cost by a little). The per-system fractions and purchases are one optimal plan each and
are not compared. Exit 1 on a difference."""
import json
import sys

ref = json.load(open(sys.argv[1]))
tool = json.load(open(sys.argv[2]))
bad = []
for key in ("productionKept", "productionKeptWithoutPlan"):
    if abs(ref[key] - tool[key]) > 1e-6:
        bad.append(f"{key}: reference {ref[key]!r}, tool {tool[key]!r}")
scale = max(ref["budget"], ref["cost"], 1.0)
if abs(ref["cost"] - tool["cost"]) > 1e-6 * scale:
    bad.append(f"cost: reference {ref['cost']!r}, tool {tool['cost']!r}")
if tool.get("schemaVersion") != 1:
    bad.append("schemaVersion is not 1")
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
