import SupplyGraph

/// The countries counted as "inside" for the non-EU figures: the EU, plus any groups the
/// analyst trusts (`--trusted NATO`).
public struct Perimeter: Sendable {
    /// The groups beside the EU counted as inside.
    public let trustedGroups: [CountryGroup]

    /// The EU alone.
    public static let eu = Perimeter(trusting: [])

    /// The EU and the given groups.
    /// - Complexity: O(1).
    public init(trusting groups: [CountryGroup]) { self.trustedGroups = groups }

    /// The ids of the groups inside: `EU` first, then the trusted groups as given.
    /// - Complexity: O(groups).
    public var groupIDs: [String] { [CountryGroup.eu.id] + trustedGroups.map(\.id) }

    /// Whether the perimeter is the EU alone (no trusted groups): the figures' "outside" is then
    /// "non-EU".
    /// - Complexity: O(1).
    public var isEUAlone: Bool { trustedGroups.isEmpty }

    /// Whether `country` lies outside: not in the EU nor in a trusted group. A supplier of
    /// unknown origin is always outside.
    /// - Complexity: O(groups).
    public func isOutside(_ country: Country) -> Bool {
        guard country.isKnown else { return true }
        if CountryGroup.eu.contains(country) { return false }
        return !trustedGroups.contains { $0.contains(country) }
    }

    /// For every supplier, whether it lies outside.
    /// - Complexity: O(suppliers · groups).
    public func outsideSuppliers(of graph: SupplyGraph) -> IDArray<SupplierID, Bool> {
        IDArray(graph.supplierCountries.map(isOutside))
    }
}
