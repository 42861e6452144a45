import SupplyGraph

/// A place where many systems can break at once: an item or a supplier or a country, the
/// systems that depend on it, and why.
public struct ChokepointFinding: Sendable {
    /// What the finding is about.
    public enum Subject: Sendable, Hashable {
        case item(ItemID), supplier(SupplierID), country(Country)
    }
    /// Why it is a chokepoint.
    public enum Reason: Sendable, Hashable {
        /// The item has exactly one supplier.
        case singleSource(SupplierID)
        /// Every supply of the item comes from outside the perimeter.
        case nonEUOnly
        /// A third country holds at least 65 % of the material (CRMA benchmark).
        case crma65(Country, Double)
        /// The supplier or country alone stops these systems.
        case singlePointOfFailure
    }
    public let subject: Subject
    public let reasons: [Reason]
    /// The systems that depend on it, in storage order.
    public let systems: [ItemID]
    /// The yearly demand of those systems, summed (the weight of the finding).
    public let demand: Double
}

extension SupplyChainAnalysis {
    /// The chokepoints, most weighty first: items that are single-sourced, supplied only from
    /// outside the perimeter or breach the CRMA benchmark, and suppliers and countries that are
    /// single points of failure — each weighted by the yearly demand of the systems that depend
    /// on it (then by the number of systems).
    ///
    /// - Parameters:
    ///   - systemsAbove: from ``systemsAbove()`` (pass it when computed already).
    ///   - scope: if given, only these items and suppliers are considered (one system's closure).
    /// - Complexity: O(items · systems/64 + Σ single points of failure), plus the sort.
    public func chokepoints(systemsAbove above: [[UInt64]]? = nil, scope: Set<ItemID>? = nil) -> [ChokepointFinding] {
        let systemDemand = systems.map { graph.itemDemand[$0.index] }
        func systemsOf(_ words: [UInt64]) -> [Int] {
            var result: [Int] = []
            for (w, word) in words.enumerated() where word != 0 {
                for k in 0..<64 where word & (1 << UInt64(k)) != 0 { result.append(64 * w + k) }
            }
            return result
        }
        var flagged: [(item: ItemID, reasons: [ChokepointFinding.Reason])] = []
        for item in graph.items {
            if let scope, !scope.contains(item) { continue }
            let concentration = concentration(of: item)
            var reasons: [ChokepointFinding.Reason] = []
            if concentration.singleSource { reasons.append(.singleSource(graph.edgeSupplier[graph.supplyEdges(of: item).lowerBound])) }
            if concentration.supplierCount > 0 && concentration.nonEUShare >= 1 - 1e-9 { reasons.append(.nonEUOnly) }
            if concentration.crma65, let largest = concentration.largestNonEUCountry { reasons.append(.crma65(largest.country, largest.share)) }
            if reasons.isEmpty { continue }
            flagged.append((item, reasons))
        }
        // The systems above each flagged item: from the caller's bit sets, or computed for the
        // flagged items alone (never a bit set per item of the graph: 10^6 items x 10^4 systems
        // would be 1.25 GB).
        let indicesAbove = above.map { above in flagged.map { systemsOf(above[$0.item.index]) } }
            ?? systemIndicesAbove(flagged.map(\.item))
        var findings: [ChokepointFinding] = []
        for (k, entry) in flagged.enumerated() {
            let indices = indicesAbove[k]
            if indices.isEmpty { continue }
            findings.append(ChokepointFinding(subject: .item(entry.item), reasons: entry.reasons, systems: indices.map { systems[$0] },
                                              demand: indices.reduce(0) { $0 + systemDemand[$1] }))
        }
        var bySupplier = [SupplierID: [Int]]()
        var byCountry = [Country: [Int]]()
        for (k, system) in systems.enumerated() {
            if let scope, !scope.contains(system) { continue }
            for s in singlePointsOfFailure.suppliers[system] ?? [] { bySupplier[s, default: []].append(k) }
            for c in singlePointsOfFailure.countries[system] ?? [] { byCountry[c, default: []].append(k) }
        }
        for (supplier, indices) in bySupplier {
            findings.append(ChokepointFinding(subject: .supplier(supplier), reasons: [.singlePointOfFailure],
                                              systems: indices.map { systems[$0] },
                                              demand: indices.reduce(0) { $0 + systemDemand[$1] }))
        }
        for (country, indices) in byCountry {
            findings.append(ChokepointFinding(subject: .country(country), reasons: [.singlePointOfFailure],
                                              systems: indices.map { systems[$0] },
                                              demand: indices.reduce(0) { $0 + systemDemand[$1] }))
        }
        func key(_ f: ChokepointFinding) -> String {
            switch f.subject {
            case .item(let i): "1" + graph.itemKeys[i.index]
            case .supplier(let s): "2" + graph.supplierKeys[s.index]
            case .country(let c): "0" + c.code
            }
        }
        return findings.sorted {
            if $0.demand != $1.demand { return $0.demand > $1.demand }
            if $0.systems.count != $1.systems.count { return $0.systems.count > $1.systems.count }
            return key($0) < key($1)
        }
    }
}
