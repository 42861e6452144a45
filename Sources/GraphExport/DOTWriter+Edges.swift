import SupplyGraph

extension DOTWriter {
    /// The BOM edges, the supply edges and the `sourcedFrom` links between drawn nodes.
    /// - Complexity: O(BOM edges + supply edges + sourcing entries).
    func writeEdges(_ graph: SupplyGraph, view: DiagramView, marks: DiagramMarks, to out: inout String) {
        let highlight = marks.highlight
        // Edge labels are laid out with the graph (`label`), never as `xlabel`s: Graphviz places
        // those after the layout and may put them under a node (the MMR's 98.9 % gallium share).
        let label = "label"
        // BOM edges: parent -> child, quantity per unit of the parent.
        for k in graph.usesEdgeIDs {
            let parent = graph.usesParent[k], child = graph.usesChild[k]
            guard view.items[parent.index] && view.items[child.index] else { continue }
            out.append("  ")
            DOTEscaper.appendID(graph.itemKeys[parent], to: &out)
            out.append(" -> ")
            DOTEscaper.appendID(graph.itemKeys[child], to: &out)
            var attributes = false
            func separator() { out.append(attributes ? ", " : " ["); attributes = true }
            if options.edgeLabels {
                separator()
                out.append(label + "=")
                DOTEscaper.appendQuoted(DisplayNumber.quantity(graph.usesQuantity[k], unit: graph.itemUnits[child]), to: &out)
            }
            if let highlight, highlight.uses[k] { separator(); out.append(Self.boldEdge) }
            if marks.scenario && marks.items[child.index].contains(.lost) {
                separator(); out.append("color=\"\(Palette.lostText)\", fontcolor=\"\(Palette.lostText)\"")
            }
            out.append(attributes ? "];\n" : ";\n")
        }

        // Supply edges: item -> supplier, drawn with the arrow at the item.
        let stagger = max(1, options.supplierStagger)
        for e in graph.supplyEdgeIDs {
            let item = graph.edgeItem[e], supplier = graph.edgeSupplier[e]
            guard view.edgeTarget[e.index] == DiagramView.direct && view.items[item.index] && view.suppliers[supplier.index] else { continue }
            out.append("  ")
            DOTEscaper.appendID(graph.itemKeys[item], to: &out)
            out.append(" -> ")
            DOTEscaper.appendID(graph.supplierKeys[supplier], to: &out)
            out.append(" [dir=\"back\"")
            if stagger > 1 {
                let k = Int(view.edgeSlot[e.index]) % stagger
                if k > 0 { out.append(", minlen=\(k + 1)") }
            }
            if options.edgeLabels {
                out.append(", \(label)=\"")
                out.append(DisplayNumber.percent(marks.shares[e]))
                out.append("\"")
            }
            if let highlight, highlight.supply[e] { out.append(", "); out.append(Self.boldEdge) }
            if marks.edgeLost[e] {
                out.append(", style=\"dotted\", color=\"\(Palette.lostText)\", fontcolor=\"\(Palette.lostText)\"")
            }
            out.append("];\n")
        }

        // Aggregated supply: item -> the node of a country's or of the minor suppliers, with
        // their summed share; bold if any of its edges is on a path, dotted if all are lost.
        for (k, a) in view.aggregates.enumerated() where !a.inLabel {
            out.append("  ")
            DOTEscaper.appendID(graph.itemKeys[a.item], to: &out)
            out.append(" -> ")
            view.appendAggregateID(k, graph: graph, to: &out)
            out.append(" [dir=\"back\"")
            if stagger > 1 && a.slot % stagger > 0 { out.append(", minlen=\(a.slot % stagger + 1)") }
            if options.edgeLabels {
                out.append(", \(label)=\"")
                out.append(DisplayNumber.percent(a.share))
                out.append("\"")
            }
            if let highlight, a.edges.contains(where: { highlight.supply[$0] }) { out.append(", "); out.append(Self.boldEdge) }
            if a.edges.allSatisfy({ marks.edgeLost[$0] }) {
                out.append(", style=\"dotted\", color=\"\(Palette.lostText)\", fontcolor=\"\(Palette.lostText)\"")
            }
            out.append("];\n")
        }

        // sourcedFrom: drawn from the named sub-supplier to the buying supplier, written
        // `buyer -> sub-supplier [dir=back]` so that it ranks the sub-supplier below its buyer
        // (where the chain puts it anyway) instead of `constraint=false`, which Graphviz
        // 2.42/2.43 cannot rank inside clusters with newrank ("trouble in init_rank").
        // Where either end is aggregated, the link joins the aggregates, once per pair.
        guard graph.hasSourcing else { return }
        var joined = Set<String>()
        for e in graph.supplyEdgeIDs {
            if graph.sourcingEntries(of: e).isEmpty { continue }
            let buyer = graph.edgeSupplier[e]
            let buyerTarget = view.edgeTarget[e.index]
            guard buyerTarget >= 0 || (buyerTarget == DiagramView.direct && view.suppliers[buyer.index]) else { continue }
            if buyerTarget >= 0 && view.aggregates[Int(buyerTarget)].inLabel { continue }
            for sourcing in graph.sourcing(of: e) {
                for named in sourcing.suppliers {
                    let namedEdge = sourcing.edges.first { graph.edgeSupplier[$0] == named }
                    let namedTarget = namedEdge.map { view.edgeTarget[$0.index] } ?? DiagramView.notDrawn
                    guard namedTarget >= 0 || view.suppliers[named.index] else { continue }
                    if namedTarget >= 0 && view.aggregates[Int(namedTarget)].inLabel { continue }
                    var from = "", to = ""
                    view.appendTargetID(ofEdge: e, graph: graph, to: &from)
                    if namedTarget >= 0 { view.appendAggregateID(Int(namedTarget), graph: graph, to: &to) }
                    else { DOTEscaper.appendID(graph.supplierKeys[named], to: &to) }
                    if buyerTarget >= 0 || namedTarget >= 0 {
                        guard joined.insert(from + " -> " + to).inserted else { continue }
                    }
                    out.append("  ")
                    out.append(from)
                    out.append(" -> ")
                    out.append(to)
                    out.append(" [dir=\"back\", style=\"dashed\", color=\"\(Palette.sourcedFrom)\", fontcolor=\"\(Palette.sourcedFrom)\"")
                    if options.edgeLabels {
                        out.append(", \(label)=")
                        DOTEscaper.appendQuoted("sourcedFrom: " + graph.itemKeys[sourcing.input], to: &out)
                    }
                    if let highlight, highlight.sourcing.contains(SourcingLink(edge: e, supplier: named)) {
                        out.append(", penwidth=3")
                    }
                    out.append("];\n")
                }
            }
        }
    }
}
