import SupplyGraph

/// The sheets of a workbook and the files of a CSV folder (the article "The supply-chain XML format"), and their columns: the
/// XML attribute names.
enum TableKind: String, CaseIterable, Sendable {
    case dataSet, countryGroups, items, bom, suppliers, supplies, sourcedFrom

    /// The columns read, in the order the template writes them.
    var columns: [SupplyGraphBuilder.Field] {
        switch self {
        case .dataSet: [.name, .asOf, .currency, .home]
        case .items: [.id, .kind, .name, .unit, .demand, .stock, .weight, .price, .commodity]
        case .bom: [.parent, .item, .quantity]
        case .suppliers: [.id, .name, .country, .controlledBy, .recoveryDays, .cage, .aggregate]
        case .supplies: [.supplier, .item, .share, .capacity, .leadTimeDays]
        case .sourcedFrom: [.supplier, .item, .input, .suppliers]
        case .countryGroups: [.id, .name, .members]
        }
    }

    /// The columns a row cannot do without.
    var required: [SupplyGraphBuilder.Field] {
        switch self {
        case .dataSet: []
        case .items: [.id, .kind]
        case .bom: [.parent, .item, .quantity]
        case .suppliers: [.id]
        case .supplies: [.supplier, .item]
        case .sourcedFrom: [.supplier, .item, .input, .suppliers]
        case .countryGroups: [.id, .members]
        }
    }

    /// The order a workbook's sheets and a folder's files are read in (diagnostics follow it).
    static let readingOrder: [TableKind] = [.dataSet, .countryGroups, .items, .bom, .suppliers, .supplies, .sourcedFrom]

    /// The name `name` nearly is (other case, spaces, a plural), for "did you mean".
    static func nearMiss(_ name: String) -> TableKind? {
        let squeezed = squeeze(name)
        return allCases.first { squeeze($0.rawValue) == squeezed || squeeze($0.rawValue) + "s" == squeezed || squeeze($0.rawValue) == squeezed + "s" }
    }

    /// Lower case without spaces, `_` and `-`.
    static func squeeze(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
    }
}

/// One cell of a table: its text as it appears (a number as written, a shared string resolved)
/// and its place.
struct TableCell {
    var column: UInt32
    var line: UInt32
    var text: String
}

/// Reads the rows of one sheet or CSV file into the builder: the first non-empty row is the
/// header, empty rows are skipped, every cell located (`map.xlsx:supplies!C12`,
/// `folder/supplies.csv:12:3`).
final class TableImport {
    let kind: TableKind
    let source: UInt32
    unowned let state: ImportState
    /// The column number of each field read, once the header is seen.
    private var columns: [SupplyGraphBuilder.Field: UInt32] = [:]
    private var sawHeader = false
    private let where_: String

    init(kind: TableKind, source: UInt32, state: ImportState, where description: String) {
        self.kind = kind
        self.source = source
        self.state = state
        self.where_ = description
    }

    /// Takes one row (cells in column order; empty cells may be left out).
    func row(_ cells: [TableCell], line: UInt32) {
        guard cells.contains(where: { !Self.trimmed($0.text).isEmpty }) else { return }
        if !sawHeader { header(cells, line: line); return }
        guard state.tableColumns[source] != nil else { return } // the header was refused
        var values: [SupplyGraphBuilder.Field: TableCell] = [:]
        for cell in cells {
            guard let field = field(at: cell.column) else { continue }
            let text = Self.trimmed(cell.text)
            if !text.isEmpty { values[field] = TableCell(column: cell.column, line: cell.line, text: text) }
        }
        let at = PackedLocation(file: source, line: line, column: columns[kind.required.first ?? .name] ?? 1)
        for field in kind.required where values[field] == nil {
            let column = columns[field] ?? 1
            state.error(.missingAttribute, "the \(field.rawValue) is empty: every \(kind.rawValue) row needs one",
                        PackedLocation(file: source, line: line, column: column))
            return
        }
        add(values, at: at)
    }

    private var fieldOfColumn: [UInt32: SupplyGraphBuilder.Field] = [:]
    private func field(at column: UInt32) -> SupplyGraphBuilder.Field? { fieldOfColumn[column] }

    private func header(_ cells: [TableCell], line: UInt32) {
        sawHeader = true
        var ok = true
        // A CSV file saved with semicolons (Excel in locales with a decimal comma): one column.
        if cells.count == 1, cells[0].text.contains(";"),
           cells[0].text.split(separator: ";").contains(where: { name in kind.columns.contains { $0.rawValue == TableImport.trimmed(String(name)) } }) {
            state.error(.malformedCSV, "the header row is separated by ';': save the file as comma-separated CSV (CSV UTF-8), with a decimal point",
                        PackedLocation(file: source, line: line, column: 1))
            return
        }
        for cell in cells {
            let name = Self.trimmed(cell.text)
            guard !name.isEmpty else { continue }
            let at = PackedLocation(file: source, line: cell.line, column: cell.column)
            if let field = kind.columns.first(where: { $0.rawValue == name }) {
                if let first = columns[field] {
                    state.error(.duplicateID, "the column '\(name)' is given twice (first in column \(InputLocation.columnName(Int(first))))", at)
                    ok = false
                }
                columns[field] = cell.column
                fieldOfColumn[cell.column] = field
            } else if let near = kind.columns.first(where: { TableKind.squeeze($0.rawValue) == TableKind.squeeze(name) }) {
                state.error(.unexpectedAttribute, "column '\(name)' is not read (did you mean '\(near.rawValue)'? headers are written exactly as the XML attributes)", at)
                ok = false
            }
            // Any other column is the analyst's own: ignored.
        }
        for field in kind.required where columns[field] == nil {
            let have = kind.columns.map(\.rawValue).joined(separator: ", ")
            state.error(.missingAttribute, "the \(where_) has no column '\(field.rawValue)' in its header row (its columns: \(have))",
                        PackedLocation(file: source, line: line, column: 1))
            ok = false
        }
        if ok { state.tableColumns[source] = columns }
    }

    /// A header row is needed only when there are rows; none at all is an empty table.
    func finish() {}

    // MARK: Rows

    private func add(_ v: [SupplyGraphBuilder.Field: TableCell], at: PackedLocation) {
        let builder = state
        switch kind {
        case .dataSet:
            builder.builder.addDataSet(name: v[.name]?.text, asOf: v[.asOf]?.text, currency: v[.currency]?.text, home: v[.home]?.text)
            builder.dataSetLocations.append(at)
        case .items:
            guard let kindCell = v[.kind], let itemKind = itemKind(kindCell) else { return }
            let numbers = [SupplyGraphBuilder.Field.demand, .stock, .weight, .price].map { number(v[$0]) }
            guard !numbers.contains(where: { $0 == .invalid }) else { return }
            builder.builder.addItem(key: v[.id]!.text, kind: itemKind, name: v[.name]?.text, unit: v[.unit]?.text,
                                    demand: numbers[0].value ?? 0, stock: numbers[1].value ?? 0,
                                    weight: numbers[2].value, price: numbers[3].value, commodity: v[.commodity]?.text)
            builder.itemLocations.append(at)
        case .bom:
            guard case .value(let quantity) = number(v[.quantity]) else { return }
            builder.builder.addUses(parentKey: v[.parent]!.text, child: v[.item]!.text, quantity: quantity)
            builder.usesLocations.append(at)
        case .suppliers:
            guard case let recovery = number(v[.recoveryDays]), recovery != .invalid else { return }
            var aggregate = false
            if let cell = v[.aggregate] {
                guard let value = FlagValue.parse(cell.text) else {
                    state.error(.invalidFlag, "aggregate must be true or false (1, 0, yes, no), not '\(cell.text)'",
                                PackedLocation(file: source, line: cell.line, column: cell.column))
                    return
                }
                aggregate = value
            }
            builder.builder.addSupplier(key: v[.id]!.text, name: v[.name]?.text, country: v[.country]?.text,
                                        controlledBy: v[.controlledBy]?.text, recoveryDays: recovery.value, cage: v[.cage]?.text,
                                        aggregate: aggregate)
            builder.supplierLocations.append(at)
        case .supplies:
            let share = self.share(v[.share]), capacity = number(v[.capacity]), lead = number(v[.leadTimeDays])
            guard share != .invalid, capacity != .invalid, lead != .invalid else { return }
            builder.builder.addSupply(supplierKey: v[.supplier]!.text, item: v[.item]!.text, share: share.value,
                                      capacity: capacity.value, leadTimeDays: lead.value)
            builder.supplyLocations.append(at)
        case .sourcedFrom:
            let e = builder.builder.addSourcing(supplierKey: v[.supplier]!.text, item: v[.item]!.text, input: v[.input]!.text,
                                                suppliers: Self.list(v[.suppliers]!.text))
            builder.supplyLocations.append(at)
            builder.sourcingLocations[e] = [PackedLocation(file: source, line: at.line, column: columns[.input] ?? at.column)]
        case .countryGroups:
            builder.builder.addGroup(id: v[.id]!.text, name: v[.name]?.text, members: Self.list(v[.members]!.text))
            builder.groupLocations.append(at)
        }
    }

    private func itemKind(_ cell: TableCell) -> ItemKind? {
        switch cell.text {
        case "system": return .system
        case "component": return .component
        case "material": return .material
        default:
            let near = Suggestion.nearest(to: cell.text, among: ["system", "component", "material"], maxDistance: 3)
            state.error(.invalidNumber, "kind '\(cell.text)' must be system, component or material" + (near.map { " (did you mean '\($0)'?)" } ?? ""),
                        PackedLocation(file: source, line: cell.line, column: cell.column))
            return nil
        }
    }

    /// A parsed number, absent, or refused (the error said).
    enum Parsed: Equatable {
        case absent, value(Double), invalid
        var value: Double? { if case .value(let x) = self { x } else { nil } }
    }

    private func number(_ cell: TableCell?) -> Parsed {
        guard let cell else { return .absent }
        if let x = Self.parseNumber(cell.text) { return .value(x) }
        state.error(.invalidNumber, Self.notANumber(cell.text, column: columnName(of: cell)), PackedLocation(file: source, line: cell.line, column: cell.column))
        return .invalid
    }

    /// A share: `0.6`, `60%` or `60 %`.
    private func share(_ cell: TableCell?) -> Parsed {
        guard let cell else { return .absent }
        let text = cell.text
        if text.hasSuffix("%") {
            let digits = Self.trimmed(String(text.dropLast()))
            if let percent = Self.parseNumber(digits) { return .value(percent / 100) }
        }
        return number(cell)
    }

    private func columnName(of cell: TableCell) -> String {
        field(at: cell.column)?.rawValue ?? "?"
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
