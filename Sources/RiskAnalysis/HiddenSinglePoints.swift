import SupplyGraph

/// A single point of failure that a look at each item's supplier count does not show: every
/// item the supplier makes in the system's BOM has another supplier, yet the system falls with
/// it — typically because the "alternative" makers all buy one input from it (`sourcedFrom`),
/// or because it makes two inputs that are each needed.
public struct HiddenSinglePoint: Sendable {
    /// The system that falls.
    public let system: ItemID
    /// The supplier whose loss alone stops it.
    public let supplier: SupplierID
    /// The items it makes in the system's BOM closure — each with other suppliers too.
    public let items: [ItemID]
    /// The suppliers in the closure that name it in `sourcedFrom` (they buy only from it).
    public let dependents: [SupplierID]
}

extension SupplyChainAnalysis {
    /// The hidden single points of failure of `system`: its single-point suppliers none of whose
    /// items in the BOM closure is single-sourced.
    /// - Complexity: O(closure + its supply edges and sourcing entries).
    public func hiddenSinglePoints(ofSystem system: ItemID) -> [HiddenSinglePoint] {
        let spof = singlePointsOfFailure.suppliers[system] ?? []
        if spof.isEmpty { return [] }
        let closure = graph.closure(of: system)
        let candidates = Set(spof)
        // Usually one to three suppliers: a scan beats hashing, and this runs once per supply
        // edge of the closure.
        let few = spof.count <= 8
        func isCandidate(_ s: SupplierID) -> Bool { few ? spof.contains(s) : candidates.contains(s) }
        var made: [SupplierID: [ItemID]] = [:]
        var visible = Set<SupplierID>()
        var dependents: [SupplierID: Set<SupplierID>] = [:]
        let hasSourcing = graph.hasSourcing
        for item in closure {
            let edges = graph.supplyEdges(of: item)
            if edges.isEmpty { continue }
            let first = graph.edgeSupplier[edges.lowerBound]
            for e in edges {
                let s = graph.edgeSupplier[e]
                if isCandidate(s) {
                    made[s, default: []].append(item)
                    if edges.allSatisfy({ graph.edgeSupplier[$0] == first }) { visible.insert(s) } // one distinct supplier
                }
                if !hasSourcing { continue }
                for entry in graph.sourcingEntries(of: SupplyEdgeID(e)) {
                    for named in graph.sourcingEdges(ofEntry: entry) {
                        let t = graph.edgeSupplier[named.index]
                        if isCandidate(t) { dependents[t, default: []].insert(s) }
                    }
                }
            }
        }
        return spof.filter { !visible.contains($0) && made[$0] != nil }.map { s in
            HiddenSinglePoint(system: system, supplier: s,
                              items: graph.sorted(made[s] ?? [], by: .contract),
                              dependents: graph.sorted(dependents[s] ?? [], by: .contract))
        }
    }
}
