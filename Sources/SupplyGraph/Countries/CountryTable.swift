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

extension CountryTable {
    /// The country a name stands for, where a code was expected: an ISO 3166-1 name
    /// (`Germany`, `RUSSIAN FEDERATION`, `Korea, Republic of`), an alpha-3 code (`USA`), or a
    /// common English name or alias (`the Netherlands`, `Russia`, `UK`, `Taiwan`), in any case
    /// and with or without diacritics (`Türkiye`, `Turkiye`). From the shipped tables
    /// (`Data/countries.csv`, `Data/country-aliases.csv`). Nil for anything else — and for a
    /// valid alpha-2 code, which is no name.
    /// - Complexity: O(length of `name` + log countries).
    public static func country(named name: String) -> Country? {
        var key = foldedName(name)
        if key.isEmpty { return nil }
        if let code = code(ofFolded: key) { return Country(code: code) }
        if key.hasPrefix("the") {
            key.removeFirst(3)
            if let code = code(ofFolded: key) { return Country(code: code) }
        }
        return nil
    }

    private static func code(ofFolded key: String) -> String? {
        var low = 0, high = names.count
        while low < high {
            let mid = (low + high) / 2
            if names[mid].name < key { low = mid + 1 } else { high = mid }
        }
        return low < names.count && names[low].name == key ? names[low].code : nil
    }

    /// `name` in lower case, without diacritics, letters and digits only (`Côte d'Ivoire` →
    /// `cotedivoire`): the key of the name table.
    /// - Complexity: O(length of `text`).
    public static func foldedName(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            for scalar in character.unicodeScalars {
                if scalar.isASCII {
                    if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") { result.unicodeScalars.append(scalar) }
                } else if let base = latinBase[scalar] {
                    result += base
                }
            }
        }
        return result
    }

    /// The base letters of the accented Latin letters (Latin-1 and Latin Extended-A).
    private static let latinBase: [Unicode.Scalar: String] = {
        let pairs: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"),
            ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"),
            ("òóôõöøōŏő", "o"), ("œ", "oe"), ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"), ("ţťŧț", "t"),
            ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"), ("þ", "th"), ("ð", "d"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, base) in pairs { for scalar in letters.unicodeScalars { table[scalar] = base } }
        return table
    }()
}
