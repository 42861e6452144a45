/// NCAGE/CAGE codes and the country of the NATO codification bureau that assigns them.
///
/// Each national codification bureau (NCB) assigns its codes in a pattern of its own: a letter
/// of its own first (`D1234`, Germany), or last (`1234G`, Czechia), or both (`A123H`, Albania),
/// with digits in the other place; `#` stands for a digit, `*` for any letter or digit. Where a
/// supplier's `country` is absent, the builder infers it from this table and marks it as
/// inferred (``SupplyGraph/supplierCountryInferred``). Codes assigned by the NATO Support and
/// Procurement Agency (`S***#`, for Iceland and for every nation without a bureau of its own)
/// name no country: such a supplier stays of unknown origin.
///
/// Source: NATO Codification Support Publication CodSP-3, "NCS Country Codes (CTR, NCB,
/// NCAGE, MOE)", NSPA (the February 2026 edition for the rows Albania to Jordan; the rows
/// after them as commonly published in the same table). `#***#` is the United States' CAGE
/// pattern; Canada used it too before 2002 (codes Canada now replaces by `L***#`), so such an
/// old Canadian code is taken as American — the inference is a hint, marked as such, not a
/// fact of the data.
public enum CageCode {
    /// The patterns, each with the ISO 3166-1 alpha-2 code of its bureau's country (`nil`:
    /// assigned by NSPA, no country). No two patterns match the same code.
    public static let patterns: [(pattern: String, country: String?)] = [
        ("A***H", "AL"), ("B***B", "DZ"), ("W***#", "AR"), ("Z***#", "AU"), ("#***N", "AT"),
        ("B***#", "BE"), ("A***U", "BA"), ("#***K", "BR"), ("A***V", "BN"), ("#***U", "BG"),
        ("L***#", "CA"), ("A***A", "CL"), ("A***Z", "CO"), ("A***B", "HR"), ("#***G", "CZ"),
        ("R***#", "DK"), ("B***C", "EC"), ("#***D", "EG"), ("#***J", "EE"), ("#***S", "FJ"),
        ("A***G", "FI"), ("F***#", "FR"), ("M***#", "FR"), ("A***R", "GE"), ("C***#", "DE"),
        ("D***#", "DE"), ("G***#", "GR"), ("#***V", "HU"), ("#***Y", "IN"), ("#***Z", "ID"),
        ("D***N", "IQ"), ("D***P", "IE"), ("#***A", "IL"), ("A***#", "IT"), ("J***#", "JP"),
        ("A***X", "JO"), ("H***#", "NL"), ("N***#", "NO"), ("#***H", "PL"), ("P***#", "PT"),
        ("#***B", "ES"), ("T***#", "TR"), ("K***#", "GB"), ("U***#", "GB"), ("#***#", "US"),
        ("S***#", nil),
    ]

    /// What the table says of a code.
    public enum Origin: Hashable, Sendable {
        /// The bureau of this country assigns codes of this pattern.
        case country(Country)
        /// NSPA assigns codes of this pattern (`S***#`): no country.
        case nspa
        /// No pattern of the table matches (or the code is malformed).
        case unknown
    }

    /// The origin of `code` (five upper-case letters or digits) by the table.
    /// - Complexity: O(patterns).
    public static func origin(of code: String) -> Origin {
        let bytes = Array(code.utf8)
        guard bytes.count == 5, bytes.allSatisfy({ isDigit($0) || ($0 >= 0x41 && $0 <= 0x5A) }) else { return .unknown }
        for (pattern, country) in patterns where matches(Array(pattern.utf8), bytes) {
            guard let country else { return .nspa }
            return Country(code: country).map(Origin.country) ?? .unknown
        }
        return .unknown
    }

    /// The country whose bureau assigns `code`, if the table names one.
    /// - Complexity: O(patterns).
    public static func country(of code: String) -> Country? {
        if case .country(let country) = origin(of: code) { return country }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The first and last characters decide: `#` a digit, a letter itself.
    private static func matches(_ pattern: [UInt8], _ code: [UInt8]) -> Bool {
        for k in [0, 4] {
            let p = pattern[k], c = code[k]
            if p == UInt8(ascii: "#") ? !isDigit(c) : p != c { return false }
        }
        return true
    }
}
