import Dispatch
import SupplyGraph

/// The impact sweep (the article "Risk figures", "Impact", `chokepoint impact`): every country — or every
/// supplier — cut off in turn, and what each loss does to the systems.
///
/// The impact of a key `k` on a system `X` is `1 − φ(X)` when `F` = every supplier in `k` (with
/// `byControl`, also those controlled from `k`), or `F = {k}` for a supplier. Unattributed
/// supply is kept: a country cut-off does not fail unknown origin. The score of `k` is
/// `Σ_X weight(X) · impact(k, X)`; the ranking is by score, then key; keys with a score of 0
/// (within ``Tolerance/figure``) are left out, and each entry lists the systems with an impact
/// above ε.
///
/// Example: a radar (weight 2) whose only gallium supply is 98.9 % Chinese and a frigate
/// (weight 1) with 40 % of its titanium from China: `score(CN) = 2·0.989 + 1·0.4 = 2.378`.
///
/// **Cost.** A full supply-fraction pass per key would cost O(keys · (items + edges)): fine for
/// the ~250 countries, not for 10^5 suppliers. Instead, each key re-evaluates only its *cone*:
/// the items it supplies and the items above them, in topological order, stopping where `φ` no
/// longer changes, then restores what it touched. The sweep therefore costs
/// O(Σ_k |cone(k)| · (children + supply edges per item) · log) — each supplier pays for the part
/// of the map that depends on it — spread over the cores; memory is two copies of the `φ` arrays
/// per core. In a scoped analysis only the scope system's closure is walked.
public struct ImpactSweep: Sendable {
    /// What is cut off in turn.
    public enum Sweep: String, Sendable, CaseIterable {
        /// Every country of a supplier (with `byControl`: of a supplier or its owner).
        case country
        /// Every supplier.
        case supplier
    }

    /// A key of the sweep.
    public enum Key: Hashable, Sendable {
        case country(Country), supplier(SupplierID)
    }

    /// One key's line of the ranking.
    public struct Entry: Sendable {
        /// The country or supplier cut off.
        public let key: Key
        /// `Σ_X weight(X) · impact(k, X)`.
        public let score: Double
        /// The systems with an impact above ε, and the impact `1 − φ(X)`, sorted by system id.
        public let impacts: [(system: ItemID, impact: Double)]
    }

    /// What was cut off in turn.
    public let sweep: Sweep
    /// Whether a country's cut-off also failed the suppliers controlled from it.
    public let byControl: Bool
    /// The systems counted (all, or the scope system).
    public let systems: [ItemID]
    /// The keys by score, then key; only keys with a score above ε.
    public let ranking: [Entry]
    /// The home country left out of a country ranking, if any.
    public let leftOutHome: Country?
    /// The number of country aggregates left out of a supplier ranking.
    public let leftOutAggregates: Int

    /// Runs the sweep.
    /// - Parameters:
    ///   - analysis: the figures (shares, systems, scope).
    ///   - sweep: countries or suppliers.
    ///   - byControl: with countries, also fail the suppliers controlled from the country.
    ///   - embargoedItems: when given, only the supply edges into these items fail.
    ///   - includeAggregates: with suppliers, also rank the country aggregates (statistics
    ///     rows such as "Rare-earth mining, China", ``SupplyGraph/supplierIsAggregate``); by
    ///     default only firms are ranked.
    ///   - excludingHome: with countries, leave the analysis's home country (``SupplyChainAnalysis/home``)
    ///     out of the ranking (its suppliers still fail in scenarios that name it).
    /// - Complexity: see the type's "Cost".
    public init(_ analysis: SupplyChainAnalysis, sweep: Sweep, byControl: Bool = false, embargoedItems: IDArray<ItemID, Bool>? = nil,
                includeAggregates: Bool = false, excludingHome: Bool = true) {
        let graph = analysis.graph
        self.sweep = sweep
        self.byControl = byControl
        systems = analysis.systems
        let keys: [Key]
        var failing: [[SupplierID]]
        switch sweep {
        case .supplier:
            let active = graph.suppliers.filter {
                !graph.supplyEdges(from: $0).isEmpty && (includeAggregates || !graph.supplierIsAggregate[$0])
            }
            keys = active.map(Key.supplier)
            failing = active.map { [$0] }
        case .country:
            var groups = [Country: [SupplierID]]()
            for s in graph.suppliers {
                let country = graph.supplierCountries[s]
                if country.isKnown { groups[country, default: []].append(s) }
                let owner = graph.controller(of: s)
                if byControl && owner.isKnown && owner != country { groups[owner, default: []].append(s) }
            }
            if excludingHome, let home = analysis.home { groups[home] = nil }
            let countries = groups.keys.sorted()
            keys = countries.map(Key.country)
            failing = countries.map { groups[$0]! }
        }
        leftOutHome = sweep == .country && excludingHome ? analysis.home : nil
        leftOutAggregates = sweep == .supplier && !includeAggregates
            ? graph.suppliers.filter { graph.supplierIsAggregate[$0] && !graph.supplyEdges(from: $0).isEmpty }.count : 0
        let walker = ConeWalker(analysis, embargoedItems: embargoedItems)
        let impacts = walker.sweep(failing)
        var ranking: [Entry] = []
        for (k, key) in keys.enumerated() {
            let list = impacts[k].filter { Tolerance.isPositive($0.impact) }
            let score = list.reduce(0) { $0 + graph.itemWeight[$1.system] * $1.impact }
            if !Tolerance.isPositive(score) { continue }
            ranking.append(Entry(key: key, score: score, impacts: list.sorted {
                KeyOrder.contract.precedes(graph.itemKeys[$0.system], graph.itemKeys[$1.system])
            }))
        }
        func name(_ key: Key) -> String {
            switch key {
            case .country(let c): c.code
            case .supplier(let s): graph.supplierKeys[s]
            }
        }
        // Scores equal to 12 significant digits (the precision of the output) are ties, broken by
        // key, so float noise (0.3999999999999999 against 0.4) cannot reorder the ranking.
        let rounded = ranking.map { Tolerance.significant($0.score) }
        self.ranking = ranking.indices.sorted {
            rounded[$0] != rounded[$1] ? rounded[$0] > rounded[$1] : KeyOrder.contract.precedes(name(ranking[$0].key), name(ranking[$1].key))
        }.map { ranking[$0] }
    }
}

/// Re-evaluates `φ` over the cone of a set of failed suppliers, on top of the undisturbed
/// values, and restores them afterwards.
struct ConeWalker: Sendable {
    let graph: SupplyGraph
    let shares: ShareTable
    let baseline: SupplyFraction
    let embargoedItems: IDArray<ItemID, Bool>?
    /// Items worth walking (the closure of the systems counted), `nil` for all.
    let relevant: [Bool]?
    let systems: [ItemID]
    /// Per item, whether it is one of `systems`.
    let counted: [Bool]

    init(_ analysis: SupplyChainAnalysis, embargoedItems: IDArray<ItemID, Bool>?) {
        graph = analysis.graph
        shares = analysis.shareTable
        self.embargoedItems = embargoedItems
        systems = analysis.systems
        var counted = [Bool](repeating: false, count: analysis.graph.itemCount)
        for system in systems { counted[system.index] = true }
        self.counted = counted
        baseline = SupplyFraction(graph, shares: shares, disruption: .none(in: graph))
        if analysis.scope != nil || systems.count < graph.items(ofKind: .system).count {
            var relevant = [Bool](repeating: false, count: graph.itemCount)
            for system in systems { for i in graph.closure(of: system) { relevant[i.index] = true } }
            self.relevant = relevant
        } else {
            relevant = nil
        }
    }

    /// For each list of failed suppliers, the systems whose `φ` moved and `1 − φ`.
    /// - Complexity: O(Σ cones), on all cores.
    func sweep(_ failing: [[SupplierID]]) -> [[(system: ItemID, impact: Double)]] {
        let workers = max(1, min(failing.count, ProcessorCount.active))
        let results = UnsafeMutableBufferPointer<[(system: ItemID, impact: Double)]>.allocate(capacity: failing.count)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var scratch = Scratch(self)
            for k in stride(from: w, to: failing.count, by: workers) {
                slots[k] = scratch.run(failing[k], stamp: Int32(k + 1), walker: self)
            }
        }
        return Array(results)
    }

    /// One worker's copies of the values and its bookkeeping.
    struct Scratch {
        var items: IDArray<ItemID, Double>
        var edges: IDArray<SupplyEdgeID, Double>
        var failedStamp: [Int32]
        var touched: [ItemID] = []
        var queue: TopologicalQueue

        init(_ walker: ConeWalker) {
            items = walker.baseline.items
            edges = walker.baseline.edges
            failedStamp = [Int32](repeating: 0, count: walker.graph.supplierCount)
            queue = TopologicalQueue(walker.graph)
        }

        mutating func run(_ failed: [SupplierID], stamp: Int32, walker: ConeWalker) -> [(system: ItemID, impact: Double)] {
            let graph = walker.graph
            let embargo = walker.embargoedItems
            for s in failed { failedStamp[s.index] = stamp }
            queue.nextRound()
            for s in failed {
                for e in graph.supplyEdges(from: s) where embargo?[graph.edgeItem[e].index] ?? true {
                    let item = graph.edgeItem[e]
                    if walker.relevant?[item.index] ?? true { queue.push(item) }
                }
            }
            let fails: (SupplyEdgeID) -> Bool = { [failedStamp] e in
                failedStamp[graph.edgeSupplier[e].index] == stamp && (embargo?[graph.edgeItem[e].index] ?? true)
            }
            var before: [Double] = []
            while let i = queue.pop() {
                let supply = graph.supplyEdges(of: i)
                before.removeAll(keepingCapacity: true)
                for e in supply { before.append(edges[e]) }
                let old = items[i.index]
                let new = SupplyFraction.evaluate(i, graph: graph, shares: walker.shares, items: items, edges: &edges,
                                                  fails: fails, keepsUnattributed: true)
                items[i.index] = new
                touched.append(i)
                var changed = new != old
                if !changed {
                    for (k, e) in supply.enumerated() where edges[e] != before[k] { changed = true; break }
                }
                if changed {
                    for u in graph.usedBy(i) {
                        let parent = graph.usesParent[u]
                        if walker.relevant?[parent.index] ?? true { queue.push(parent) }
                    }
                }
            }
            var result: [(system: ItemID, impact: Double)] = []
            for i in touched where walker.counted[i.index] { result.append((i, 1 - items[i.index])) }
            for i in touched {
                items[i.index] = walker.baseline.items[i.index]
                for e in graph.supplyEdges(of: i) { edges[e] = walker.baseline.edges[e] }
            }
            touched.removeAll(keepingCapacity: true)
            return result
        }
    }
}
