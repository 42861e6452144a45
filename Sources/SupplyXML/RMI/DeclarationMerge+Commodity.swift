import SupplyGraph

extension ImportSession {
    /// The commodity of `item` (nil: none), in its canonical word.
    static func commodity(of item: ItemID, in graph: SupplyGraph) -> String? { graph.itemCommodity[item] }

    /// The canonical commodity word for a metal's commodity (through the items' alias table:
    /// `natural-graphite` is `graphite`).
    static func canonicalCommodity(_ word: String) -> String { Commodity.canonical(word) ?? word }
}
