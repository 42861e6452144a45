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
///
/// With `critical` the threshold of ``crippled`` (`--critical X`, `0 < X <= 1`, default
/// ``defaultCritical`` = 0.1) and ε = ``Tolerance/figure``:
/// - ``falls`` when it is unavailable or `φ <= ε` (nothing is made, even where a route whose
///   shares are all 0 is left);
/// - else ``crippled`` when `φ < critical − ε`;
/// - else ``degraded`` when `φ < 1 − ε`;
/// - else ``unaffected``.
///
/// Example, with `critical = 0.1`: `φ = 0.0999` is crippled, `φ = 0.1` degraded, `φ = 0.999`
/// degraded, `φ = 1` unaffected, an available system at `φ = 0` falls.
public enum SupplyState: String, Sendable, CaseIterable {
    /// `φ = 1`: nothing it needs is short.
    case unaffected
    /// Still available, `critical <= φ < 1`: production goes on at a reduced rate.
    case degraded
    /// Still available, but `0 < φ < critical`: production goes on at a small fraction of
    /// normal (below 10 % by default), which for a director is as good as stopped.
    case crippled
    /// Unavailable (no mapped route is left; its `φ` can then be above 0 only through
    /// unattributed supply, which is never counted on), or `φ = 0`.
    case falls

    /// The default threshold of ``crippled``: 10 % of normal production.
    public static let defaultCritical = 0.1

    /// The state from availability and `φ`, with the threshold `critical` of ``crippled``.
    /// - Precondition: `0 < critical <= 1`.
    /// - Complexity: O(1).
    public init(available: Bool, supplyFraction: Double, critical: Double = SupplyState.defaultCritical) {
        precondition(critical > 0 && critical <= 1, "critical must lie in (0, 1]")
        if !available || supplyFraction <= Tolerance.figure {
            self = .falls
        } else if supplyFraction < critical - Tolerance.figure {
            self = .crippled
        } else if supplyFraction < 1 - Tolerance.figure {
            self = .degraded
        } else {
            self = .unaffected
        }
    }

    /// Whether the state is ``falls`` or ``crippled``: the systems the verdict line leads with.
    /// - Complexity: O(1).
    public var fallsOrCrippled: Bool { self == .falls || self == .crippled }

    /// Whether `critical` is a valid threshold: `0 < critical <= 1`.
    /// - Complexity: O(1).
    public static func isValidCritical(_ critical: Double) -> Bool { critical > 0 && critical <= 1 }
}
