import SupplyGraph

/// The risk flags a diagram colours by, for every item and supplier.
///
/// Item flags come from ``Concentration/flags`` (the one place their rules are decided);
/// supplier flags say which suppliers are single points of failure *of the systems drawn*, which
/// lie outside the perimeter, and, with a scenario, what fails.
public struct RiskMarks: Sendable {
    /// The flags of one supplier.
    public struct SupplierFlags: OptionSet, Sendable, Hashable {
        /// The bits.
        public let rawValue: UInt8
        /// Creates flags from their bits.
        /// - Complexity: O(1).
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Its loss alone stops at least one of the systems considered.
        public static let singlePointOfFailure = SupplierFlags(rawValue: 1)
        /// Failed in the scenario.
        public static let failed = SupplierFlags(rawValue: 2)
        /// Outside the perimeter (the EU plus trusted groups).
        public static let outside = SupplierFlags(rawValue: 4)
    }

    /// The risk flags per item, indexed by `ItemID`.
    public let items: IDArray<ItemID, ItemRiskFlags>
    /// Per item, whether it is unavailable under the scenario (all `false` without one).
    public let unavailable: IDArray<ItemID, Bool>
    /// The flags per supplier, indexed by `SupplierID`.
    public let suppliers: IDArray<SupplierID, SupplierFlags>
    /// For each supplier that is a single point of failure, the systems (of those considered)
    /// it stops, sorted by id.
    public let stops: [SupplierID: [ItemID]]
    /// Per supply edge, whether it still delivers under the scenario (all `true` without one).
    public let edgeAvailable: IDArray<SupplyEdgeID, Bool>

    /// Computes the flags.
    ///
    /// - Parameters:
    ///   - analysis: the figures (shares, perimeter, single points of failure).
    ///   - systems: the systems whose single points of failure are marked (those drawn).
    ///   - outcome: a scenario's outcome, or `nil`.
    /// - Complexity: O(items + supply edges + Σ single points of failure of `systems`).
    public init(_ analysis: SupplyChainAnalysis, systems: [ItemID], outcome: ScenarioOutcome? = nil) {
        let graph = analysis.graph
        items = IDArray(graph.items.map { analysis.concentration(of: $0).flags })
        var suppliers = IDArray<SupplierID, SupplierFlags>(analysis.outside.map { $0 ? SupplierFlags.outside : [] })
        var stops = [SupplierID: [ItemID]]()
        for system in graph.sorted(systems) {
            for s in analysis.singlePointsOfFailure.suppliers[system] ?? [] {
                suppliers[s.index].insert(.singlePointOfFailure)
                stops[s, default: []].append(system)
            }
        }
        if let outcome {
            let failing = outcome.disruption.failingSuppliers(in: graph)
            for s in graph.suppliers where failing[s.index] { suppliers[s.index].insert(.failed) }
            unavailable = IDArray(outcome.availability.itemAvailable.map { !$0 })
            edgeAvailable = outcome.availability.edgeAvailable
        } else {
            unavailable = IDArray(repeating: false, count: graph.itemCount)
            edgeAvailable = IDArray(repeating: true, count: graph.supplyEdgeCount)
        }
        self.suppliers = suppliers
        self.stops = stops
    }
}
