import SupplyGraph

/// What a cell of a workbook holds (a CSV field is always text).
enum CellType: Sendable, Equatable {
    /// A string (shared, inline, a formula's string result; every CSV field).
    case text
    /// A number cell (or a formula's cached number).
    case number
    /// A number cell formatted as a date.
    case date
    /// A boolean cell (`TRUE`, `FALSE`).
    case boolean
    /// A formula error (`#N/A`, `#REF!`).
    case error
    /// A formula whose value was never saved (written by a tool that does not calculate).
    case formulaWithoutValue
}

/// One cell of a table: its text as it appears (a number as written, a shared string resolved),
/// what kind of cell it is, and its place.
struct TableCell {
    var column: UInt32
    var line: UInt32
    var text: String
    var type: CellType = .text

    /// A cell with nothing in it: no text, and nothing to report.
    var isBlank: Bool { (type == .text || type == .number) && TableImport.trimmed(text).isEmpty }
}

/// What was read from one sheet or CSV file, for `validate`.
public struct TableSummary: Sendable, Equatable {
    /// Where the table is: `map.xlsx:supplies` or `folder/supplies.csv`.
    public let source: String
    /// The table (`supplies`).
    public let table: String
    /// The data rows read: rows with a non-empty cell after the header row.
    public let rows: Int
    /// The empty rows skipped between the header row and the last data row.
    public let emptyRowsSkipped: Int
    /// The headers of the columns that are not the table's (and do not start with `#`).
    public let ignoredColumns: [String]
}

/// How the text of a table's cells is written: a workbook's text cells, a CSV file separated
/// by `,` (decimal point), or one separated by `;` (decimal comma).
enum NumberDialect: Sendable, Equatable {
    case workbook, commaCSV, semicolonCSV

    /// The decimal mark of the file, which is never a thousands separator there (nil in a
    /// workbook's text cells: both readings are possible).
    var ownMark: Character? {
        switch self {
        case .workbook: nil
        case .commaCSV: "."
        case .semicolonCSV: ","
        }
    }
}

/// Reads the rows of one sheet or CSV file into the builder: the first non-empty row is the
/// header, empty rows are skipped (and counted), every cell located (`map.xlsx:supplies!C12`,
/// `folder/supplies.csv:12:3`). The columns are the registry's (``TableKind/columns``).
final class TableImport {
    let kind: TableKind
    let source: UInt32
    unowned let session: ImportSession
    let dialect: NumberDialect
    /// The column number of each of the table's columns read, by name, once the header is seen.
    private var columns: [String: UInt32] = [:]
    private var columnAt: [UInt32: TableColumn] = [:]
    private var sawHeader = false
    private var headerRefused = false
    private var headerFields = 0
    private let where_: String
    /// A sheet, whose rows are numbered (a missing row element is an empty row).
    private let isSheet: Bool

    // The counts for `validate`.
    private(set) var dataRows = 0
    private(set) var emptySkipped = 0
    private(set) var ignoredColumns: [String] = []
    private var pendingEmpty = 0
    private var lastLine: UInt32 = 0

    /// The registry's columns of the table, and the required ones (looked up once, not per row).
    private let tableColumns: [TableColumn]
    private let requiredColumns: [TableColumn]

    init(kind: TableKind, source: UInt32, session: ImportSession, where description: String,
         dialect: NumberDialect = .workbook, isSheet: Bool = false) {
        self.tableColumns = kind.columns
        self.requiredColumns = kind.required
        self.kind = kind
        self.source = source
        self.session = session
        self.where_ = description
        self.dialect = dialect
        self.isSheet = isSheet
    }

    /// Takes one row (cells in column order; empty cells may be left out).
    func row(_ cells: [TableCell], line: UInt32) {
        guard cells.contains(where: { !$0.isBlank }) else {
            if sawHeader { pendingEmpty += 1 }
            lastLine = line
            return
        }
        if !sawHeader { header(cells, line: line); lastLine = line; return }
        if isSheet && line > lastLine + 1 { pendingEmpty += Int(line - lastLine - 1) }
        lastLine = line
        emptySkipped += pendingEmpty
        pendingEmpty = 0
        dataRows += 1
        guard !headerRefused else { return }
        if dialect != .workbook, cells.count > headerFields,
           let extra = cells[headerFields...].first(where: { !$0.isBlank }) {
            let hint = dialect == .commaCSV
                ? ": an unquoted decimal comma (0,6) splits a number in two — write the decimal point (0.6), or quote the field"
                : ": quote a field that holds a ';'"
            session.error(.malformedCSV, "the row has \(cells.count) fields, the header row \(headerFields)\(hint)",
                          PackedLocation(file: source, line: extra.line, column: extra.column))
            return
        }
        var values: [String: TableCell] = [:]
        for cell in cells {
            guard let column = columnAt[cell.column] else { continue }
            var cell = cell
            cell.text = Self.trimmed(cell.text)
            if !cell.isBlank { values[column.name] = cell }
        }
        let at = PackedLocation(file: source, line: line, column: columns[requiredColumns.first?.name ?? "name"] ?? 1)
        for column in requiredColumns where values[column.name] == nil {
            session.error(.missingAttribute, "the \(column.name) is empty: every \(kind.rawValue) row needs one",
                          PackedLocation(file: source, line: line, column: columns[column.name] ?? 1))
            return
        }
        // A date typed in Excel in a text column (asOf, or a name): the date as YYYY-MM-DD, not
        // the serial number the cell holds (46357).
        for (name, cell) in values where cell.type == .date {
            guard tableColumns.first(where: { $0.name == name })?.kind == .text, let date = Self.isoDate(cell.text) else { continue }
            var cell = cell
            cell.text = date
            values[name] = cell
        }
        // A cell no reading can take: the error is at the cell, the row is not added.
        var ok = true
        for (name, cell) in values where cell.type != .text && cell.type != .number {
            guard let column = tableColumns.first(where: { $0.name == name }) else { continue }
            if column.kind == .text && (cell.type == .date || cell.type == .boolean) { continue }
            session.error(.invalidNumber, Self.cellMessage(cell, column: column), PackedLocation(file: source, line: cell.line, column: cell.column))
            ok = false
        }
        if ok { add(values, at: at) }
    }

    /// A date cell's value as `YYYY-MM-DD`: an Excel serial number (days in the 1900 date
    /// system, 61 = 1900-03-01, a fraction being the time of day, dropped) or the ISO 8601 text
    /// of a `t="d"` cell; nil when it is neither or before 1900-03-01.
    static func isoDate(_ text: String) -> String? {
        if text.count >= 10, text.utf8.count >= 10, text.dropFirst(4).first == "-" {
            let date = String(text.prefix(10))
            return date.utf8.enumerated().allSatisfy { k, b in k == 4 || k == 7 ? b == 0x2D : (0x30...0x39).contains(b) } ? date : nil
        }
        guard let serial = Double(text), serial.isFinite, serial >= 61, serial < 2_958_466 else { return nil }
        // Days since 1970-01-01 (serial 25569), then the proleptic Gregorian civil date.
        let z = Int(serial.rounded(.down)) - 25569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// What is wrong with a cell that holds no value the column can take.
    static func cellMessage(_ cell: TableCell, column: TableColumn) -> String {
        let what = column.kind == .text ? "" : ": \(column.name) must be a number"
        switch cell.type {
        case .date: return "the cell is a date (its format is a date's)\(what) — format the cell as a number"
        case .boolean: return "the cell is a boolean (\(cell.text == "1" ? "TRUE" : "FALSE"))\(what)"
        case .error: return "the cell holds the formula error '\(cell.text)'" + (column.kind == .text ? ": \(column.name) needs a value" : what)
        case .formulaWithoutValue:
            return "the cell's formula has no saved value: recalculate and save the workbook (Excel and LibreOffice save the value; some tools that write workbooks do not)"
        case .text, .number: return "\(column.name) is not read"
        }
    }

    private func header(_ cells: [TableCell], line: UInt32) {
        sawHeader = true
        headerFields = cells.count
        var ok = true
        var others: [(name: String, cell: TableCell)] = []
        for cell in cells {
            let name = NameMatch.folded(cell.text)
            guard !name.isEmpty else { continue }
            let at = PackedLocation(file: source, line: cell.line, column: cell.column)
            if let column = tableColumns.first(where: { $0.name.lowercased() == name }) {
                if let first = columns[column.name] {
                    session.error(.duplicateID, "the column '\(column.name)' is given twice (first in column \(InputLocation.columnName(Int(first))))", at)
                    ok = false
                }
                columns[column.name] = cell.column
                columnAt[cell.column] = column
            } else if !name.hasPrefix("#") {
                others.append((NameMatch.visible(cell.text), cell))
            }
        }
        // A header that resembles a column the table lacks: the column was renamed, and its
        // cells would be lost in silence.
        for (text, cell) in others {
            let at = PackedLocation(file: source, line: cell.line, column: cell.column)
            if let column = tableColumns.first(where: { columns[$0.name] == nil && NameMatch.header(text, resembles: $0.name) }) {
                session.error(.misnamedColumn, "column '\(text)' is not read, and the \(where_) has no column '\(column.name)': did you mean '\(column.name)'? (headers are the template's column names; start a header with '#' to keep a column of your own)", at)
                ok = false
            } else {
                ignoredColumns.append(text)
            }
        }
        let missing = requiredColumns.filter { columns[$0.name] == nil }
        if !missing.isEmpty {
            let have = tableColumns.map(\.name).joined(separator: ", ")
            let names = missing.map { "'\($0.name)'" }.joined(separator: ", ")
            let lacking = "the \(where_) has no column\(missing.count == 1 ? "" : "s") \(names)"
            if columns.isEmpty && ok && !others.isEmpty {
                // None of the table's columns: the row is a title or a note above the headers.
                let held = others.map { "'\($0.name)'" }.joined(separator: ", ")
                session.error(.missingAttribute, "\(lacking): row \(line) holds \(held) and is not a header row — the header row is the first row with a non-empty cell, so put the headers there (expected columns: \(have))",
                              PackedLocation(file: source, line: line, column: 1))
            } else {
                session.error(.missingAttribute, "\(lacking) in its header row (expected columns: \(have))",
                              PackedLocation(file: source, line: line, column: 1))
            }
            ok = false
        }
        if ok {
            var fields: [SupplyGraphBuilder.Field: UInt32] = [:]
            for (name, number) in columns { if let field = SupplyGraphBuilder.Field(rawValue: name) { fields[field] = number } }
            session.tableColumns[source] = fields
        } else {
            headerRefused = true
        }
    }

    /// The counts of the table, for `validate`.
    func summary(source name: String) -> TableSummary {
        TableSummary(source: name, table: kind.rawValue, rows: dataRows, emptyRowsSkipped: emptySkipped, ignoredColumns: ignoredColumns)
    }

    /// Records the table's counts in the session.
    func finish(source name: String) {
        session.tables.append(summary(source: name))
    }

    // MARK: Rows

    private func add(_ v: [String: TableCell], at: PackedLocation) {
        let builder = session
        switch kind {
        case .dataSet:
            builder.builder.addDataSet(name: v["name"]?.text, asOf: v["asOf"]?.text, currency: v["currency"]?.text, home: v["home"]?.text)
            builder.dataSetLocations.append(at)
        case .items:
            guard let kindCell = v["kind"], let itemKind = itemKind(kindCell) else { return }
            let numbers = ["demand", "stock", "weight", "price", "maxPurchase"].map { number(v[$0]) }
            guard !numbers.contains(where: { $0 == .invalid }) else { return }
            builder.builder.addItem(key: v["id"]!.text, kind: itemKind, name: v["name"]?.text, unit: v["unit"]?.text,
                                    demand: numbers[0].value ?? 0, stock: numbers[1].value ?? 0,
                                    weight: numbers[2].value, price: numbers[3].value, maxPurchase: numbers[4].value,
                                    commodity: v["commodity"]?.text)
            builder.itemLocations.append(at)
        case .bom:
            guard case .value(let quantity) = number(v["quantity"]) else { return }
            builder.builder.addUses(parentKey: v["parent"]!.text, child: v["item"]!.text, quantity: quantity)
            builder.usesLocations.append(at)
        case .suppliers:
            guard case let recovery = number(v["recoveryDays"]), recovery != .invalid else { return }
            var aggregate = false
            if let cell = v["aggregate"] {
                guard let value = FlagValue.parse(cell.text) else {
                    session.error(.invalidFlag, "aggregate must be true or false (1, 0, yes, no), not '\(cell.text)'",
                                  PackedLocation(file: source, line: cell.line, column: cell.column))
                    return
                }
                aggregate = value
            }
            builder.builder.addSupplier(key: v["id"]!.text, name: v["name"]?.text, country: v["country"]?.text,
                                        controlledBy: v["controlledBy"]?.text, recoveryDays: recovery.value, cage: v["cage"]?.text,
                                        aggregate: aggregate)
            builder.supplierLocations.append(at)
            builder.builder.setIdentifiers(ofSupplier: builder.supplierLocations.count - 1, lei: v["lei"]?.text, registration: v["registration"]?.text)
            if let declarant = v["declarant"]?.text, !declarant.isEmpty { builder.supplierDeclarants.append((v["id"]!.text, declarant)) }
        case .supplies:
            let share = self.share(v["share"]), capacity = number(v["capacity"]), lead = number(v["leadTimeDays"])
            guard share != .invalid, capacity != .invalid, lead != .invalid else { return }
            builder.builder.addSupply(supplierKey: v["supplier"]!.text, item: v["item"]!.text, share: share.value,
                                      capacity: capacity.value, leadTimeDays: lead.value)
            builder.supplyLocations.append(at)
        case .sourcedFrom:
            let e = builder.builder.addSourcing(supplierKey: v["supplier"]!.text, item: v["item"]!.text, input: v["input"]!.text,
                                                suppliers: Self.list(v["suppliers"]!.text))
            builder.supplyLocations.append(at)
            builder.sourcingLocations[e] = [PackedLocation(file: source, line: at.line, column: columns["input"] ?? at.column)]
        case .options:
            let share = self.share(v["share"]), cost = number(v["cost"]), lead = number(v["leadTimeDays"])
            guard case .value(let shareValue) = share, case .value(let costValue) = cost, lead != .invalid else { return }
            builder.builder.addOption(id: v["id"]!.text, item: v["item"]!.text, country: v["country"]!.text, share: shareValue,
                                      cost: costValue, leadTimeDays: lead.value, name: v["name"]?.text)
            builder.optionLocations.append(at)
        case .countryGroups:
            builder.builder.addGroup(id: v["id"]!.text, name: v["name"]?.text, members: Self.list(v["members"]!.text))
            builder.groupLocations.append(at)
        case .entities:
            guard case .value(let person) = flag(v["person"]) else { return }
            builder.builder.addEntity(key: v["id"]!.text, name: v["name"]?.text, country: v["country"]?.text, lei: v["lei"]?.text,
                                      registration: v["registration"]?.text, person: person ?? false)
            builder.entityLocations.append(at)
        case .owners:
            let share = self.share(v["share"])
            guard share != .invalid, case .value(let control) = flag(v["control"]) else { return }
            builder.builder.addOwner(of: v["of"]!.text, by: v["by"]!.text, share: share.value, control: control)
            builder.ownerLocations.append(at)
        }
    }

    /// A yes/no cell: `true`, `false`, `1`, `0` (any case) or a boolean cell; empty is nil; any
    /// other text is an error at the cell.
    private enum Flag { case value(Bool?), invalid }
    private func flag(_ cell: TableCell?) -> Flag {
        guard let cell, !cell.isBlank else { return .value(nil) }
        switch TableImport.trimmed(cell.text).lowercased() {
        case "true", "1": return .value(true)
        case "false", "0": return .value(false)
        default:
            session.error(.invalidNumber, "'\(cell.text)' must be true or false", PackedLocation(file: source, line: cell.line, column: cell.column))
            return .invalid
        }
    }

    private func itemKind(_ cell: TableCell) -> ItemKind? {
        switch cell.text {
        case "system": return .system
        case "component": return .component
        case "material": return .material
        default:
            let near = Suggestion.nearest(to: cell.text, among: ["system", "component", "material"], maxDistance: 3)
            session.error(.invalidNumber, "kind '\(cell.text)' must be system, component or material" + (near.map { " (did you mean '\($0)'?)" } ?? ""),
                        PackedLocation(file: source, line: cell.line, column: cell.column))
            return nil
        }
    }

    /// A parsed number, absent, or refused (the error said).
    enum Parsed: Equatable {
        case absent, value(Double), invalid
        var value: Double? { if case .value(let x) = self { x } else { nil } }
    }

    private func number(_ cell: TableCell?) -> Parsed { read(cell, share: false) }

    /// A share: `0.6`, `60%` or `60 %` (any space).
    private func share(_ cell: TableCell?) -> Parsed { read(cell, share: true) }

    private func read(_ cell: TableCell?, share: Bool) -> Parsed {
        guard let cell else { return .absent }
        let at = PackedLocation(file: source, line: cell.line, column: cell.column)
        // A number cell is taken as is.
        if cell.type == .number, let x = Self.parseNumber(cell.text) { return .value(x) }
        switch Self.readText(cell.text, share: share, dialect: dialect) {
        case .success(let x): return .value(x)
        case .failure(let refusal):
            session.error(.invalidNumber, refusal.message(column: columnName(of: cell), dialect: dialect), at)
            return .invalid
        }
    }

    private func columnName(of cell: TableCell) -> String {
        columnAt[cell.column]?.name ?? "?"
    }

    /// Why a text is not read as a number.
    enum Refusal: Error, Equatable {
        /// Thousands separators: the readings it may have (one or two).
        case separators(text: String, readings: [String])
        /// A decimal comma where the decimal mark is the point.
        case decimalComma(text: String)
        /// No number at all.
        case notANumber(text: String)

        func message(column: String, dialect: NumberDialect) -> String {
            switch self {
            case .separators(let text, let readings):
                let fix = dialect == .workbook ? "write the number without a separator, or make it a number cell"
                    : dialect == .semicolonCSV ? "write the number without a separator (this file is separated by ';', so its decimal mark is the comma)"
                    : "write the number without a separator"
                return "'\(text)' is \(readings.joined(separator: " or ")): \(fix)"
            case .decimalComma(let text):
                return TableImport.notANumber(text, column: column)
            case .notANumber(let text):
                return TableImport.notANumber(text, column: column)
            }
        }
    }

    /// A number written as text: `123`, `-0.5`, `1e3`, and for shares `60%`, `60 %`. A
    /// thousands-separator pattern (a lead group of 1 to 3 digits not starting with 0, then
    /// groups of exactly 3 digits after `.`, `,` or a space) is refused with its readings; the
    /// file's own decimal mark (``NumberDialect/ownMark``) is never a thousands separator.
    /// - Complexity: O(length of `text`).
    static func readText(_ raw: String, share: Bool, dialect: NumberDialect) -> Result<Double, Refusal> {
        var text = trimmed(raw)
        var scale = 1.0
        if share, text.hasSuffix("%") {
            text = String(text.dropLast()).trimmingCharacters()
            scale = 0.01
        }
        // Most cells: digits, a sign, an exponent, no mark nor space — nothing to weigh.
        if !text.utf8.contains(where: { $0 == 0x2E || $0 == 0x2C || $0 == 0x20 || $0 >= 0x80 }), let x = parseNumber(text) {
            return .success(x * scale)
        }
        if let readings = thousandsReadings(text, dialect: dialect) {
            let suffix = scale == 1 ? "" : " %"
            return .failure(.separators(text: trimmed(raw), readings: readings.map { $0 + suffix }))
        }
        var plain = text
        if dialect == .semicolonCSV {
            if plain.contains(",") && plain.contains(".") { return .failure(.notANumber(text: trimmed(raw))) }
            plain = plain.replacing(",", with: ".")
        }
        if let x = parseNumber(plain) { return .success(x * scale) }
        if dialect != .semicolonCSV, text.contains(",") { return .failure(.decimalComma(text: trimmed(raw))) }
        return .failure(.notANumber(text: trimmed(raw)))
    }

    /// The readings of a text with a thousands-separator pattern (`50.000`: 50 and 50000;
    /// `1,234.5`: 1234.5), nil for any other text.
    static func thousandsReadings(_ text: String, dialect: NumberDialect) -> [String]? {
        let chars = Array(text)
        var k = 0
        var sign = ""
        if k < chars.count, chars[k] == "-" || chars[k] == "+" { sign = chars[k] == "-" ? "-" : ""; k += 1 }
        var lead = ""
        while k < chars.count, chars[k].isASCII, chars[k].isNumber, lead.count < 4 { lead.append(chars[k]); k += 1 }
        guard (1...3).contains(lead.count), lead.first != "0" else { return nil }
        func isGap(_ c: Character) -> Bool { c == " " || c == "\u{00A0}" || c == "\u{202F}" || c == "\u{2009}" || c == "\u{2007}" }
        guard k < chars.count, chars[k] == "." || chars[k] == "," || isGap(chars[k]) else { return nil }
        let separator = chars[k]
        var groups: [String] = []
        while k < chars.count, chars[k] == separator || (isGap(separator) && isGap(chars[k])) {
            let digits = chars[(k + 1)...].prefix { $0.isASCII && $0.isNumber }
            guard digits.count == 3 else { break }
            groups.append(String(digits))
            k += 4
        }
        guard !groups.isEmpty else { return nil }
        var fraction: String? = nil
        if k < chars.count {
            let mark = chars[k]
            guard mark == "." || mark == ",", mark != separator else { return nil }
            let digits = chars[(k + 1)...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = String(digits)
        }
        // The file's own decimal mark is a decimal mark: `2.345` in a file separated by ','.
        if let own = dialect.ownMark, separator == own { return nil }
        let whole = sign + lead + groups.joined()
        if let fraction { return [Self.shown(whole + "." + fraction)] }
        if isGap(separator) || groups.count > 1 { return [Self.shown(whole)] }
        return [Self.shown(sign + lead + "." + groups[0]), Self.shown(whole)]
    }

    /// A decimal as a person writes it: `50.000` → `50`, `2.345` → `2.345`.
    private static func shown(_ decimal: String) -> String {
        guard let x = Double(decimal) else { return decimal }
        return NativeXMLHandler.plain(x)
    }

    /// `xs:double` as the native format reads it: a decimal point, an optional exponent.
    static func parseNumber(_ text: String) -> Double? {
        switch text {
        case "INF", "+INF": return .infinity
        case "-INF": return -.infinity
        case "NaN": return .nan
        default: break
        }
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }) else { return nil }
        return Double(text)
    }

    static func notANumber(_ text: String, column: String) -> String {
        let start = "\(column) must be a number"
        let body = text.hasSuffix("%") ? trimmed(String(text.dropLast())) : text
        if body.contains(","), let value = Double(body.replacing(",", with: ".")), value.isFinite {
            return start + ", not '\(text)': a decimal comma is not read — write the decimal point as '.', as in \(text.replacing(",", with: "."))"
        }
        return start + ", not '\(text)'"
    }

    /// Ids separated by spaces or commas.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == ";" }).map(String.init)
    }

    static func trimmed(_ text: String) -> String {
        // Most cells: nothing to trim (an ASCII letter or digit at both ends).
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// A builder message about a reference without the words that say where (the location of
    /// a cell says it): `unknown item 'ti-spong' (did you mean 'ti-sponge'?)`.
    static func placeless(_ message: String, code: Diagnostic.Code) -> String {
        guard [Diagnostic.Code.unknownItem, .unknownSupplier, .notAnItem, .notASupplier].contains(code),
              let quote = message.firstIndex(of: "'"),
              let inRange = message[message.index(after: quote)...].firstRange(of: "' in ")
        else { return message }
        let head = String(message[..<inRange.lowerBound]) + "'"
        let rest = message[inRange.upperBound...]
        if code == .unknownItem || code == .unknownSupplier {
            if let hint = rest.firstRange(of: " (did you mean ") { return head + String(rest[hint.lowerBound...]) }
            if let hint = rest.firstRange(of: " (") { return head + String(rest[hint.lowerBound...]) }
            return head
        }
        if let tail = rest.firstRange(of: " is a ") { return head + String(rest[tail.lowerBound...]) }
        return message
    }
}
