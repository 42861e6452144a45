import SupplyGraph

extension DOTWriter {
    /// The BOM edges, the supply edges and the `sourcedFrom` links between drawn nodes.
    /// - Complexity: O(BOM edges + supply edges + sourcing entries).
    func writeEdges(_ graph: SupplyGraph, view: DiagramView, marks: DiagramMarks, to out: inout String) {
        let highlight = marks.highlight
        // BOM edges: parent -> child, quantity per unit of the parent.
        for k in 0..<graph.usesEdgeCount {
            let parent = graph.usesParent[k], child = graph.usesChild[k]
            guard view.items[parent.index] && view.items[child.index] else { continue }
            out.append("  ")
            DOTEscaper.appendID(graph.itemKeys[parent.index], to: &out)
            out.append(" -> ")
            DOTEscaper.appendID(graph.itemKeys[child.index], to: &out)
            var attributes = false
            func separator() { out.append(attributes ? ", " : " ["); attributes = true }
            if options.edgeLabels {
                separator()
                out.append("label=")
                DOTEscaper.appendQuoted(DisplayNumber.human(graph.usesQuantity[k]) + " " + graph.itemUnits[child.index], to: &out)
            }
            if let highlight, highlight.uses[k] { separator(); out.append(Self.boldEdge) }
            if marks.scenario && marks.items[child.index].contains(.lost) {
                separator(); out.append("color=\"\(Palette.lostText)\", fontcolor=\"\(Palette.lostText)\"")
            }
            out.append(attributes ? "];\n" : ";\n")
        }

        // Supply edges: item -> supplier, drawn with the arrow at the item.
        let stagger = max(1, options.supplierStagger)
        for e in 0..<graph.supplyEdgeCount {
            let item = graph.edgeItem[e], supplier = graph.edgeSupplier[e]
            guard view.items[item.index] && view.suppliers[supplier.index] else { continue }
            out.append("  ")
            DOTEscaper.appendID(graph.itemKeys[item.index], to: &out)
            out.append(" -> ")
            DOTEscaper.appendID(graph.supplierKeys[supplier.index], to: &out)
            out.append(" [dir=\"back\"")
            if stagger > 1 {
                let k = (e - graph.supplyEdges(of: item).lowerBound) % stagger
                if k > 0 { out.append(", minlen=\(k + 1)") }
            }
            if options.edgeLabels {
                out.append(", label=\"")
                out.append(DisplayNumber.percent(marks.shares[e]))
                out.append("\"")
            }
            if let highlight, highlight.supply[e] { out.append(", "); out.append(Self.boldEdge) }
            if marks.edgeLost[e] {
                out.append(", style=\"dotted\", color=\"\(Palette.lostText)\", fontcolor=\"\(Palette.lostText)\"")
            }
            out.append("];\n")
        }

        // sourcedFrom: drawn from the named sub-supplier to the buying supplier, written
        // `buyer -> sub-supplier [dir=back]` so that it ranks the sub-supplier below its buyer
        // (where the chain puts it anyway) instead of `constraint=false`, which Graphviz
        // 2.42/2.43 cannot rank inside clusters with newrank ("trouble in init_rank").
        guard graph.hasSourcing else { return }
        for e in 0..<graph.supplyEdgeCount {
            if graph.sourcingEntries(of: SupplyEdgeID(e)).isEmpty { continue }
            let buyer = graph.edgeSupplier[e]
            guard view.items[graph.edgeItem[e].index] && view.suppliers[buyer.index] else { continue }
            for sourcing in graph.sourcing(of: SupplyEdgeID(e)) {
                for named in sourcing.suppliers where view.suppliers[named.index] {
                    out.append("  ")
                    DOTEscaper.appendID(graph.supplierKeys[buyer.index], to: &out)
                    out.append(" -> ")
                    DOTEscaper.appendID(graph.supplierKeys[named.index], to: &out)
                    out.append(" [dir=\"back\", style=\"dashed\", color=\"\(Palette.sourcedFrom)\", fontcolor=\"\(Palette.sourcedFrom)\"")
                    if options.edgeLabels {
                        out.append(", label=")
                        DOTEscaper.appendQuoted("sourcedFrom: " + graph.itemKeys[sourcing.input.index], to: &out)
                    }
                    if let highlight, highlight.sourcing.contains(SourcingLink(edge: SupplyEdgeID(e), supplier: named)) {
                        out.append(", penwidth=3")
                    }
                    out.append("];\n")
                }
            }
        }
    }
}
