import RiskAnalysis
import SupplyGraph

/// Writes a supply chain as a Graphviz DOT digraph, coloured by risk.
///
/// - Nodes are shaped by kind: systems `doubleoctagon`, components rounded `box`, materials
///   `ellipse`, suppliers `house` (labelled with their country).
/// - BOM edges run parent → child, labelled with the quantity per unit of the parent. Supply
///   edges are written `item -> supplier [dir=back]`: the arrow points from the supplier to the
///   item, while `dot` ranks suppliers below what they make. They are labelled with the
///   normalised share. A `sourcedFrom` is a dashed blue edge from the named sub-supplier to the
///   buying supplier.
/// - Colours (first that applies): scenario losses grey; suppliers that are a single point of
///   failure red; single-source items orange; items supplied only from outside the perimeter
///   purple; materials breaching the CRMA 65 % benchmark yellow; suppliers inside the perimeter
///   light blue, outside light pink. A flagged item lists all its flags under its name.
/// - With ``DOTOptions/highlightSinglePointsOfFailure``, the paths from each system to its
///   single points of failure are bold red and every other edge pale.
///
/// The text is built in one `String`; risk flags come from ``RiskMarks`` (linear passes), so a
/// graph of 10^5 nodes is written well under a second.
///
/// ```swift
/// let dot = DOTWriter(options: DOTOptions()).document(for: SupplyChainAnalysis(graph))
/// ```
public struct DOTWriter: Sendable {
    /// What to draw and how.
    public var options: DOTOptions

    /// Creates a writer.
    public init(options: DOTOptions = DOTOptions()) { self.options = options }

    /// The colours and styles of the diagram, shared with the legend.
    public enum Palette {
        public static let singlePointOfFailure = "#d7301f"
        public static let singleSource = "#fc8d59"
        public static let nonEUOnly = "#b7a7d9"
        public static let crma65 = "#fee08b"
        public static let supplierInside = "#e0ecf4"
        public static let supplierOutside = "#fde0dd"
        public static let lost = "#d9d9d9"
        public static let lostText = "#7f7f7f"
        public static let highlight = "#b2182b"
        public static let faded = "#c8c8c8"
        public static let sourcedFrom = "#2166ac"
        public static let edge = "#555555"
    }

    /// The whole DOT document for `analysis.graph`.
    /// - Complexity: O(items + suppliers + edges) for the drawn part (plus, with the SPOF
    ///   highlight, O(Σ over systems of closure · log closure)).
    public func document(for analysis: SupplyChainAnalysis) -> String {
        var out = ""
        write(analysis, to: &out)
        return out
    }

    /// Appends the DOT document for `analysis.graph` to `out`, computing the risk flags.
    /// - Complexity: as ``document(for:)``.
    public func write(_ analysis: SupplyChainAnalysis, to out: inout String) {
        write(analysis, marks: RiskMarks(analysis, failedSuppliers: options.failedSuppliers), to: &out)
    }

    /// Appends the DOT document to `out`, with risk flags computed beforehand.
    /// - Parameter marks: from `RiskMarks(analysis, failedSuppliers: options.failedSuppliers)`.
    /// - Complexity: as ``document(for:)``.
    public func write(_ analysis: SupplyChainAnalysis, marks: RiskMarks, to out: inout String) {
        let graph = analysis.graph
        let view = View(graph, options: options)
        let path = options.highlightSinglePointsOfFailure ? SPOFPaths(analysis, view: view) : nil
        let scenario = options.failedSuppliers != nil
        out.reserveCapacity(out.utf8.count + 160 * (view.itemCount + view.supplierCount)
                            + 80 * (graph.usesEdgeCount + graph.supplyEdgeCount) + 4096)

        out.append("digraph ")
        DOTEscaper.appendQuoted(options.graphName, to: &out)
        out.append(" {\n  graph [charset=\"UTF-8\", fontname=\"Helvetica\", outputorder=\"edgesfirst\", nodesep=0.25, ranksep=0.6")
        if options.leftToRight { out.append(", rankdir=\"LR\"") }
        if let title = options.title {
            out.append(", labelloc=\"t\", fontsize=16, label=")
            DOTEscaper.appendQuoted(title, to: &out)
        }
        for (name, value) in options.graphAttributes {
            out.append(", ")
            DOTEscaper.appendQuoted(name, to: &out)
            out.append("=")
            DOTEscaper.appendQuoted(value, to: &out)
        }
        out.append("];\n  node [style=\"filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10, margin=\"0.08,0.03\"];\n")
        out.append("  edge [fontname=\"Helvetica\", fontsize=8, color=\"\(path == nil ? Palette.edge : Palette.faded)\", arrowsize=0.6];\n")

        // Nodes.
        var nodes = NodeWriter(graph: graph, marks: marks, path: path, out: out)
        out = ""
        switch options.clustering {
        case .none:
            for i in 0..<graph.itemCount where view.items[i] { nodes.item(ItemID(i), indent: "  ") }
            for s in 0..<graph.supplierCount where view.suppliers[s] { nodes.supplier(SupplierID(s), indent: "  ") }
        case .tier:
            for (kind, title) in [(ItemKind.system, "Systems"), (.component, "Components"), (.material, "Materials")] {
                var opened = false
                for i in 0..<graph.itemCount where view.items[i] && graph.itemKinds[i] == kind {
                    if !opened { nodes.openCluster("cluster_tier_\(kind)", label: title, indent: "  "); opened = true }
                    nodes.item(ItemID(i), indent: "    ")
                }
                if opened { nodes.out.append("  }\n") }
            }
            // A cluster box would pull the suppliers back into one row, undoing the stagger.
            if view.supplierCount > 0 && options.supplierStagger <= 1 {
                nodes.openCluster("cluster_tier_supplier", label: "Suppliers", indent: "  ")
                for s in 0..<graph.supplierCount where view.suppliers[s] { nodes.supplier(SupplierID(s), indent: "    ") }
                nodes.out.append("  }\n")
            } else {
                for s in 0..<graph.supplierCount where view.suppliers[s] { nodes.supplier(SupplierID(s), indent: "  ") }
            }
        case .country:
            for i in 0..<graph.itemCount where view.items[i] { nodes.item(ItemID(i), indent: "  ") }
            var byCountry: [Country: [SupplierID]] = [:]
            for s in 0..<graph.supplierCount where view.suppliers[s] {
                byCountry[graph.supplierCountries[s], default: []].append(SupplierID(s))
            }
            let countries = byCountry.keys.sorted()
            let eu = countries.filter(\.isEU)
            if !eu.isEmpty {
                nodes.openCluster("cluster_EU", label: "EU", indent: "  ")
                for country in eu {
                    nodes.openCluster("cluster_country_\(country.code)", label: "\(country.name) (\(country.code))", indent: "    ")
                    for s in byCountry[country] ?? [] { nodes.supplier(s, indent: "      ") }
                    nodes.out.append("    }\n")
                }
                nodes.out.append("  }\n")
            }
            for country in countries where !country.isEU {
                let label = country.isKnown ? "\(country.name) (\(country.code))" : "Unknown origin"
                nodes.openCluster("cluster_country_\(country.code)", label: label, indent: "  ")
                for s in byCountry[country] ?? [] { nodes.supplier(s, indent: "    ") }
                nodes.out.append("  }\n")
            }
        }
        out = nodes.out
        nodes.out = ""

        // BOM edges: parent -> child, quantity per unit of the parent.
        for k in 0..<graph.usesEdgeCount {
            let parent = graph.usesParent[k], child = graph.usesChild[k]
            guard view.items[parent.index] && view.items[child.index] else { continue }
            out.append("  ")
            DOTEscaper.appendQuoted(graph.itemKeys[parent.index], to: &out)
            out.append(" -> ")
            DOTEscaper.appendQuoted(graph.itemKeys[child.index], to: &out)
            var attributes = false
            func separator() { out.append(attributes ? ", " : " ["); attributes = true }
            if options.edgeLabels {
                separator()
                out.append("label=")
                DOTEscaper.appendQuoted(humanNumber(graph.usesQuantity[k]) + " " + graph.itemUnits[child.index], to: &out)
            }
            if let path, path.uses[k] { separator(); out.append(Self.boldEdge) }
            if scenario && marks.items[child.index].contains(.unavailable) {
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
            DOTEscaper.appendQuoted(graph.itemKeys[item.index], to: &out)
            out.append(" -> ")
            DOTEscaper.appendQuoted(graph.supplierKeys[supplier.index], to: &out)
            out.append(" [dir=\"back\"")
            if stagger > 1 {
                let k = (e - graph.supplyEdges(of: item).lowerBound) % stagger
                if k > 0 { out.append(", minlen=\(k + 1)") }
            }
            if options.edgeLabels {
                out.append(", label=\"")
                out.append(percent(analysis.shares[e]))
                out.append("\"")
            }
            if let path, path.supply[e] { out.append(", "); out.append(Self.boldEdge) }
            if !marks.edgeAvailable[e] {
                out.append(", style=\"dotted\", color=\"\(Palette.lostText)\", fontcolor=\"\(Palette.lostText)\"")
            }
            out.append("];\n")
        }

        // sourcedFrom: the named sub-supplier -> the buying supplier.
        if graph.hasSourcing {
            for e in 0..<graph.supplyEdgeCount {
                let entries = graph.sourcingEntries(of: SupplyEdgeID(e))
                if entries.isEmpty { continue }
                let buyer = graph.edgeSupplier[e]
                guard view.items[graph.edgeItem[e].index] && view.suppliers[buyer.index] else { continue }
                for sourcing in graph.sourcing(of: SupplyEdgeID(e)) {
                    for named in sourcing.suppliers where view.suppliers[named.index] {
                        out.append("  ")
                        DOTEscaper.appendQuoted(graph.supplierKeys[named.index], to: &out)
                        out.append(" -> ")
                        DOTEscaper.appendQuoted(graph.supplierKeys[buyer.index], to: &out)
                        out.append(" [style=\"dashed\", constraint=false, color=\"\(Palette.sourcedFrom)\", fontcolor=\"\(Palette.sourcedFrom)\"")
                        if options.edgeLabels {
                            out.append(", label=")
                            DOTEscaper.appendQuoted("sourcedFrom: " + graph.itemKeys[sourcing.input.index], to: &out)
                        }
                        if let path, path.sourcing.contains(SPOFPaths.key(edge: e, supplier: named)) {
                            out.append(", penwidth=3")
                        }
                        out.append("];\n")
                    }
                }
            }
        }

        if options.legend { writeLegend(graph: graph, scenario: scenario, to: &out) }
        out.append("}\n")
    }

    /// The number of nodes (items and suppliers) the options draw from `graph`, legend excluded:
    /// what a caller weighs to choose a Graphviz layout engine.
    /// - Complexity: O(items + supply edges).
    public func drawnNodeCount(in graph: SupplyGraph) -> Int {
        let view = View(graph, options: options)
        return view.itemCount + view.supplierCount
    }

    static let boldEdge = "penwidth=3, color=\"\(Palette.highlight)\""

    /// A legend cluster: one node per shape, colour and edge style in use.
    func writeLegend(graph: SupplyGraph, scenario: Bool, to out: inout String) {
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
            ("single point of failure\n(its loss alone stops a system)", "shape=\"house\", fillcolor=\"\(Palette.singlePointOfFailure)\", fontcolor=\"#ffffff\""),
            ("single source", "shape=\"box\", fillcolor=\"\(Palette.singleSource)\""),
            ("supplied only from\noutside the perimeter", "shape=\"box\", fillcolor=\"\(Palette.nonEUOnly)\""),
            ("CRMA 65 % breach\n(one third country ≥ 65 %)", "shape=\"ellipse\", fillcolor=\"\(Palette.crma65)\""),
            ("edges: uses (quantity per unit),\nsupplies (share, arrow to the item);\ndashed blue: sourcedFrom\n(sub-supplier → buyer)", "shape=\"plaintext\", style=\"solid\""),
        ]
        if options.highlightSinglePointsOfFailure {
            entries.append(("bold red: path from a system\nto a single point of failure", "shape=\"plaintext\", style=\"solid\", fontcolor=\"\(Palette.highlight)\""))
        }
        if scenario {
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

extension DOTWriter {
    /// The part of the graph drawn: everything, or the closure of the focus (or of all systems)
    /// down to a depth, plus the suppliers of the items drawn.
    struct View {
        var items: [Bool]
        var suppliers: [Bool]
        var itemCount = 0
        var supplierCount = 0

        init(_ graph: SupplyGraph, options: DOTOptions) {
            if options.focus == nil && options.depth == nil {
                items = [Bool](repeating: true, count: graph.itemCount)
                suppliers = [Bool](repeating: true, count: graph.supplierCount)
                itemCount = graph.itemCount
                supplierCount = graph.supplierCount
                return
            }
            items = [Bool](repeating: false, count: graph.itemCount)
            suppliers = [Bool](repeating: false, count: graph.supplierCount)
            let limit = max(0, options.depth ?? Int.max)
            var frontier: [ItemID]
            if let focus = options.focus, focus.index < graph.itemCount {
                frontier = [focus]
            } else {
                frontier = graph.items(ofKind: .system)
            }
            for i in frontier { items[i.index] = true }
            var depth = 0
            // Breadth first, so each item gets its least depth.
            while !frontier.isEmpty && depth < limit {
                var next: [ItemID] = []
                for item in frontier {
                    for child in graph.children(of: item) where !items[child.index] {
                        items[child.index] = true
                        next.append(child)
                    }
                }
                frontier = next
                depth += 1
            }
            for i in 0..<graph.itemCount where items[i] {
                itemCount += 1
                for e in graph.supplyEdges(of: ItemID(i)) {
                    let s = graph.edgeSupplier[e].index
                    if !suppliers[s] { suppliers[s] = true; supplierCount += 1 }
                }
            }
        }
    }

    /// The edges and nodes on the paths from each drawn system to its single points of failure.
    struct SPOFPaths {
        var uses: [Bool]
        var supply: [Bool]
        var items: [Bool]
        var suppliers: [Bool]
        /// Bold `sourcedFrom` edges, by ``key(edge:supplier:)``.
        var sourcing = Set<UInt64>()

        static func key(edge: Int, supplier: SupplierID) -> UInt64 { UInt64(edge) << 32 | UInt64(supplier.rawValue) }

        /// For every drawn system X with single points of failure S, walks X's drawn closure
        /// children first: an item is on a path if a supplier in S supplies it, if one of its
        /// suppliers buys an input from a supplier in S (`sourcedFrom`), or if a child is.
        /// - Complexity: O(Σ over systems of closure · log closure + their edges).
        init(_ analysis: SupplyChainAnalysis, view: View) {
            let graph = analysis.graph
            uses = [Bool](repeating: false, count: graph.usesEdgeCount)
            supply = [Bool](repeating: false, count: graph.supplyEdgeCount)
            items = [Bool](repeating: false, count: graph.itemCount)
            suppliers = [Bool](repeating: false, count: graph.supplierCount)
            var position = [Int](repeating: 0, count: graph.itemCount)
            for (k, i) in graph.topologicalOrder.enumerated() { position[i.index] = k }
            var reachedBy = [Int](repeating: -1, count: graph.itemCount)
            for system in analysis.systems where view.items[system.index] {
                let spof = Set((analysis.singlePointsOfFailure.suppliers[system] ?? []).filter { view.suppliers[$0.index] })
                if spof.isEmpty { continue }
                for s in spof { suppliers[s.index] = true }
                let closure = graph.closure(of: system).filter { view.items[$0.index] }
                    .sorted { position[$0.index] < position[$1.index] }
                let stamp = system.index
                for item in closure {
                    var reaches = false
                    for e in graph.supplyEdges(of: item) {
                        if spof.contains(graph.edgeSupplier[e]) { supply[e] = true; reaches = true }
                        for entry in graph.sourcingEntries(of: SupplyEdgeID(e)) {
                            for named in graph.sourcingEdges(ofEntry: entry) {
                                let s = graph.edgeSupplier[named.index]
                                if spof.contains(s) {
                                    supply[e] = true
                                    reaches = true
                                    sourcing.insert(Self.key(edge: e, supplier: s))
                                }
                            }
                        }
                    }
                    for k in graph.usesEdges(of: item) where reachedBy[graph.usesChild[k].index] == stamp {
                        uses[k] = true
                        reaches = true
                    }
                    if reaches { reachedBy[item.index] = stamp; items[item.index] = true }
                }
            }
        }
    }

    /// Writes node statements; keeps the text in `out` so the caller's string is not copied.
    struct NodeWriter {
        let graph: SupplyGraph
        let marks: RiskMarks
        let path: SPOFPaths?
        var out: String

        mutating func openCluster(_ id: String, label: String, indent: String) {
            out.append(indent)
            out.append("subgraph ")
            DOTEscaper.appendQuoted(id, to: &out)
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
            DOTEscaper.appendQuoted(graph.itemKeys[i], to: &out)
            switch kind {
            case .system: out.append(" [shape=\"doubleoctagon\"")
            case .component: out.append(" [shape=\"box\"")
            case .material: out.append(" [shape=\"ellipse\"")
            }
            let lost = flags.contains(.unavailable)
            if lost {
                out.append(kind == .component ? ", style=\"filled,rounded,dashed\"" : ", style=\"filled,dashed\"")
                out.append(", fillcolor=\"\(Palette.lost)\", fontcolor=\"\(Palette.lostText)\", color=\"\(Palette.lostText)\"")
            } else {
                if kind == .component { out.append(", style=\"filled,rounded\"") }
                if flags.contains(.singleSource) { out.append(", fillcolor=\"\(Palette.singleSource)\"") }
                else if flags.contains(.nonEUOnly) { out.append(", fillcolor=\"\(Palette.nonEUOnly)\"") }
                else if flags.contains(.crma65) { out.append(", fillcolor=\"\(Palette.crma65)\"") }
            }
            if let path, path.items[i] { out.append(", penwidth=2.5, color=\"\(Palette.highlight)\"") }
            out.append(", label=\"")
            let name = graph.itemNames[i]
            if DOTEscaper.needsEscaping(name) { DOTEscaper.appendEscaped(name, to: &out) } else { out.append(name) }
            if !flags.subtracting(.unavailable).isEmpty {
                var words: [String] = []
                if flags.contains(.singleSource) { words.append("single source") }
                if flags.contains(.nonEUOnly) { words.append("non-EU only") }
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
            DOTEscaper.appendQuoted(graph.supplierKeys[s], to: &out)
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
            if let path, path.suppliers[s] { out.append(", penwidth=2.5, color=\"\(Palette.highlight)\"") }
            out.append(", label=\"")
            let name = graph.supplierNames[s]
            if DOTEscaper.needsEscaping(name) { DOTEscaper.appendEscaped(name, to: &out) } else { out.append(name) }
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
