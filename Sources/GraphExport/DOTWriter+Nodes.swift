import SupplyGraph

extension DOTWriter {
    /// Writes node statements and clusters; keeps the text in `out` so the caller's string is
    /// not copied.
    struct NodeWriter {
        let graph: SupplyGraph
        let marks: DiagramMarks
        var out: String

        /// Every drawn node, grouped as `clustering` says.
        /// - Complexity: O(items + suppliers drawn).
        mutating func writeAll(view: DiagramView, clustering: DOTOptions.Clustering, stagger: Int) {
            switch clustering {
            case .none:
                for i in 0..<graph.itemCount where view.items[i] { item(ItemID(i), indent: "  ") }
                for s in 0..<graph.supplierCount where view.suppliers[s] { supplier(SupplierID(s), indent: "  ") }
            case .tier:
                for (kind, title) in [(ItemKind.system, "Systems"), (.component, "Components"), (.material, "Materials")] {
                    var opened = false
                    for i in 0..<graph.itemCount where view.items[i] && graph.itemKinds[i] == kind {
                        if !opened { openCluster("cluster_tier_\(kind)", label: title, indent: "  "); opened = true }
                        item(ItemID(i), indent: "    ")
                    }
                    if opened { out.append("  }\n") }
                }
                // A cluster box would pull the suppliers back into one row, undoing the stagger.
                if view.supplierCount > 0 && stagger <= 1 {
                    openCluster("cluster_tier_supplier", label: "Suppliers", indent: "  ")
                    for s in 0..<graph.supplierCount where view.suppliers[s] { supplier(SupplierID(s), indent: "    ") }
                    out.append("  }\n")
                } else {
                    for s in 0..<graph.supplierCount where view.suppliers[s] { supplier(SupplierID(s), indent: "  ") }
                }
            case .country:
                for i in 0..<graph.itemCount where view.items[i] { item(ItemID(i), indent: "  ") }
                var byCountry: [Country: [SupplierID]] = [:]
                for s in 0..<graph.supplierCount where view.suppliers[s] {
                    byCountry[graph.supplierCountries[s], default: []].append(SupplierID(s))
                }
                let countries = byCountry.keys.sorted()
                let eu = countries.filter(\.isEU)
                if !eu.isEmpty {
                    openCluster("cluster_EU", label: "EU", indent: "  ")
                    for country in eu {
                        openCluster("cluster_country_\(country.code)", label: "\(country.name) (\(country.code))", indent: "    ")
                        for s in byCountry[country] ?? [] { supplier(s, indent: "      ") }
                        out.append("    }\n")
                    }
                    out.append("  }\n")
                }
                for country in countries where !country.isEU {
                    let label = country.isKnown ? "\(country.name) (\(country.code))" : "Unknown origin"
                    openCluster("cluster_country_\(country.code)", label: label, indent: "  ")
                    for s in byCountry[country] ?? [] { supplier(s, indent: "    ") }
                    out.append("  }\n")
                }
            }
        }

        mutating func openCluster(_ id: String, label: String, indent: String) {
            out.append(indent)
            out.append("subgraph ")
            DOTEscaper.appendID(id, to: &out)
            out.append(" {\n")
            out.append(indent)
            out.append("  label=")
            DOTEscaper.appendQuoted(label, to: &out)
            out.append("; style=\"rounded\"; color=\"#bbbbbb\"; fontsize=12;\n")
        }

        mutating func item(_ item: ItemID, indent: String) {
            let i = item.index
            let flags = marks.items[i]
            let kind = graph.itemKinds[i]
            out.append(indent)
            DOTEscaper.appendID(graph.itemKeys[i], to: &out)
            switch kind {
            case .system: out.append(" [shape=\"doubleoctagon\"")
            case .component: out.append(" [shape=\"box\"")
            case .material: out.append(" [shape=\"ellipse\"")
            }
            if flags.contains(.lost) {
                out.append(kind == .component ? ", style=\"filled,rounded,dashed\"" : ", style=\"filled,dashed\"")
                out.append(", fillcolor=\"\(Palette.lost)\", fontcolor=\"\(Palette.lostText)\", color=\"\(Palette.lostText)\"")
            } else {
                if kind == .component { out.append(", style=\"filled,rounded\"") }
                if flags.contains(.singleSource) { out.append(", fillcolor=\"\(Palette.singleSource)\"") }
                else if flags.contains(.suppliedOnlyFromOutside) { out.append(", fillcolor=\"\(Palette.nonEUOnly)\"") }
                else if flags.contains(.crma65) { out.append(", fillcolor=\"\(Palette.crma65)\"") }
            }
            if let highlight = marks.highlight, highlight.items[i] { out.append(", penwidth=2.5, color=\"\(Palette.highlight)\"") }
            out.append(", label=\"")
            DOTEscaper.appendLabelText(graph.itemNames[i], to: &out)
            if !flags.subtracting(.lost).isEmpty {
                var words: [String] = []
                if flags.contains(.singleSource) { words.append("single source") }
                if flags.contains(.suppliedOnlyFromOutside) { words.append("non-EU only") }
                if flags.contains(.crma65) { words.append("CRMA 65 %") }
                out.append("\\n[")
                out.append(words.joined(separator: ", "))
                out.append("]")
            }
            out.append("\", tooltip=")
            DOTEscaper.appendQuoted(graph.itemKeys[i], to: &out)
            out.append("];\n")
        }

        mutating func supplier(_ supplier: SupplierID, indent: String) {
            let s = supplier.index
            let flags = marks.suppliers[s]
            out.append(indent)
            DOTEscaper.appendID(graph.supplierKeys[s], to: &out)
            out.append(" [shape=\"house\"")
            if flags.contains(.failed) {
                out.append(", style=\"filled,dashed\", fillcolor=\"\(Palette.lost)\", fontcolor=\"\(Palette.lostText)\", color=\"\(Palette.lostText)\"")
            } else if flags.contains(.singlePointOfFailure) {
                out.append(", fillcolor=\"\(Palette.singlePointOfFailure)\", fontcolor=\"#ffffff\"")
            } else if flags.contains(.outside) {
                out.append(", fillcolor=\"\(Palette.supplierOutside)\"")
            } else {
                out.append(", fillcolor=\"\(Palette.supplierInside)\"")
            }
            if let highlight = marks.highlight, highlight.suppliers[s] { out.append(", penwidth=2.5, color=\"\(Palette.highlight)\"") }
            out.append(", label=\"")
            DOTEscaper.appendLabelText(graph.supplierNames[s], to: &out)
            let country = graph.supplierCountries[s]
            out.append("\\n")
            out.append(country.isKnown ? country.code : "unknown origin")
            let owner = graph.supplierControlledBy[s]
            if owner.isKnown && owner != country {
                out.append(" (controlled by ")
                out.append(owner.code)
                out.append(")")
            }
            out.append("\", tooltip=")
            DOTEscaper.appendQuoted(graph.supplierKeys[s], to: &out)
            out.append("];\n")
        }
    }
}
