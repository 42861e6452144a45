import HeapModule
import SupplyGraph

/// A queue of items to (re-)evaluate, popped children first (by topological position), each at
/// most once per round: how the impact sweep and the stockpile's run-outs walk the cone above a
/// change without a pass over the whole graph.
struct TopologicalQueue {
    private var heap = Heap<Int32>()
    private var queuedStamp: [Int32]
    private let position: [Int32]
    private let order: [ItemID]
    /// The current round; an item is queued once per round.
    private(set) var round: Int32 = 1

    /// A queue for `graph`.
    /// - Complexity: O(items).
    init(_ graph: SupplyGraph) {
        var position = [Int32](repeating: 0, count: graph.itemCount)
        for (k, i) in graph.topologicalOrder.enumerated() { position[i.index] = Int32(k) }
        self.position = position
        order = graph.topologicalOrder
        queuedStamp = [Int32](repeating: 0, count: graph.itemCount)
    }

    /// Starts a new round: every item may be queued again.
    /// - Complexity: O(1).
    mutating func nextRound() { round += 1 }

    /// Queues `item` unless it was queued in this round.
    /// - Complexity: O(log queued).
    mutating func push(_ item: ItemID) {
        guard queuedStamp[item.index] != round else { return }
        queuedStamp[item.index] = round
        heap.insert(position[item.index])
    }

    /// The queued item that comes first in topological order (children first).
    /// - Complexity: O(log queued).
    mutating func pop() -> ItemID? { heap.popMin().map { order[Int($0)] } }
}
