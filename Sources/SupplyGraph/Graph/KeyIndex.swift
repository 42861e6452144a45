#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from string ids to codes, for the one id space of items,
/// suppliers and groups: the keys stay where they are (in the records, later in the graph's
/// arrays) and a slot is 4 bytes, so 10^6 ids cost 8 MB of slots instead of a
/// `[String: Entity]` dictionary's copies of the keys.
///
/// A key is hashed over its UTF-8 bytes with the standard library's `Hasher` (SipHash-1-3,
/// seeded afresh in every process), so ids crafted to collide cannot make the linear probing
/// quadratic: nobody outside the process knows the seed. Keys are compared byte for byte (not
/// by Swift's canonical equivalence): two ids that differ only by Unicode normalisation are two
/// keys here, and the builder reports them (see ``SupplyGraphBuilder``).
///
/// Codes are `Int32` values chosen by the caller; a ``KeySource`` gives back the key of a stored
/// code so that a probe can compare ids (a generic parameter, not a closure: a closure over the
/// builder would copy it, and retain all its arrays, on every look-up).
struct KeyIndex: Sendable {
    private var slots: [Int32]
    private let mask: Int

    /// A table for up to `capacity` keys (load factor at most 1/2).
    /// - Complexity: O(capacity).
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The seeded hash of the key's UTF-8 bytes.
    /// - Complexity: O(length of the key).
    @inline(__always) static func hash(_ key: String) -> Int {
        var hasher = Hasher()
        var key = key
        key.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// Whether two keys are the same bytes.
    /// - Complexity: O(length of the keys).
    @inline(__always) static func same(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.utf8, b.utf8)
        guard x.count == y.count else { return false }
        let fast = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        return (fast ?? nil) ?? x.elementsEqual(y)
    }

    /// The code stored for `key`, if any.
    /// - Complexity: O(1) expected.
    @inline(__always) func find<Source: KeySource>(_ key: String, in source: Source) -> Int32? {
        var slot = KeyIndex.hash(key) & mask
        while true {
            let code = slots[slot]
            if code < 0 { return nil }
            if KeyIndex.same(source.key(ofCode: code), key) { return code }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `code` for `key` unless the key is there already; returns the code already
    /// stored, or nil when `code` was inserted.
    /// - Complexity: O(1) expected.
    @inline(__always) mutating func insert<Source: KeySource>(_ key: String, code: Int32, in source: Source) -> Int32? {
        var slot = KeyIndex.hash(key) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { slots[slot] = code; return nil }
            if KeyIndex.same(source.key(ofCode: existing), key) { return existing }
            slot = (slot + 1) & mask
        }
    }
}

/// What holds the keys of a ``KeyIndex``'s codes: the builder's records, later the graph.
protocol KeySource {
    /// The key stored under `code`.
    func key(ofCode code: Int32) -> String
}
