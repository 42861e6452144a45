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
