import SupplyGraph

/// The edges and nodes on the paths from systems down to their single points of failure: what
/// a diagram draws in bold so the reader sees *why* a supplier stops a system.
///
/// An item is on a path if a single-point supplier of the system supplies it, if one of its
/// suppliers buys an input from one (`sourcedFrom`), or if one of its children is on a path.
public struct SinglePointPaths: Sendable {
    /// Per BOM edge, whether it is on a path.
    public let uses: IDArray<UsesEdgeID, Bool>
    /// Per supply edge, whether it is on a path.
    public let supply: IDArray<SupplyEdgeID, Bool>
    /// Per item, whether it is on a path.
    public let items: IDArray<ItemID, Bool>
    /// Per supplier, whether it is a single point of failure at the end of a path.
    public let suppliers: IDArray<SupplierID, Bool>
    /// The `sourcedFrom` links on a path, as (buying edge, named supplier).
    public let sourcing: Set<SourcingLink>

    /// Walks each of `systems`' closures (restricted to `drawn` items and suppliers when
    /// given), children first.
    /// - Complexity: O(Σ over systems of closure · log closure + their edges).
    public init(_ analysis: SupplyChainAnalysis, systems: [ItemID], drawnItems: [Bool]? = nil, drawnSuppliers: [Bool]? = nil) {
        let graph = analysis.graph
        var uses = IDArray<UsesEdgeID, Bool>(repeating: false, count: graph.usesEdgeCount)
        var supply = IDArray<SupplyEdgeID, Bool>(repeating: false, count: graph.supplyEdgeCount)
        var items = IDArray<ItemID, Bool>(repeating: false, count: graph.itemCount)
        var suppliers = IDArray<SupplierID, Bool>(repeating: false, count: graph.supplierCount)
        var sourcing = Set<SourcingLink>()
        var position = [Int](repeating: 0, count: graph.itemCount)
        for (k, i) in graph.topologicalOrder.enumerated() { position[i.index] = k }
        var reachedBy = [Int](repeating: -1, count: graph.itemCount)
        for system in systems where drawnItems?[system.index] ?? true {
            let spof = Set((analysis.singlePointsOfFailure.suppliers[system] ?? []).filter { drawnSuppliers?[$0.index] ?? true })
            if spof.isEmpty { continue }
            for s in spof { suppliers[s.index] = true }
            let closure = graph.closure(of: system).filter { drawnItems?[$0.index] ?? true }
                .sorted { position[$0.index] < position[$1.index] }
            let stamp = system.index
            for item in closure {
                var reaches = false
                for e in graph.supplyEdges(of: item) {
                    if spof.contains(graph.edgeSupplier[e]) { supply[e] = true; reaches = true }
                    for entry in graph.sourcingEntries(of: e) {
                        for named in graph.sourcingEdges(ofEntry: entry) {
                            let s = graph.edgeSupplier[named]
                            if spof.contains(s) {
                                supply[e] = true
                                reaches = true
                                sourcing.insert(SourcingLink(edge: e, supplier: s))
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
        self.uses = uses
        self.supply = supply
        self.items = items
        self.suppliers = suppliers
        self.sourcing = sourcing
    }
}
