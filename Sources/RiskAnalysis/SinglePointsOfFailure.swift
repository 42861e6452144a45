import SupplyGraph

/// Single points of failure: the suppliers, and the countries, whose loss alone makes an item
/// unavailable (DESIGN §3).
///
/// Rather than re-evaluating availability once per supplier (O(suppliers × edges)), the sets
/// are propagated bottom-up over the acyclic AND/OR structure in one pass:
/// - `K(i) = ⋂ K(e)` over the supply edges of a supplied item (any edge will do);
/// - `K(i) = ⋃ K(c)` over the children of an in-house item (all are needed); `∅` for a leaf;
/// - `K(e) = {s(e)} ∪ ⋃ K_e(c)`, where `K_e(c) = ⋂ K(e')` over the `sourcedFrom` suppliers'
///   edges `e'` to `c` when the edge names them, and `K(c)` otherwise.
/// Availability is a monotone AND/OR function of the failed set and each candidate is tested
/// alone, so the result equals the brute force exactly. For countries the same recursion runs
/// on 256-bit sets, `{country(s(e))}` replacing `{s(e)}` (nothing for unknown origin).
public struct SinglePointsOfFailure: Sendable {
    /// For each requested item, its single-point-of-failure suppliers, in id order.
    public let suppliers: [ItemID: [SupplierID]]
    /// For each requested item, its single-point-of-failure countries, in code order.
    public let countries: [ItemID: [Country]]

    /// Computes the sets for `targets` (usually the systems).
    ///
    /// - Complexity: O((items + BOM edges + supply edges) · k log k) where k is the size of the
    ///   sets being merged — small in practice, since any dual source empties the intersection.
    ///   Sets of an item are freed once all its parents are done, so memory follows the frontier.
    public init(_ graph: SupplyGraph, targets: [ItemID]) {
        let n = graph.itemCount
        var keep = [Bool](repeating: false, count: n)
        for t in targets { keep[t.index] = true }
        var pendingParents = (0..<n).map { graph.usedBy(ItemID($0)).count }
        var referenced = [Bool](repeating: false, count: graph.supplyEdgeCount)
        if graph.hasSourcing {
            for e in 0..<graph.supplyEdgeCount {
                for entry in graph.sourcingEntries(of: SupplyEdgeID(e)) {
                    for target in graph.sourcingEdges(ofEntry: entry) { referenced[target.index] = true }
                }
            }
        }
        var itemSet = [[UInt32]?](repeating: nil, count: n)
        var itemCountries = [CountryBits](repeating: CountryBits(), count: n)
        var edgeSet = [Int: [UInt32]]()
        var edgeCountries = [Int: CountryBits]()
        let empty: [UInt32] = []

        for i in graph.topologicalOrder {
            let children = graph.children(of: i)
            var union = empty
            var unionCountries = CountryBits()
            if children.count == 1 {
                union = itemSet[children.first!.index] ?? empty
                unionCountries = itemCountries[children.first!.index]
            } else if !children.isEmpty {
                var all: [UInt32] = []
                for c in children {
                    all.append(contentsOf: itemSet[c.index] ?? empty)
                    unionCountries.formUnion(itemCountries[c.index])
                }
                union = sortedUnique(all)
            }
            let edges = graph.supplyEdges(of: i)
            var result: [UInt32]
            var resultCountries: CountryBits
            if edges.isEmpty {
                result = union
                resultCountries = unionCountries
            } else {
                // Edges without sourcedFrom all share the union: their intersection is the union
                // plus the supplier (country) they all have in common, if any.
                var commonSupplier: UInt32? = nil, sawPlain = false, mixedSuppliers = false
                var commonCountry: Country? = nil, mixedCountries = false
                var withSourcing: [[UInt32]] = []
                var withSourcingCountries: [CountryBits] = []
                for e in edges {
                    let supplier = graph.edgeSupplier[e]
                    let country = graph.supplierCountries[supplier.index]
                    let entries = graph.sourcingEntries(of: SupplyEdgeID(e))
                    if entries.isEmpty {
                        if !sawPlain { commonSupplier = supplier.rawValue; commonCountry = country; sawPlain = true }
                        else {
                            if commonSupplier != supplier.rawValue { mixedSuppliers = true }
                            if commonCountry != country { mixedCountries = true }
                        }
                        if referenced[e] {
                            edgeSet[e] = insert(supplier.rawValue, into: union)
                            var bits = unionCountries; bits.insert(country); edgeCountries[e] = bits
                        }
                    } else {
                        var parts: [UInt32] = [supplier.rawValue]
                        var bits = CountryBits(); bits.insert(country)
                        for c in children {
                            if let entry = entries.first(where: { graph.sourcingInput(ofEntry: $0) == c }) {
                                var meet: [UInt32]? = nil
                                var meetCountries: CountryBits? = nil
                                for target in graph.sourcingEdges(ofEntry: entry) {
                                    let set = edgeSet[target.index] ?? empty
                                    meet = meet.map { intersect($0, set) } ?? set
                                    let targetBits = edgeCountries[target.index] ?? CountryBits()
                                    meetCountries = meetCountries.map { $0.intersection(targetBits) } ?? targetBits
                                }
                                parts.append(contentsOf: meet ?? empty)
                                bits.formUnion(meetCountries ?? CountryBits())
                            } else {
                                parts.append(contentsOf: itemSet[c.index] ?? empty)
                                bits.formUnion(itemCountries[c.index])
                            }
                        }
                        let set = sortedUnique(parts)
                        if referenced[e] { edgeSet[e] = set; edgeCountries[e] = bits }
                        withSourcing.append(set)
                        withSourcingCountries.append(bits)
                    }
                }
                if sawPlain {
                    result = mixedSuppliers ? union : insert(commonSupplier!, into: union)
                    resultCountries = unionCountries
                    if !mixedCountries, let country = commonCountry { resultCountries.insert(country) }
                    for set in withSourcing { result = intersect(result, set) }
                    for bits in withSourcingCountries { resultCountries = resultCountries.intersection(bits) }
                } else {
                    result = withSourcing[0]
                    resultCountries = withSourcingCountries[0]
                    for set in withSourcing.dropFirst() { result = intersect(result, set) }
                    for bits in withSourcingCountries.dropFirst() { resultCountries = resultCountries.intersection(bits) }
                }
            }
            itemSet[i.index] = result
            itemCountries[i.index] = resultCountries
            for c in children {
                pendingParents[c.index] -= 1
                if pendingParents[c.index] == 0 && !keep[c.index] { itemSet[c.index] = nil }
            }
        }
        var suppliers = [ItemID: [SupplierID]]()
        var countries = [ItemID: [Country]]()
        for t in targets {
            suppliers[t] = (itemSet[t.index] ?? empty).map(SupplierID.init)
            countries[t] = itemCountries[t.index].members
        }
        self.suppliers = suppliers
        self.countries = countries
    }
}

/// A set of known countries as 256 bits (the ISO table has 249 entries).
struct CountryBits: Sendable, Equatable {
    var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0

    mutating func insert(_ country: Country) {
        guard country.isKnown else { return }
        let i = Int(country.rawValue), bit = UInt64(1) << UInt64(i & 63)
        switch i >> 6 {
        case 0: a |= bit
        case 1: b |= bit
        case 2: c |= bit
        default: d |= bit
        }
    }
    mutating func formUnion(_ o: CountryBits) { a |= o.a; b |= o.b; c |= o.c; d |= o.d }
    func intersection(_ o: CountryBits) -> CountryBits { CountryBits(a: a & o.a, b: b & o.b, c: c & o.c, d: d & o.d) }
    var members: [Country] {
        var result: [Country] = []
        for (w, word) in [a, b, c, d].enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 {
                result.append(CountryTable.allCountries[w * 64 + bit])
            }
        }
        return result
    }
}

func sortedUnique(_ values: [UInt32]) -> [UInt32] {
    if values.count < 2 { return values }
    var sorted = values.sorted()
    var write = 1
    for read in 1..<sorted.count where sorted[read] != sorted[write - 1] {
        sorted[write] = sorted[read]; write += 1
    }
    sorted.removeLast(sorted.count - write)
    return sorted
}

func insert(_ value: UInt32, into set: [UInt32]) -> [UInt32] {
    var lower = 0, upper = set.count
    while lower < upper {
        let mid = (lower + upper) / 2
        if set[mid] < value { lower = mid + 1 } else { upper = mid }
    }
    if lower < set.count && set[lower] == value { return set }
    var result = set
    result.insert(value, at: lower)
    return result
}

func intersect(_ x: [UInt32], _ y: [UInt32]) -> [UInt32] {
    var result: [UInt32] = []
    var i = 0, j = 0
    while i < x.count && j < y.count {
        if x[i] < y[j] { i += 1 } else if x[i] > y[j] { j += 1 } else { result.append(x[i]); i += 1; j += 1 }
    }
    return result
}
