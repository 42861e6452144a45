import SupplyGraph

/// A scenario resolved against one graph: which supply edges fail and whether unattributed
/// supply is lost with them (DESIGN §3).
///
/// A supply edge `s → i` fails when `s` is among the failed suppliers and, under an embargo on
/// chosen items (`--items 'gallium*'`), `i` is one of them. Unattributed supply `u(i)` is lost
/// only in scenarios that fail unknown origin (`--without-country unknown`, `--only-group G`):
/// it exists, but nobody can say from where.
public struct Disruption: Sendable {
    /// Per supplier, whether it fails.
    public let failedSuppliers: [Bool]
    /// Per item, whether its supply edges can fail; `nil` when every item's can.
    public let embargoedItems: [Bool]?
    /// Whether the scenario fails unknown origin, and so the unattributed shares.
    public let failsUnknownOrigin: Bool

    /// A disruption from its parts.
    /// - Complexity: O(1).
    public init(failedSuppliers: [Bool], embargoedItems: [Bool]? = nil, failsUnknownOrigin: Bool = false) {
        self.failedSuppliers = failedSuppliers
        self.embargoedItems = embargoedItems
        self.failsUnknownOrigin = failsUnknownOrigin
    }

    /// Nothing fails.
    /// - Complexity: O(suppliers).
    public static func none(in graph: SupplyGraph) -> Disruption {
        Disruption(failedSuppliers: [Bool](repeating: false, count: graph.supplierCount))
    }

    /// Every supplier outside `perimeter` fails, unknown origin included: the EU-only scenario
    /// (EU plus the trusted groups).
    /// - Complexity: O(suppliers · groups).
    public static func outside(_ perimeter: Perimeter, in graph: SupplyGraph) -> Disruption {
        Disruption(failedSuppliers: perimeter.outsideSuppliers(of: graph), failsUnknownOrigin: true)
    }

    /// Whether supply edge `edge` fails.
    /// - Complexity: O(1).
    @inlinable public func fails(_ edge: Int, in graph: SupplyGraph) -> Bool {
        failedSuppliers[graph.edgeSupplier[edge].index] && (embargoedItems?[graph.edgeItem[edge].index] ?? true)
    }

    /// Whether `item` loses its unattributed share.
    /// - Complexity: O(1).
    @inlinable public func losesUnattributed(_ item: ItemID) -> Bool {
        failsUnknownOrigin && (embargoedItems?[item.index] ?? true)
    }

    /// The number of failed suppliers.
    /// - Complexity: O(suppliers).
    public var failedSupplierCount: Int { failedSuppliers.reduce(0) { $1 ? $0 + 1 : $0 } }
}
