import SupplyGraph

/// How much of a system's supply chain has declared its smelters (the article "Risk figures",
/// "Declaration coverage").
///
/// The suppliers that *should* declare, for a system `X`: those in `X`'s BOM closure that
/// supply an item with an input of a declarable commodity (a metal some RMI template covers:
/// tin, tungsten, cobalt, ...), but for country aggregates (statistics rows, which no one
/// sends a declaration for) and the smelters the declarations name (they are what is
/// declared). The coverage is the fraction of them that have declared (sent a
/// CMRT, EMRT or AMRT that was read with the map); none to declare is no figure (nil).
public struct DeclarationCoverage: Sendable {
    /// The suppliers that have declared.
    public let declarants: Set<SupplierID>
    /// The smelters that declarations name: they are declared, not expected to declare.
    public let smelters: Set<SupplierID>
    /// One metal of one declaration, as merged into the map.
    public struct Declared: Sendable {
        /// The supplier that declared.
        public var declarant: SupplierID
        /// Where: the file and the template (`acme-cmrt.xlsx, CMRT 6.5`).
        public var source: String
        /// The metal as the template writes it (`Tungsten`).
        public var metal: String
        /// The items that got the smelters as suppliers (empty: none of the metal's commodity
        /// lies below the declarant's items).
        public var items: [ItemID]
        /// The smelters.
        public var smelters: [SupplierID]
        /// The "Smelter not yet identified" rows.
        public var notYetIdentified: Int
        /// Creates one.
        /// - Complexity: O(1).
        public init(declarant: SupplierID, source: String, metal: String, items: [ItemID], smelters: [SupplierID], notYetIdentified: Int) {
            self.declarant = declarant; self.source = source; self.metal = metal
            self.items = items; self.smelters = smelters; self.notYetIdentified = notYetIdentified
        }
    }

    /// Every metal of every declaration read, in reading order.
    public var declarations: [Declared] = []
    /// Per item, whether one of its BOM children is of a declarable commodity.
    private let hasDeclarableInput: IDArray<ItemID, Bool>
    private let graph: SupplyGraph

    /// The coverage over `graph`, where `declarants` have declared and `isDeclarable` tells the
    /// items of a declarable commodity.
    /// - Complexity: O(items + BOM edges).
    public init(_ graph: SupplyGraph, declarants: Set<SupplierID>, smelters: Set<SupplierID> = [],
                isDeclarable: (ItemID) -> Bool) {
        self.graph = graph
        self.declarants = declarants
        self.smelters = smelters
        let declarable = graph.items.map(isDeclarable)
        hasDeclarableInput = IDArray(graph.items.map { item in graph.children(of: item).contains { declarable[Int($0.rawValue)] } })
    }

    /// What a system's coverage counts.
    public struct Figure: Sendable, Equatable {
        /// The suppliers in the closure that supply an item with a declarable input.
        public var expected: [SupplierID]
        /// Those of them that have declared.
        public var declared: [SupplierID]
        /// `declared / expected`, nil when nothing is expected.
        /// - Complexity: O(1).
        public var fraction: Double? { expected.isEmpty ? nil : Double(declared.count) / Double(expected.count) }
    }

    /// The coverage of `system`.
    /// - Complexity: O(closure + its supply edges).
    public func figure(ofSystem system: ItemID) -> Figure {
        var seen = Set<SupplierID>()
        var expected: [SupplierID] = []
        for item in graph.closure(of: system) where hasDeclarableInput[item] {
            for e in graph.supplyEdges(of: item) {
                let s = graph.edgeSupplier[e]
                if graph.supplierIsAggregate[s] || (smelters.contains(s) && !declarants.contains(s)) { continue }
                if seen.insert(s).inserted { expected.append(s) }
            }
        }
        expected.sort { $0.rawValue < $1.rawValue }
        return Figure(expected: expected, declared: expected.filter(declarants.contains))
    }
}
