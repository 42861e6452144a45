/// A set of known countries as 256 bits (the ISO 3166-1 table has 249 entries).
///
/// The one representation of a set of countries: a ``CountryGroup``'s members, and the
/// countries whose loss stops an item in the single-point-of-failure pass. ``Country/unknown``
/// is never a member.
public struct CountrySet: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty set.
    /// - Complexity: O(1).
    public init() {}

    /// A set of the known countries among `countries`.
    /// - Complexity: O(countries).
    public init(_ countries: some Sequence<Country>) {
        for country in countries { insert(country) }
    }

    /// Adds `country`; ``Country/unknown`` is ignored.
    /// - Complexity: O(1).
    @inlinable public mutating func insert(_ country: Country) {
        guard country.isKnown else { return }
        setBit(Int(country.rawValue))
    }

    /// Whether `country` is a member; ``Country/unknown`` never is.
    /// - Complexity: O(1).
    @inlinable public func contains(_ country: Country) -> Bool {
        country.isKnown && bit(Int(country.rawValue))
    }

    /// The countries in either set.
    /// - Complexity: O(1).
    public func union(_ other: CountrySet) -> CountrySet {
        var result = self
        result.formUnion(other)
        return result
    }

    /// Adds the members of `other`.
    /// - Complexity: O(1).
    public mutating func formUnion(_ other: CountrySet) {
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
    }

    /// The countries in both sets.
    /// - Complexity: O(1).
    public func intersection(_ other: CountrySet) -> CountrySet {
        var result = CountrySet()
        result.words = (words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3)
        return result
    }

    /// Whether the set has no member.
    /// - Complexity: O(1).
    public var isEmpty: Bool { words.0 | words.1 | words.2 | words.3 == 0 }

    /// The members, in code order.
    /// - Complexity: O(members).
    public var members: [Country] {
        var result: [Country] = []
        for (w, word) in [words.0, words.1, words.2, words.3].enumerated() {
            var rest = word
            while rest != 0 {
                result.append(Country(rawValue: UInt16(w * 64 + rest.trailingZeroBitCount)))
                rest &= rest - 1
            }
        }
        return result
    }

    @usableFromInline mutating func setBit(_ index: Int) {
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @usableFromInline func bit(_ index: Int) -> Bool {
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    /// Whether both sets hold the same countries.
    /// - Complexity: O(1).
    public static func == (a: CountrySet, b: CountrySet) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    /// Hashes the members.
    /// - Complexity: O(1).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}
