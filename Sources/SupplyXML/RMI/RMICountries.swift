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

    // INTERIM (until the shared country-name table of the workbook reader lands): the ISO
    // names of SupplyGraph's country table, folded, and the RMI spellings that differ.
    private static let names: [String: String] = {
        var result: [String: String] = [:]
        for country in CountryTable.allCountries { result[folded(country.name)] = country.code }
        let rmi: [(String, String)] = [
            ("CONGO, DEMOCRATIC REPUBLIC OF THE", "CD"), ("CONGO, THE DEMOCRATIC REPUBLIC OF THE", "CD"),
            ("DEMOCRATIC REPUBLIC OF THE CONGO", "CD"), ("RUSSIAN FEDERATION", "RU"), ("RUSSIA", "RU"),
            ("TAIWAN, PROVINCE OF CHINA", "TW"), ("TAIWAN", "TW"), ("VIET NAM", "VN"), ("VIETNAM", "VN"),
            ("KOREA, REPUBLIC OF", "KR"), ("SOUTH KOREA", "KR"), ("KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "KP"),
            ("BOLIVIA, PLURINATIONAL STATE OF", "BO"), ("BOLIVIA", "BO"), ("IRAN, ISLAMIC REPUBLIC OF", "IR"),
            ("LAO PEOPLE'S DEMOCRATIC REPUBLIC", "LA"), ("TANZANIA, UNITED REPUBLIC OF", "TZ"),
            ("UNITED STATES OF AMERICA", "US"), ("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "GB"),
            ("UNITED KINGDOM", "GB"), ("TURKEY", "TR"), ("TÜRKIYE", "TR"), ("CZECH REPUBLIC", "CZ"),
            ("NETHERLANDS, KINGDOM OF THE", "NL"), ("VENEZUELA, BOLIVARIAN REPUBLIC OF", "VE"),
            ("MOLDOVA, REPUBLIC OF", "MD"), ("SWAZILAND", "SZ"), ("BURMA", "MM"),
        ]
        for (name, code) in rmi { result[folded(name)] = code }
        return result
    }()

    static func country(named name: String) -> Country? {
        names[folded(name)].flatMap { Country(code: $0) }
    }

    /// Letters and digits only, lower case, a few accents dropped.
    static func folded(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            switch character {
            case "é", "è", "ê", "ë": result.append("e")
            case "ü", "ú", "ù": result.append("u")
            case "ö", "ó", "ô", "ò": result.append("o")
            case "ç": result.append("c")
            case "í", "ï": result.append("i")
            case "á", "à", "â", "ä", "å": result.append("a")
            default: if character.isASCII && (character.isLetter || character.isNumber) { result.append(character) }
            }
        }
        return result
    }

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
