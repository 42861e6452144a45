import SupplyGraph

/// A scenario resolved against one graph: which supply edges fail and whether unattributed
/// supply is lost with them (the article "Risk figures").
///
/// A supply edge `s → i` fails when `s` is among the failed suppliers and, under an embargo on
/// chosen items (`--items 'gallium*'`), `i` is one of them. Unattributed supply `u(i)` is lost
/// only in scenarios that fail unknown origin (`--without-country unknown`, `--only-group G`):
/// it exists, but nobody can say from where.
public struct Disruption: Sendable {
    /// Per supplier, whether it fails.
    public let failedSuppliers: IDArray<SupplierID, Bool>
    /// Per item, whether its supply edges can fail; `nil` when every item's can.
    public let embargoedItems: IDArray<ItemID, Bool>?
    /// Whether the scenario fails unknown origin, and so the unattributed shares.
    public let failsUnknownOrigin: Bool
    /// Per supply edge, whether it fails, when the disruption is given edge by edge (the worst
    /// country per item); `nil` otherwise.
    public let failedEdges: IDArray<SupplyEdgeID, Bool>?

    /// A disruption from its parts.
    /// - Complexity: O(1).
    public init(failedSuppliers: IDArray<SupplierID, Bool>, embargoedItems: IDArray<ItemID, Bool>? = nil, failsUnknownOrigin: Bool = false) {
        self.failedSuppliers = failedSuppliers
        self.embargoedItems = embargoedItems
        self.failsUnknownOrigin = failsUnknownOrigin
        self.failedEdges = nil
    }

    /// A disruption given edge by edge; a supplier counts as failed when any of its edges fails.
    /// - Complexity: O(supply edges).
    public init(failedEdges: IDArray<SupplyEdgeID, Bool>, in graph: SupplyGraph, failsUnknownOrigin: Bool = false) {
        var suppliers = IDArray<SupplierID, Bool>(repeating: false, count: graph.supplierCount)
        for e in graph.supplyEdgeIDs where failedEdges[e] { suppliers[graph.edgeSupplier[e].index] = true }
        self.failedSuppliers = suppliers
        self.embargoedItems = nil
        self.failsUnknownOrigin = failsUnknownOrigin
        self.failedEdges = failedEdges
    }

    /// Every stage loses its largest supplying country outside `perimeter` (the EU, plus the
    /// trusted groups; known countries with a share above 0; ties: the lower code), all at once —
    /// the stockpile's default stress test: it never picks a country inside the perimeter.
    /// With `byControl`, the suppliers controlled from that country fail at that stage too; with
    /// `embargoedItems`, only those items' stages lose their country. Returns the disruption and
    /// the country each item loses.
    /// - Complexity: O(items · e log e).
    public static func worstCountryPerItem(in graph: SupplyGraph, shares: ShareTable, byControl: Bool = false,
                                           embargoedItems: IDArray<ItemID, Bool>? = nil,
                                           perimeter: Perimeter = .eu) -> (Disruption, [Country?]) {
        var failed = IDArray<SupplyEdgeID, Bool>(repeating: false, count: graph.supplyEdgeCount)
        var lost = [Country?](repeating: nil, count: graph.itemCount)
        for item in graph.items where embargoedItems?[item.index] ?? true {
            let shares = Concentration(of: item, in: graph, shares: shares).countryShares
            guard let worst = shares.filter({ $0.country.isKnown && perimeter.isOutside($0.country) })
                    .max(by: { $0.share < $1.share || ($0.share == $1.share && $0.country > $1.country) }),
                  worst.share > 0 else { continue }
            lost[item.index] = worst.country
            for e in graph.supplyEdges(of: item) {
                let supplier = graph.edgeSupplier[e]
                if graph.supplierCountries[supplier] == worst.country || (byControl && graph.controller(of: supplier) == worst.country) {
                    failed[e] = true
                }
            }
        }
        return (Disruption(failedEdges: failed, in: graph), lost)
    }

    /// Nothing fails.
    /// - Complexity: O(suppliers).
    public static func none(in graph: SupplyGraph) -> Disruption {
        Disruption(failedSuppliers: IDArray<SupplierID, Bool>(repeating: false, count: graph.supplierCount))
    }

    /// Every supplier outside `perimeter` fails, unknown origin included: the EU-only scenario
    /// (EU plus the trusted groups). With `keepingUnknownOrigin`, the suppliers of unknown
    /// origin and the unattributed shares are kept: the high end of the EU-only range.
    /// - Complexity: O(suppliers · groups).
    public static func outside(_ perimeter: Perimeter, in graph: SupplyGraph, keepingUnknownOrigin: Bool = false) -> Disruption {
        var failed = perimeter.outsideSuppliers(of: graph)
        if keepingUnknownOrigin {
            for s in graph.suppliers where !graph.supplierCountries[s].isKnown { failed[s.index] = false }
        }
        return Disruption(failedSuppliers: failed, failsUnknownOrigin: !keepingUnknownOrigin)
    }

    /// Whether supply edge `edge` fails.
    /// - Complexity: O(1).
    @inlinable public func fails(_ edge: SupplyEdgeID, in graph: SupplyGraph) -> Bool {
        if let failedEdges { return failedEdges[edge] }
        return failedSuppliers[graph.edgeSupplier[edge].index] && (embargoedItems?[graph.edgeItem[edge].index] ?? true)
    }

    /// Whether `item` loses its unattributed share.
    /// - Complexity: O(1).
    @inlinable public func losesUnattributed(_ item: ItemID) -> Bool {
        failsUnknownOrigin && (embargoedItems?[item.index] ?? true)
    }

    /// `λ(i)`: the share of `item`'s supply lost at its own stage — its failing edges' `ŵ`, plus
    /// `u(i)` when the unattributed share is lost — whatever happens below it.
    /// - Complexity: O(edges of the item).
    public func ownLoss(of item: ItemID, in graph: SupplyGraph, shares: ShareTable) -> Double {
        var lost = losesUnattributed(item) ? shares.unattributed[item] : 0
        for e in graph.supplyEdges(of: item) where fails(e, in: graph) { lost += shares.edges[e] }
        return lost
    }

    /// Per supplier, whether at least one of its supply edges fails: the failed suppliers, or
    /// under an embargo on chosen items only those that supply one of them.
    /// - Complexity: O(suppliers), or O(supply edges) under an embargo.
    public func failingSuppliers(in graph: SupplyGraph) -> IDArray<SupplierID, Bool> {
        if embargoedItems == nil && failedEdges == nil { return failedSuppliers }
        var failing = IDArray<SupplierID, Bool>(repeating: false, count: graph.supplierCount)
        for e in graph.supplyEdgeIDs where fails(e, in: graph) { failing[graph.edgeSupplier[e].index] = true }
        return failing
    }
}
