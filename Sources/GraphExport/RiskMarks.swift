import RiskAnalysis
import SupplyGraph

/// The risk flags a diagram colours by, for every item and supplier, computed in linear passes.
///
/// The same rules as `Concentration` and the report (DESIGN §3), without building a
/// `Concentration` per item: single source, supply only from outside the perimeter, the CRMA
/// 65 % benchmark; and which suppliers are single points of failure of some system. With a
/// scenario, also what it removes.
public struct RiskMarks: Sendable {
    /// The flags of one item.
    public struct ItemFlags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Exactly one distinct supplier.
        public static let singleSource = ItemFlags(rawValue: 1)
        /// Every share of its supply comes from outside the perimeter.
        public static let nonEUOnly = ItemFlags(rawValue: 2)
        /// A material of which one third country holds at least 65 %.
        public static let crma65 = ItemFlags(rawValue: 4)
        /// Unavailable under the scenario.
        public static let unavailable = ItemFlags(rawValue: 8)
    }

    /// The flags of one supplier.
    public struct SupplierFlags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Its loss alone stops at least one system.
        public static let singlePointOfFailure = SupplierFlags(rawValue: 1)
        /// Failed in the scenario.
        public static let failed = SupplierFlags(rawValue: 2)
        /// Outside the perimeter (the EU plus trusted groups).
        public static let outside = SupplierFlags(rawValue: 4)
    }

    /// The flags per item, indexed by `ItemID`.
    public let items: [ItemFlags]
    /// The flags per supplier, indexed by `SupplierID`.
    public let suppliers: [SupplierFlags]
    /// Per supply edge, whether it still delivers under the scenario (all `true` without one).
    public let edgeAvailable: [Bool]

    /// Computes the flags.
    ///
    /// - Parameters:
    ///   - analysis: the figures (shares, perimeter, single points of failure).
    ///   - failedSuppliers: a scenario's failed suppliers, one flag per supplier, or `nil`.
    /// - Complexity: O(items + supply edges + BOM edges + Σ single points of failure).
    public init(_ analysis: SupplyChainAnalysis, failedSuppliers: [Bool]? = nil) {
        let graph = analysis.graph
        let shares = analysis.shares
        var items = [ItemFlags](repeating: [], count: graph.itemCount)
        // Country shares of one item, accumulated in a table indexed by the country's raw value.
        var byCountry = [Double](repeating: 0, count: 256)
        var touched: [Int] = []
        for item in 0..<graph.itemCount {
            let edges = graph.supplyEdges(of: ItemID(item))
            guard let first = edges.first else { continue }
            var flags: ItemFlags = []
            let firstSupplier = graph.edgeSupplier[first]
            var oneSupplier = true
            var outsideShare = 0.0
            let isMaterial = graph.itemKinds[item] == .material
            for e in edges {
                let supplier = graph.edgeSupplier[e]
                if supplier != firstSupplier { oneSupplier = false }
                if analysis.outside[supplier.index] { outsideShare += shares[e] }
                if isMaterial {
                    let country = graph.supplierCountries[supplier.index]
                    if country.isKnown && !country.isEU && country.rawValue < 256 {
                        let k = Int(country.rawValue)
                        if byCountry[k] == 0 { touched.append(k) }
                        byCountry[k] += shares[e]
                    }
                }
            }
            if oneSupplier { flags.insert(.singleSource) }
            if outsideShare >= 1 - 1e-9 { flags.insert(.nonEUOnly) }
            if isMaterial {
                var largest = 0.0
                for k in touched { largest = max(largest, byCountry[k]); byCountry[k] = 0 }
                touched.removeAll(keepingCapacity: true)
                if largest >= Concentration.crmaBenchmark - 1e-9 { flags.insert(.crma65) }
            }
            items[item] = flags
        }
        var suppliers = analysis.outside.map { $0 ? SupplierFlags.outside : [] }
        for (_, list) in analysis.singlePointsOfFailure.suppliers {
            for s in list { suppliers[s.index].insert(.singlePointOfFailure) }
        }
        if let failed = failedSuppliers, failed.count == graph.supplierCount {
            let availability = Availability(graph, failed: failed)
            for s in 0..<graph.supplierCount where failed[s] { suppliers[s].insert(.failed) }
            for i in 0..<graph.itemCount where !availability.itemAvailable[i] { items[i].insert(.unavailable) }
            edgeAvailable = availability.edgeAvailable
        } else {
            edgeAvailable = [Bool](repeating: true, count: graph.supplyEdgeCount)
        }
        self.items = items
        self.suppliers = suppliers
    }
}
