import SupplyGraph

/// The concentration figures of one item (DESIGN §3).
public struct Concentration: Sendable, Equatable {
    /// `cs(i, c)`: the normalised share per country, `Country/unknown` pooling the suppliers of
    /// unknown origin; every country with an edge is listed, in code order (unknown last).
    public let countryShares: [(country: Country, share: Double)]
    /// The number of distinct suppliers.
    public let supplierCount: Int
    /// `hhi(i) = Σ_c (100 · cs(i, c))²`, 0..10000 (unknown counted as one key).
    public let hhi: Double
    /// The same by supplier.
    public let supplierHHI: Double
    /// `Σ cs(i, c)` over the countries outside the perimeter (unknown included).
    public let nonEUShare: Double
    /// Exactly one distinct supplier.
    public var singleSource: Bool { supplierCount == 1 }
    /// At least one edge, and every supplier in the same known country.
    public let singleCountry: Bool
    /// A country outside the EU (not unknown) with `cs ≥ 0.65`, for materials only: the Critical
    /// Raw Materials Act benchmark (Regulation (EU) 2024/1252, Art. 5(1)(d)).
    public let crma65: Bool
    /// The largest country outside the EU (not unknown) and its share, if any.
    public let largestNonEUCountry: (country: Country, share: Double)?

    /// The CRMA benchmark: at most 65 % from a single third country.
    public static let crmaBenchmark = 0.65

    public static func == (a: Concentration, b: Concentration) -> Bool {
        a.countryShares.map(\.country) == b.countryShares.map(\.country)
            && a.countryShares.map(\.share) == b.countryShares.map(\.share)
            && a.supplierCount == b.supplierCount && a.hhi == b.hhi && a.supplierHHI == b.supplierHHI
            && a.nonEUShare == b.nonEUShare && a.singleCountry == b.singleCountry && a.crma65 == b.crma65
    }

    /// Computes the figures of `item`.
    /// - Parameters:
    ///   - shares: the normalised shares, from ``Shares/normalised(_:)``.
    ///   - perimeter: what counts as inside for `nonEUShare`; the CRMA flag always uses the EU.
    /// - Complexity: O(e + k log k) for the item's e supply edges from k countries.
    public init(of item: ItemID, in graph: SupplyGraph, shares: [Double], perimeter: Perimeter = .eu) {
        let edges = graph.supplyEdges(of: item)
        var byCountry: [(country: Country, share: Double)] = []
        var bySupplier: [(supplier: SupplierID, share: Double)] = []
        if edges.count <= 16 {
            // Few edges (the usual case): a linear look-up beats hashing.
            for e in edges {
                let supplier = graph.edgeSupplier[e]
                let country = graph.supplierCountries[supplier.index]
                if let k = byCountry.firstIndex(where: { $0.country == country }) { byCountry[k].share += shares[e] }
                else { byCountry.append((country, shares[e])) }
                if let k = bySupplier.firstIndex(where: { $0.supplier == supplier }) { bySupplier[k].share += shares[e] }
                else { bySupplier.append((supplier, shares[e])) }
            }
        } else {
            // Many edges: hash, so an item with thousands of suppliers stays linear. The shares of
            // one key are still added in edge order, so the sums are the same to the last bit.
            var countrySlot = [Country: Int](), supplierSlot = [SupplierID: Int]()
            for e in edges {
                let supplier = graph.edgeSupplier[e]
                let country = graph.supplierCountries[supplier.index]
                if let k = countrySlot[country] { byCountry[k].share += shares[e] }
                else { countrySlot[country] = byCountry.count; byCountry.append((country, shares[e])) }
                if let k = supplierSlot[supplier] { bySupplier[k].share += shares[e] }
                else { supplierSlot[supplier] = bySupplier.count; bySupplier.append((supplier, shares[e])) }
            }
        }
        byCountry.sort { $0.country < $1.country }
        countryShares = byCountry
        supplierCount = bySupplier.count
        hhi = byCountry.reduce(0) { $0 + (100 * $1.share) * (100 * $1.share) }
        supplierHHI = bySupplier.reduce(0) { $0 + (100 * $1.share) * (100 * $1.share) }
        nonEUShare = byCountry.reduce(0) { perimeter.isOutside($1.country) ? $0 + $1.share : $0 }
        singleCountry = byCountry.count == 1 && byCountry[0].country.isKnown
        let largest = byCountry.filter { $0.country.isKnown && !$0.country.isEU }
            .max { $0.share < $1.share || ($0.share == $1.share && $0.country > $1.country) }
        largestNonEUCountry = largest
        crma65 = graph.itemKinds[item.index] == .material
            && (largest.map { $0.share >= Concentration.crmaBenchmark - 1e-9 } ?? false)
    }
}
