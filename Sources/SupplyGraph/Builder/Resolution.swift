/// The records with their references resolved: what the checks and the freeze work on.
struct Resolution {
    /// Every id (items `0..<I`, suppliers `I..<I+S`, groups after them).
    var index: KeyIndex
    /// The ids outside ASCII, by Swift's canonical equivalence: for the message about two ids
    /// that differ only by Unicode normalisation.
    var canonical: [String: Int32]
    /// The child of each BOM record, -1 when unknown.
    var usesChild: [Int]
    /// The resolved BOM records of each parent, in the order given.
    var usesByParent: Adjacency
    /// The supplier and item of each supply record, -1 when unknown.
    var edgeSupplier: [Int]
    var edgeItem: [Int]
    /// The supply records of each item whose supplier and item are both known, in the order given.
    var edgesByItem: Adjacency
    /// The resolved `sourcedFrom` entries of each supply record.
    var sourcing: [[(input: Int, suppliers: [Int])]]
    var countries: [Country]
    /// Whether each supplier's country was inferred from its CAGE code (no `country` given).
    var countryInferred: [Bool]
    var controllers: [Country]
    var groups: [CountryGroup]
    var currency: String?
    /// The options, resolved and checked (those with an error left out).
    var options: [SupplyOption] = []
}
