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
            let single = graph.isSingleSourced(item)
            for e in edges {
                let s = graph.edgeSupplier[e]
                if isCandidate(s) {
                    made[s, default: []].append(item)
                    if single { visible.insert(s) }
                }
                if !hasSourcing { continue }
                for entry in graph.sourcingEntries(of: e) {
                    for named in graph.sourcingEdges(ofEntry: entry) {
                        let t = graph.edgeSupplier[named]
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

extension SupplyChainAnalysis {
    /// The hidden single points of failure of every system of ``systems``, at once: what
    /// ``hiddenSinglePoints(ofSystem:)`` gives for each, without walking every system's BOM
    /// closure.
    ///
    /// Only the items the single-point suppliers make, and those whose suppliers name one of
    /// them in `sourcedFrom`, are looked at; which systems' closures hold them comes from one
    /// propagation of the systems down the BOM (``systemIndicesAbove(_:)``).
    /// - Complexity: that of ``systemIndicesAbove(_:)`` for the candidates' items, plus the
    ///   candidates' supply edges and sourcing entries, plus for each of their items
    ///   O(min(a, b) · log max(a, b)) for the a systems above it and the b systems its supplier
    ///   is a single point for.
    public func hiddenSinglePointsOfSystems() -> [ItemID: [HiddenSinglePoint]] {
        var candidates = Set<SupplierID>()
        for system in systems { for s in singlePointsOfFailure.suppliers[system] ?? [] { candidates.insert(s) } }
        if candidates.isEmpty { return [:] }
        // The items the candidates make, and the buyers' edges that name a candidate.
        var targets: [ItemID] = []
        var slot = [ItemID: Int]()
        func target(_ item: ItemID) -> Int {
            if let k = slot[item] { return k }
            slot[item] = targets.count
            targets.append(item)
            return targets.count - 1
        }
        var made = [SupplierID: [(item: ItemID, slot: Int)]]()
        for s in candidates {
            for e in graph.supplyEdges(from: s) { made[s, default: []].append((graph.edgeItem[e], target(graph.edgeItem[e]))) }
        }
        var buyers = [SupplierID: [(buyer: SupplierID, slot: Int)]]()
        if graph.hasSourcing {
            for e in graph.supplyEdgeIDs {
                for entry in graph.sourcingEntries(of: e) {
                    for named in graph.sourcingEdges(ofEntry: entry) {
                        let t = graph.edgeSupplier[named]
                        if candidates.contains(t) { buyers[t, default: []].append((graph.edgeSupplier[e], target(graph.edgeItem[e]))) }
                    }
                }
            }
        }
        let above = systemIndicesAbove(targets)
        // The (system, supplier) pairs of single points of failure, numbered; for each candidate
        // the systems it is one for, ascending, with their pair numbers.
        var pairs: [(system: Int, supplier: SupplierID)] = []
        var systemsOf = [SupplierID: (systems: [Int], pairs: [Int])]()
        for (k, system) in systems.enumerated() {
            for s in singlePointsOfFailure.suppliers[system] ?? [] {
                systemsOf[s, default: ([], [])].systems.append(k)
                systemsOf[s, default: ([], [])].pairs.append(pairs.count)
                pairs.append((k, s))
            }
        }
        // Each made item (and each buyer's edge) goes to the pairs of the systems above it that
        // its supplier is a single point for: the two ascending lists intersected, the shorter
        // one searched in the longer (not every single point's items filtered once per system).
        var itemsOf = [[ItemID]](repeating: [], count: pairs.count)
        var dependentsOf = [[SupplierID]](repeating: [], count: pairs.count)
        for (s, list) in made {
            guard let own = systemsOf[s] else { continue }
            for (item, slot) in list {
                Self.forEachCommon(above[slot], own.systems) { j in itemsOf[own.pairs[j]].append(item) }
            }
        }
        for (s, list) in buyers {
            guard let own = systemsOf[s] else { continue }
            for (buyer, slot) in list {
                Self.forEachCommon(above[slot], own.systems) { j in dependentsOf[own.pairs[j]].append(buyer) }
            }
        }
        var result = [ItemID: [HiddenSinglePoint]]()
        var p = 0
        for system in systems {
            var list: [HiddenSinglePoint] = []
            for s in singlePointsOfFailure.suppliers[system] ?? [] {
                defer { p += 1 }
                let items = itemsOf[p]
                if items.isEmpty { continue }
                // Visible, not hidden: one of its items is single-sourced.
                let visible = items.contains(where: graph.isSingleSourced)
                if visible { continue }
                list.append(HiddenSinglePoint(system: system, supplier: s, items: graph.sorted(Set(items)),
                                              dependents: graph.sorted(Set(dependentsOf[p]))))
            }
            if !list.isEmpty { result[system] = list }
        }
        return result
    }
}

extension SupplyChainAnalysis {
    /// Calls `body(j)` for each position `j` in `b` whose value is also in `a` (both ascending,
    /// without repeats), in ascending order: the shorter list's values looked up in the longer
    /// by binary search.
    /// - Complexity: O(min(a, b) · log max(a, b)).
    static func forEachCommon(_ a: [Int], _ b: [Int], _ body: (Int) -> Void) {
        if a.isEmpty || b.isEmpty { return }
        func position(of x: Int, in list: [Int], from low: Int) -> Int? {
            var lo = low, hi = list.count
            while lo < hi { let mid = (lo + hi) / 2; if list[mid] < x { lo = mid + 1 } else { hi = mid } }
            return lo < list.count && list[lo] == x ? lo : nil
        }
        if a.count <= b.count {
            var from = 0
            for x in a { if let j = position(of: x, in: b, from: from) { body(j); from = j + 1 } }
        } else {
            var from = 0
            for (j, x) in b.enumerated() { if let i = position(of: x, in: a, from: from) { body(j); from = i + 1 } }
        }
    }
}
