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

    /// The nearest ISO names to a folded name: compared with each whole name, the part before
    /// its comma and its first word (`RUSIA` is near `Russian Federation` through `Russian`).
    private static func nearest(_ key: String) -> [String] {
        var best = Int.max, found: [String] = []
        for country in CountryTable.allCountries {
            let name = country.name
            let forms = [name, String(name.prefix { $0 != "," }), String(name.prefix { $0 != " " && $0 != "," })]
            let d = Set(forms.map(folded)).map { RMIMetals.editDistance(Array(key), Array($0)) }.min() ?? .max
            if d < best { best = d; found = [] }
            if d == best { found.append("\(name.uppercased()) (\(country.code))") }
        }
        return best <= max(2, key.count / 3) ? Array(found.prefix(3)) : []
    }
}
