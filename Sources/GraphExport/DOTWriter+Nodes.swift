import SupplyGraph

extension DOTWriter {
    /// Writes node statements and clusters; keeps the text in `out` so the caller's string is
    /// not copied.
    struct NodeWriter {
        let graph: SupplyGraph
        let marks: DiagramMarks
        var out: String
        var labelWidth: Int? = nil
        /// Slide layout: the supplier's country on its name's last line.
        var compact = false
        /// Per item (by index), the line that lists its suppliers drawn in no node of their own.
        var supplierLines: [Int: String] = [:]

        /// Every drawn node, grouped as `clustering` says.
        /// - Complexity: O(items + suppliers drawn).
        mutating func writeAll(view: DiagramView, clustering: DOTOptions.Clustering, stagger: Int) {
            for a in view.aggregates where a.inLabel { supplierLines[a.item.index] = supplierLine(a) }
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
                if (view.supplierCount > 0 || !view.aggregates.isEmpty) && stagger <= 1 {
                    openCluster("cluster_tier_supplier", label: "Suppliers", indent: "  ")
                    for s in 0..<graph.supplierCount where view.suppliers[s] { supplier(SupplierID(s), indent: "    ") }
                    for k in view.aggregates.indices { aggregate(k, view: view, indent: "    ") }
                    out.append("  }\n")
                } else {
                    for s in 0..<graph.supplierCount where view.suppliers[s] { supplier(SupplierID(s), indent: "  ") }
                    for k in view.aggregates.indices { aggregate(k, view: view, indent: "  ") }
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

        /// The aggregated nodes (with tier clusters, ``writeAll`` writes them beside the
        /// suppliers): with country clusters
        /// each country's in a cluster of its own (minor suppliers folded together outside),
        /// else at the top level.
        /// - Complexity: O(aggregates + their edges).
        mutating func writeAggregates(view: DiagramView, clustering: DOTOptions.Clustering, stagger: Int) {
            guard !view.aggregates.isEmpty else { return }
            switch clustering {
            case .none:
                for k in view.aggregates.indices { aggregate(k, view: view, indent: "  ") }
            case .tier:
                return // written with the suppliers, inside their cluster
            case .country:
                var byCountry: [Country: [Int]] = [:]
                for (k, a) in view.aggregates.enumerated() {
                    if let country = a.country { byCountry[country, default: []].append(k) } else { aggregate(k, view: view, indent: "  ") }
                }
                for country in byCountry.keys.sorted() {
                    let label = country.isKnown ? "\(country.name) (\(country.code))" : "Unknown origin"
                    openCluster("cluster_group_\(country.code)", label: label, indent: "  ")
                    for k in byCountry[country] ?? [] { aggregate(k, view: view, indent: "    ") }
                    out.append("  }\n")
                }
            }
        }

        /// One aggregated node: a country's suppliers of an item, or its minor suppliers.
        mutating func aggregate(_ k: Int, view: DiagramView, indent: String) {
            let a = view.aggregates[k]
            guard !a.inLabel else { return }
            let members = view.suppliers(ofAggregate: k, graph: graph)
            let flags = members.map { marks.suppliers[$0.index] }
            out.append(indent)
            view.appendAggregateID(k, graph: graph, to: &out)
            out.append(a.country == nil ? " [shape=\"folder\"" : " [shape=\"house\"")
            if a.edges.allSatisfy({ marks.edgeLost[$0] }) {
                out.append(", style=\"filled,dashed\", fillcolor=\"\(Palette.lost)\", fontcolor=\"\(Palette.lostText)\", color=\"\(Palette.lostText)\"")
            } else if flags.contains(where: { $0.contains(.singlePointOfFailure) }) {
                out.append(", fillcolor=\"\(Palette.singlePointOfFailure)\", fontcolor=\"#ffffff\"")
            } else if flags.allSatisfy({ $0.contains(.outside) }) {
                out.append(", fillcolor=\"\(Palette.supplierOutside)\"")
            } else if !flags.contains(where: { $0.contains(.outside) }) {
                out.append(", fillcolor=\"\(Palette.supplierInside)\"")
            }
            if let highlight = marks.highlight, members.contains(where: { highlight.suppliers[$0.index] }) {
                out.append(", penwidth=2.5, color=\"\(Palette.highlight)\"")
            }
            out.append(", label=")
            var label: String
            var tooltip: String
            if let country = a.country {
                label = country.isKnown ? "\(country.name) (\(country.code))" : "unknown origin"
                if members.count == 1 && DOTWriter.name(graph.supplierNames[members[0].index], names: country) {
                    // "American Pacific (AMPAC), Utah (US)" says its country already.
                    label = DOTWriter.wrapped(graph.supplierNames[members[0].index], width: labelWidth)
                } else {
                    label += "\n" + (members.count == 1 ? DOTWriter.wrapped(graph.supplierNames[members[0].index], width: labelWidth) : "\(members.count) suppliers")
                }
                tooltip = members.map { s in
                    let share = a.edges.filter { graph.edgeSupplier[$0] == s }.reduce(0) { $0 + marks.shares[$1] }
                    return "\(graph.supplierNames[s]) (\(graph.supplierKeys[s])) \(DisplayNumber.percent(share))"
                }.joined(separator: "\n")
            } else {
                label = "\(members.count) others, \(DisplayNumber.percent(a.share))"
                var byCountry: [(country: Country, share: Double)] = []
                for e in a.edges {
                    let c = graph.supplierCountries[graph.edgeSupplier[e].index]
                    if let j = byCountry.firstIndex(where: { $0.country == c }) { byCountry[j].share += marks.shares[e] }
                    else { byCountry.append((c, marks.shares[e])) }
                }
                byCountry.sort { $0.share != $1.share ? $0.share > $1.share : $0.country < $1.country }
                tooltip = "\(members.count) minor suppliers of \(graph.itemKeys[a.item]): "
                    + byCountry.map { "\($0.country.isKnown ? $0.country.code : "unknown origin") \(DisplayNumber.percent($0.share))" }
                        .joined(separator: ", ")
            }
            DOTEscaper.appendQuoted(label, to: &out)
            out.append(", tooltip=")
            DOTEscaper.appendQuoted(tooltip, to: &out)
            out.append("];\n")
        }

        /// The suppliers of an aggregate listed under its item's name: its countries by share,
        /// the first two named ("CN 98.9 %, JP 1 %, 2 more"; "CN 98.9 % lost" where a
        /// scenario cuts all of that country's supply off).
        func supplierLine(_ a: DiagramView.Aggregate) -> String {
            var byCountry: [(country: Country, share: Double, lost: Bool)] = []
            for e in a.edges {
                let c = graph.supplierCountries[graph.edgeSupplier[e].index]
                if let j = byCountry.firstIndex(where: { $0.country == c }) {
                    byCountry[j].share += marks.shares[e]
                    byCountry[j].lost = byCountry[j].lost && marks.edgeLost[e]
                } else {
                    byCountry.append((c, marks.shares[e], marks.edgeLost[e]))
                }
            }
            byCountry.sort { $0.share != $1.share ? $0.share > $1.share : $0.country < $1.country }
            // With a scenario, a country whose supply it cuts off reads "CN 98.9 % lost" (a
            // no-break space keeps "lost" on its share's line when the label wraps).
            var line = byCountry.prefix(2).map {
                "\($0.country.isKnown ? $0.country.code : "unknown") \(DisplayNumber.percent($0.share))\(marks.scenario && $0.lost ? "\u{00A0}lost" : "")"
            }.joined(separator: ", ")
            if byCountry.count > 2 { line += ", \(byCountry.count - 2) more" }
            return line
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
            DOTEscaper.appendLabelText(DOTWriter.wrapped(graph.itemNames[i], width: labelWidth), to: &out)
            if !flags.subtracting(.lost).isEmpty {
                var words: [String] = []
                if flags.contains(.singleSource) { words.append("single source") }
                if flags.contains(.suppliedOnlyFromOutside) { words.append("non-EU only") }
                if flags.contains(.crma65) { words.append(marks.crmaLabel) }
                out.append("\\n")
                // Wrapped like the name on a printed page's diagram, kept on one line elsewhere.
                let marked = "[" + words.joined(separator: ", ") + "]"
                DOTEscaper.appendLabelText(supplierLines.isEmpty ? marked : DOTWriter.wrapped(marked, width: labelWidth), to: &out)
            }
            if let line = supplierLines[i] {
                out.append("\\n")
                DOTEscaper.appendLabelText(DOTWriter.wrapped(line, width: labelWidth), to: &out)
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
            let country = graph.supplierCountries[s]
            let owner = graph.supplierControlledBy[s]
            let controlled = owner.isKnown && owner != country
            let derived = !graph.supplierControlledByDerived.isEmpty && graph.supplierControlledByDerived[s] ? ", derived" : ""
            if compact {
                // The country on the name's last line: "Cobalt refining, China (CN)", unless the
                // name says it already.
                var name = graph.supplierNames[s]
                var code = country.isKnown ? country.code : "unknown origin"
                if graph.supplierCountryInferred[s] { code += " from CAGE" }
                let named = !graph.supplierCountryInferred[s] && DOTWriter.name(name, names: country)
                if controlled { name += named ? " (controlled by \(owner.code)\(derived))" : " (\(code), controlled by \(owner.code)\(derived))" }
                else if graph.supplierCountryInferred[s] || !DOTWriter.name(name, names: country) { name += " (\(code))" }
                DOTEscaper.appendLabelText(DOTWriter.wrapped(name, width: labelWidth), to: &out)
            } else {
                DOTEscaper.appendLabelText(DOTWriter.wrapped(graph.supplierNames[s], width: labelWidth), to: &out)
                // The country on a line of its own, unless the name says it already.
                if controlled || graph.supplierCountryInferred[s] || !DOTWriter.name(graph.supplierNames[s], names: country) {
                    out.append("\\n")
                    out.append(country.isKnown ? country.code : "unknown origin")
                    if graph.supplierCountryInferred[s] { out.append(" (from its CAGE code)") }
                    if controlled {
                        out.append(" (controlled by ")
                        out.append(owner.code)
                        out.append(derived)
                        out.append(")")
                    }
                }
            }
            out.append("\", tooltip=")
            DOTEscaper.appendQuoted(graph.supplierKeys[s], to: &out)
            out.append("];\n")
        }
    }
}
