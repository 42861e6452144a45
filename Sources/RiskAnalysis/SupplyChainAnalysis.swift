import SupplyGraph

/// Every figure of the risk report for one graph, computed once (DESIGN §3).
///
/// ```swift
/// let analysis = SupplyChainAnalysis(graph)
/// for system in analysis.systems { print(analysis.figures(ofSystem: system).euBuildable) }
/// ```
public struct SupplyChainAnalysis: Sendable {
    /// The graph analysed.
    public let graph: SupplyGraph
    /// What counts as inside for the non-EU figures.
    public let perimeter: Perimeter
    /// `ŵ(e)` per supply edge.
    public let shares: [Double]
    /// `req(i)` per item.
    public let requirement: [Double]
    /// `x(i)` per item.
    public let exposure: [Double]
    /// Availability when every supplier outside the perimeter fails.
    public let perimeterOnly: Availability
    /// The single points of failure of the systems.
    public let singlePointsOfFailure: SinglePointsOfFailure
    /// The systems, in storage order.
    public let systems: [ItemID]
    /// For each supplier, whether it lies outside the perimeter.
    public let outside: [Bool]

    /// Computes every figure.
    /// - Complexity: O(items + edges) passes, plus the set merges of ``SinglePointsOfFailure``.
    public init(_ graph: SupplyGraph, perimeter: Perimeter = .eu) {
        self.graph = graph
        self.perimeter = perimeter
        let systems = graph.items(ofKind: .system)
        self.systems = systems
        // The single points of failure are the longest pass and depend on nothing else: they
        // run beside the others (two cores).
        let (spof, rest) = bothInParallel({ SinglePointsOfFailure(graph, targets: systems) }, {
            let shares = Shares.normalised(graph)
            let outside = perimeter.outsideSuppliers(of: graph)
            return (shares: shares, outside: outside, requirement: Requirement.compute(graph),
                    exposure: Exposure.compute(graph, shares: shares, outside: outside).items,
                    perimeterOnly: Availability(graph, failed: outside))
        })
        singlePointsOfFailure = spof
        shares = rest.shares
        outside = rest.outside
        requirement = rest.requirement
        exposure = rest.exposure
        perimeterOnly = rest.perimeterOnly
    }

    /// The concentration figures of `item` (country shares, HHI, non-EU share, CRMA flag).
    /// - Complexity: O(e log e) for its e supply edges.
    public func concentration(of item: ItemID) -> Concentration {
        Concentration(of: item, in: graph, shares: shares, perimeter: perimeter)
    }

    /// `coverage(i)`.
    /// - Complexity: O(edges of the item).
    public func coverage(of item: ItemID) -> Double { Shares.coverage(of: item, in: graph) }

    /// The figures of one system.
    public struct SystemFigures: Sendable {
        public let system: ItemID
        /// Available when every supplier outside the perimeter fails.
        public let euBuildable: Bool
        /// The blocking items of the EU-only scenario in the system's BOM closure, sorted by id.
        public let blockingItems: [ItemID]
        /// `x(system)`.
        public let nonEUExposure: Double
        /// Suppliers whose loss alone stops the system, sorted by id.
        public let singlePointSuppliers: [SupplierID]
        /// Countries whose loss alone stops the system, sorted by code.
        public let singlePointCountries: [Country]
    }

    /// The figures of `system`.
    /// - Complexity: O(broken region below the system + its single points of failure · log).
    public func figures(ofSystem system: ItemID) -> SystemFigures {
        SystemFigures(
            system: system,
            euBuildable: perimeterOnly.itemAvailable[system.index],
            blockingItems: perimeterOnly.blockingItems(below: system, in: graph)
                .sorted { graph.itemKeys[$0.index].utf8.lexicographicallyPrecedes(graph.itemKeys[$1.index].utf8) },
            nonEUExposure: exposure[system.index],
            singlePointSuppliers: (singlePointsOfFailure.suppliers[system] ?? [])
                .sorted { graph.supplierKeys[$0.index].utf8.lexicographicallyPrecedes(graph.supplierKeys[$1.index].utf8) },
            singlePointCountries: (singlePointsOfFailure.countries[system] ?? [])
                .sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) })
    }

    /// For each of `targets`, the positions in ``systems`` of the systems whose BOM closure
    /// holds it, ascending: ``systemsAbove()`` without a bit set per item of the graph.
    /// Systems are propagated parents first in batches of 64, one mask per item reused across
    /// batches; only the targets' nonzero masks are kept.
    /// - Complexity: O((items + BOM edges reached) · ⌈systems / 64⌉) time, O(items + result) memory.
    func systemIndicesAbove(_ targets: [ItemID]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: targets.count)
        if systems.isEmpty || targets.isEmpty { return result }
        var targetOf = [Int32](repeating: -1, count: graph.itemCount)
        var duplicates: [(Int, Int)] = [] // (first position, later position) of an item given twice
        for (k, t) in targets.enumerated() {
            if targetOf[t.index] >= 0 { duplicates.append((Int(targetOf[t.index]), k)) } else { targetOf[t.index] = Int32(k) }
        }
        var mask = [UInt64](repeating: 0, count: graph.itemCount)
        let order = graph.topologicalOrder
        for w in 0..<(systems.count + 63) / 64 {
            for k in 0..<min(64, systems.count - 64 * w) { mask[systems[64 * w + k].index] |= 1 << UInt64(k) }
            for i in order.reversed() {
                let m = mask[i.index]
                if m == 0 { continue }
                for c in graph.children(of: i) { mask[c.index] |= m }
                mask[i.index] = 0
                let k = targetOf[i.index]
                if k >= 0 {
                    var word = m
                    while word != 0 {
                        result[Int(k)].append(64 * w + word.trailingZeroBitCount)
                        word &= word - 1
                    }
                }
            }
        }
        for (first, later) in duplicates { result[later] = result[first] }
        return result
    }

    /// For each item, the systems whose BOM closure holds it (bit `k` of word `w` stands for
    /// `systems[64 w + k]`), propagated parents first in batches of 64 systems.
    /// - Complexity: O((items + BOM edges) · ⌈systems / 64⌉).
    public func systemsAbove() -> [[UInt64]] {
        let words = (systems.count + 63) / 64
        var result = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: graph.itemCount)
        if words == 0 { return result }
        for w in 0..<words {
            var mask = [UInt64](repeating: 0, count: graph.itemCount)
            for k in 0..<min(64, systems.count - 64 * w) { mask[systems[64 * w + k].index] |= 1 << UInt64(k) }
            for i in graph.topologicalOrder.reversed() {
                let m = mask[i.index]
                if m == 0 { continue }
                for c in graph.children(of: i) { mask[c.index] |= m }
            }
            for i in 0..<graph.itemCount where mask[i] != 0 { result[i][w] = mask[i] }
        }
        return result
    }
}
