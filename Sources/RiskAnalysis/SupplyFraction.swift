import SupplyGraph

/// The supply fraction `φ` under a disruption: the fraction of an item's normal supply that
/// still arrives (the article "Risk figures", "Supply fraction").
///
/// Every buyer of a short input is rationed in proportion, and an assembly can make no more
/// than its scarcest input allows (Leontief production: output = min over inputs):
/// - `φ(e) = 0` for a failed edge `e = s → i`; else `min over children c of φ_e(c)` (1 when
///   `i` has no children), where `φ_e(c)` is `φ(c)` or, with `sourcedFrom`, the share-weighted
///   mean `Σ ŵ(e') φ(e') / Σ ŵ(e')` over the named suppliers' edges `e'` to `c` (equal weights
///   if those are all 0);
/// - `φ(i) = Σ ŵ(e) φ(e) + u(i)`, the unattributed share counted only when the disruption does
///   not fail unknown origin;
/// - an item without supply edges: `min over children of φ(c)`; an unmapped leaf: 1.
///
/// The proportional-rationing and fixed-proportions (Leontief) assumptions are those of
/// input–output models of supply-chain disruption (Leontief 1936; Haimes and Jiang's
/// inoperability input–output model, *Journal of Infrastructure Systems* 7(1), 2001).
///
/// Example: an item with two suppliers of 0.6 and 0.4 whose 0.6 supplier fails has
/// `φ = 0.4`; its parent, which needs it and an unaffected input, also gets 0.4.
public struct SupplyFraction: Sendable {
    /// `φ(i)` per item.
    public let items: IDArray<ItemID, Double>
    /// `φ(e)` per supply edge.
    public let edges: IDArray<SupplyEdgeID, Double>

    /// Evaluates `φ` for every item and edge, children first.
    /// - Complexity: O(items + BOM edges · supply edges per item + sourcing entries).
    public init(_ graph: SupplyGraph, shares: ShareTable, disruption: Disruption) {
        var items = IDArray<ItemID, Double>(repeating: 1, count: graph.itemCount)
        var edges = IDArray<SupplyEdgeID, Double>(repeating: 1, count: graph.supplyEdgeCount)
        for i in graph.topologicalOrder {
            items[i.index] = SupplyFraction.evaluate(i, graph: graph, shares: shares, items: items, edges: &edges,
                                                     fails: { disruption.fails($0, in: graph) },
                                                     keepsUnattributed: !disruption.losesUnattributed(i))
        }
        self.items = items
        self.edges = edges
    }

    /// `φ(i)` from the values of its children, writing `φ(e)` of its supply edges into `edges`.
    /// The one evaluation rule, shared by the full pass, the impact sweep's partial passes and
    /// the stockpile's fills (where `items` holds the children's fills and a child `stocked`
    /// delivers in full to every buyer, `sourcedFrom` or not).
    /// - Returns: `φ(i)`.
    /// - Complexity: O(children · supply edges of `i` + their sourcing entries).
    @inline(__always)
    static func evaluate(_ i: ItemID, graph: SupplyGraph, shares: ShareTable, items: IDArray<ItemID, Double>, edges: inout IDArray<SupplyEdgeID, Double>,
                         fails: (SupplyEdgeID) -> Bool, keepsUnattributed: Bool, stocked: (ItemID) -> Bool = { _ in false }) -> Double {
        var scarcest = 1.0
        for c in graph.children(of: i) { scarcest = min(scarcest, items[c.index]) }
        let supply = graph.supplyEdges(of: i)
        if supply.isEmpty { return scarcest }
        var total = keepsUnattributed ? shares.unattributed[i] : 0
        for e in supply {
            var phi: Double
            if fails(e) {
                phi = 0
            } else {
                let entries = graph.sourcingEntries(of: e)
                if entries.isEmpty {
                    phi = scarcest
                } else {
                    phi = 1
                    for c in graph.children(of: i) {
                        if stocked(c) {
                            continue // held in stock: every buyer gets all it orders, whatever it names
                        } else if let entry = entries.first(where: { graph.sourcingInput(ofEntry: $0) == c }) {
                            phi = min(phi, shares.weightedMean(over: graph.sourcingEdges(ofEntry: entry), of: edges))
                        } else {
                            phi = min(phi, items[c.index])
                        }
                    }
                }
            }
            edges[e] = phi
            total += shares.edges[e] * phi
        }
        return total
    }
}

/// How a system (or item) fares under a disruption (the article "Risk figures").
public enum SupplyState: String, Sendable, CaseIterable {
    /// `φ = 1`: nothing it needs is short.
    case unaffected
    /// Still available, but `φ < 1`: production goes on at a reduced rate.
    case degraded
    /// Unavailable: no mapped route is left (its `φ` can then be above 0 only through
    /// unattributed supply, which is never counted on).
    case falls

    /// The state from availability and `φ` (tolerance ``Tolerance/figure``).
    /// - Complexity: O(1).
    public init(available: Bool, supplyFraction: Double) {
        if !available { self = .falls } else if Tolerance.reaches(supplyFraction, 1) { self = .unaffected } else { self = .degraded }
    }
}
