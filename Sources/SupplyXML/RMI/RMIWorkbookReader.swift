import CSupplyXML
import SupplyGraph
import ZIPFoundation

/// One supplier's declaration, as read from an RMI template: who declares, for which
/// products, and the smelters per metal. Merged into the map once every file is read
/// (``ImportSession/applyDeclarations()``).
struct RMIDeclaration {
    /// One smelter row.
    struct Smelter {
        var commodity: String
        var metal: String
        var name: String
        /// The identification (a CID), nil for "Smelter not listed" and rows without one.
        var identification: String?
        var country: Country
        /// The row (its name cell).
        var at: PackedLocation
    }

    /// The workbook's name as diagnostics write it.
    var file: String
    var template: RMITemplate
    /// The company name of Declaration!D8, and that cell.
    var declarant: String
    var declarantAt: PackedLocation
    /// The product list (normalised numbers and names) when the scope is products and the
    /// list names some; nil otherwise (every item the declarant supplies is covered).
    var products: Set<String>?
    /// The smelters, in row order.
    var smelters: [Smelter] = []
    /// The metals in the order first met, with their first row and their
    /// "Smelter not yet identified" rows.
    var metals: [(commodity: String, metal: String, at: PackedLocation, notYetIdentified: Int)] = []
}

/// Reads a Responsible Minerals Initiative template (CMRT 6.x, EMRT 1.x–2.x, AMRT 1.x) — the
/// Declaration, the Smelter List by position and the Product List — into an
/// ``RMIDeclaration``; the rules are the article "Suppliers' declarations".
final class RMIWorkbookReader {
    let workbook: WorkbookReader
    var session: ImportSession { workbook.session }

    init(workbook: WorkbookReader) { self.workbook = workbook }

    static let declarationSheet = "Declaration"
    static let smelterSheet = "Smelter List"
    static let productSheet = "Product List"

    /// Whether sheets named so make an RMI template: it has a `Declaration` and a
    /// `Smelter List` sheet (names compared trimmed and in any case).
    static func isTemplate(sheets: [String]) -> Bool {
        let names = Set(sheets.map { RMIMetals.key($0) })
        return names.contains(RMIMetals.key(declarationSheet)) && names.contains(RMIMetals.key(smelterSheet))
    }

    /// Texts that the templates fill in where there is no smelter name or identification.
    static let placeholders: Set<String> = [
        "smelter not listed", "smelter not yet identified", "enter smelter details", "unknown",
        "n/a", "not applicable", "not supplied",
    ]
    static let notYetIdentified = "smelter not yet identified"
    static let notListed = "smelter not listed"

    func read(_ archive: Archive, entries: [String: Entry], relationships: [WorkbookReader.Relationship],
              sheets: [(name: String, relationship: String)]) {
        func part(_ name: String) -> (sheet: String, entry: Entry, path: String)? {
            guard let sheet = sheets.first(where: { RMIMetals.key($0.name) == RMIMetals.key(name) }),
                  let target = relationships.first(where: { $0.id == sheet.relationship })?.target,
                  let entry = entries[target] else { return nil }
            return (sheet.name, entry, target)
        }
        guard let declaration = part(Self.declarationSheet), let smelters = part(Self.smelterSheet) else {
            session.error(.refused, "the workbook has the sheets of an RMI template, but a sheet has no part in the archive: is it damaged?",
                        PackedLocation(file: workbook.fileSource, line: 0, column: 0))
            return
        }
        // The Declaration: rows 1 to 12, every cell (small).
        let declarationSource = session.addSource(DataSource(file: workbook.name, sheet: declaration.sheet, format: .xlsx))
        var header: [UInt32: [UInt32: String]] = [:]
        readCells(archive, declaration.entry, path: declaration.path, source: declarationSource) { row, cells in
            guard row <= 12 else { return }
            for (column, text) in cells { header[row, default: [:]][column] = text }
        }
        if session.stoppedForErrors { return }
        guard let template = template(header, sheets: sheets.map(\.name), source: declarationSource) else { return }
        let (nameRow, nameColumn) = RMITemplate.companyNameCell
        let declarantAt = PackedLocation(file: declarationSource, line: nameRow, column: nameColumn)
        let declarant = trimmed(header[nameRow]?[nameColumn] ?? "")
        if declarant.isEmpty {
            session.error(.rmiDeclarant, "the declaration names no company (\(declaration.sheet)!D8 is empty): the declarant must be a supplier of the map", declarantAt)
            return
        }
        var result = RMIDeclaration(file: workbook.name, template: template, declarant: declarant, declarantAt: declarantAt)

        // The Product List, where the scope is products.
        let (scopeRow, scopeColumn) = RMITemplate.scopeCell
        let scope = trimmed(header[scopeRow]?[scopeColumn] ?? "").lowercased()
        if scope.hasPrefix("b") || scope.contains("product"), let products = part(Self.productSheet) {
            let source = session.addSource(DataSource(file: workbook.name, sheet: products.sheet, format: .xlsx))
            var names = Set<String>()
            readCells(archive, products.entry, path: products.path, source: source) { row, cells in
                guard row > RMITemplate.smelterHeaderRow else { return }
                for (column, text) in cells where column == 2 || column == 3 {
                    let n = DeclarantNames.normalise(text)
                    if !n.isEmpty { names.insert(n) }
                }
            }
            if !names.isEmpty { result.products = names }
        }

        // The Smelter List, by position.
        let source = session.addSource(DataSource(file: workbook.name, sheet: smelters.sheet, format: .xlsx))
        let columns = template.columns
        let wanted = [columns.metal, columns.lookUp ?? 0, columns.name, columns.country, columns.identification,
                      columns.standardName, columns.countryCode]
        var metalIndex: [String: Int] = [:]
        readCells(archive, smelters.entry, path: smelters.path, source: source) { row, cells in
            guard row > RMITemplate.smelterHeaderRow else { return }
            func cell(_ column: UInt32?) -> String {
                guard let column, column > 0 else { return "" }
                return self.trimmed(cells.first { $0.column == column }?.text ?? "")
            }
            func at(_ column: UInt32) -> PackedLocation { PackedLocation(file: source, line: row, column: column) }
            // Skipped first: rows without a metal (the template's empty formula rows among them).
            let metal = cell(columns.metal)
            if metal.isEmpty { return }
            guard let commodity = RMIMetals.commodity(of: metal) else {
                let near = RMIMetals.nearest(metal)
                self.session.error(.rmiMetal, "'\(metal)' is not a metal of the RMI templates\(near.isEmpty ? "" : " (did you mean '\(near.joined(separator: "' or '"))'?)"); the metals read are listed in the article \"Suppliers' declarations\"", at(columns.metal))
                return
            }
            let m: Int
            if let known = metalIndex[commodity] { m = known } else {
                m = result.metals.count
                metalIndex[commodity] = m
                result.metals.append((commodity, metal, at(columns.metal), 0))
            }
            let lookUp = cell(columns.lookUp).lowercased()
            let typed = cell(columns.name), standard = cell(columns.standardName)
            if lookUp == Self.notYetIdentified || typed.lowercased() == Self.notYetIdentified {
                result.metals[m].notYetIdentified += 1
                return
            }
            // The name: D, else C, else the hidden R; placeholders are no names.
            let name = [typed, cell(columns.lookUp), standard].first { !$0.isEmpty && !Self.placeholders.contains($0.lowercased()) }
            guard let name else {
                self.session.warning(.rmiSmelterRow, "the row names \(metal) but no smelter (\(RMITemplate.letters(columns.name))\(row) is empty): the row is skipped", at(columns.name))
                return
            }
            // The country: the hidden S (ISO) where it holds a code, else E by name.
            let code = cell(columns.countryCode)
            let country: Country
            if code.count == 2, let c = Country(code: code.uppercased()) {
                country = c
            } else {
                let written = cell(columns.country)
                switch RMICountries.lookUp(written) {
                case .country(let c): country = c
                case .unknownOrigin: country = .unknown
                case .notACountry(let suggestions):
                    let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: " or "))?)"
                    self.session.error(.rmiCountry, "'\(written)' is not a country name of the RMI templates\(hint): write the upper-case ISO 3166-1 short name, or 'Unknown'", at(columns.country))
                    return
                }
            }
            var identification: String? = cell(columns.identification)
            if lookUp == Self.notListed || identification!.isEmpty || Self.placeholders.contains(identification!.lowercased()) {
                identification = nil
            }
            result.smelters.append(RMIDeclaration.Smelter(commodity: commodity, metal: metal, name: name,
                                                          identification: identification, country: country,
                                                          at: at(columns.name)))
        } wanted: { Set(wanted).contains($0) }
        if session.stoppedForErrors { return }
        session.declarations.append(result)
    }

    /// The template and its version, from the Declaration's first rows; nil after an error.
    private func template(_ header: [UInt32: [UInt32: String]], sheets: [String], source: UInt32) -> RMITemplate? {
        let (revisionRow, revisionColumn) = RMITemplate.revisionCell
        // J3 first, then every cell of rows 1 to 6.
        var texts: [(String, PackedLocation)] = []
        if let text = header[revisionRow]?[revisionColumn] { texts.append((text, PackedLocation(file: source, line: revisionRow, column: revisionColumn))) }
        for row in UInt32(1)...6 {
            for (column, text) in (header[row] ?? [:]).sorted(by: { $0.key < $1.key }) {
                texts.append((text, PackedLocation(file: source, line: row, column: column)))
            }
        }
        guard let (version, versionAt) = texts.lazy.compactMap({ text, at in RMITemplate.version(in: text).map { ($0, at) } }).first else {
            session.error(.rmiVersion, "the Declaration sheet holds no template revision (such as 'Revision 6.5' in J3): which RMI template and version is this?",
                        PackedLocation(file: source, line: revisionRow, column: revisionColumn))
            return nil
        }
        var kind = texts.lazy.compactMap { RMITemplate.kind(in: $0.0) }.first
        if kind == nil {
            let names = Set(sheets.map { RMIMetals.key($0) })
            if names.contains("minerals scope") { kind = .amrt }
            else if version.hasPrefix("6.") || version == "6" { kind = .cmrt }
            else if version.hasPrefix("1.") || version.hasPrefix("2.") { kind = .emrt }
        }
        guard let kind, let template = RMITemplate.layout(kind, version: version) else {
            let named = kind.map { "\($0.rawValue) " } ?? ""
            session.error(.rmiVersion, "the RMI template is \(named)revision \(version), which this reader does not know: it reads CMRT 6.x, EMRT 1.x and 2.x, AMRT 1.x (see the article \"Suppliers' declarations\")", versionAt)
            return nil
        }
        return template
    }

    private func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{200B}\u{FEFF}")))
    }

    /// Streams a sheet's rows, with the text of each cell (formula cells by their cached
    /// value; a formula cell without one, an error value or an empty cell gives no text).
    /// `wanted` limits the columns kept (memory stays constant per row).
    private func readCells(_ archive: Archive, _ entry: Entry, path: String, source: UInt32,
                           row: @escaping (UInt32, [(column: UInt32, text: String)]) -> Void,
                           wanted: @escaping (UInt32) -> Bool = { _ in true }) {
        let handler = RMISheetHandler(owner: workbook, source: source, sink: row, wanted: wanted)
        workbook.parse(archive, entry, path: path, handler: handler)
    }
}

import Foundation

/// The rows of one sheet as (column, text) cells, for the RMI reader.
private final class RMISheetHandler: XMLPartHandler {
    let owner: WorkbookReader
    let source: UInt32
    let sink: (UInt32, [(column: UInt32, text: String)]) -> Void
    let wanted: (UInt32) -> Bool
    var row: UInt32 = 0
    var column: UInt32 = 0
    var cellType = ""
    var cells: [(column: UInt32, text: String)] = []
    var value = TextBuffer(limit: 1 << 20)
    var inline: [UInt8] = []
    var inInline = false
    var phonetic = 0
    var inCell = false

    init(owner: WorkbookReader, source: UInt32, sink: @escaping (UInt32, [(column: UInt32, text: String)]) -> Void,
         wanted: @escaping (UInt32) -> Bool) {
        self.owner = owner; self.source = source; self.sink = sink; self.wanted = wanted
    }

    func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
        let a = PartAttributes(start: start)
        switch code {
        case WorkbookReader.elRow:
            if let raw = a.raw(WorkbookReader.atR) {
                guard let n = WorkbookReader.rowNumber(raw), n > 0, n <= 1_048_576 else {
                    owner.session.error(.refused, "row number '\(a.string(WorkbookReader.atR) ?? "")' is not a row of a sheet (1 to 1048576)", at)
                    cs_stop_current_parse()
                    return
                }
                row = n
            } else {
                row += 1
            }
            column = 0
            cells.removeAll(keepingCapacity: true)
        case WorkbookReader.elC:
            inCell = true
            cellType = a.raw(WorkbookReader.atT).map { String(decoding: $0, as: UTF8.self) } ?? "n"
            if let reference = a.raw(WorkbookReader.atR) {
                guard let (c, _) = WorkbookReader.cellReference(reference) else {
                    owner.session.error(.refused, "cell reference '\(a.string(WorkbookReader.atR) ?? "")' is not a cell of a sheet (such as C12)", at)
                    cs_stop_current_parse()
                    return
                }
                column = c
            } else {
                column += 1
            }
            inline.removeAll(keepingCapacity: true)
            value.active = false
            value.bytes.removeAll(keepingCapacity: true)
        case WorkbookReader.elV where inCell: value.begin()
        case WorkbookReader.elIS where inCell: inInline = true
        case WorkbookReader.elRPh: phonetic += 1
        case WorkbookReader.elT where inInline && phonetic == 0: value.begin()
        default: break
        }
    }

    func end(_ code: Int32) {
        switch code {
        case WorkbookReader.elT where inInline && value.active:
            value.active = false
            inline.append(contentsOf: value.bytes)
            value.bytes.removeAll(keepingCapacity: true)
        case WorkbookReader.elV: value.active = false
        case WorkbookReader.elRPh: phonetic -= 1
        case WorkbookReader.elIS: inInline = false
        case WorkbookReader.elC where inCell:
            inCell = false
            guard wanted(column) else { return }
            if value.overflowed {
                owner.session.error(.refused, "a cell holds more than 1 MiB of text: refused", PackedLocation(file: source, line: row, column: column))
                cs_stop_current_parse()
                return
            }
            let text: String
            switch cellType {
            case "s":
                let raw = String(decoding: value.bytes, as: UTF8.self)
                guard let k = Int(raw.trimmingCharacters(in: .whitespaces)), k >= 0, k < owner.sharedStrings.count else {
                    owner.session.error(.refused, "the cell refers to shared string \(raw.isEmpty ? "(none)" : "'\(raw)'"), but the workbook has \(owner.sharedStrings.count) (numbered from 0): is it damaged?",
                                      PackedLocation(file: source, line: row, column: column))
                    return
                }
                text = owner.sharedStrings[k]
            case "inlineStr": text = String(decoding: inline, as: UTF8.self)
            case "e": text = ""   // a formula error (#N/A of an empty look-up) is no value
            default: text = String(decoding: value.bytes, as: UTF8.self)
            }
            if !text.isEmpty { cells.append((column, text)) }
        case WorkbookReader.elRow:
            if !cells.isEmpty { sink(row, cells) }
            cells.removeAll(keepingCapacity: true)
        default: break
        }
    }

    func text(_ bytes: UnsafeRawBufferPointer) { value.append(bytes) }
}
