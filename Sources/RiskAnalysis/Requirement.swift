import SupplyGraph

/// The gross yearly requirement through the BOM (the article "Risk figures"), as in material requirements
/// planning (Orlicky, *Material Requirements Planning*, 1975: the gross requirement of a
/// component is the demand for it plus its parents' requirements times the quantity per).
public enum Requirement {
    /// `req(i) = demand(i) + Σ_p req(p) · quantity(p, i)` for every item, parents first: demand
    /// on a system and on a spare part both flow down to the materials, and a shared
    /// sub-assembly is counted once per path (two uses of one input add up).
    ///
    /// With `scope`, only that system's own demand counts (the article "Risk figures", "Scope"): its demand
    /// exploded through its BOM, no other demand, not even demand on spare parts inside its
    /// closure; items outside the closure get 0.
    ///
    /// Example: a radar (demand 6) uses 1,200 modules, each 0.002 kg of gallium:
    /// `req(module) = 7,200`, `req(gallium) = 14.4 kg`.
    ///
    /// - Returns: the requirement per item, in the item's own unit per year.
    /// - Complexity: O(items + BOM edges).
    public static func compute(_ graph: SupplyGraph, scope: ItemID? = nil) -> IDArray<ItemID, Double> {
        var requirement: IDArray<ItemID, Double>
        if let scope {
            requirement = IDArray<ItemID, Double>(repeating: 0, count: graph.itemCount)
            requirement[scope.index] = graph.itemDemand[scope]
        } else {
            requirement = graph.itemDemand
        }
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
