/// One `sourcedFrom` link: a buyer's supply edge and one supplier it names for an input.
public struct SourcingLink: Hashable, Sendable {
    /// The buyer's supply edge.
    public let edge: SupplyEdgeID
    /// The named sub-supplier.
    public let supplier: SupplierID
    /// Creates a link.
    /// - Complexity: O(1).
    public init(edge: SupplyEdgeID, supplier: SupplierID) { self.edge = edge; self.supplier = supplier }
}
