import SupplyGraph

extension ImportSession {
    // INTERIM (until items carry `commodity` in main): the hooks the declarations' merge uses
    // to read an item's commodity and to canonicalise a metal's commodity word.

    /// The commodity of `item` (nil: none).
    static func commodity(of item: ItemID, in graph: SupplyGraph) -> String? { nil }

    /// The canonical commodity word for a metal's commodity.
    static func canonicalCommodity(_ word: String) -> String { word }
}
