import SupplyGraph

/// Propagated non-EU exposure (the article "Risk figures").
public enum Exposure {
    /// The exposure from which a system's reliance on supply from outside the perimeter is
    /// worth a warning: one unit in two traced back meets an outside supplier (`x ≥ 0.5`).
    public static let highThreshold = 0.5

    /// Whether `x` reaches ``highThreshold``.
    /// - Complexity: O(1).
    public static func isHigh(_ x: Double) -> Bool { x >= highThreshold }

    /// `x(i)` for every item: the chance that a unit traced back through the chain, choosing
    /// suppliers in proportion to their shares, meets a supplier outside the perimeter at some
    /// tier, with inputs taken as independent.
    ///
    /// `x(e) = 1` if the edge's supplier is outside; else `1 − Π_c (1 − x_e(c))` over the
    /// children of the item, where `x_e(c)` is `x(c)` or, with `sourcedFrom`, the mean of `x`
    /// over the named suppliers' edges to `c` weighted by their normalised shares (equal weights
    /// if those are all 0). `x(i) = Σ ŵ(e) x(e) + u(i)` (unattributed supply counts as outside);
    /// an item without supply edges takes `1 − Π_c (1 − x(c))` (0 for a leaf).
    ///
    /// Each edge composes its inputs as a series system of independent components, and the
    /// item mixes its edges by share (the law of total probability): the series composition of
    /// reliability theory (Barlow and Proschan, *Statistical Theory of Reliability and Life
    /// Testing*, 1975), with "outside the perimeter" in place of "failed".
    ///
    /// Example: a part made 0.5 by an EU supplier whose input comes 0.8 from China, and 0.5 by
    /// an EU supplier that buys that input only from Sweden: `x = 0.5·0.8 + 0.5·0 = 0.4`.
    ///
    /// - Parameters:
    ///   - graph: the graph.
    ///   - shares: the normalised and unattributed shares.
    ///   - outside: for each supplier, whether it lies outside the perimeter.
    /// - Returns: `x` per item and per supply edge.
    /// - Complexity: O(items + BOM edges + supply edges + sourcing entries · children).
    public static func compute(_ graph: SupplyGraph, shares: ShareTable, outside: IDArray<SupplierID, Bool>)
        -> (items: IDArray<ItemID, Double>, edges: IDArray<SupplyEdgeID, Double>)
    {
        var item = IDArray<ItemID, Double>(repeating: 0, count: graph.itemCount)
        var edge = IDArray<SupplyEdgeID, Double>(repeating: 0, count: graph.supplyEdgeCount)
        for i in graph.topologicalOrder {
            var safe = 1.0 // Π (1 − x(c)) over the children
            for c in graph.children(of: i) { safe *= 1 - item[c.index] }
            let edges = graph.supplyEdges(of: i)
            if edges.isEmpty { item[i.index] = 1 - safe; continue }
            var total = shares.unattributed[i]
            for e in edges {
                let x: Double
                if outside[graph.edgeSupplier[e].index] {
                    x = 1
                } else {
                    let entries = graph.sourcingEntries(of: e)
                    if entries.isEmpty {
                        x = 1 - safe
                    } else {
                        var edgeSafe = 1.0
                        for c in graph.children(of: i) {
                            if let entry = entries.first(where: { graph.sourcingInput(ofEntry: $0) == c }) {
                                edgeSafe *= 1 - shares.weightedMean(over: graph.sourcingEdges(ofEntry: entry), of: edge)
                            } else {
                                edgeSafe *= 1 - item[c.index]
                            }
                        }
                        x = 1 - edgeSafe
                    }
                }
                edge[e] = x
                total += shares.edges[e] * x
            }
            item[i.index] = total
        }
        return (item, edge)
    }
}
