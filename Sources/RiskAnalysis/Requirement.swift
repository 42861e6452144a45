import SupplyGraph

/// The gross yearly requirement through the BOM (DESIGN §3), as in material requirements
/// planning.
public enum Requirement {
    /// `req(i) = demand(i) + Σ_p req(p) · quantity(p, i)` for every item, parents first: demand
    /// on a system and on a spare part both flow down to the materials, and a shared
    /// sub-assembly is counted once per path (two uses of one input add up).
    ///
    /// - Returns: the requirement per item, in the item's own unit per year.
    /// - Complexity: O(items + BOM edges).
    public static func compute(_ graph: SupplyGraph) -> [Double] {
        var requirement = graph.itemDemand
        for i in graph.topologicalOrder.reversed() {
            let need = requirement[i.index]
            if need == 0 { continue }
            for u in graph.usesEdges(of: i) {
                requirement[graph.usesChild[u].index] += need * graph.usesQuantity[u]
            }
        }
        return requirement
    }
}
