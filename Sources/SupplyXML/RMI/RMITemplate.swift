import SupplyGraph

/// The Responsible Minerals Initiative's reporting templates this reader knows, and where each
/// version keeps what is read: the article "Suppliers' declarations" is the same table in words.
///
/// Only the layout is written down here (cells and column positions, read from the templates'
/// published structure); none of RMI's files is part of the package.
struct RMITemplate: Equatable, Sendable {
    /// Which template family.
    enum Kind: String, Sendable, CaseIterable {
        /// Conflict Minerals Reporting Template: tin, tantalum, tungsten, gold.
        case cmrt = "CMRT"
        /// Extended Minerals Reporting Template: cobalt, mica; from 2.0 also copper, natural
        /// graphite, lithium, nickel.
        case emrt = "EMRT"
        /// Additional Minerals Reporting Template (formerly the Pilot Reporting Template):
        /// aluminium and other minerals.
        case amrt = "AMRT"
    }

    /// Where a version keeps the smelter list's columns (1-based column numbers: A is 1).
    struct SmelterColumns: Equatable, Sendable {
        /// The metal (CMRT 6.x: B).
        var metal: UInt32
        /// The smelter look-up (a drop-down of RMI's smelter names and "Smelter not listed",
        /// "Smelter not yet identified"); nil where the version has none.
        var lookUp: UInt32?
        /// The smelter's name as the supplier typed it or the look-up filled it in.
        var name: UInt32
        /// The smelter's country, as RMI's upper-case ISO short name.
        var country: UInt32
        /// The smelter identification (a CID).
        var identification: UInt32
        /// The hidden standard smelter name.
        var standardName: UInt32
        /// The hidden country code (ISO 3166-1 alpha-2).
        var countryCode: UInt32
    }

    /// The family.
    var kind: Kind
    /// The version as the workbook writes it (`6.5`, `2.1`, `1.3`).
    var version: String
    /// The smelter list's columns.
    var columns: SmelterColumns

    /// The Declaration sheet's cell with the declarant's name (row 8, column D).
    static let companyNameCell = (row: UInt32(8), column: UInt32(4))
    /// The Declaration sheet's cell with the declaration's scope (row 9, column D).
    static let scopeCell = (row: UInt32(9), column: UInt32(4))
    /// The Declaration sheet's cell that usually holds "Revision 6.5" (row 3, column J).
    static let revisionCell = (row: UInt32(3), column: UInt32(10))
    /// The Smelter List's header row; data start on the row after it.
    static let smelterHeaderRow: UInt32 = 4

    /// CMRT 6.x, EMRT 1.x–2.x and AMRT 1.3 onwards: A the identification input, B metal,
    /// C look-up, D name, E country, F identification, G source of the identification,
    /// H–Q address, contact, next steps, mine, recycled, comments; hidden from R: R standard
    /// name, S country code, T state code, then flags (EMRT 2.1 and AMRT 1.3 add
    /// "Combined Metal" and "Combined Smelter" after them).
    static let lookUpLayout = SmelterColumns(metal: 2, lookUp: 3, name: 4, country: 5, identification: 6,
                                              standardName: 18, countryCode: 19)
    /// AMRT 1.0–1.2 (no look-up): A metal, B name, C country, D identification, E source,
    /// F–O address to comments; hidden P standard name ("not in use"), Q country code.
    static let amrtEarlyLayout = SmelterColumns(metal: 1, lookUp: nil, name: 2, country: 3, identification: 4,
                                                 standardName: 16, countryCode: 17)

    /// The layout of `kind` at `version` (`6.5`, `2.1`), or nil when the version is not known:
    /// CMRT 6.x, EMRT 1.x and 2.x, AMRT 1.x.
    static func layout(_ kind: Kind, version: String) -> RMITemplate? {
        let parts = version.split(separator: ".")
        guard let major = parts.first.flatMap({ Int($0) }) else { return nil }
        let minor = parts.count > 1 ? Int(parts[1].prefix(1)) ?? 0 : 0
        switch (kind, major) {
        case (.cmrt, 6), (.emrt, 1), (.emrt, 2):
            return RMITemplate(kind: kind, version: version, columns: lookUpLayout)
        case (.amrt, 1):
            return RMITemplate(kind: kind, version: version, columns: minor >= 3 ? lookUpLayout : amrtEarlyLayout)
        default:
            return nil
        }
    }

    /// The version in a text such as "Revision 6.5", "Revision 6.5 — April 2025" or
    /// "Version 2.1": the number after the word `Revision`, `Rev.` or `Version`.
    static func version(in text: String) -> String? {
        let words = text.split { $0 == " " || $0 == "\u{00A0}" || $0 == "\n" || $0 == "\t" }
        for (k, word) in words.enumerated() where k + 1 < words.count {
            let w = word.lowercased()
            guard w == "revision" || w == "rev." || w == "rev" || w == "version" else { continue }
            let number = words[k + 1].prefix { $0.isNumber || $0 == "." }
            let trimmed = number.hasSuffix(".") ? number.dropLast() : number
            if let first = trimmed.first, first.isNumber { return String(trimmed) }
        }
        return nil
    }

    /// The family a title names: `CMRT`, `EMRT`, `AMRT` or `PRT` as a word, or the English
    /// names ("Conflict Minerals Reporting Template", "Extended Minerals ...", "Additional
    /// Minerals ...", "Pilot Reporting Template"); nil when it names none.
    static func kind(in text: String) -> Kind? {
        let lower = text.lowercased()
        let words = Set(lower.split { !$0.isLetter }.map(String.init))
        if words.contains("cmrt") || lower.contains("conflict minerals reporting") { return .cmrt }
        if words.contains("emrt") || lower.contains("extended minerals reporting") { return .emrt }
        if words.contains("amrt") || words.contains("prt") || lower.contains("additional minerals reporting")
            || lower.contains("pilot reporting template") { return .amrt }
        return nil
    }

    /// The column letters of a 1-based column number (`5` → `E`).
    static func letters(_ column: UInt32) -> String {
        var n = column, result = ""
        while n > 0 {
            let r = (n - 1) % 26
            result = String(UnicodeScalar(UInt8(65 + r))) + result
            n = (n - 1) / 26
        }
        return result
    }
}
