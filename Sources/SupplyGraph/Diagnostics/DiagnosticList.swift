/// Warnings as a count per code and the first few of each code, so that memory does not grow
/// with the number of warnings (a million unused materials are a million counts, not a million
/// messages).
///
/// As a collection it holds the kept diagnostics, in the order they were added (or sorted, see
/// ``sort(by:)``); ``totalCount`` and ``count(of:)`` count all of them.
public struct DiagnosticList: RandomAccessCollection, Sendable {
    /// The diagnostics kept.
    public private(set) var kept: [Diagnostic] = []
    /// How many of each code were added, kept or not.
    public private(set) var counts: [Diagnostic.Code: Int] = [:]
    /// How many were added in all.
    public private(set) var totalCount = 0
    /// How many of each code are kept; `nil`: all.
    public let keptPerCode: Int?

    /// An empty list that keeps `keptPerCode` diagnostics of each code (`nil`: all of them).
    /// - Complexity: O(1).
    public init(keptPerCode: Int? = 100) { self.keptPerCode = keptPerCode.map { Swift.max(0, $0) } }

    /// Whether a diagnostic of `code` added now would be kept: only then need its message be made.
    /// - Complexity: O(1) expected.
    public func keeps(_ code: Diagnostic.Code) -> Bool {
        guard let keptPerCode else { return true }
        return counts[code, default: 0] < keptPerCode
    }

    /// Counts a diagnostic of `code`, and keeps the one `make` makes when ``keeps(_:)`` says so
    /// (`make` is not called otherwise).
    /// - Complexity: O(1) expected, amortised.
    public mutating func add(_ code: Diagnostic.Code, _ make: () -> Diagnostic) {
        if keeps(code) { kept.append(make()) }
        counts[code, default: 0] += 1
        totalCount += 1
    }

    /// Counts and keeps (when ``keeps(_:)``) a diagnostic.
    /// - Complexity: O(1) expected, amortised.
    public mutating func add(_ diagnostic: Diagnostic) { add(diagnostic.code) { diagnostic } }

    /// Adds everything `other` counted and kept (keeping no more than this list keeps per code).
    /// - Complexity: O(other's kept diagnostics and codes).
    public mutating func add(contentsOf other: DiagnosticList) {
        var taken: [Diagnostic.Code: Int] = [:]
        for diagnostic in other.kept where keeps(diagnostic.code) {
            kept.append(diagnostic)
            counts[diagnostic.code, default: 0] += 1
            taken[diagnostic.code, default: 0] += 1
        }
        for (code, count) in other.counts { counts[code, default: 0] += count - taken[code, default: 0] }
        totalCount += other.totalCount
    }

    /// How many of `code` were added.
    /// - Complexity: O(1) expected.
    public func count(of code: Diagnostic.Code) -> Int { counts[code, default: 0] }

    /// How many were added but not kept.
    /// - Complexity: O(1).
    public var omittedCount: Int { totalCount - kept.count }

    /// The codes with their counts, most frequent first (ties by code).
    /// - Complexity: O(codes · log codes).
    public var tally: [(code: Diagnostic.Code, count: Int)] {
        counts.map { (code: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }

    /// Sorts the kept diagnostics.
    /// - Complexity: O(kept · log kept).
    public mutating func sort(by areInIncreasingOrder: (Diagnostic, Diagnostic) -> Bool) {
        kept = kept.enumerated().sorted { a, b in
            areInIncreasingOrder(a.element, b.element) || (!areInIncreasingOrder(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }

    /// Changes every kept diagnostic (a reader adds locations).
    /// - Complexity: O(kept).
    public mutating func update(_ change: (inout Diagnostic) -> Void) {
        for k in kept.indices { change(&kept[k]) }
    }

    /// The position of the first kept diagnostic.
    /// - Complexity: O(1).
    public var startIndex: Int { 0 }
    /// The position after the last kept diagnostic.
    /// - Complexity: O(1).
    public var endIndex: Int { kept.count }
    /// The kept diagnostic at `position`.
    /// - Complexity: O(1).
    public subscript(position: Int) -> Diagnostic { kept[position] }
}
