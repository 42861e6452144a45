import SupplyGraph

/// Normalised shares and coverage (DESIGN §3).
public enum Shares {
    /// The normalised share `ŵ(e)` of every supply edge.
    ///
    /// If no edge into an item has a share, each gets `1/n`. If some do, the others split what
    /// remains of 1 equally (0 if nothing remains); then all are divided by their sum (an equal
    /// split again if that sum is 0). The shares into an item with supply edges sum to 1.
    ///
    /// - Returns: one share per edge, indexed by `SupplyEdgeID`.
    /// - Complexity: O(items + supply edges).
    public static func normalised(_ graph: SupplyGraph) -> [Double] {
        var result = [Double](repeating: 0, count: graph.supplyEdgeCount)
        for item in graph.items {
            let edges = graph.supplyEdges(of: item)
            if edges.isEmpty { continue }
            var given = 0.0, missing = 0
            for e in edges {
                if let share = graph.edgeShare[e] { given += share } else { missing += 1 }
            }
            let rest = missing > 0 ? max(0, 1 - given) / Double(missing) : 0
            var sum = 0.0
            for e in edges {
                let share = graph.edgeShare[e] ?? rest
                result[e] = share
                sum += share
            }
            if sum > 0 {
                for e in edges { result[e] /= sum }
            } else {
                let equal = 1 / Double(edges.count)
                for e in edges { result[e] = equal }
            }
        }
        return result
    }

    /// `coverage(i)`: the sum of the shares given on the edges into `item`, or 1 when none is
    /// given (also when the item has no supply edge).
    /// - Complexity: O(edges of the item).
    public static func coverage(of item: ItemID, in graph: SupplyGraph) -> Double {
        var given = 0.0, any = false
        for e in graph.supplyEdges(of: item) {
            if let share = graph.edgeShare[e] { given += share; any = true }
        }
        return any ? given : 1
    }
}
