import GraphExport
import RiskAnalysis
import SupplyGraph

/// One hidden single point of failure as every format shows it: the system, the supplier, the
/// items it makes there (each with its number of suppliers, all above one) and why it is single.
///
/// Built once by ``RiskReport/hiddenSinglePointRows(systems:)``; the report and the briefing
/// render it.
public struct HiddenSinglePointRow: Sendable {
    /// The system that falls with the supplier.
    public let system: ItemID
    /// The system's id.
    public let systemID: String
    /// The supplier: `id (CC)`.
    public let supplier: String
    /// The items it makes in the system's BOM closure, natural order, with their distinct
    /// suppliers.
    public let items: [(id: String, suppliers: Int)]
    /// The suppliers that name it in `sourcedFrom` (they buy only from it), natural order.
    public let dependents: [String]
    /// Always bad: the system falls with the supplier.
    public let tone: Tone

    /// Why the supplier is single, its dependents cut to `limit` names: `p1 and p2 buy only from
    /// it (sourcedFrom)`, or `the system needs every input it makes`.
    /// - Complexity: O(dependents shown).
    public func why(limit: Int = .max) -> String {
        dependents.isEmpty
            ? "the system needs every input it makes"
            : capped(dependents, limit: limit, separator: " and ") + (dependents.count == 1 ? " buys" : " buy") + " only from it (sourcedFrom)"
    }
}

extension RiskReport {
    /// The hidden single points of failure of `systems`, in that order (each system's in the
    /// analysis' order).
    /// - Complexity: O(Σ items and dependents of the points, with their supply edges).
    public func hiddenSinglePointRows(systems: [ItemID]) -> [HiddenSinglePointRow] {
        let graph = analysis.graph
        return systems.flatMap { hiddenSinglePoints[$0] ?? [] }.map { h in
            let items = graph.sorted(h.items, by: .natural).map { item in
                (id: graph.itemKeys[item], suppliers: Set(graph.supplyEdges(of: item).map { graph.edgeSupplier[$0] }).count)
            }
            return HiddenSinglePointRow(system: h.system, systemID: graph.itemKeys[h.system],
                                        supplier: supplierName(h.supplier),
                                        items: items, dependents: graph.keys(of: h.dependents, by: .natural), tone: .bad)
        }
    }
}
