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
