import SupplyGraph

/// Every figure of the risk report for one graph, computed once (the article "Risk figures").
///
/// ```swift
/// let analysis = SupplyChainAnalysis(graph)
/// for system in analysis.systems { print(analysis.figures(ofSystem: system).euBuildable) }
/// ```
///
/// With a `scope` (`--system X`), every figure is that system's alone: the requirement is its
/// own demand exploded through its BOM, ``systems`` is `[X]`, the chokepoint ranking counts `X`
/// only, and ``items`` lists its BOM closure.
public struct SupplyChainAnalysis: Sendable {
    /// The graph analysed.
    public let graph: SupplyGraph
    /// What counts as inside for the non-EU figures.
    public let perimeter: Perimeter
    /// The system the figures are scoped to, if any.
    public let scope: ItemID?
    /// `ŵ(e)` per supply edge and `u(i)` per item.
    public let shareTable: ShareTable
    /// `req(i)` per item (scoped when ``scope`` is set).
    public let requirement: IDArray<ItemID, Double>
    /// `x(i)` per item.
    public let exposure: IDArray<ItemID, Double>
    /// The scenario in which every supplier outside the perimeter fails (unknown origin
    /// included): EU-buildable, the blocking items and the EU-only supply fraction.
    public let perimeterOnly: ScenarioOutcome
    /// The single points of failure of ``systems``.
    public let singlePointsOfFailure: SinglePointsOfFailure
    /// The systems considered: all, in storage order, or the scope system alone.
    public let systems: [ItemID]
    /// For each supplier, whether it lies outside the perimeter.
    public let outside: IDArray<SupplierID, Bool>
    /// The threshold of ``SupplyState/crippled`` (`--critical`, default 0.1).
    public let critical: Double
    /// The analyst's home country (`--home`, else the data's `home`): left out of the country
    /// rankings (``chokepoints()``, the impact sweep by country); `nil` when none is given.
    public let home: Country?

    /// `ŵ(e)` per supply edge.
    /// - Complexity: O(1).
    public var shares: IDArray<SupplyEdgeID, Double> { shareTable.edges }

    /// Computes every figure.
    /// - Parameters:
    ///   - graph: the graph.
    ///   - perimeter: the EU, or the EU plus trusted groups.
    ///   - scope: a system to compute every figure for alone; `nil` for the whole map.
    ///   - critical: the threshold of ``SupplyState/crippled``, `0 < critical <= 1`.
    ///   - home: the analyst's home country; `nil`: the data's own (``SupplyGraph/home``).
    /// - Precondition: `scope`, when given, is a system of `graph`; `0 < critical <= 1`.
    /// - Complexity: O(items + edges) passes, plus the set merges of ``SinglePointsOfFailure``.
    public init(_ graph: SupplyGraph, perimeter: Perimeter = .eu, scope: ItemID? = nil,
                critical: Double = SupplyState.defaultCritical, home: Country? = nil) {
        precondition(scope.map { graph.itemKinds[$0] == .system } ?? true, "the scope must be a system")
        precondition(SupplyState.isValidCritical(critical), "critical must lie in (0, 1]")
        self.graph = graph
        self.perimeter = perimeter
        self.scope = scope
        self.critical = critical
        self.home = home ?? graph.home
        let systems = scope.map { [$0] } ?? graph.items(ofKind: .system)
        self.systems = systems
        // The single points of failure are the longest pass and depend on nothing else: they
        // run beside the others (two cores).
        let (spof, rest) = bothInParallel({ SinglePointsOfFailure(graph, targets: systems) }, {
            let shares = ShareTable(graph)
            let outside = perimeter.outsideSuppliers(of: graph)
            return (shares: shares, outside: outside, requirement: Requirement.compute(graph, scope: scope),
                    exposure: Exposure.compute(graph, shares: shares, outside: outside).items,
                    perimeterOnly: ScenarioOutcome(graph, shares: shares, disruption: .outside(perimeter, in: graph), critical: critical,
                                                   rangeBound: .outside(perimeter, in: graph, keepingUnknownOrigin: true)))
        })
        singlePointsOfFailure = spof
        shareTable = rest.shares
        outside = rest.outside
        requirement = rest.requirement
        exposure = rest.exposure
        perimeterOnly = rest.perimeterOnly
    }

    /// The items the figures are about: every item, or the scope system's BOM closure; sorted
    /// by id.
    /// - Complexity: O(n log n) for the n items.
    public var items: [ItemID] {
        graph.sorted(scope.map { graph.closure(of: $0) } ?? Array(graph.items))
    }

    /// The concentration figures of `item` (country shares, HHI, non-EU share, CRMA flag,
    /// non-EU-controlled share).
    /// - Complexity: O(e log e) for its e supply edges.
    public func concentration(of item: ItemID) -> Concentration {
        Concentration(of: item, in: graph, shares: shareTable, perimeter: perimeter)
    }

    /// `coverage(i)`.
    /// - Complexity: O(edges of the item).
    public func coverage(of item: ItemID) -> Double { ShareTable.coverage(of: item, in: graph) }

    /// `u(i)`, the unattributed share of `item`.
    /// - Complexity: O(1).
    public func unattributed(of item: ItemID) -> Double { shareTable.unattributed[item.index] }

    /// The EU-only supply fraction of `item`: its `φ` when every supplier outside the perimeter
    /// fails — how much of normal supply could go on on European (and trusted) supply alone.
    /// - Complexity: O(1).
    public func perimeterSupplyFraction(of item: ItemID) -> Double { perimeterOnly.supplyFraction(of: item) }

    /// `[low, high]` of the EU-only supply fraction of `item`: low is the figure (unknown origin
    /// and unattributed supply fail with the suppliers outside the perimeter), high keeps both.
    /// - Complexity: O(1).
    public func perimeterSupplyFractionRange(of item: ItemID) -> ClosedRange<Double> { perimeterOnly.supplyFractionRange(of: item) }

    /// The figures of one system.
    public struct SystemFigures: Sendable {
        /// The system.
        public let system: ItemID
        /// Available when every supplier outside the perimeter fails.
        public let euBuildable: Bool
        /// Its `φ` in that scenario.
        public let euOnlySupplyFraction: Double
        /// `[low, high]` of that `φ`: unknown origin and unattributed supply failed (the figure),
        /// and kept.
        public let euOnlySupplyFractionRange: ClosedRange<Double>
        /// Its state in that scenario.
        public let euOnlyState: SupplyState
        /// The blocking items of the EU-only scenario in the system's BOM closure, sorted by id.
        public let blockingItems: [ItemID]
        /// `x(system)`.
        public let nonEUExposure: Double
        /// Suppliers whose loss alone stops the system, sorted by id.
        public let singlePointSuppliers: [SupplierID]
        /// Countries whose loss alone stops the system, sorted by code.
        public let singlePointCountries: [Country]

        /// Whether the system has a single point of failure (a supplier or a country).
        /// - Complexity: O(1).
        public var hasSinglePointOfFailure: Bool { !singlePointSuppliers.isEmpty || !singlePointCountries.isEmpty }
    }

    /// The figures of `system`.
    /// - Complexity: O(broken region below the system + its single points of failure · log).
    public func figures(ofSystem system: ItemID) -> SystemFigures {
        SystemFigures(
            system: system,
            euBuildable: perimeterOnly.isAvailable(system),
            euOnlySupplyFraction: perimeterOnly.supplyFraction(of: system),
            euOnlySupplyFractionRange: perimeterOnly.supplyFractionRange(of: system),
            euOnlyState: perimeterOnly.state(of: system),
            blockingItems: perimeterOnly.blockingItems(below: system),
            nonEUExposure: exposure[system.index],
            singlePointSuppliers: graph.sorted(singlePointsOfFailure.suppliers[system] ?? []),
            singlePointCountries: (singlePointsOfFailure.countries[system] ?? [])
                .sorted { KeyOrder.contract.precedes($0.code, $1.code) })
    }

    /// For each of `targets`, the positions in ``systems`` of the systems whose BOM closure
    /// holds it, ascending, without a bit set per item of the graph.
    /// Systems are propagated parents first in batches of 64, one mask per item reused across
    /// batches; each batch walks only its cone (the items below its 64 systems, found by a
    /// search and put in topological order), not the whole graph, and only the targets' nonzero
    /// masks are kept. (Walking every item per batch cost items · systems / 64: 1.6 × 10^10 steps
    /// at 10^7 items and 10^5 systems.)
    /// - Complexity: O(Σ over batches of cone · log cone + BOM edges in the cone) time,
    ///   O(items + result) memory; a cone of more than a quarter of the items is walked in the
    ///   graph's order instead, so at most O((items + BOM edges) · ⌈systems / 64⌉).
    public func systemIndicesAbove(_ targets: [ItemID]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: targets.count)
        if systems.isEmpty || targets.isEmpty { return result }
        var targetOf = [Int32](repeating: -1, count: graph.itemCount)
        var duplicates: [(Int, Int)] = [] // (first position, later position) of an item given twice
        for (k, t) in targets.enumerated() {
            if targetOf[t.index] >= 0 { duplicates.append((Int(targetOf[t.index]), k)) } else { targetOf[t.index] = Int32(k) }
        }
        // Position in the topological order (children first): parents have the higher rank.
        var rank = [Int32](repeating: 0, count: graph.itemCount)
        for (r, i) in graph.topologicalOrder.enumerated() { rank[i.index] = Int32(r) }
        var mask = [UInt64](repeating: 0, count: graph.itemCount)
        var seenIn = [Int32](repeating: -1, count: graph.itemCount) // the batch that reached the item
        var cone: [Int32] = []
        for w in 0..<(systems.count + 63) / 64 {
            cone.removeAll(keepingCapacity: true)
            for k in 0..<min(64, systems.count - 64 * w) {
                let s = systems[64 * w + k].index
                mask[s] |= 1 << UInt64(k)
                if seenIn[s] != Int32(w) { seenIn[s] = Int32(w); cone.append(Int32(s)) }
            }
            var next = 0
            while next < cone.count {
                let i = ItemID(Int(cone[next]))
                next += 1
                for c in graph.children(of: i) where seenIn[c.index] != Int32(w) {
                    seenIn[c.index] = Int32(w)
                    cone.append(Int32(c.index))
                }
            }
            if cone.count > graph.itemCount / 4 {
                // A cone of most of the graph: the whole order costs less than sorting it.
                cone = graph.topologicalOrder.reversed().map { Int32($0.index) }
            } else {
                cone.sort { rank[Int($0)] > rank[Int($1)] } // parents first
            }
            for i32 in cone {
                let i = Int(i32)
                let m = mask[i]
                if m == 0 { continue }
                for c in graph.children(of: ItemID(i)) { mask[c.index] |= m }
                mask[i] = 0
                let k = targetOf[i]
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

    /// The systems (of ``systems``) whose BOM closure holds each of `targets`, sorted by id.
    /// - Complexity: as ``systemIndicesAbove(_:)``, plus the sorts.
    public func systems(above targets: [ItemID]) -> [[ItemID]] {
        systemIndicesAbove(targets).map { graph.sorted($0.map { systems[$0] }) }
    }
}
