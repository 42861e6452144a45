import SupplyGraph

/// The part of the graph a diagram draws: everything, or the closure of the focus (or of all
/// systems) down to a depth, plus the suppliers of the items drawn — and how each supply edge
/// is drawn: to its supplier's own node, or into a node that stands for several (one country's
/// suppliers of the item, or the item's minor suppliers folded into "7 others, 12 %").
struct DiagramView {
    /// A node that stands for several supply edges of one item.
    struct Aggregate {
        /// The item they supply.
        let item: ItemID
        /// The country they share (``DOTOptions/SupplierGrouping/country``), or `nil` for the
        /// item's minor suppliers folded together.
        let country: Country?
        /// The supply edges drawn into it, in storage order.
        var edges: [SupplyEdgeID]
        /// The sum of their shares (``DiagramMarks/shares``).
        var share: Double
        /// Its position among the item's drawn supply nodes (for the stagger).
        var slot: Int
        /// Whether it is listed in its item's label instead of drawn
        /// (``DOTOptions/suppliersInItemLabels``).
        var inLabel = false
    }

    var items: [Bool]
    var suppliers: [Bool]
    var itemCount = 0
    var supplierCount = 0
    /// Per supply edge: ``notDrawn``, ``direct`` (to its supplier's node) or the index of its
    /// aggregate in ``aggregates``.
    var edgeTarget: [Int32]
    /// Per supply edge drawn directly, its position among the item's drawn supply nodes.
    var edgeSlot: [Int32]
    /// The aggregated nodes, item by item in storage order.
    var aggregates: [Aggregate] = []
    /// A prefix no data id starts with, for the aggregates' node ids.
    var aggregatePrefix = "group:"

    static let notDrawn: Int32 = -2
    static let direct: Int32 = -1

    /// The drawn part of `graph`; with `marks`, the grouping and folding of ``DOTOptions``
    /// (without them every drawn edge goes to its supplier).
    /// - Complexity: O(items + supply edges + sourcing entries), plus O(e log e) per item
    ///   whose e edges are grouped or folded.
    init(_ graph: SupplyGraph, options: DOTOptions, marks: DiagramMarks? = nil) {
        edgeTarget = [Int32](repeating: Self.notDrawn, count: graph.supplyEdgeCount)
        edgeSlot = [Int32](repeating: 0, count: graph.supplyEdgeCount)
        if options.focus == nil && options.depth == nil {
            items = [Bool](repeating: true, count: graph.itemCount)
            itemCount = graph.itemCount
        } else {
            items = [Bool](repeating: false, count: graph.itemCount)
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
            itemCount = items.reduce(0) { $1 ? $0 + 1 : $0 }
        }
        suppliers = [Bool](repeating: false, count: graph.supplierCount)
        let reshapes = marks != nil && (options.grouping == .country || options.minimumShare != nil || options.suppliersInItemLabels)
        let keep = reshapes ? Self.keptEdges(graph, items: items, marks: marks!) : []
        for i in 0..<graph.itemCount where items[i] {
            let edges = graph.supplyEdges(of: ItemID(i))
            if let marks, reshapes {
                arrange(ItemID(i), edges: edges, graph: graph, options: options, marks: marks, keep: keep)
            } else {
                for (k, e) in edges.enumerated() {
                    edgeTarget[e.index] = Self.direct
                    edgeSlot[e.index] = Int32(k)
                }
            }
        }
        for e in graph.supplyEdgeIDs where edgeTarget[e.index] == Self.direct {
            let s = graph.edgeSupplier[e].index
            if !suppliers[s] { suppliers[s] = true; supplierCount += 1 }
        }
        if !aggregates.isEmpty {
            while graph.itemKeys.contains(where: { $0.hasPrefix(aggregatePrefix) })
                    || graph.supplierKeys.contains(where: { $0.hasPrefix(aggregatePrefix) }) {
                aggregatePrefix = "_" + aggregatePrefix
            }
        }
    }

    /// The number of nodes drawn for suppliers and aggregates, and items.
    var nodeCount: Int { itemCount + supplierCount + aggregates.reduce(0) { $1.inLabel ? $0 : $0 + 1 } }

    /// Per supply edge, whether it must keep a node of its own: its supplier is a marked single
    /// point of failure, the edge is on a highlighted path, or it takes part in a `sourcedFrom`
    /// link between drawn items (as the buyer or as a named sub-supplier's edge).
    /// - Complexity: O(supply edges + sourcing entries).
    static func keptEdges(_ graph: SupplyGraph, items: [Bool], marks: DiagramMarks) -> [Bool] {
        var keep = [Bool](repeating: false, count: graph.supplyEdgeCount)
        for e in graph.supplyEdgeIDs {
            if marks.suppliers[graph.edgeSupplier[e].index].contains(.singlePointOfFailure) { keep[e.index] = true }
            if let highlight = marks.highlight, highlight.supply[e] { keep[e.index] = true }
        }
        guard graph.hasSourcing else { return keep }
        for e in graph.supplyEdgeIDs where items[graph.edgeItem[e].index] {
            for entry in graph.sourcingEntries(of: e) where items[graph.sourcingInput(ofEntry: entry).index] {
                keep[e.index] = true
                for named in graph.sourcingEdges(ofEntry: entry) { keep[named.index] = true }
            }
        }
        return keep
    }

    /// Decides how the supply edges of one drawn item are drawn.
    mutating func arrange(_ item: ItemID, edges: IDRange<SupplyEdgeID>, graph: SupplyGraph, options: DOTOptions,
                          marks: DiagramMarks, keep: [Bool]) {
        // The units: one per supplier edge, or one per country.
        struct Unit { var edges: [SupplyEdgeID]; var share: Double; var kept: Bool; var country: Country? }
        var units: [Unit] = []
        switch options.grouping {
        case .supplier:
            units = edges.map { Unit(edges: [$0], share: marks.shares[$0], kept: keep[$0.index], country: nil) }
        case .country:
            var slot = [Country: Int]()
            for e in edges {
                let country = graph.supplierCountries[graph.edgeSupplier[e].index]
                if let k = slot[country] {
                    units[k].edges.append(e)
                    units[k].share += marks.shares[e]
                    units[k].kept = units[k].kept || keep[e.index]
                } else {
                    slot[country] = units.count
                    units.append(Unit(edges: [e], share: marks.shares[e], kept: keep[e.index], country: country))
                }
            }
        }
        var minor: [Int] = []
        if options.suppliersInItemLabels {
            minor = units.indices.filter { !units[$0].kept }
        } else if let threshold = options.minimumShare {
            minor = units.indices.filter { !units[$0].kept && !Tolerance.reaches(units[$0].share, threshold) }
            if minor.count < 2 { minor = [] }
        }
        let folded = Set(minor)
        var slot = 0
        for (k, unit) in units.enumerated() where !folded.contains(k) {
            if unit.country == nil {
                for e in unit.edges { edgeTarget[e.index] = Self.direct; edgeSlot[e.index] = Int32(slot) }
            } else {
                for e in unit.edges { edgeTarget[e.index] = Int32(aggregates.count) }
                aggregates.append(Aggregate(item: item, country: unit.country, edges: unit.edges, share: unit.share, slot: slot))
            }
            slot += 1
        }
        if !minor.isEmpty {
            var all: [SupplyEdgeID] = []
            var share = 0.0
            for k in minor { all += units[k].edges; share += units[k].share }
            all.sort()
            for e in all { edgeTarget[e.index] = Int32(aggregates.count) }
            aggregates.append(Aggregate(item: item, country: nil, edges: all, share: share, slot: slot, inLabel: options.suppliersInItemLabels))
        }
    }
}

extension DiagramView {
    /// Appends the node id of aggregate `k`: the reserved prefix, the item's id, `|` and the
    /// country code or `others` — one-to-one, since the tail never holds a `|`.
    /// - Complexity: O(length of the item's id).
    func appendAggregateID(_ k: Int, graph: SupplyGraph, to out: inout String) {
        let aggregate = aggregates[k]
        let tail = aggregate.country?.code ?? "others"
        DOTEscaper.appendID(aggregatePrefix + graph.itemKeys[aggregate.item] + "|" + tail, to: &out)
    }

    /// Appends the node id that supply edge `e` is drawn to: its aggregate's, or its supplier's.
    /// - Complexity: O(length of the id).
    func appendTargetID(ofEdge e: SupplyEdgeID, graph: SupplyGraph, to out: inout String) {
        let target = edgeTarget[e.index]
        if target >= 0 { appendAggregateID(Int(target), graph: graph, to: &out) }
        else { DOTEscaper.appendID(graph.supplierKeys[graph.edgeSupplier[e].index], to: &out) }
    }

    /// The distinct suppliers of aggregate `k`, in storage order.
    /// - Complexity: O(e log e) for its e edges.
    func suppliers(ofAggregate k: Int, graph: SupplyGraph) -> [SupplierID] {
        var seen = Set<SupplierID>()
        return aggregates[k].edges.map { graph.edgeSupplier[$0] }.filter { seen.insert($0).inserted }
    }
}
