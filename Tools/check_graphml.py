#!/usr/bin/env python3
"""Check a GraphML file written by `chokepoint export graphml` with NetworkX.

Usage: check_graphml.py FILE EXPECTED_NODES EXPECTED_EDGES

Loads FILE with networkx.read_graphml and checks: the node and edge counts; that every node
has a kind, items their figures with the declared types (float, bool, int), suppliers a
country; that every edge has a relation with the attributes that go with it. Prints what is
wrong and exits 1; prints a one-line summary and exits 0 when all is right.
"""
import sys

import networkx as nx


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path, expected_nodes, expected_edges = argv[1], int(argv[2]), int(argv[3])
    graph = nx.read_graphml(path)
    problems = []
    if graph.number_of_nodes() != expected_nodes:
        problems.append(f"{graph.number_of_nodes()} nodes, expected {expected_nodes}")
    if graph.number_of_edges() != expected_edges:
        problems.append(f"{graph.number_of_edges()} edges, expected {expected_edges}")
    if not graph.is_directed():
        problems.append("the graph is not directed")

    item_types = {"name": str, "unit": str, "demand": float, "stock": float, "requirement": float,
                  "suppliers": int, "hhi": float, "nonEUShare": float, "nonEUExposure": float,
                  "singleSource": bool, "singleCountry": bool, "crma65": bool}
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind in ("system", "component", "material"):
            for name, expected in item_types.items():
                if not isinstance(data.get(name), expected):
                    problems.append(f"item {node}: {name} is {data.get(name)!r}, expected {expected.__name__}")
        elif kind == "supplier":
            if not isinstance(data.get("country"), str):
                problems.append(f"supplier {node}: no country")
            if "recoveryDays" in data and not isinstance(data["recoveryDays"], float):
                problems.append(f"supplier {node}: recoveryDays is not a float")
        else:
            problems.append(f"node {node}: kind {kind!r}")

    edge_types = {"uses": {"quantity": float}, "supplies": {"normalisedShare": float},
                  "sourcedFrom": {"input": str, "item": str}}
    for source, target, data in graph.edges(data=True):
        relation = data.get("relation")
        if relation not in edge_types:
            problems.append(f"edge {source}->{target}: relation {relation!r}")
            continue
        for name, expected in edge_types[relation].items():
            if not isinstance(data.get(name), expected):
                problems.append(f"edge {source}->{target}: {name} is {data.get(name)!r}")
        for name in ("share", "leadTimeDays", "capacity"):
            if name in data and not isinstance(data[name], float):
                problems.append(f"edge {source}->{target}: {name} is not a float")

    for problem in problems[:20]:
        print(problem)
    if problems:
        return 1
    print(f"ok: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges ({type(graph).__name__})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
