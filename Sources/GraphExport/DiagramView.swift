import SupplyGraph

/// The part of the graph a diagram draws: everything, or the closure of the focus (or of all
/// systems) down to a depth, plus the suppliers of the items drawn.
struct DiagramView {
    var items: [Bool]
    var suppliers: [Bool]
    var itemCount = 0
    var supplierCount = 0

    /// - Complexity: O(items + supply edges).
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
