import OutputFormats
import SupplyGraph

extension DOTWriter {
    /// A legend cluster: one node per shape, colour and edge style.
    /// - Complexity: O(items + suppliers) to find a prefix no data id starts with.
    func writeLegend(graph: SupplyGraph, marks: DiagramMarks, view: DiagramView, to out: inout String) {
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
        ]
        if let benchmark = marks.crmaBenchmark {
            entries.append(("\(marks.crmaLabel) benchmark\n(strategic raw material:\none third country ≥ \(DisplayNumber.percent(benchmark)))", "shape=\"ellipse\", fillcolor=\"\(Palette.crma65)\""))
        }
        entries += [
            ("edges: uses (quantity per unit),\nsupplies (share, arrow to the item);\ndashed blue: sourcedFrom\n(sub-supplier → buyer)", "shape=\"plaintext\", style=\"solid\""),
        ]
        if view.aggregates.contains(where: { $0.country != nil }) {
            entries.append(("one country's suppliers\nof an item", "shape=\"house\", fillcolor=\"\(Palette.supplierOutside)\""))
        }
        if view.aggregates.contains(where: { $0.country == nil && !$0.inLabel }) {
            let threshold = options.minimumShare.map { " below \(DisplayNumber.percent($0))" } ?? ""
            entries.append(("minor suppliers of an item\(threshold),\nfolded (countries in the tooltip)", "shape=\"folder\", fillcolor=\"#ffffff\""))
        }
        if marks.highlight != nil {
            entries.append(("bold red: path from a system\nto a single point of failure", "shape=\"plaintext\", style=\"solid\", fontcolor=\"\(Palette.highlight)\""))
        }
        if marks.scenario {
            entries.append(("lost in the scenario\n(failed or unavailable)", "shape=\"box\", style=\"filled,dashed\", fillcolor=\"\(Palette.lost)\", fontcolor=\"\(Palette.lostText)\""))
        }
        if options.slide != nil {
            writeTableLegend(prefix: prefix, marks: marks, view: view, to: &out)
            return
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

    /// The legend of a slide: one node, a table of coloured rows (a chain of legend nodes
    /// would be as long as the drawing is tall, or as wide in a left-to-right one).
    /// - Complexity: O(1).
    func writeTableLegend(prefix: String, marks: DiagramMarks, view: DiagramView, to out: inout String) {
        var rows: [(text: String, fill: String?, font: String?)] = [
            ("system: double octagon · component: rounded box\nmaterial: ellipse · supplier: house (country)", nil, nil),
            ("supplier inside the perimeter", Palette.supplierInside, nil),
            ("supplier outside the perimeter", Palette.supplierOutside, nil),
            ("single point of failure (\(marks.singlePointMeaning))", Palette.singlePointOfFailure, "#ffffff"),
            ("single source", Palette.singleSource, nil),
            ("supplied only from outside the perimeter", Palette.nonEUOnly, nil),
        ]
        if let benchmark = marks.crmaBenchmark {
            rows.append(("\(marks.crmaLabel) benchmark (strategic raw material: one third country ≥ \(DisplayNumber.percent(benchmark)))", Palette.crma65, nil))
        }
        if view.aggregates.contains(where: { $0.country != nil }) {
            rows.append(("house per country: one country's suppliers of an item", nil, nil))
        }
        if view.aggregates.contains(where: { $0.country == nil && !$0.inLabel }) {
            let threshold = options.minimumShare.map { " below \(DisplayNumber.percent($0))" } ?? ""
            rows.append(("folder \"n others\": an item's minor suppliers\(threshold), folded (countries in the tooltip)", nil, nil))
        }
        rows.append(("edges: uses (quantity per unit), supplies (share, arrow to the item)\ndashed blue: sourcedFrom (sub-supplier → buyer)", nil, Palette.sourcedFrom))
        if marks.highlight != nil { rows.append(("bold red: path from a system to a single point of failure", nil, Palette.highlight)) }
        if marks.scenario { rows.append(("grey, dashed: lost in the scenario (failed or unavailable)", Palette.lost, Palette.lostText)) }
        out.append("  ")
        DOTEscaper.appendQuoted("\(prefix)table", to: &out)
        out.append(" [shape=\"plaintext\", style=\"solid\", fontsize=9, label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"2\" cellpadding=\"3\" color=\"#999999\"><tr><td border=\"0\"><b>Legend</b></td></tr>")
        for row in rows {
            out.append("<tr><td align=\"left\" balign=\"left\"")
            if let fill = row.fill { out.append(" bgcolor=\"\(fill)\"") }
            out.append(">")
            if let font = row.font { out.append("<font color=\"\(font)\">") }
            for (k, line) in row.text.split(separator: "\n").enumerated() {
                if k > 0 { out.append("<br/>") }
                XMLText.appendEscaped(String(line), to: &out)
            }
            if row.font != nil { out.append("</font>") }
            out.append("</td></tr>")
        }
        out.append("</table>>];\n")
    }
}
