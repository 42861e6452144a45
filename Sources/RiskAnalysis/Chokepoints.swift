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
        /// A third country holds at least 65 % of the supply in the data of a material that is
        /// not strategic: concentrated in one third country.
        case crma65(Country, Double)
        /// A third country holds at least 65 % of a strategic raw material: the CRMA 65 %
        /// benchmark.
        case crmaStrategic65(Country, Double)
        /// The supplier or country alone stops these systems.
        case singlePointOfFailure
    }
    /// What the finding is about.
    public let subject: Subject
    /// Why it is a chokepoint.
    public let reasons: [Reason]
    /// The systems that depend on it, in storage order.
    public let systems: [ItemID]
    /// The summed `weight` of those systems: the rank of the finding.
    public let weight: Double
    /// The summed yearly demand of those systems (units of different systems: for information).
    public let demand: Double
}

extension SupplyChainAnalysis {
    /// The chokepoints, most weighty first: items that are single-sourced, supplied only from
    /// outside the perimeter or breach the CRMA benchmark, and suppliers and countries that are
    /// single points of failure — each ranked by the summed `weight` of the systems that depend
    /// on it (their priority; units per year of a radar and of a shell are not comparable), then
    /// by the number of those systems, then by id (countries, items, suppliers).
    ///
    /// In a scoped analysis (``scope``) only the scope system counts, and only its BOM closure
    /// is considered. The home country (``home``) is left out of the country findings (the
    /// systems' own single points of failure still list it).
    ///
    /// - Complexity: O(items · systems/64 + Σ single points of failure), plus the sort.
    public func chokepoints() -> [ChokepointFinding] {
        let closure: Set<ItemID>? = scope.map { Set(graph.closure(of: $0)) }
        let weightOf = systems.map { graph.itemWeight[$0] }
        let demandOf = systems.map { graph.itemDemand[$0] }
        func finding(_ subject: ChokepointFinding.Subject, _ reasons: [ChokepointFinding.Reason], _ indices: [Int]) -> ChokepointFinding {
            ChokepointFinding(subject: subject, reasons: reasons, systems: indices.map { systems[$0] },
                              weight: indices.reduce(0) { $0 + weightOf[$1] }, demand: indices.reduce(0) { $0 + demandOf[$1] })
        }
        var flagged: [(item: ItemID, reasons: [ChokepointFinding.Reason])] = []
        for item in graph.items {
            if let closure, !closure.contains(item) { continue }
            let concentration = concentration(of: item)
            let flags = concentration.flags
            if flags.isEmpty { continue }
            var reasons: [ChokepointFinding.Reason] = []
            if flags.contains(.singleSource) { reasons.append(.singleSource(graph.edgeSupplier[graph.supplyEdges(of: item).lowerBound])) }
            if flags.contains(.suppliedOnlyFromOutside) { reasons.append(.nonEUOnly) }
            if flags.contains(.crma65), let largest = concentration.largestNonEUCountry {
                reasons.append(flags.contains(.crmaStrategic65) ? .crmaStrategic65(largest.country, largest.share)
                               : .crma65(largest.country, largest.share))
            }
            flagged.append((item, reasons))
        }
        // The systems above each flagged item, computed for the flagged items alone (never a bit
        // set per item of the graph: 10^6 items x 10^4 systems would be 1.25 GB).
        let indicesAbove = systemIndicesAbove(flagged.map(\.item))
        var findings: [ChokepointFinding] = []
        for (k, entry) in flagged.enumerated() where !indicesAbove[k].isEmpty {
            findings.append(finding(.item(entry.item), entry.reasons, indicesAbove[k]))
        }
        var bySupplier = [SupplierID: [Int]]()
        var byCountry = [Country: [Int]]()
        for (k, system) in systems.enumerated() {
            for s in singlePointsOfFailure.suppliers[system] ?? [] { bySupplier[s, default: []].append(k) }
            for c in singlePointsOfFailure.countries[system] ?? [] { byCountry[c, default: []].append(k) }
        }
        for (supplier, indices) in bySupplier { findings.append(finding(.supplier(supplier), [.singlePointOfFailure], indices)) }
        for (country, indices) in byCountry where country != home { findings.append(finding(.country(country), [.singlePointOfFailure], indices)) }
        func key(_ f: ChokepointFinding) -> (Int, String) {
            switch f.subject {
            case .country(let c): (0, c.code)
            case .item(let i): (1, graph.itemKeys[i])
            case .supplier(let s): (2, graph.supplierKeys[s])
            }
        }
        return findings.sorted {
            if $0.weight != $1.weight { return $0.weight > $1.weight }
            if $0.systems.count != $1.systems.count { return $0.systems.count > $1.systems.count }
            let a = key($0), b = key($1)
            return a.0 != b.0 ? a.0 < b.0 : KeyOrder.contract.precedes(a.1, b.1)
        }
    }
}
