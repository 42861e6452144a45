import SupplyGraph

/// One supplier's declaration (a CMRT, EMRT or AMRT) as it was merged into the map: for the
/// declaration coverage of the report and the brief's data gaps.
public struct DeclarationSummary: Sendable, Equatable {
    /// One declared metal.
    public struct Metal: Sendable, Equatable {
        /// The metal as the template writes it (`Tungsten`).
        public var metal: String
        /// Its commodity (`tungsten`).
        public var commodity: String
        /// The smelters the declaration lists for it.
        public var smelters: Int
        /// Its "Smelter not yet identified" rows.
        public var notYetIdentified: Int
        /// Whether its smelters were added (an item of its commodity lies below the
        /// declarant's items).
        public var merged: Bool
        /// The items that got its smelters as suppliers.
        public var items: [String] = []
        /// The ids of its smelters (suppliers of the map).
        public var smelterIDs: [String] = []
    }

    /// The workbook, as diagnostics name it.
    public var file: String
    /// The template and revision (`CMRT 6.5`).
    public var template: String
    /// The declarant: the id of the supplier it matched.
    public var declarant: String
    /// The metals, in the order first met.
    public var metals: [Metal]
    /// The ids of the smelters it added or named (suppliers of the map), in row order.
    public var smelters: [String]

    /// Every commodity some RMI template covers (a *declarable* commodity), in the words the
    /// metal table gives (see the article "Suppliers' declarations").
    /// - Complexity: O(metals of the table).
    public static var declarableCommodities: Set<String> {
        Set(RMIMetals.commodities.map { Commodity.canonical($0) ?? $0 })
    }
}
