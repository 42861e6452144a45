import SupplyGraph

/// Single points of failure: the suppliers, and the countries, whose loss alone makes an item
/// unavailable (the article "Risk figures").
///
/// A supplier `s` is one for system `X` when `X` is unavailable under `F = {s}`; a country `c`
/// when `X` is unavailable once every supplier in `c` fails (unknown origin is never a
/// country). These are the minimal cut sets of size one of the system's AND/OR supply tree, as
/// in fault-tree analysis (Vesely et al., *Fault Tree Handbook*, NUREG-0492, 1981).
///
/// Rather than re-evaluating availability once per supplier (O(suppliers × edges)), the sets
/// are propagated bottom-up over the acyclic AND/OR structure in one pass:
/// - `K(i) = ⋂ K(e)` over the supply edges of a supplied item (any edge will do);
/// - `K(i) = ⋃ K(c)` over the children of an in-house item (all are needed); `∅` for a leaf;
/// - `K(e) = {s(e)} ∪ ⋃ K_e(c)`, where `K_e(c) = ⋂ K(e')` over the `sourcedFrom` suppliers'
///   edges `e'` to `c` when the edge names them, and `K(c)` otherwise.
/// Availability is a monotone AND/OR function of the failed set and each candidate is tested
/// alone, so the result equals the brute force exactly. The countries run the same recursion
/// with `{country(s(e))}` in place of `{s(e)}` (nothing for unknown origin).
///
/// Example: both makers of a part buy its input only from `m1`: `K(p1) = {p1, m1}`,
/// `K(p2) = {p2, m1}`, so `K(part) = {m1}` — a hidden single point of failure.
public struct SinglePointsOfFailure: Sendable {
    /// For each requested item, its single-point-of-failure suppliers, in storage order.
    public let suppliers: [ItemID: [SupplierID]]
    /// For each requested item, its single-point-of-failure countries, in code order.
    public let countries: [ItemID: [Country]]

    /// Computes the sets for `targets` (usually the systems): the supplier sets and the country
    /// sets, one pass each, side by side on two cores.
    ///
    /// - Complexity: O((items + BOM edges + supply edges) · k log k) where k is the size of the
    ///   sets being merged — small in practice, since any dual source empties the intersection.
    ///   Sets of an item are freed once all its parents are done, so memory follows the frontier.
    public init(_ graph: SupplyGraph, targets: [ItemID]) {
        let (bySupplier, byCountry) = bothInParallel({
            Self.propagate(graph, targets: targets, as: SupplierSet.self) { $0.rawValue }
        }, {
            Self.propagate(graph, targets: targets, as: CountrySet.self) { graph.supplierCountries[$0] }
        })
        var suppliers = [ItemID: [SupplierID]](minimumCapacity: targets.count)
        var countries = [ItemID: [Country]](minimumCapacity: targets.count)
        for (k, t) in targets.enumerated() {
            suppliers[t] = bySupplier[k].members.map(SupplierID.init)
            countries[t] = byCountry[k].members
        }
        self.suppliers = suppliers
        self.countries = countries
    }

    /// The recursion above over any set algebra; `element` names what a supply edge's supplier
    /// stands for (itself, or its country). Returns the sets of `targets`, in their order.
    static func propagate<S: FailureSet>(_ graph: SupplyGraph, targets: [ItemID], as _: S.Type,
                                         element: (SupplierID) -> S.Element) -> [S] {
        let n = graph.itemCount
        var keep = [Bool](repeating: false, count: n)
        for t in targets { keep[t.index] = true }
        var pendingParents = (0..<n).map { graph.usedBy(ItemID($0)).count }
        // Edges some `sourcedFrom` names: their sets are kept for the buyers.
        var referenced = IDArray<SupplyEdgeID, Bool>(repeating: false, count: graph.supplyEdgeCount)
        if graph.hasSourcing {
            for e in graph.supplyEdgeIDs {
                for entry in graph.sourcingEntries(of: e) {
                    for target in graph.sourcingEdges(ofEntry: entry) { referenced[target.index] = true }
                }
            }
        }
        var itemSet = [S?](repeating: nil, count: n)
        var edgeSet = [SupplyEdgeID: S]()

        for i in graph.topologicalOrder {
            let children = graph.children(of: i)
            let inputs = S.union(of: children.map { itemSet[$0.index] ?? .empty })
            let edges = graph.supplyEdges(of: i)
            var result: S
            if edges.isEmpty {
                result = inputs
            } else {
                var plain = PlainEdgesMeet<S.Element>()
                var sourced: [S] = []
                for e in edges {
                    let supplier = graph.edgeSupplier[e]
                    let entries = graph.sourcingEntries(of: e)
                    if entries.isEmpty {
                        plain.add(element(supplier))
                        if referenced[e] { edgeSet[e] = inputs.inserting(element(supplier)) }
                        continue
                    }
                    var parts: [S] = [S.empty.inserting(element(supplier))]
                    for c in children {
                        if let entry = entries.first(where: { graph.sourcingInput(ofEntry: $0) == c }) {
                            let named = graph.sourcingEdges(ofEntry: entry)
                            parts.append(S.intersection(of: named.map { edgeSet[$0] ?? .empty }))
                        } else {
                            parts.append(itemSet[c.index] ?? .empty)
                        }
                    }
                    let set = S.union(of: parts)
                    if referenced[e] { edgeSet[e] = set }
                    sourced.append(set)
                }
                result = plain.isEmpty ? sourced[0] : plain.meet(inputs)
                for set in sourced.dropFirst(plain.isEmpty ? 1 : 0) { result = result.intersection(set) }
            }
            itemSet[i.index] = result
            for c in children {
                pendingParents[c.index] -= 1
                if pendingParents[c.index] == 0 && !keep[c.index] { itemSet[c.index] = nil }
            }
        }
        return targets.map { itemSet[$0.index] ?? .empty }
    }
}

/// The shortcut for supply edges without `sourcedFrom`: each has the set `inputs ∪ {s(e)}`
/// (the item's own inputs, bought on the open market, plus its supplier), so their
/// intersection is `inputs`, plus the element they all share if there is exactly one.
struct PlainEdgesMeet<Element: Equatable> {
    private var first: Element? = nil
    private var count = 0
    private var mixed = false

    /// Whether no plain edge was added.
    var isEmpty: Bool { count == 0 }

    /// Adds the element of one plain edge.
    mutating func add(_ element: Element) {
        if count == 0 { first = element } else if first != element { mixed = true }
        count += 1
    }

    /// `⋂ (inputs ∪ {element})` over the edges added.
    func meet<S: FailureSet>(_ inputs: S) -> S where S.Element == Element {
        mixed ? inputs : inputs.inserting(first!)
    }
}

/// What the single-point propagation needs of a set: the empty set, adding the element that
/// stands for a supplier, union and intersection.
protocol FailureSet: Sendable {
    associatedtype Element: Equatable
    /// The empty set.
    static var empty: Self { get }
    /// The set with `element` added (for a country set, `Country.unknown` adds nothing).
    func inserting(_ element: Element) -> Self
    /// The union of `sets`.
    static func union(of sets: [Self]) -> Self
    /// The intersection of two sets.
    func intersection(_ other: Self) -> Self
}

extension FailureSet {
    /// The intersection of `sets` (empty for no set).
    static func intersection(of sets: [Self]) -> Self {
        guard var result = sets.first else { return .empty }
        for set in sets.dropFirst() { result = result.intersection(set) }
        return result
    }
}

/// A set of suppliers as a sorted array of raw ids: small sets, merged linearly.
struct SupplierSet: FailureSet {
    /// The raw supplier ids, ascending, without repeats.
    private(set) var members: [UInt32] = []

    static var empty: SupplierSet { SupplierSet() }

    func inserting(_ value: UInt32) -> SupplierSet {
        var lower = 0, upper = members.count
        while lower < upper {
            let mid = (lower + upper) / 2
            if members[mid] < value { lower = mid + 1 } else { upper = mid }
        }
        if lower < members.count && members[lower] == value { return self }
        var result = self
        result.members.insert(value, at: lower)
        return result
    }

    static func union(of sets: [SupplierSet]) -> SupplierSet {
        if sets.count == 1 { return sets[0] }
        var all: [UInt32] = []
        for set in sets { all.append(contentsOf: set.members) }
        if all.count < 2 { return SupplierSet(members: all) }
        all.sort()
        var write = 1
        for read in 1..<all.count where all[read] != all[write - 1] {
            all[write] = all[read]; write += 1
        }
        all.removeLast(all.count - write)
        return SupplierSet(members: all)
    }

    func intersection(_ other: SupplierSet) -> SupplierSet {
        var result: [UInt32] = []
        var i = 0, j = 0
        let x = members, y = other.members
        while i < x.count && j < y.count {
            if x[i] < y[j] { i += 1 } else if x[i] > y[j] { j += 1 } else { result.append(x[i]); i += 1; j += 1 }
        }
        return SupplierSet(members: result)
    }
}

extension CountrySet: FailureSet {
    static var empty: CountrySet { CountrySet() }

    func inserting(_ country: Country) -> CountrySet {
        var result = self
        result.insert(country)
        return result
    }

    static func union(of sets: [CountrySet]) -> CountrySet {
        var result = CountrySet()
        for set in sets { result.formUnion(set) }
        return result
    }
}
