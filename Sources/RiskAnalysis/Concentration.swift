import SupplyGraph

/// The concentration figures of one item (the article "Risk figures"): country shares, HHI, non-EU share, the
/// single-source, single-country and CRMA flags, and the non-EU-controlled share.
///
/// Example (the EU CRM 2023 row of vanadium processing, all shares given, summing to 0.887):
/// `cs(CN) = 0.615`, `cs(unknown) = 0.113` (the unattributed rest), no CRMA breach — China
/// holds 61.5 %, below the benchmark (``crmaBenchmark``); scaled up it would have been a false 69.3 %.
public struct Concentration: Sendable, Equatable {
    /// `cs(i, c)`: the normalised share per country, in code order; `Country.unknown` (last)
    /// pools the suppliers of unknown origin and the unattributed share `u(i)`. Every country
    /// with an edge is listed, even at 0; `unknown` is listed when it has an edge or `u(i) > 0`.
    public let countryShares: [(country: Country, share: Double)]
    /// The number of distinct suppliers.
    public let supplierCount: Int
    /// `hhi(i) = Σ_c (100 · cs(i, c))²`, 0..10000 (`unknown` counted as one key).
    public let hhi: Double
    /// The same by supplier, `u(i)` as one more pseudo-supplier.
    public let supplierHHI: Double
    /// `Σ cs(i, c)` over the keys outside the perimeter (`unknown` included).
    public let nonEUShare: Double
    /// `Σ ŵ(e)` over the edges whose supplier is controlled from outside the perimeter (its
    /// `controlledBy`, else its own country; unknown counts as outside), plus `u(i)`.
    public let nonEUControlledShare: Double
    /// `u(i)`, the share of the item's supply the data does not attribute.
    public let unattributed: Double
    /// Exactly one distinct supplier (`SupplyGraph.isSingleSourced(_:)`).
    public let singleSource: Bool
    /// At least one edge, and every edge's supplier in one and the same known country.
    public let singleCountry: Bool
    /// One known country outside the EU holds `cs ≥ 0.65` of the supply in the data, for
    /// materials and for any item with a commodity (a processed stage modelled as a component
    /// counts: the Act judges any stage of processing). On a strategic item this is the
    /// Critical Raw Materials Act benchmark (Regulation (EU) 2024/1252, Art. 5(1)(d)):
    /// ``crmaStrategic65``; on others it reads "concentrated in one third country".
    public let crma65: Bool
    /// The item's commodity is a strategic raw material (CRMA Annex I, any grade: ``CRMAList``).
    public let strategic: Bool
    /// The item's commodity is a critical raw material (CRMA Annex II, which holds every
    /// strategic one).
    public let critical: Bool
    /// ``crma65`` on a ``strategic`` item: the Act's benchmark breached.
    /// - Complexity: O(1).
    public var crmaStrategic65: Bool { crma65 && strategic }
    /// The largest known country outside the EU and its share, if any (ties: the lower code).
    public let largestNonEUCountry: (country: Country, share: Double)?

    /// The CRMA benchmark, 0.65: at most this share of a strategic raw material from a single
    /// third country. Every label that names it ("CRMA 65 %") is derived from it.
    public static let crmaBenchmark = 0.65

    /// Whether all of the item's supply comes from outside the perimeter: it has suppliers and
    /// `nonEU ≥ 1 − ε`.
    /// - Complexity: O(1).
    public var isSuppliedOnlyFromOutside: Bool { supplierCount > 0 && Tolerance.reaches(nonEUShare, 1) }

    /// The key with the largest share (`Country.unknown` included; ties: the lower code), if
    /// the item has supply edges.
    /// - Complexity: O(k) for its k countries.
    public var topCountry: (country: Country, share: Double)? {
        countryShares.max { $0.share < $1.share || ($0.share == $1.share && $0.country > $1.country) }
    }

    /// The risk flags of the item, as the report, the diagrams and the chokepoint ranking use
    /// them.
    /// - Complexity: O(1).
    public var flags: ItemRiskFlags {
        var flags: ItemRiskFlags = []
        if singleSource { flags.insert(.singleSource) }
        if isSuppliedOnlyFromOutside { flags.insert(.suppliedOnlyFromOutside) }
        if crma65 { flags.insert(.crma65) }
        if crmaStrategic65 { flags.insert(.crmaStrategic65) }
        return flags
    }

    /// Whether two values are the same, field by field.
    /// - Complexity: O(fields).
    public static func == (a: Concentration, b: Concentration) -> Bool {
        a.countryShares.map(\.country) == b.countryShares.map(\.country)
            && a.countryShares.map(\.share) == b.countryShares.map(\.share)
            && a.supplierCount == b.supplierCount && a.hhi == b.hhi && a.supplierHHI == b.supplierHHI
            && a.nonEUShare == b.nonEUShare && a.nonEUControlledShare == b.nonEUControlledShare
            && a.unattributed == b.unattributed && a.singleSource == b.singleSource && a.singleCountry == b.singleCountry && a.crma65 == b.crma65
            && a.strategic == b.strategic && a.critical == b.critical
    }

    /// Computes the figures of `item`.
    /// - Parameters:
    ///   - item: the item.
    ///   - graph: the graph it belongs to.
    ///   - shares: the normalised and unattributed shares (``ShareTable``).
    ///   - perimeter: what counts as inside for `nonEUShare` and `nonEUControlledShare`; the
    ///     CRMA flag always uses the EU.
    /// - Complexity: O(e + k log k) for the item's e supply edges from k countries.
    public init(of item: ItemID, in graph: SupplyGraph, shares: ShareTable, perimeter: Perimeter = .eu) {
        let edges = graph.supplyEdges(of: item)
        let u = shares.unattributed[item]
        var byCountry: [(country: Country, share: Double)] = []
        var bySupplier: [(supplier: SupplierID, share: Double)] = []
        var controlledOutside = 0.0
        var oneKnownCountry: Country? = nil, mixed = false
        if edges.count <= 16 {
            // Few edges (the usual case): a linear look-up beats hashing.
            for e in edges {
                let supplier = graph.edgeSupplier[e]
                let country = graph.supplierCountries[supplier]
                let w = shares.edges[e]
                if let k = byCountry.firstIndex(where: { $0.country == country }) { byCountry[k].share += w }
                else { byCountry.append((country, w)) }
                if let k = bySupplier.firstIndex(where: { $0.supplier == supplier }) { bySupplier[k].share += w }
                else { bySupplier.append((supplier, w)) }
            }
        } else {
            // Many edges: hash, so an item with thousands of suppliers stays linear. The shares of
            // one key are still added in edge order, so the sums are the same to the last bit.
            var countrySlot = [Country: Int](), supplierSlot = [SupplierID: Int]()
            for e in edges {
                let supplier = graph.edgeSupplier[e]
                let country = graph.supplierCountries[supplier]
                let w = shares.edges[e]
                if let k = countrySlot[country] { byCountry[k].share += w }
                else { countrySlot[country] = byCountry.count; byCountry.append((country, w)) }
                if let k = supplierSlot[supplier] { bySupplier[k].share += w }
                else { supplierSlot[supplier] = bySupplier.count; bySupplier.append((supplier, w)) }
            }
        }
        for e in edges {
            let supplier = graph.edgeSupplier[e]
            let country = graph.supplierCountries[supplier]
            if !country.isKnown || (oneKnownCountry != nil && oneKnownCountry != country) { mixed = true }
            oneKnownCountry = country
            if perimeter.isOutside(graph.controller(of: supplier)) { controlledOutside += shares.edges[e] }
        }
        if u > 0 {
            if let k = byCountry.firstIndex(where: { !$0.country.isKnown }) { byCountry[k].share += u }
            else { byCountry.append((.unknown, u)) }
        }
        byCountry.sort { $0.country < $1.country }
        countryShares = byCountry
        supplierCount = bySupplier.count
        singleSource = graph.isSingleSourced(item)
        unattributed = u
        hhi = byCountry.reduce(0) { $0 + (100 * $1.share) * (100 * $1.share) }
        supplierHHI = bySupplier.reduce((100 * u) * (100 * u)) { $0 + (100 * $1.share) * (100 * $1.share) }
        nonEUShare = byCountry.reduce(0) { perimeter.isOutside($1.country) ? $0 + $1.share : $0 }
        nonEUControlledShare = edges.isEmpty ? 0 : controlledOutside + u
        singleCountry = !edges.isEmpty && !mixed
        let largest = byCountry.filter { $0.country.isKnown && !$0.country.isEU }
            .max { $0.share < $1.share || ($0.share == $1.share && $0.country > $1.country) }
        largestNonEUCountry = largest
        let commodity = graph.itemCommodity[item]
        strategic = CRMAList.isStrategic(commodity)
        critical = CRMAList.isCritical(commodity)
        crma65 = (graph.itemKinds[item] == .material || commodity != nil)
            && (largest.map { Tolerance.reaches($0.share, Concentration.crmaBenchmark) } ?? false)
    }
}

/// The risk flags of an item, decided once in ``Concentration``.
public struct ItemRiskFlags: OptionSet, Sendable, Hashable {
    /// The bits.
    public let rawValue: UInt8
    /// Creates flags from their bits.
    /// - Complexity: O(1).
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Exactly one distinct supplier.
    public static let singleSource = ItemRiskFlags(rawValue: 1)
    /// Every share of its supply comes from outside the perimeter.
    public static let suppliedOnlyFromOutside = ItemRiskFlags(rawValue: 2)
    /// A material (or an item with a commodity) of which one third country holds at least
    /// 65 % of the supply in the data.
    public static let crma65 = ItemRiskFlags(rawValue: 4)
    /// The same on a strategic raw material: the CRMA 65 % benchmark breached.
    public static let crmaStrategic65 = ItemRiskFlags(rawValue: 8)
}
