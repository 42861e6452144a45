import SupplyGraph

/// How a column's cells are read.
enum ColumnKind: Sendable {
    /// Text as written (ids, names, codes, lists).
    case text
    /// A number: a number cell, or text such as `12`, `-0.5`, `1e3`.
    case number
    /// A share: a number from 0 to 1, or a percentage (`60%`, `60 %`).
    case share
}

/// One column of a table: its header (the XML attribute's name), whether every row needs it,
/// how its cells are read, and the help the template's `README` sheet gives.
struct TableColumn: Sendable {
    let name: String
    let required: Bool
    let kind: ColumnKind
    let help: String

    /// The builder's field of the same name, for locating the builder's findings at a cell.
    var field: SupplyGraphBuilder.Field? { SupplyGraphBuilder.Field(rawValue: name) }

    /// A column every row needs: a header without it is an error, a row with it empty too.
    static func required(_ name: String, _ kind: ColumnKind, _ help: String) -> TableColumn {
        TableColumn(name: name, required: true, kind: kind, help: "required: " + help)
    }

    /// A required text column.
    static func required(_ name: String, _ help: String) -> TableColumn { required(name, .text, help) }

    /// A column a row may leave empty.
    static func optional(_ name: String, _ kind: ColumnKind, _ help: String) -> TableColumn {
        TableColumn(name: name, required: false, kind: kind, help: "optional: " + help)
    }

    /// An optional text column.
    static func optional(_ name: String, _ help: String) -> TableColumn { optional(name, .text, help) }
}

/// The sheets of a workbook and the files of a CSV folder, named as the XML's records.
enum TableKind: String, CaseIterable, Sendable {
    case dataSet, countryGroups, items, bom, suppliers, supplies, sourcedFrom, entities, owners, options

    /// Whether a workbook or CSV folder that holds a map (an `items` table) must hold this
    /// table too (`bom`, `suppliers`, `supplies`): one without it is an error, since a missing
    /// table reads as "no BOM lines", "no suppliers" or "no supply lines" and changes every
    /// figure. Declare an empty one with its header row only.
    var isRequiredBesideItems: Bool { self == .bom || self == .suppliers || self == .supplies }

    /// What a map without rows of this table lacks (for the message on a missing table).
    var lacking: String {
        switch self {
        case .dataSet: "a data set's name"
        case .countryGroups: "country groups"
        case .items: "items"
        case .bom: "BOM lines"
        case .suppliers: "suppliers"
        case .supplies: "supply lines"
        case .sourcedFrom: "sub-tier sourcing"
        case .entities: "owners that supply nothing"
        case .owners: "ownership"
        case .options: "options for the budget plan"
        }
    }

    /// The columns, in the order the template writes them: the one registry the template, its
    /// `README` sheet, the workbook and CSV readers and their messages all read. A column is
    /// one line here (its reading in ``TableImport`` gives it a meaning).
    var columns: [TableColumn] {
        switch self {
        case .dataSet: [
            .optional("name", "the data set's name, shown in reports"),
            .optional("asOf", "the date the data is as of, YYYY-MM-DD"),
            .optional("currency", "the currency of every price, ISO 4217 (EUR)"),
            .optional("home", "your own country, ISO 3166-1 alpha-2 (NL): left out of the country rankings"),
        ]
        case .countryGroups: [
            .required("id", "the group's id (not EU, EEA, NATO, nor a country code)"),
            .optional("name", "a readable name"),
            .required("members", "ISO 3166-1 alpha-2 codes, separated by spaces or commas (US GB NO CA)"),
        ]
        case .items: [
            .required("id", "the item's id, unique among items, suppliers and groups of every file"),
            .required("kind", "system, component or material"),
            .optional("name", "a readable name (default: the id)"),
            .optional("unit", "the unit of quantities, demand and stock (default pcs; materials kg or t)"),
            .optional("demand", .number, "units needed per year (usually on systems), a number >= 0"),
            .optional("stock", .number, "units on hand, a number >= 0"),
            TableColumn(name: "weight", required: false, kind: .number, help: "optional, systems only: priority in rankings, a number > 0 (default 1)"),
            .optional("price", .number, "price per unit in the data set's currency, > 0 (leave it empty when unknown: 0 is an error)"),
            .optional("maxPurchase", .number, "the most units the budget plan may buy, >= 0 (empty: no cap)"),
            .optional("commodity", "the raw material family of every stage and grade (gallium, graphite, titanium; any case; aluminum, bauxite, alumina read as aluminium): decides the CRMA flags and --commodity"),
        ]
        case .bom: [
            .required("parent", "the id of the item that uses the input"),
            .required("item", "the id of the input"),
            .required("quantity", .number, "units of the input (in its unit) per unit of the parent, >= 0"),
        ]
        case .suppliers: [
            .required("id", "the supplier's id"),
            .optional("name", "a readable name"),
            .optional("country", "ISO 3166-1 alpha-2 code of the production site (empty: unknown origin, or inferred from cage)"),
            .optional("controlledBy", "alpha-2 code of the ultimate owner's country"),
            .optional("recoveryDays", .number, "days to recover after a disruption, >= 0"),
            .optional("cage", "NCAGE/CAGE code, five upper-case letters or digits (D1234); without a country, the country is inferred from it and marked as inferred"),
            .optional("aggregate", "true (1, yes) for a country row of a statistics table (Rare-earth mining, China), not a firm; default false"),
            .optional("lei", "the Legal Entity Identifier (20 letters or digits), matched with GLEIF records and sanctions lists"),
            .optional("registration", "a registration or tax number, matched with sanctions lists on its letters and digits"),
            .optional("declarant", "the company name its RMI declarations (CMRT, EMRT, AMRT) give, where it differs from name"),
        ]
        case .supplies: [
            .required("supplier", "the supplier's id"),
            .required("item", "the id of the item it supplies"),
            .optional("share", .share, "its share of our volume of the item, 0.6, 60% or 60 % (a decimal point, not a comma)"),
            .optional("capacity", .number, "units per year, >= 0"),
            .optional("leadTimeDays", .number, "lead time in days, >= 0"),
        ]
        case .sourcedFrom: [
            .required("supplier", "the buying supplier's id (its supplies row must exist)"),
            .required("item", "the item it supplies"),
            .required("input", "the input of that item it buys"),
            .required("suppliers", "the ids it buys the input from, separated by spaces or commas"),
        ]
        case .entities: [
            .required("id", "the entity's id (an owner that supplies nothing), unique among all ids"),
            .optional("name", "its registered name, screened against sanctions lists"),
            .optional("country", "ISO 3166-1 alpha-2 code of its registered address"),
            .optional("lei", "the Legal Entity Identifier"),
            .optional("registration", "a registration or tax number"),
            .optional("person", "true for a natural person (matched only by the person entries of a list)"),
        ]
        case .owners: [
            .required("of", "the id of the party owned (a supplier or an entity)"),
            .required("by", "the id of the owner (a supplier or an entity)"),
            .optional("share", .share, "the share held, 0.3, 30% or 30 % (the owners' shares of one party sum to at most 1)"),
            .optional("control", "true when the owner controls the party, with or without a majority"),
        ]
        case .options: [
            .required("id", "the option's id, unique among options"),
            .required("item", "the id of the item the new source would supply"),
            .required("country", "ISO 3166-1 alpha-2 code of the new source (it fails with that country's cut-off)"),
            .required("share", .share, "the most it delivers, a fraction of the item's requirement per year: 0.3, 30% or 30 %"),
            .required("cost", .number, "the one-off cost of taking it, in the data set's currency, >= 0"),
            .optional("leadTimeDays", .number, "days until it delivers, >= 0 (default 0)"),
            .optional("name", "a readable name"),
        ]
        }
    }

    /// The columns a row cannot do without (and a header row must name).
    var required: [TableColumn] { columns.filter(\.required) }

    /// The order a workbook's sheets and a folder's files are read in (diagnostics follow it).
    static let readingOrder: [TableKind] = [.dataSet, .countryGroups, .items, .bom, .suppliers, .supplies, .sourcedFrom,
                                            .entities, .owners, .options]

    /// Sheets that are no table but belong to a workbook: the template's own `README`.
    static let companions: Set<String> = ["readme"]
}

// MARK: Matching names

/// How the sheets, files and headers a person wrote are matched to the registry's names:
/// trimmed, invisible characters removed, case folded; a near miss found for the message.
enum NameMatch {
    /// `name` without invisible characters (format controls such as zero-width spaces, soft
    /// hyphens, byte-order marks; no-break and other spaces at either end), trimmed, lower case.
    static func folded(_ name: String) -> String { visible(name).lowercased() }

    /// `name` without invisible characters and trimmed, in its own case (for messages and for
    /// splitting at camelCase).
    static func visible(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where scalar.properties.generalCategory != .format {
            scalars.append(isSpace(scalar) ? " " : scalar)
        }
        return String(scalars).trimmingCharacters()
    }

    /// A space of any kind: white space, the no-break spaces.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{2007}" || scalar == "\u{202F}"
    }

    /// The table a sheet or file is named for, after folding.
    static func table(named name: String) -> TableKind? {
        let folded = folded(name)
        return TableKind.allCases.first { $0.rawValue.lowercased() == folded }
    }

    /// The table `name` nearly names (it is none): within edit distance 2 (1 for table names
    /// of five letters or fewer), its singular or plural, the name with a number or marks
    /// after it (`Suppliers2`, `supplies (old)`), or the same but for look-alike letters of
    /// another script (a Cyrillic `а` for `a`). Nil for other names (`Notes`, `Data`).
    static func nearTable(_ name: String) -> TableKind? {
        let folded = folded(name)
        guard !folded.hasPrefix("#"), !TableKind.companions.contains(folded) else { return nil }
        let names = TableKind.allCases.map { ($0, $0.rawValue.lowercased()) }
        let latin = String(folded.unicodeScalars.map { Character(lookAlike[$0] ?? $0) })
        let letters = String(latin.filter(\.isLetter))
        for (kind, table) in names where latin == table || letters == table || isSingularOrPlural(letters, of: table) {
            return kind
        }
        var best: (kind: TableKind, distance: Int)? = nil
        for (kind, table) in names {
            guard let d = distance(letters, table, atMost: table.count <= 5 ? 1 : 2) else { continue }
            if best == nil || d < best!.distance { best = (kind, d) }
        }
        return best?.kind
    }

    /// The look-alike letters of another script in `name`, named so that a message shows
    /// what the screen does not: `it has 'О' (U+041E CYRILLIC CAPITAL LETTER O) where 'O' is
    /// expected`; empty when it has none.
    static func lookAlikeNote(_ name: String) -> String {
        var found: [String] = []
        for scalar in visible(name).unicodeScalars {
            let lower = String(scalar).lowercased().unicodeScalars
            guard lower.count == 1, let latin = lookAlike[lower.first!] else { continue }
            let expected = scalar.properties.isUppercase ? String(latin).uppercased() : String(latin)
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let named = scalar.properties.name.map { " \($0)" } ?? ""
            let text = "'\(scalar)' (U+\(code)\(named)) where '\(expected)' is expected"
            if !found.contains(text) { found.append(text) }
        }
        return found.isEmpty ? "" : "it has " + found.joined(separator: ", ")
    }

    /// `item` for `items`, `supply` for `supplies`, `boms` for `bom`.
    static func isSingularOrPlural(_ word: String, of name: String) -> Bool {
        guard !word.isEmpty else { return false }
        if word + "s" == name || word == name + "s" { return true }
        if name.hasSuffix("ies"), word == name.dropLast(3) + "y" { return true }
        if word.hasSuffix("ies"), name == word.dropLast(3) + "y" { return true }
        return false
    }

    /// Whether a header resembles `column`: one of its words (split at non-letters and at
    /// camelCase) is the column's name, its letters are, or — for names of five letters or
    /// more — it is within edit distance 2 of it (`Share (%)`, `share_pct`, `quantty`).
    static func header(_ header: String, resembles column: String) -> Bool {
        let name = column.lowercased()
        let latin = String(header.unicodeScalars.map { Character(lookAlike[$0] ?? $0) })
        if words(latin).contains(where: { $0 == name || isSingularOrPlural($0, of: name) }) { return true }
        let letters = String(latin.lowercased().filter(\.isLetter))
        if letters == name { return true }
        return name.count >= 5 && distance(letters, name, atMost: 2) != nil
    }

    /// The edit distance of `a` and `b` when it is at most `limit`.
    static func distance(_ a: String, _ b: String, atMost limit: Int) -> Int? {
        Suggestion.distance(Array(a), Array(b), atMost: limit)
    }

    /// The words of a header, lower case: split at non-letters and where a lower-case letter
    /// meets an upper-case one (`leadTime days` → lead, time, days).
    static func words(_ text: String) -> [String] {
        var result: [String] = [], current = ""
        var previousLower = false
        for character in text {
            if character.isLetter {
                if character.isUppercase && previousLower && !current.isEmpty { result.append(current); current = "" }
                current.append(character)
                previousLower = character.isLowercase
            } else {
                if !current.isEmpty { result.append(current); current = "" }
                previousLower = false
            }
        }
        if !current.isEmpty { result.append(current) }
        return result.map { $0.lowercased() }
    }

    /// Letters of the Cyrillic and Greek scripts that look like Latin ones, lower case (the
    /// names are folded first).
    static let lookAlike: [Unicode.Scalar: Unicode.Scalar] = [
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
        "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c",
    ]
}

extension String {
    /// Without spaces of any kind at either end.
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !NameMatch.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !NameMatch.isSpace($0) })!
        return String(scalars[first...last])
    }
}
