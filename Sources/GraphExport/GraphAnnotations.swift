import SupplyGraph

/// Figures to export beside the graph's own attributes: named columns of values per item, per
/// supplier and per supply edge, computed by the caller (the GraphML and graph-JSON writers
/// decide nothing about risk).
public struct GraphAnnotations: Sendable {
    /// GraphML's attribute types.
    public enum ValueType: String, Sendable { case string, double, int, boolean }

    /// One attribute value.
    public enum Value: Sendable, Equatable {
        case string(String), number(Double), integer(Int), bool(Bool), strings([String])
    }

    /// A named attribute with a value (or none) per node or edge.
    public struct Column: Sendable {
        /// The attribute name (`hhi`, `spofOf`, ...).
        public let name: String
        /// Its GraphML type.
        public let type: ValueType
        /// The value per node or edge, indexed by its id; `nil` where it has none.
        public let values: [Value?]
        /// Creates a column.
        /// - Complexity: O(1).
        public init(_ name: String, _ type: ValueType, _ values: [Value?]) {
            self.name = name; self.type = type; self.values = values
        }
    }

    /// Columns indexed by `ItemID`.
    public var items: [Column]
    /// Columns indexed by `SupplierID`.
    public var suppliers: [Column]
    /// Columns indexed by `SupplyEdgeID`.
    public var supplyEdges: [Column]
    /// Columns indexed by BOM edge number (an index into `SupplyGraph.usesChild`).
    public var usesEdges: [Column] = []

    /// Annotations from their columns.
    /// - Complexity: O(1).
    public init(items: [Column] = [], suppliers: [Column] = [], supplyEdges: [Column] = []) {
        self.items = items; self.suppliers = suppliers; self.supplyEdges = supplyEdges
    }
}
