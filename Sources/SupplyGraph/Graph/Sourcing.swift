/// Where one supplier gets one input: the suppliers it names and their edges to that input.
public struct Sourcing: Sendable {
    /// The input item (a BOM child of the supplied item).
    public let input: ItemID
    /// The suppliers named in `sourcedFrom`.
    public let suppliers: ArraySlice<SupplierID>
    /// Those suppliers' supply edges to `input`.
    public let edges: ArraySlice<SupplyEdgeID>
}
