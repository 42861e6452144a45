import SupplyGraph

extension SupplyGraph {
    /// Whether `item` is single-sourced: it has supply edges and every one of them comes from
    /// the same supplier (one distinct supplier, however many rows it has).
    ///
    /// The one statement of the rule: the concentration figures (``Concentration/singleSource``),
    /// the hidden single points of failure and the map diff all read it.
    ///
    /// Example: an item supplied by `a` twice (two rows) is single-sourced; one supplied by `a`
    /// and `b` is not; an item without supply edges (a leaf or an assembly) is not.
    /// - Complexity: O(e) for the item's e supply edges.
    @inlinable public func isSingleSourced(_ item: ItemID) -> Bool {
        let edges = supplyEdges(of: item)
        guard let first = edges.first else { return false }
        let supplier = edgeSupplier[first]
        return edges.allSatisfy { edgeSupplier[$0] == supplier }
    }
}
