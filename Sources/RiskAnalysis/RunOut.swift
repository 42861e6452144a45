import HeapModule
import SupplyGraph

/// The time to survive under a disruption with today's stock (<doc:StockpileModel>, part 2):
/// every item fills the gap between its full-rate orders and what its suppliers deliver from its
/// stock while the stock lasts; between two run-outs every rate is constant, so the model is
/// solved exactly, one run-out at a time.
struct RunOut {
    /// Per item, the first day its fill falls below 1 (its stock runs out, or at day 0 an item
    /// without stock that loses supply); `.infinity` if never (within the cap).
    var firstShort: [Double]
    /// Per item, the item whose run-out (or, at day 0, whose own loss) made it short first.
    var cause: [ItemID?]
    /// Per item, its fill at day 0 with no stock at all: `φ` (the article "The stockpile model").
    var supplyFraction: [Double]
    /// Per item, where its loss at day 0 without stock comes from: itself when its own-stage
    /// loss is the larger part, else the origin of its scarcest input's loss.
    var lossFrom: [ItemID?]

    /// One run-out: the item whose stock ends at `time`, `version` to skip stale entries.
    struct Event: Comparable {
        var time: Double
        var item: Int32
        var version: Int32
        static func < (a: Event, b: Event) -> Bool { a.time != b.time ? a.time < b.time : a.item < b.item }
    }

    /// Runs the chain from day 0 until no stock is left to run out (or past `cap` days).
    /// - Parameters:
    ///   - flow: the full-rate daily orders (not netted).
    ///   - ownLoss: `λ(i)` per item, to tell an item's own loss from what it inherits.
    /// - Complexity: O(items + edges) for day 0, then per run-out the cone above the item that
    ///   runs out (O(Σ cones · log)), each stocked item running out at most once.
    init(_ graph: SupplyGraph, shares: ShareTable, disruption: Disruption, flow: OrderFlow, ownLoss: [Double], cap: Double) {
        let n = graph.itemCount
        let epsilon = Tolerance.figure
        var fill = IDArray<ItemID, Double>(repeating: 1, count: n)
        var phiEdge = IDArray<SupplyEdgeID, Double>(repeating: 1, count: graph.supplyEdgeCount)
        var stocked = graph.itemStock.map { $0 > 0 }
        var stockLeft = graph.itemStock
        var lastTime = [Double](repeating: 0, count: n)
        var gap = [Double](repeating: 0, count: n)
        var version = [Int32](repeating: 0, count: n)
        var firstShort = [Double](repeating: .infinity, count: n)
        var cause = [ItemID?](repeating: nil, count: n)
        let fails: (SupplyEdgeID) -> Bool = { disruption.fails($0, in: graph) }

        /// σ(i) from the current fills; writes φ(e) of its edges; returns σ and the gap rate.
        func evaluate(_ i: ItemID, stocked isStocked: (ItemID) -> Bool) -> (sigma: Double, gap: Double) {
            let keeps = !disruption.losesUnattributed(i)
            let sigma = SupplyFraction.evaluate(i, graph: graph, shares: shares, items: fill, edges: &phiEdge,
                                                fails: fails, keepsUnattributed: keeps, stocked: isStocked)
            let k = i.index
            let supply = graph.supplyEdges(of: i)
            var delivered: Double
            if supply.isEmpty {
                delivered = flow.order[k] * sigma
            } else {
                delivered = keeps ? flow.marketOrder[k] * shares.unattributed[k] : 0
                for e in supply { delivered += flow.edgeOrder[e] * phiEdge[e] }
            }
            return (sigma, max(0, flow.order[k] - delivered))
        }
        /// The origin of `i`'s shortage: itself if its own-stage loss is the larger part, else
        /// the origin of its scarcest input.
        func origin(of i: ItemID, sigma: Double) -> ItemID? {
            var scarcest: ItemID? = nil
            for c in graph.children(of: i) where fill[c.index] < 1 - epsilon {
                if scarcest.map({ fill[c.index] < fill[$0.index]
                    || (fill[c.index] == fill[$0.index] && KeyOrder.contract.precedes(graph.itemKeys[c], graph.itemKeys[$0])) }) ?? true {
                    scarcest = c
                }
            }
            guard let child = scarcest else { return i }
            // What its own stage loses, against what the surviving suppliers fail to get.
            let own = ownLoss[i.index], inherited = max(0, 1 - own - sigma)
            return own >= inherited ? i : (cause[child.index] ?? child)
        }

        // Day 0 without any stock: φ and where each item's loss comes from.
        var phi = [Double](repeating: 1, count: n)
        var lossFrom = [ItemID?](repeating: nil, count: n)
        for i in graph.topologicalOrder {
            let (sigma, _) = evaluate(i) { _ in false }
            fill[i.index] = sigma
            phi[i.index] = sigma
            if sigma < 1 - epsilon { cause[i.index] = origin(of: i, sigma: sigma); lossFrom[i.index] = cause[i.index] }
        }
        // Day 0 with today's stock.
        cause = [ItemID?](repeating: nil, count: n)
        var heap = Heap<Event>()
        for i in graph.topologicalOrder {
            let k = i.index
            let (sigma, g) = evaluate(i) { stocked[$0.index] }
            gap[k] = g
            if stocked[k] {
                fill[k] = 1
                if g > 0 { heap.insert(Event(time: stockLeft[k] / g, item: Int32(k), version: 0)) }
            } else {
                fill[k] = sigma
                if sigma < 1 - epsilon { firstShort[k] = 0; cause[k] = origin(of: i, sigma: sigma) }
            }
        }
        // Run-outs, one at a time; each re-evaluates the cone above the item that runs out.
        var queue = TopologicalQueue(graph)
        while let event = heap.popMin(), event.time <= cap {
            let k = Int(event.item)
            guard stocked[k], event.version == version[k] else { continue }
            let t = event.time
            stocked[k] = false
            stockLeft[k] = 0
            let item = ItemID(k)
            let (sigma, _) = evaluate(item) { stocked[$0.index] }
            fill[k] = sigma
            if firstShort[k] == .infinity { firstShort[k] = t; cause[k] = item }
            queue.nextRound()
            for u in graph.usedBy(item) { queue.push(graph.usesParent[u]) }
            while let p = queue.pop() {
                let j = p.index
                if stocked[j] {
                    stockLeft[j] -= gap[j] * (t - lastTime[j])
                    lastTime[j] = t
                    let (_, g) = evaluate(p) { stocked[$0.index] }
                    gap[j] = g
                    version[j] += 1
                    if g > 0 { heap.insert(Event(time: t + max(0, stockLeft[j]) / g, item: Int32(j), version: version[j])) }
                    continue
                }
                let old = fill[j]
                let (sigma, g) = evaluate(p) { stocked[$0.index] }
                gap[j] = g
                fill[j] = sigma
                if sigma < 1 - epsilon && firstShort[j] == .infinity { firstShort[j] = t; cause[j] = origin(of: p, sigma: sigma) }
                if sigma != old { for u in graph.usedBy(p) { queue.push(graph.usesParent[u]) } }
            }
        }
        self.firstShort = firstShort.map { $0 <= cap ? $0 : .infinity }
        self.cause = cause
        self.supplyFraction = phi
        self.lossFrom = lossFrom
    }
}
