#!/usr/bin/env python3
"""Write an illustrative "next data drop" of Graphs/nl-defence.xml, for the README's `diff`
example and its test: the bundled map with three changes a monitoring analyst would want to see.

1. Fictional GaN fab B (DE) closes: the MMR's GaN MMICs are left with one maker (fab A, FR).
2. China's share of 6N gallium falls from 98.8 % to 70 %, and the fictional German refiner
   is given 25 % (a scaled-up line).
3. The data set's date moves to 2027-02-01.

Usage: python3 Tools/next-drop.py [-o OUT]   (default: stdout). Standard library only; every
edit is checked, so the script stops if the bundled file no longer has what it edits.
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def edit(text, old, new, count=1):
    if text.count(old) != count:
        sys.exit(f"next-drop: expected {count} of {old!r} in the bundled map, found {text.count(old)}")
    return text.replace(old, new)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    text = (ROOT / "Graphs" / "nl-defence.xml").read_text(encoding="utf-8")
    # 1. Fab B closes: its supplier element goes.
    fab_b = re.compile(r'\n  <supplier id="fict-gan-fab-b-de".*?</supplier>', re.S)
    if len(fab_b.findall(text)) != 1:
        sys.exit("next-drop: fict-gan-fab-b-de not found once in the bundled map")
    text = fab_b.sub("", text)
    text = edit(text, '<supplies item="gan-mmic" share="0.6"', '<supplies item="gan-mmic" share="1"')
    # 2. Gallium 6N: China 70 %, the German refiner 25 %.
    text = edit(text, '<supplies item="high-purity-gallium" share="0.988"', '<supplies item="high-purity-gallium" share="0.70"')
    text = edit(text, '<supplies item="high-purity-gallium" leadTimeDays="90" capacity="5000"/>',
                '<supplies item="high-purity-gallium" share="0.25" leadTimeDays="90" capacity="5000"/>')
    # 3. The date of the drop.
    text = edit(text, 'asOf="2026-11-01"', 'asOf="2027-02-01"')
    if args.output:
        pathlib.Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
