/// A typed id of a ``SupplyGraph``: a position in the arrays of one kind of record, so that an
/// item's number can never index a supplier's array (as petgraph's `NodeIndex`).
public protocol GraphID: Hashable, Comparable, Sendable {
    /// The id at an array position.
    init(_ index: Int)
    /// The position as an `Int`.
    var index: Int { get }
}

extension ItemID: GraphID {}
extension SupplierID: GraphID {}
extension SupplyEdgeID: GraphID {}
extension UsesEdgeID: GraphID {}

/// An array indexed by a typed id: one value per item, per supplier or per edge of a graph.
///
/// `values[item]` reads the value of `item`; a plain `Int` position works too (the collection's
/// own index), for loops over every position.
public struct IDArray<ID: GraphID, Element>: RandomAccessCollection, MutableCollection {
    /// The values, in id order.
    public var elements: [Element]

    /// The values of `elements`, the first for id 0.
    /// - Complexity: O(1).
    @inlinable public init(_ elements: [Element]) { self.elements = elements }

    /// `count` copies of `value`.
    /// - Complexity: O(count).
    @inlinable public init(repeating value: Element, count: Int) { elements = [Element](repeating: value, count: count) }

    /// The first position, 0.
    /// - Complexity: O(1).
    @inlinable public var startIndex: Int { 0 }

    /// One past the last position.
    /// - Complexity: O(1).
    @inlinable public var endIndex: Int { elements.count }

    /// The value at a position.
    /// - Complexity: O(1).
    @inlinable public subscript(position: Int) -> Element {
        get { elements[position] }
        set { elements[position] = newValue }
    }

    /// The value of `id`.
    /// - Complexity: O(1).
    @inlinable public subscript(id: ID) -> Element {
        get { elements[id.index] }
        set { elements[id.index] = newValue }
    }

    /// Every id, in order.
    /// - Complexity: O(1) to create.
    public var ids: some RandomAccessCollection<ID> { (0..<elements.count).lazy.map(ID.init) }
}

extension IDArray: Sendable where Element: Sendable {}
extension IDArray: Equatable where Element: Equatable {}
extension IDArray: Hashable where Element: Hashable {}

extension IDArray: ExpressibleByArrayLiteral {
    /// The values of a literal, the first for id 0 (`graph.itemKeys == ["a", "b"]`).
    /// - Complexity: O(count).
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

/// A contiguous run of typed ids, such as the supply edges into one item.
public struct IDRange<ID: GraphID>: RandomAccessCollection, Hashable, Sendable {
    /// The first id.
    public let lowerBound: ID
    /// One past the last id.
    public let upperBound: ID

    /// The ids from `lowerBound` up to, not including, `upperBound`.
    /// - Complexity: O(1).
    @inlinable public init(_ lowerBound: ID, _ upperBound: ID) { self.lowerBound = lowerBound; self.upperBound = upperBound }

    /// The ids of the positions `range`.
    /// - Complexity: O(1).
    @inlinable public init(_ range: Range<Int>) { self.init(ID(range.lowerBound), ID(range.upperBound)) }

    /// The first position.
    /// - Complexity: O(1).
    @inlinable public var startIndex: Int { lowerBound.index }
    /// One past the last position.
    /// - Complexity: O(1).
    @inlinable public var endIndex: Int { upperBound.index }
    /// The id at a position.
    /// - Complexity: O(1).
    @inlinable public subscript(position: Int) -> ID { ID(position) }
}
