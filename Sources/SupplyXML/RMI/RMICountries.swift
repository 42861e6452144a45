import SupplyGraph

/// RMI's country names (upper-case ISO 3166-1 short names: "RUSSIAN FEDERATION",
/// "CONGO, DEMOCRATIC REPUBLIC OF THE", "TAIWAN, PROVINCE OF CHINA", "VIET NAM") to
/// countries, case-insensitively; "Unknown" is unknown origin.
enum RMICountries {
    /// What a country cell says.
    enum Lookup: Equatable {
        case country(Country)
        case unknownOrigin
        case notACountry(suggestions: [String])
    }

    /// The country named `name`.
    static func lookUp(_ name: String) -> Lookup {
        let key = folded(name)
        if key.isEmpty || key == "unknown" { return .unknownOrigin }
        if let country = country(named: name) { return .country(country) }
        return .notACountry(suggestions: nearest(key))
    }

    /// The country of a name: RMI's names are ISO 3166-1 short names, so the shipped country
    /// table of names and aliases (`Data/country-aliases.csv`) reads them.
    static func country(named name: String) -> Country? { CountryTable.country(named: name) }

    /// Lower case, letters and digits only (as the country table folds names).
    static func folded(_ text: String) -> String { CountryTable.foldedName(text) }

    private static func nearest(_ key: String) -> [String] {
        var best = Int.max, found: [String] = []
        for country in CountryTable.allCountries {
            let d = RMIMetals.editDistance(Array(key), Array(folded(country.name)))
            if d < best { best = d; found = [] }
            if d == best { found.append("\(country.name.uppercased()) (\(country.code))") }
        }
        return best <= max(3, key.count / 3) ? Array(found.prefix(3)) : []
    }
}
