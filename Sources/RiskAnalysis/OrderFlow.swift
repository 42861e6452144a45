import SupplyGraph

/// The orders that run down the chain under a disruption (<doc:StockpileModel>, "Order flow"),
/// and what each stage loses of them at its own stage.
///
/// Orders are exploded parents first: an item's order is its own demand plus what its buyers
/// send down; a surviving supply edge `b` of a parent `p` with order `x(b)` sends `x(b)·q(p, c)`
/// to each child `c` — into its `sourcedFrom` channel for `c` if it names one (split over the
/// named edges by `ŵ`), else to `c`'s open market (split over all of `c`'s edges by `ŵ`, the
/// unattributed share to unknown suppliers, who send nothing further down). Failed edges send
/// nothing. With `netting`, an item's stock left after covering its own-stage shortfall replaces
/// orders to its surviving suppliers (MRP netting).
struct OrderFlow {
    /// Per item, everything ordered of it (`H(i)` or `o(i)`).
    var order: [Double]
    /// Per item, the part of its order lost at its own stage (`S(i)`).
    var shortfall: [Double]
    /// Per supply edge, the order placed on it (`x(e)`).
    var edgeOrder: IDArray<SupplyEdgeID, Double>
    /// Per item, its open-market order (its order less what arrives through channels).
    var marketOrder: [Double]
    /// Per item, the stock added by the plan (`T(i)`; 0 without netting).
    var target: [Double]

    /// Explodes `scale ·` demand (`D/365` for a horizon of `D` days, `1/365` for a day).
    /// - Complexity: O(items + BOM edges · supply edges per item + sourcing entries).
    init(_ graph: SupplyGraph, shares: ShareTable, disruption: Disruption, scale: Double, netting: Bool) {
        let n = graph.itemCount
        var market = [Double](repeating: 0, count: n)
        var total = [Double](repeating: 0, count: n)
        var shortfall = [Double](repeating: 0, count: n)
        var target = [Double](repeating: 0, count: n)
        var edgeOrder = IDArray<SupplyEdgeID, Double>(repeating: 0, count: graph.supplyEdgeCount)
        for i in graph.topologicalOrder.reversed() {
            let k = i.index
            let own = graph.itemDemand[k] * scale
            market[k] += own
            total[k] += own
            let supply = graph.supplyEdges(of: i)
            var alive = 0.0
            if !supply.isEmpty {
                // The open market: every edge by ŵ, the unattributed share to unknown suppliers.
                for e in supply {
                    edgeOrder[e] += market[k] * shares.edges[e]
                    if disruption.fails(e, in: graph) { shortfall[k] += market[k] * shares.edges[e] }
                }
                if disruption.losesUnattributed(i) { shortfall[k] += market[k] * shares.unattributed[k] }
                for e in supply where !disruption.fails(e, in: graph) { alive += edgeOrder[e] }
            } else {
                alive = total[k]
            }
            var rho = 0.0
            if netting {
                let stock = graph.itemStock[k]
                let covered = min(stock, shortfall[k])
                target[k] = shortfall[k] - covered
                if alive > 0 { rho = min(1, (stock - covered) / alive) }
            }
            let keep = 1 - rho
            if keep <= 0 { continue }
            let uses = graph.usesEdges(of: i)
            if supply.isEmpty {
                for u in uses {
                    let c = graph.usesChild[u].index
                    let flow = total[k] * keep * graph.usesQuantity[u]
                    market[c] += flow
                    total[c] += flow
                }
                continue
            }
            for e in supply where !disruption.fails(e, in: graph) && edgeOrder[e] > 0 {
                let entries = graph.sourcingEntries(of: e)
                for u in uses {
                    let child = graph.usesChild[u]
                    let flow = edgeOrder[e] * keep * graph.usesQuantity[u]
                    if flow == 0 { continue }
                    total[child.index] += flow
                    guard let entry = entries.first(where: { graph.sourcingInput(ofEntry: $0) == child }) else {
                        market[child.index] += flow
                        continue
                    }
                    // A channel: the named suppliers' edges, by ŵ (equal if all 0).
                    let named = graph.sourcingEdges(ofEntry: entry)
                    var weight = 0.0
                    for t in named { weight += shares.edges[t] }
                    for t in named {
                        let part = flow * (weight > 0 ? shares.edges[t] / weight : 1 / Double(named.count))
                        edgeOrder[t.index] += part
                        if disruption.fails(t, in: graph) { shortfall[child.index] += part }
                    }
                }
            }
        }
        order = total
        self.shortfall = shortfall
        self.edgeOrder = edgeOrder
        marketOrder = market
        self.target = target
    }
}
