/// The index of an item (system, component or material) in a ``SupplyGraph``.
///
/// Typed indices keep item, supplier and edge numbers from being mixed up; each is a
/// `UInt32` position into the graph's parallel arrays.
public struct ItemID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the graph's item arrays.
    public let rawValue: UInt32
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(truncatingIfNeeded: index) }
    /// The position as an `Int`, for subscripting.
    /// - Complexity: O(1).
    @inlinable public var index: Int { Int(rawValue) }
    /// Orders by position.
    /// - Complexity: O(1).
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `item#12`, for debugging (the graph's `itemKeys` has the id of the data).
    /// - Complexity: O(1).
    public var description: String { "item#\(rawValue)" }
}

/// The index of a supplier in a ``SupplyGraph``.
public struct SupplierID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the graph's supplier arrays.
    public let rawValue: UInt32
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(truncatingIfNeeded: index) }
    /// The position as an `Int`, for subscripting.
    /// - Complexity: O(1).
    @inlinable public var index: Int { Int(rawValue) }
    /// Orders by position.
    /// - Complexity: O(1).
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    /// `supplier#12`, for debugging (the graph's `supplierKeys` has the id of the data).
    /// - Complexity: O(1).
    public var description: String { "supplier#\(rawValue)" }
}

/// The index of a supply edge (supplier → item) in a ``SupplyGraph``.
///
/// Supply edges are stored sorted by the item they supply, so the edges into one item are a
/// contiguous range of ids.
public struct SupplyEdgeID: Hashable, Comparable, Sendable {
    /// The position in the graph's supply-edge arrays.
    public let rawValue: UInt32
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(truncatingIfNeeded: index) }
    /// The position as an `Int`, for subscripting.
    /// - Complexity: O(1).
    @inlinable public var index: Int { Int(rawValue) }
    /// Orders by position.
    /// - Complexity: O(1).
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The index of a BOM edge (parent uses child) in a ``SupplyGraph``.
public struct UsesEdgeID: Hashable, Comparable, Sendable {
    /// The position in the graph's BOM-edge arrays.
    public let rawValue: UInt32
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// Creates an id from an array position.
    /// - Complexity: O(1).
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(truncatingIfNeeded: index) }
    /// The position as an `Int`, for subscripting.
    /// - Complexity: O(1).
    @inlinable public var index: Int { Int(rawValue) }
    /// Orders by position.
    /// - Complexity: O(1).
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// What an item is.
public enum ItemKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// A weapon system or platform.
    case system
    /// A part, assembly or semi-finished product.
    case component
    /// A raw or processed material; each processing stage is a material of its own.
    case material

    /// The XML element name and JSON spelling: `system`, `component` or `material`.
    /// - Complexity: O(1).
    public var description: String {
        switch self {
        case .system: "system"
        case .component: "component"
        case .material: "material"
        }
    }
}
