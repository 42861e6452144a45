import SupplyGraph

extension DOTWriter {
    /// A legend cluster: one node per shape, colour and edge style.
    /// - Complexity: O(items + suppliers) to find a prefix no data id starts with.
    func writeLegend(graph: SupplyGraph, marks: DiagramMarks, to out: inout String) {
        // Legend ids must not collide with data ids, which are one namespace.
        var prefix = "legend:"
        while graph.itemKeys.contains(where: { $0.hasPrefix(prefix) }) || graph.supplierKeys.contains(where: { $0.hasPrefix(prefix) }) {
            prefix = "_" + prefix
        }
        var entries: [(label: String, attributes: String)] = [
            ("system", "shape=\"doubleoctagon\""),
            ("component", "shape=\"box\", style=\"filled,rounded\""),
            ("material", "shape=\"ellipse\""),
            ("supplier (country)\ninside the perimeter", "shape=\"house\", fillcolor=\"\(Palette.supplierInside)\""),
            ("supplier outside\nthe perimeter", "shape=\"house\", fillcolor=\"\(Palette.supplierOutside)\""),
            ("single point of failure\n(\(marks.singlePointMeaning))", "shape=\"house\", fillcolor=\"\(Palette.singlePointOfFailure)\", fontcolor=\"#ffffff\""),
            ("single source", "shape=\"box\", fillcolor=\"\(Palette.singleSource)\""),
            ("supplied only from\noutside the perimeter", "shape=\"box\", fillcolor=\"\(Palette.nonEUOnly)\""),
            ("CRMA 65 % breach\n(one third country ≥ 65 %)", "shape=\"ellipse\", fillcolor=\"\(Palette.crma65)\""),
            ("edges: uses (quantity per unit),\nsupplies (share, arrow to the item);\ndashed blue: sourcedFrom\n(sub-supplier → buyer)", "shape=\"plaintext\", style=\"solid\""),
        ]
        if marks.highlight != nil {
            entries.append(("bold red: path from a system\nto a single point of failure", "shape=\"plaintext\", style=\"solid\", fontcolor=\"\(Palette.highlight)\""))
        }
        if marks.scenario {
            entries.append(("lost in the scenario\n(failed or unavailable)", "shape=\"box\", style=\"filled,dashed\", fillcolor=\"\(Palette.lost)\", fontcolor=\"\(Palette.lostText)\""))
        }
        out.append("  subgraph \"cluster_legend\" {\n    label=\"Legend\"; fontsize=11; style=\"rounded\"; color=\"#999999\";\n")
        for (k, entry) in entries.enumerated() {
            out.append("    ")
            DOTEscaper.appendQuoted("\(prefix)\(k)", to: &out)
            out.append(" [label=")
            DOTEscaper.appendQuoted(entry.label, to: &out)
            out.append(", fontsize=9, \(entry.attributes)];\n")
        }
        if entries.count > 1 {
            out.append("    ")
            for k in entries.indices {
                if k > 0 { out.append(" -> ") }
                DOTEscaper.appendQuoted("\(prefix)\(k)", to: &out)
            }
            out.append(" [style=\"invis\"];\n")
        }
        out.append("  }\n")
    }
}
