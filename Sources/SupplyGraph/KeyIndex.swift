/// An open-addressing hash table from string ids to record numbers, for the builder's one id
/// space: the keys stay where they are (in the records) and a slot is 4 bytes, so 10^6 ids cost
/// 8 MB instead of a `[String: Entity]` dictionary's copies, and a look-up hashes the id's
/// bytes with FNV-1a instead of Swift's seeded SipHash.
///
/// Values are `Int32` codes chosen by the caller; `keyOf` gives back the key of a stored code
/// so that a probe can compare ids.
struct KeyIndex {
    private var slots: [Int32]
    private let mask: Int

    /// A table for up to `capacity` keys (load factor at most 1/2).
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// FNV-1a over the UTF-8 bytes, with the high bits folded in.
    @inline(__always) static func hash(_ key: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The code stored for `key`, if any.
    /// - Complexity: O(1) expected.
    @inline(__always) func find(_ key: String, keyOf: (Int32) -> String) -> Int32? {
        var slot = KeyIndex.hash(key) & mask
        while true {
            let code = slots[slot]
            if code < 0 { return nil }
            if keyOf(code) == key { return code }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `code` for `key` unless the key is there already; returns the code already
    /// stored, or nil when `code` was inserted.
    /// - Complexity: O(1) expected.
    @inline(__always) mutating func insert(_ key: String, code: Int32, keyOf: (Int32) -> String) -> Int32? {
        var slot = KeyIndex.hash(key) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { slots[slot] = code; return nil }
            if keyOf(existing) == key { return existing }
            slot = (slot + 1) & mask
        }
    }
}

/// Adjacency lists in compressed-sparse-row form: the targets of node `i` are
/// `targets[offsets[i]..<offsets[i + 1]]`, in the order they were given.
struct Adjacency {
    let offsets: [Int]
    let targets: [Int]

    /// Groups `pairs` (source, target) by source, keeping their order within a source (a
    /// stable counting sort).
    /// - Complexity: O(nodes + pairs).
    init(nodes: Int, pairs: (_ emit: (Int, Int) -> Void) -> Void) {
        var counts = [Int](repeating: 0, count: nodes + 1)
        pairs { source, _ in counts[source + 1] += 1 }
        for i in 0..<nodes { counts[i + 1] += counts[i] }
        var cursor = counts
        var targets = [Int](repeating: 0, count: counts[nodes])
        pairs { source, target in targets[cursor[source]] = target; cursor[source] += 1 }
        offsets = counts
        self.targets = targets
    }

    /// The number of nodes.
    var count: Int { offsets.count - 1 }

    /// The targets of `node`.
    @inline(__always) subscript(node: Int) -> ArraySlice<Int> { targets[offsets[node]..<offsets[node + 1]] }

    /// The reverse adjacency (target to source), sources in ascending order per target.
    func reversed() -> Adjacency {
        Adjacency(nodes: count) { emit in
            for source in 0..<count { for target in self[source] { emit(target, source) } }
        }
    }
}
