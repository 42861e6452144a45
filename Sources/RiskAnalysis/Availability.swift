import SupplyGraph

/// What is still available under a disruption (the article "Risk figures", "Availability").
public struct Availability: Sendable {
    /// For each item, whether it can still be had.
    public let itemAvailable: IDArray<ItemID, Bool>
    /// For each supply edge, whether it still delivers.
    public let edgeAvailable: IDArray<SupplyEdgeID, Bool>

    /// Evaluates availability under `disruption`, children first.
    ///
    /// An item with supply edges is available if any edge is; one without is available if all
    /// its children are (a leaf without supply edges is available). An edge `s → i` is available
    /// if it does not fail and every child of `i` is available — through the edge's
    /// `sourcedFrom` suppliers for that child when it names them, otherwise through any supplier.
    ///
    /// - Complexity: O(items + BOM edges · supply edges per item + sourcing entries); for edges
    ///   without `sourcedFrom`, the children are checked once per item, not once per edge.
    public init(_ graph: SupplyGraph, disruption: Disruption) {
        var item = IDArray<ItemID, Bool>(repeating: true, count: graph.itemCount)
        var edge = IDArray<SupplyEdgeID, Bool>(repeating: true, count: graph.supplyEdgeCount)
        for i in graph.topologicalOrder {
            var allChildren = true
            for c in graph.children(of: i) where !item[c.index] { allChildren = false; break }
            let edges = graph.supplyEdges(of: i)
            if edges.isEmpty { item[i.index] = allChildren; continue }
            var any = false
            for e in edges {
                var ok = !disruption.fails(e, in: graph)
                if ok {
                    if graph.sourcingEntries(of: e).isEmpty {
                        ok = allChildren
                    } else {
                        ok = Availability.edgeInputsAvailable(graph, edge: e, item: i,
                                                              itemAvailable: item, edgeAvailable: edge)
                    }
                }
                edge[e] = ok
                any = any || ok
            }
            item[i.index] = any
        }
        itemAvailable = item
        edgeAvailable = edge
    }

    /// Evaluates availability when the flagged suppliers fail (every item, unattributed supply
    /// kept).
    /// - Complexity: as ``init(_:disruption:)``.
    public init(_ graph: SupplyGraph, failed: IDArray<SupplierID, Bool>) {
        self.init(graph, disruption: Disruption(failedSuppliers: failed))
    }

    /// Whether every child of `item` is available for `edge`, honouring its `sourcedFrom`.
    static func edgeInputsAvailable(_ graph: SupplyGraph, edge: SupplyEdgeID, item: ItemID,
                                    itemAvailable: IDArray<ItemID, Bool>, edgeAvailable: IDArray<SupplyEdgeID, Bool>) -> Bool {
        let entries = graph.sourcingEntries(of: edge)
        for child in graph.children(of: item) {
            if let entry = entries.first(where: { graph.sourcingInput(ofEntry: $0) == child }) {
                if !graph.sourcingEdges(ofEntry: entry).contains(where: { edgeAvailable[$0.index] }) { return false }
            } else if !itemAvailable[child.index] {
                return false
            }
        }
        return true
    }

    /// `lostShare(i)`: the normalised share of the item's supply edges that no longer deliver
    /// (0 for an item without supply edges).
    /// - Complexity: O(edges of the item).
    public func lostShare(of item: ItemID, in graph: SupplyGraph, shares: IDArray<SupplyEdgeID, Double>) -> Double {
        var lost = 0.0
        for e in graph.supplyEdges(of: item) where !edgeAvailable[e] { lost += shares[e] }
        return lost
    }

    /// The blocking items: unavailable items none of whose children is unavailable — where the
    /// chain breaks. In storage order.
    /// - Complexity: O(items + BOM edges).
    public func blockingItems(in graph: SupplyGraph) -> [ItemID] {
        graph.items.filter { isBlocking($0, in: graph) }
    }

    /// Whether `item` is blocking.
    /// - Complexity: O(children).
    public func isBlocking(_ item: ItemID, in graph: SupplyGraph) -> Bool {
        !itemAvailable[item.index] && graph.children(of: item).allSatisfy { itemAvailable[$0.index] }
    }

    /// The blocking items in the BOM closure of `root` (itself included), in no set order.
    ///
    /// An available item has only available children, so the blocking items below `root` are
    /// reached through unavailable items alone: the walk stays inside the broken region.
    /// - Complexity: O(unavailable items below `root` and their edges).
    public func blockingItems(below root: ItemID, in graph: SupplyGraph) -> [ItemID] {
        guard !itemAvailable[root.index] else { return [] }
        var seen = Set<ItemID>([root])
        var stack = [root]
        var result: [ItemID] = []
        while let item = stack.popLast() {
            var blocking = true
            for child in graph.children(of: item) where !itemAvailable[child.index] {
                blocking = false
                if seen.insert(child).inserted { stack.append(child) }
            }
            if blocking { result.append(item) }
        }
        return result
    }
}
