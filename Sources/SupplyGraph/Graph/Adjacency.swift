/// Rows in compressed-sparse-row form — the one CSR builder of the package: the entries of row
/// `r` are `entries[offsets[r]..<offsets[r + 1]]`, in the order they were given.
///
/// The builder groups records by row with it (BOM edges by parent, supply edges by item, ...)
/// and the graph keeps its `offsets` as they are; an entry is whatever the caller numbers
/// (a record, an edge slot, a child).
struct Adjacency: Sendable {
    /// `rows + 1` offsets into ``entries``.
    let offsets: [UInt32]
    /// The entries, grouped by row.
    let entries: [UInt32]

    /// Groups the pairs (row, entry) that `pairs` emits by row, keeping their order within a row
    /// (a stable counting sort). `pairs` is called twice and must emit the same pairs each time.
    /// - Complexity: O(rows + pairs).
    init(rows: Int, pairs: (_ emit: (Int, Int) -> Void) -> Void) {
        var offsets = [UInt32](repeating: 0, count: rows + 1)
        pairs { row, _ in offsets[row + 1] += 1 }
        for r in 0..<rows { offsets[r + 1] += offsets[r] }
        var cursor = offsets
        var entries = [UInt32](repeating: 0, count: Int(offsets[rows]))
        pairs { row, entry in entries[Int(cursor[row])] = UInt32(truncatingIfNeeded: entry); cursor[row] += 1 }
        self.offsets = offsets
        self.entries = entries
    }

    /// The positions in ``entries`` of row `row`.
    /// - Complexity: O(1).
    @inline(__always) func range(of row: Int) -> Range<Int> { Int(offsets[row])..<Int(offsets[row + 1]) }

    /// The entries of `row`.
    /// - Complexity: O(1).
    @inline(__always) subscript(row: Int) -> ArraySlice<UInt32> { entries[range(of: row)] }

    /// The number of entries in `row`.
    /// - Complexity: O(1).
    @inline(__always) func count(of row: Int) -> Int { Int(offsets[row + 1] - offsets[row]) }
}
