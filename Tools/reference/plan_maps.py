#!/usr/bin/env python3
"""Random small maps for the budget plan's cross-check: four tiers (systems, components,
semi-finished materials, raw materials), suppliers in five countries with shares (some rows
summing below 1: unattributed supply), recoveryDays, stock, prices (some items unpriced, some
with maxPurchase), sourcedFrom on some supply edges and options with costs and lead times.

Usage: plan_maps.py SEED OUT.xml
"""
import random
import sys


def generate(seed: int) -> str:
    rng = random.Random(seed)
    countries = ["CN", "DE", "US", "FR", "PL"]
    tiers = [[f"sys{k}" for k in range(rng.randint(2, 3))], [f"comp{k}" for k in range(rng.randint(2, 4))],
             [f"semi{k}" for k in range(rng.randint(2, 3))], [f"raw{k}" for k in range(rng.randint(2, 3))]]
    kinds = ["system", "component", "material", "material"]
    lines = []
    uses = {}
    for t, tier in enumerate(tiers):
        for i in tier:
            attrs = f'id="{i}"'
            if t == 0:
                attrs += f' demand="{rng.randint(5, 400)}"'
                if rng.random() < 0.5:
                    attrs += f' weight="{rng.choice([1, 2, 3])}"'
            else:
                attrs += f' unit="{rng.choice(["pcs", "t", "kg"])}"'
                if rng.random() < 0.7:
                    attrs += f' price="{rng.randint(1, 60)}"'
                    if rng.random() < 0.2:
                        attrs += f' maxPurchase="{rng.randint(1, 40)}"'
                if rng.random() < 0.4:
                    attrs += f' stock="{rng.randint(1, 30)}"'
            children = []
            if t < 3:
                below = tiers[t + 1]
                children = rng.sample(below, rng.randint(1, min(2, len(below))))
            uses[i] = children
            body = "".join(f'<uses item="{c}" quantity="{rng.choice([0.5, 1, 2, 3])}"/>' for c in children)
            lines.append(f"<{kinds[t]} {attrs}>{body}</{kinds[t]}>")
    suppliers = {}
    k = 0
    for t, tier in enumerate(tiers):
        for i in tier:
            if t == 0 and rng.random() < 0.6:
                continue  # made in house
            n = rng.randint(1, 3)
            names = []
            for _ in range(n):
                names.append(f"s{k}"); k += 1
            suppliers[i] = names
    for i, names in suppliers.items():
        left = 1.0
        for n, s in enumerate(names):
            if n == len(names) - 1:
                share = round(left - (0.1 * rng.random() if rng.random() < 0.4 else 0), 4)
            else:
                share = round(left * rng.uniform(0.2, 0.7), 4)
            left -= share
            rec = f' recoveryDays="{rng.randint(0, 200)}"' if rng.random() < 0.5 else ""
            sourcing = ""
            named_inputs = [c for c in uses[i] if c in suppliers]
            if named_inputs and rng.random() < 0.35:
                c = rng.choice(named_inputs)
                chosen = rng.sample(suppliers[c], rng.randint(1, len(suppliers[c])))
                sourcing = f'<sourcedFrom item="{c}" suppliers="{" ".join(chosen)}"/>'
            lines.append(f'<supplier id="{s}" country="{rng.choice(countries)}"{rec}>'
                         f'<supplies item="{i}" share="{max(0.0, share)}">{sourcing}</supplies></supplier>')
    candidates = tiers[1] + tiers[2] + tiers[3]
    for o in range(rng.randint(0, 3)):
        item = rng.choice(candidates)
        lines.append(f'<option id="opt{o}" item="{item}" country="{rng.choice(countries)}" share="{round(rng.uniform(0.2, 1), 3)}"'
                     f' cost="{rng.randint(50, 600)}" leadTimeDays="{rng.randint(0, 150)}"/>')
    return ('<supplyChain xmlns="urn:chokepoint:supply-chain:1" name="plan-map-%d" currency="EUR">\n' % seed
            + "\n".join(lines) + "\n</supplyChain>\n")


if __name__ == "__main__":
    with open(sys.argv[2], "w") as f:
        f.write(generate(int(sys.argv[1])))
