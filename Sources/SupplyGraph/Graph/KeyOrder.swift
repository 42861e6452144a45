/// The two orders in which Chokepoint lists ids, decided here once.
///
/// - ``contract``: byte order of the UTF-8 text (code-point order), the order of every id list
///   in the JSON contracts (the article of that name) — what `sorted()` gives in Python and in most tools.
/// - ``natural``: for people — runs of digits compare as numbers, so `sys-2` comes before
///   `sys-10`; otherwise byte order. Used in tables and lists a person reads.
public enum KeyOrder: Sendable {
    /// Byte order of the UTF-8 text: the JSON contract's order.
    case contract
    /// Digit runs compared by value, then byte order: the order for people.
    case natural

    /// Whether `a` comes before `b`.
    /// - Complexity: O(length of the common prefix).
    public func precedes(_ a: String, _ b: String) -> Bool {
        switch self {
        case .contract: return a.utf8.lexicographicallyPrecedes(b.utf8)
        case .natural: return KeyOrder.naturalCompare(a, b) < 0
        }
    }

    /// The keys in this order.
    /// - Complexity: O(n log n) comparisons.
    public func sorted(_ keys: some Sequence<String>) -> [String] { keys.sorted(by: precedes) }

    /// -1, 0 or 1: digit runs by value (leading zeros ignored, then the shorter run first), the
    /// rest byte by byte. Works on the UTF-8 bytes in place (no copy per comparison).
    static func naturalCompare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in naturalCompare(x, y) } }
    }

    static func naturalCompare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0, j = 0
        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                var i2 = i, j2 = j
                while i2 < x.count && isDigit(x[i2]) { i2 += 1 }
                while j2 < y.count && isDigit(y[j2]) { j2 += 1 }
                var si = i, sj = j
                while si < i2 - 1 && x[si] == 0x30 { si += 1 }
                while sj < j2 - 1 && y[sj] == 0x30 { sj += 1 }
                let li = i2 - si, lj = j2 - sj
                if li != lj { return li < lj ? -1 : 1 }
                for k in 0..<li where x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] ? -1 : 1 }
                if i2 - i != j2 - j { return i2 - i < j2 - j ? -1 : 1 }
                i = i2; j = j2
            } else {
                if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
                i += 1; j += 1
            }
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j ? -1 : 1 }
        return 0
    }
}

extension SupplyGraph {
    /// `items` sorted by their ids in `order`.
    /// - Complexity: O(n log n) comparisons.
    public func sorted(_ items: some Sequence<ItemID>, by order: KeyOrder = .contract) -> [ItemID] {
        items.sorted { order.precedes(itemKeys[$0.index], itemKeys[$1.index]) }
    }

    /// `suppliers` sorted by their ids in `order`.
    /// - Complexity: O(n log n) comparisons.
    public func sorted(_ suppliers: some Sequence<SupplierID>, by order: KeyOrder = .contract) -> [SupplierID] {
        suppliers.sorted { order.precedes(supplierKeys[$0.index], supplierKeys[$1.index]) }
    }

    /// The ids of `items`, sorted in `order`.
    /// - Complexity: O(n log n) comparisons.
    public func keys(of items: some Sequence<ItemID>, by order: KeyOrder = .contract) -> [String] {
        order.sorted(items.map { itemKeys[$0.index] })
    }

    /// The ids of `suppliers`, sorted in `order`.
    /// - Complexity: O(n log n) comparisons.
    public func keys(of suppliers: some Sequence<SupplierID>, by order: KeyOrder = .contract) -> [String] {
        order.sorted(suppliers.map { supplierKeys[$0.index] })
    }

    /// Whether `item` has neither a supplier nor an input: a leaf the data does not map
    /// (taken as available, and listed as a data gap).
    /// - Complexity: O(1).
    public func isUnmapped(_ item: ItemID) -> Bool {
        supplyEdges(of: item).isEmpty && children(of: item).isEmpty
    }

    /// The country of a supplier's ultimate owner: its `controlledBy`, or its own country
    /// where that is not given (``Country/unknown`` when neither is known).
    /// - Complexity: O(1).
    public func controller(of supplier: SupplierID) -> Country {
        let owner = supplierControlledBy[supplier.index]
        return owner.isKnown ? owner : supplierCountries[supplier.index]
    }
}
