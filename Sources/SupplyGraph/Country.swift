/// A country of the ISO 3166-1 table, or the marker for a supplier of unknown origin.
///
/// Stored as a `UInt16` index into ``CountryTable``; ``Country/unknown`` stands for "no
/// country given", which counts as outside every group (the worst case).
public struct Country: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index into ``CountryTable``, or `UInt16.max` for ``unknown``.
    public let rawValue: UInt16
    @usableFromInline init(rawValue: UInt16) { self.rawValue = rawValue }

    /// A supplier whose country is not known.
    public static let unknown = Country(rawValue: .max)

    /// Looks a country up by its ISO 3166-1 alpha-2 code (upper case, as the standard writes it).
    /// - Complexity: O(1).
    public init?(code: some StringProtocol) {
        guard let index = CountryTable.index[String(code)] else { return nil }
        self.rawValue = index
    }

    /// Whether the country is known (not ``unknown``).
    /// - Complexity: O(1).
    @inlinable public var isKnown: Bool { rawValue != .max }

    /// The alpha-2 code, or `unknown`.
    /// - Complexity: O(1).
    public var code: String { isKnown ? CountryTable.iso3166[Int(rawValue)].code : "unknown" }

    /// The English short name, or `unknown origin`.
    /// - Complexity: O(1).
    public var name: String { isKnown ? CountryTable.iso3166[Int(rawValue)].name : "unknown origin" }

    /// Whether the country is one of the 27 EU member states.
    /// - Complexity: O(1).
    public var isEU: Bool { isKnown && CountryGroup.eu.contains(self) }

    /// The alpha-2 code, or `unknown`.
    /// - Complexity: O(1).
    public var description: String { code }

    /// Orders by code, with ``unknown`` last.
    /// - Complexity: O(1).
    public static func < (a: Country, b: Country) -> Bool { a.rawValue < b.rawValue }
}

/// The ISO 3166-1 country table bundled with the package (see `Tools/countries_to_swift.py`).
public enum CountryTable {
    /// Code → index.
    static let index: [String: UInt16] = {
        var result = [String: UInt16](minimumCapacity: iso3166.count)
        for (i, entry) in iso3166.enumerated() { result[entry.code] = UInt16(i) }
        return result
    }()

    /// Every known country, in code order.
    /// - Complexity: O(countries).
    public static var allCountries: [Country] { (0..<iso3166.count).map { Country(rawValue: UInt16($0)) } }
}

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
