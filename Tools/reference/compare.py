#!/usr/bin/env python3
"""Compare two JSON outputs of the same Chokepoint command structurally.

    compare.py A.json B.json [--tolerance 1e-9] [--strict] [--max 50]

A is the reference (e.g. from chokepoint_nx.py), B the output under test (e.g. from
``chokepoint report --format json``). Lists of objects with an ``id`` are matched by id (and
must be in the same order); lists of objects with a ``key`` and a ``score`` (the ``impact``
ranking) are matched by key, and their order must be by score descending, then key, where
scores within the tolerance count as equal (so binary noise in a tie is no difference);
other lists must be equal element by element; booleans, strings and null must be equal;
numbers must agree within the tolerance, relative or absolute (|a-b| <= tol or
|a-b| <= tol*max(|a|,|b|)). Every key of A must be in B; keys only in B are extra fields,
which the article "The JSON contracts" allows, and are ignored unless --strict (except in ``countryShares``,
``scenario`` and an impact ranking's ``systems``, whose keys are data and must match both
ways).

Prints each difference with its JSON path and exits 1 if there is any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys


def compare(a, b, tol: float = 1e-9, strict: bool = False, path: str = "$") -> list[str]:
    diffs: list[str] = []

    def close(a, b) -> bool:
        return a == b or abs(a - b) <= tol or abs(a - b) <= tol * max(abs(a), abs(b))

    def walk(a, b, path):
        if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None or isinstance(a, str):
            if type(a) is not type(b) or a != b:
                diffs.append(f"{path}: {json.dumps(a)} != {json.dumps(b)}")
            return
        if isinstance(a, (int, float)):
            if not isinstance(b, (int, float)):
                diffs.append(f"{path}: {json.dumps(a)} != {json.dumps(b)}")
            elif not (close(a, b) or (math.isnan(a) and math.isnan(b))):
                diffs.append(f"{path}: {a!r} != {b!r} (diff {abs(a - b):.3g})")
            return
        if isinstance(a, dict):
            if not isinstance(b, dict):
                diffs.append(f"{path}: object != {type(b).__name__}")
                return
            for k in a:
                if k not in b:
                    diffs.append(f"{path}.{k}: missing in B")
                else:
                    walk(a[k], b[k], f"{path}.{k}")
            # maps keyed by data (countries, scenario options) must match key for key
            if strict or path.endswith((".countryShares", ".scenario")) or (
                    path.endswith(".systems") and "[key=" in path):
                for k in b:
                    if k not in a:
                        diffs.append(f"{path}.{k}: only in B")
            return
        if isinstance(a, list):
            if not isinstance(b, list):
                diffs.append(f"{path}: list != {type(b).__name__}")
                return
            keyed = all(isinstance(x, dict) and "id" in x for x in a + b) and (a or b)
            if keyed:
                ia = {x["id"]: x for x in a}
                ib = {x["id"]: x for x in b}
                for k in ia.keys() - ib.keys():
                    diffs.append(f"{path}[id={k}]: missing in B")
                for k in ib.keys() - ia.keys():
                    diffs.append(f"{path}[id={k}]: only in B")
                if [x["id"] for x in a] != [x["id"] for x in b] and ia.keys() == ib.keys():
                    diffs.append(f"{path}: same ids in a different order")
                for k in ia.keys() & ib.keys():
                    walk(ia[k], ib[k], f"{path}[id={k}]")
                return
            ranked = all(isinstance(x, dict) and "key" in x and "score" in x for x in a + b) and (a or b)
            if ranked:
                ia = {x["key"]: x for x in a}
                ib = {x["key"]: x for x in b}
                for k in sorted(ia.keys() - ib.keys()):
                    diffs.append(f"{path}[key={k}]: missing in B (score {ia[k]['score']!r})")
                for k in sorted(ib.keys() - ia.keys()):
                    diffs.append(f"{path}[key={k}]: only in B (score {ib[k]['score']!r})")
                for n in range(1, len(b)):
                    p, q = b[n - 1], b[n]
                    if isinstance(p["score"], (int, float)) and isinstance(q["score"], (int, float)):
                        tie = close(p["score"], q["score"])
                        if (tie and str(p["key"]) > str(q["key"])) or (not tie and p["score"] < q["score"]):
                            diffs.append(f"{path}: B ranks {p['key']!r} ({p['score']!r}) before "
                                         f"{q['key']!r} ({q['score']!r})")
                for k in sorted(ia.keys() & ib.keys()):
                    walk(ia[k], ib[k], f"{path}[key={k}]")
                return
            if len(a) != len(b):
                sa = {json.dumps(x) for x in a}
                sb = {json.dumps(x) for x in b}
                extra = f" (only in A: {sorted(sa - sb)[:10]}, only in B: {sorted(sb - sa)[:10]})"
                diffs.append(f"{path}: length {len(a)} != {len(b)}{extra}")
                return
            for n, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{path}[{n}]")
            return
        diffs.append(f"{path}: cannot compare {type(a).__name__}")

    walk(a, b, path)
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compare two Chokepoint JSON outputs.")
    ap.add_argument("a", help="reference JSON")
    ap.add_argument("b", help="JSON under test")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--strict", action="store_true", help="keys only in B are differences too")
    ap.add_argument("--max", type=int, default=50, help="print at most this many differences")
    args = ap.parse_args(argv)
    with open(args.a, encoding="utf-8") as f:
        a = json.load(f)
    with open(args.b, encoding="utf-8") as f:
        b = json.load(f)
    diffs = compare(a, b, args.tolerance, args.strict)
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
