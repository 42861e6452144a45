/// A set of countries: a built-in group (`EU`, `EEA`, `NATO`) or one a data set defines.
public struct CountryGroup: Hashable, Sendable {
    /// The group's id, as data sets and the command line name it.
    public let id: String
    /// A readable name.
    public let name: String
    /// The members.
    public let countries: CountrySet

    /// Creates a group from its members.
    /// - Complexity: O(members).
    public init(id: String, name: String, members: some Sequence<Country>) {
        self.init(id: id, name: name, countries: CountrySet(members))
    }

    /// Creates a group from a set of countries.
    /// - Complexity: O(1).
    public init(id: String, name: String, countries: CountrySet) {
        self.id = id
        self.name = name
        self.countries = countries
    }

    /// Whether `country` belongs to the group; ``Country/unknown`` never does.
    /// - Complexity: O(1).
    public func contains(_ country: Country) -> Bool { countries.contains(country) }

    /// The members, in code order.
    /// - Complexity: O(members).
    public var members: [Country] { countries.members }

    /// The union of two groups.
    /// - Complexity: O(1).
    public func union(_ other: CountryGroup, id: String, name: String) -> CountryGroup {
        CountryGroup(id: id, name: name, countries: countries.union(other.countries))
    }

    private static func flagged(_ flag: UInt8, id: String, name: String) -> CountryGroup {
        CountryGroup(id: id, name: name, members: CountryTable.iso3166.indices
            .filter { CountryTable.iso3166[$0].flags & flag != 0 }
            .map { Country(rawValue: UInt16($0)) })
    }

    /// The 27 member states of the European Union.
    public static let eu = flagged(1, id: "EU", name: "European Union")
    /// The European Economic Area (EU plus Iceland, Liechtenstein, Norway).
    public static let eea = flagged(2, id: "EEA", name: "European Economic Area")
    /// The 32 members of NATO (as of 2024).
    public static let nato = flagged(4, id: "NATO", name: "NATO")
    /// The built-in groups.
    public static let builtIn: [CountryGroup] = [eu, eea, nato]
}
