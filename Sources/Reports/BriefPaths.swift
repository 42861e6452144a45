import RiskAnalysis
import SupplyGraph

/// How a single-point supplier stops a system, in words for the briefing: one route down the
/// BOM along the paths `SinglePointPaths` marks, to the item where the supplier
/// comes in — as its supplier, or as the only source its buyers name (`sourcedFrom`).
struct BriefPaths {
    let graph: SupplyGraph
    let paths: SinglePointPaths
    let system: ItemID

    /// The marked paths of `system` alone.
    /// - Complexity: that of `SinglePointPaths` for one system.
    init(_ analysis: SupplyChainAnalysis, system: ItemID) {
        graph = analysis.graph
        paths = SinglePointPaths(analysis, systems: [system])
        self.system = system
    }

    /// The route from the system to `supplier`: item ids from the system down, then how the
    /// supplier comes in: "supplies mmr-radar-x" or "fab-a and fab-b buy gan-wafer only from it".
    /// `nil` when no marked route reaches it.
    /// - Complexity: O(closure + its edges).
    func route(to supplier: SupplierID) -> (items: [String], how: String)? {
        // Where the supplier comes in: items it supplies on a path, or whose suppliers on a path
        // name it for an input.
        var entry = [ItemID: String]()
        for item in graph.closure(of: system) where paths.items[item.index] {
            var buyers: [String] = []
            var input: String? = nil
            for e in graph.supplyEdges(of: item) where paths.supply[e] {
                if graph.edgeSupplier[e] == supplier { entry[item] = "made by it"; break }
                for sourcing in graph.sourcing(of: e) where sourcing.suppliers.contains(supplier)
                    && paths.sourcing.contains(SourcingLink(edge: e, supplier: supplier)) {
                    buyers.append(graph.supplierKeys[graph.edgeSupplier[e].index])
                    input = graph.itemKeys[sourcing.input]
                }
            }
            if entry[item] == nil, !buyers.isEmpty, let input {
                let names = KeyOrder.natural.sorted(Set(buyers))
                let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names[0]
                entry[item] = "\(list) buy\(names.count == 1 ? "s" : "") \(input) only from it"
            }
        }
        guard !entry.isEmpty else { return nil }
        // Breadth first from the system along marked BOM edges: the shortest route.
        var previous = [ItemID: ItemID]()
        var queue = [system], head = 0
        var seen: Set<ItemID> = [system]
        while head < queue.count {
            let item = queue[head]; head += 1
            if let how = entry[item] {
                var route = [item]
                while let p = previous[route[0]] { route.insert(p, at: 0) }
                return (route.map { graph.itemKeys[$0] }, how)
            }
            for k in graph.usesEdges(of: item) where paths.uses[k] {
                let child = graph.usesChild[k]
                if seen.insert(child).inserted { previous[child] = item; queue.append(child) }
            }
        }
        return nil
    }
}
