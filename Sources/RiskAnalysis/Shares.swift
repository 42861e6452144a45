import SupplyGraph

/// Normalised shares, the unattributed share and coverage (the article "Risk figures", "Normalised shares").
///
/// For the supply edges `E(i)` of an item with given shares `w(e)`:
/// - none given: each edge gets `1/|E(i)|`;
/// - some given: the others split `max(0, 1 − Σ w)` equally; if the total is above 1, every
///   share is divided by it;
/// - all given, summing to `s`: above 1 (within the import tolerance) they are divided by `s`;
///   at `s ≥ 1 − ε` they stay as given; below, they stay as given and the rest
///   `u(i) = 1 − s` is the **unattributed** share — supply that exists but is not mapped. A
///   share is never scaled up: scaling would invent concentration (vanadium processing in the
///   EU CRM 2023 table: China 61.5 % of a row summing to 88.7 %, not 69.3 %);
/// - all given and all 0: equal split.
///
/// So `Σ_e ŵ(e) + u(i) = 1` for every item with supply edges.
///
/// Example: an item with one edge `CN 0.98` gets `ŵ = 0.98`, `u = 0.02`, coverage 0.98.
public struct ShareTable: Sendable {
    /// `ŵ(e)` per supply edge, indexed by `SupplyEdgeID`.
    public let edges: IDArray<SupplyEdgeID, Double>
    /// `u(i)` per item, indexed by `ItemID` (0 for items without supply edges).
    public let unattributed: IDArray<ItemID, Double>

    /// Normalises the shares of every item.
    /// - Complexity: O(items + supply edges).
    public init(_ graph: SupplyGraph) {
        var shares = IDArray<SupplyEdgeID, Double>(repeating: 0, count: graph.supplyEdgeCount)
        var unattributed = IDArray<ItemID, Double>(repeating: 0, count: graph.itemCount)
        for item in graph.items {
            let edges = graph.supplyEdges(of: item)
            if edges.isEmpty { continue }
            var given = 0.0, missing = 0
            for e in edges {
                if let share = graph.edgeShare[e] { given += share } else { missing += 1 }
            }
            let equal = 1 / Double(edges.count)
            if missing == edges.count || (missing == 0 && given == 0) {
                for e in edges { shares[e] = equal }
                continue
            }
            let rest = missing > 0 ? max(0, 1 - given) / Double(missing) : 0
            var total = 0.0
            for e in edges {
                let share = graph.edgeShare[e] ?? rest
                shares[e] = share
                total += share
            }
            if total > 1 {
                for e in edges { shares[e] /= total }
            } else if total == 0 {
                for e in edges { shares[e] = equal }
            } else if missing == 0 && !Tolerance.reaches(total, 1) {
                unattributed[item.index] = 1 - total
            }
        }
        self.edges = shares
        self.unattributed = unattributed
    }

    /// `coverage(i)`: the sum of the shares given on the edges into `item`, or 1 when none is
    /// given (also when the item has no supply edge). Below 1 the data leaves part of the
    /// item's supply unmapped.
    /// - Complexity: O(edges of the item).
    public static func coverage(of item: ItemID, in graph: SupplyGraph) -> Double {
        var given = 0.0, any = false
        for e in graph.supplyEdges(of: item) {
            if let share = graph.edgeShare[e] { given += share; any = true }
        }
        return any ? given : 1
    }

    /// `Σ ŵ(e) v(e) / Σ ŵ(e)` over `named`, with equal weights if their shares are all 0: how
    /// a `sourcedFrom` buyer sees the input it buys from the named suppliers, for exposure and
    /// for the supply fraction alike.
    /// - Complexity: O(named edges).
    @inline(__always)
    public func weightedMean(over named: ArraySlice<SupplyEdgeID>, of values: IDArray<SupplyEdgeID, Double>) -> Double {
        var weight = 0.0, sum = 0.0
        for t in named { weight += edges[t.index]; sum += edges[t.index] * values[t.index] }
        if weight > 0 { return sum / weight }
        return named.reduce(0) { $0 + values[$1.index] } / Double(named.count)
    }
}
