import SupplyGraph

/// What a diagram shows beside the graph itself: the risk marks of items and suppliers, a
/// scenario's losses, the shares on the supply edges and the highlighted paths — plain values
/// computed by the caller (as petgraph's `Dot::with_attr_getters` takes its attributes), so the
/// writer decides nothing about risk.
public struct DiagramMarks: Sendable {
    /// The marks of one item.
    public struct ItemMark: OptionSet, Sendable, Hashable {
        /// The bits.
        public let rawValue: UInt8
        /// Creates marks from their bits.
        /// - Complexity: O(1).
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Exactly one supplier: orange.
        public static let singleSource = ItemMark(rawValue: 1)
        /// Supplied only from outside the perimeter: purple.
        public static let suppliedOnlyFromOutside = ItemMark(rawValue: 2)
        /// A strategic raw material at or above the CRMA benchmark (``DiagramMarks/crmaBenchmark``)
        /// held by one third country: yellow.
        public static let crma65 = ItemMark(rawValue: 4)
        /// Unavailable in the scenario: grey and dashed.
        public static let lost = ItemMark(rawValue: 8)
    }

    /// The marks of one supplier.
    public struct SupplierMark: OptionSet, Sendable, Hashable {
        /// The bits.
        public let rawValue: UInt8
        /// Creates marks from their bits.
        /// - Complexity: O(1).
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A single point of failure of a drawn system: red.
        public static let singlePointOfFailure = SupplierMark(rawValue: 1)
        /// Failed in the scenario: grey and dashed.
        public static let failed = SupplierMark(rawValue: 2)
        /// Outside the perimeter: pink (inside: light blue).
        public static let outside = SupplierMark(rawValue: 4)
    }

    /// Bold paths from systems down to their single points of failure.
    public struct Highlight: Sendable {
        /// Per BOM edge.
        public var uses: IDArray<UsesEdgeID, Bool>
        /// Per supply edge.
        public var supply: IDArray<SupplyEdgeID, Bool>
        /// Per item.
        public var items: IDArray<ItemID, Bool>
        /// Per supplier.
        public var suppliers: IDArray<SupplierID, Bool>
        /// The `sourcedFrom` links on a path, as (buyer's supply edge, named supplier).
        public var sourcing: Set<SourcingLink>
        /// Creates a highlight.
        /// - Complexity: O(1).
        public init(uses: IDArray<UsesEdgeID, Bool>, supply: IDArray<SupplyEdgeID, Bool>, items: IDArray<ItemID, Bool>, suppliers: IDArray<SupplierID, Bool>, sourcing: Set<SourcingLink>) {
            self.uses = uses; self.supply = supply; self.items = items; self.suppliers = suppliers; self.sourcing = sourcing
        }
    }

    /// Per item, indexed by `ItemID`.
    public var items: IDArray<ItemID, ItemMark>
    /// Per supplier, indexed by `SupplierID`.
    public var suppliers: IDArray<SupplierID, SupplierMark>
    /// Per supply edge, whether it no longer delivers in the scenario.
    public var edgeLost: IDArray<SupplyEdgeID, Bool>
    /// Per supply edge, the share written on it (0..1).
    public var shares: IDArray<SupplyEdgeID, Double>
    /// The bold paths, if any.
    public var highlight: Highlight?
    /// Whether a scenario is drawn (the legend then explains grey).
    public var scenario: Bool
    /// What the red supplier means, for the legend: "its loss alone stops mmr".
    public var singlePointMeaning: String
    /// The CRMA benchmark the yellow items breach (0..1), for their labels and the legend:
    /// the caller's rule, never the writer's; `nil` when no item can carry the mark (the legend
    /// then leaves the row out).
    public var crmaBenchmark: Double?

    /// The label of a breach: `CRMA 65 %` for a benchmark of 0.65.
    /// - Complexity: O(1).
    public var crmaLabel: String { "CRMA " + (crmaBenchmark.map(DisplayNumber.percent) ?? "benchmark") }

    /// Marks with nothing flagged, every share as given (equal split where none is).
    /// - Complexity: O(items + suppliers + supply edges).
    public init(plain graph: SupplyGraph) {
        items = IDArray(repeating: [], count: graph.itemCount)
        suppliers = IDArray(repeating: [], count: graph.supplierCount)
        edgeLost = IDArray(repeating: false, count: graph.supplyEdgeCount)
        shares = IDArray(graph.edgeShare.map { $0 ?? 0 })
        highlight = nil
        scenario = false
        singlePointMeaning = "its loss alone stops a system"
        crmaBenchmark = nil
    }

    /// Marks from their parts (`crmaBenchmark`: see ``crmaBenchmark``).
    /// - Complexity: O(1).
    public init(items: IDArray<ItemID, ItemMark>, suppliers: IDArray<SupplierID, SupplierMark>, edgeLost: IDArray<SupplyEdgeID, Bool>, shares: IDArray<SupplyEdgeID, Double>,
                highlight: Highlight?, scenario: Bool, singlePointMeaning: String, crmaBenchmark: Double?) {
        self.items = items; self.suppliers = suppliers; self.edgeLost = edgeLost; self.shares = shares
        self.highlight = highlight; self.scenario = scenario; self.singlePointMeaning = singlePointMeaning
        self.crmaBenchmark = crmaBenchmark
    }
}
