#!/usr/bin/env python3
"""Render Chokepoint's Markdown with a CommonMark + GFM-tables renderer and check its structure.

    check_markdown.py FILE.md

markdown-it-py (CommonMark with the GFM table extension) renders the file; for every table the
number of rendered body rows must equal the number of `|` lines of that table in the source —
a line of text directly after a table (such as "(39 more: ...)") would otherwise become a row
— and every rendered row must have as many cells as the header. Lists must render as lists,
one item per source line starting with "- ". Prints what is wrong; exit 1 if anything is.
"""

from __future__ import annotations

import sys

from markdown_it import MarkdownIt


def check(text: str) -> list[str]:
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    lines = text.split("\n")
    problems: list[str] = []
    for k, token in enumerate(tokens):
        if token.type != "table_open":
            continue
        start, end = token.map
        source_rows = [ln for ln in lines[start:end] if ln.startswith("|")]
        body = 0
        header_cells = None
        cells = 0
        depth = 0
        for t in tokens[k + 1:]:
            if t.type == "table_close":
                break
            if t.type == "tr_open":
                cells = 0
            elif t.type in ("th_open", "td_open"):
                cells += 1
            elif t.type == "tr_close":
                if header_cells is None:
                    header_cells = cells
                else:
                    body += 1
                    if cells != header_cells:
                        problems.append(f"line {start + 1}: a row has {cells} cells, the header {header_cells}")
            elif t.type == "tbody_open":
                depth += 1
        expected = len(source_rows) - 2  # header and delimiter rows
        if body != expected:
            problems.append(f"line {start + 1}: the table renders {body} body rows, the source has {expected} "
                            f"(a line after the table became a row?)")
    list_items = sum(1 for t in tokens if t.type == "list_item_open")
    source_items = sum(1 for ln in lines if ln.startswith("- "))
    if list_items != source_items:
        problems.append(f"{source_items} list lines in the source, {list_items} list items rendered")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        problems = check(f.read())
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
