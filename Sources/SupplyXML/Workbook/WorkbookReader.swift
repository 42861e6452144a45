import CSupplyXML
import Foundation
import SupplyGraph
import ZIPFoundation

/// Reads an Office Open XML workbook (`.xlsx`): a ZIP archive (ZIPFoundation) whose parts —
/// the package and workbook relationships, the workbook, the shared strings and each sheet —
/// stream through libxml2's SAX2 parser (the shim's generic mode), as the native format does.
/// The sheets of the table registry (``TableKind``; the article "Workbooks and CSV folders") go through ``TableImport`` into the builder; other sheets (such as
/// the template's `README`) are left alone.
///
/// Refused, before any part is inflated: an entry whose path leads outside the archive (`..`,
/// an absolute path), a part that declares more than 512 MiB, parts declaring more than 2 GiB
/// together, more than 10,000 entries. While inflating: a part that grows beyond the size it
/// declares (a ZIP bomb that lies). Memory stays bounded: parts stream in 64 KiB pieces; only
/// the shared strings are kept (as the workbook needs them).
final class WorkbookReader {
    static let maxPartBytes: UInt64 = 512 << 20
    static let maxTotalBytes: UInt64 = 2 << 30
    static let maxEntries = 10_000

    static let vocabulary = XMLVocabulary(
        elements: ["Relationship", "sheet", "si", "t", "rPh", "row", "c", "v", "is", "sst", "sheetData", "f", "numFmt", "cellXfs", "xf"],
        attributes: ["Id", "Type", "Target", "name", "id", "r", "t", "TargetMode", "s", "numFmtId", "formatCode"])
    static let elRelationship: Int32 = 1, elSheet: Int32 = 2, elSI: Int32 = 3, elT: Int32 = 4, elRPh: Int32 = 5
    static let elRow: Int32 = 6, elC: Int32 = 7, elV: Int32 = 8, elIS: Int32 = 9
    static let atId: Int32 = 2, atType: Int32 = 3, atTarget: Int32 = 4, atName: Int32 = 5, atRId: Int32 = 6
    static let atR: Int32 = 7, atT: Int32 = 8, atTargetMode: Int32 = 9
    static let elF: Int32 = 12, elNumFmt: Int32 = 13, elCellXfs: Int32 = 14, elXf: Int32 = 15
    static let atS: Int32 = 10, atNumFmtId: Int32 = 11, atFormatCode: Int32 = 12

    unowned let session: ImportSession
    let name: String
    /// The workbook as a whole, for findings about it.
    let fileSource: UInt32
    private(set) var sharedStrings: [String] = []
    /// The cell styles (`s` of a cell) whose number format is a date's.
    private var dateStyles: Set<Int> = []

    init(session: ImportSession, name: String, fileSource: UInt32) {
        self.session = session
        self.name = name
        self.fileSource = fileSource
    }

    private var whole: PackedLocation { PackedLocation(file: fileSource, line: 0, column: 0) }

    private func refuse(_ message: String) { session.error(.refused, message, whole) }
    private func refuse(_ code: Diagnostic.Code, _ message: String) { session.error(code, message, whole) }

    /// Reads the workbook at `path`, or held in `data`.
    func read(path: String?, data: Data?) {
        let errorsBefore = session.errorCount
        let archive: Archive
        do {
            if let path { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) }
            else { archive = try Archive(data: data ?? Data(), accessMode: .read) }
        } catch {
            refuse("the file starts as a ZIP archive (an .xlsx workbook is one) but cannot be read as one: is it damaged?")
            return
        }
        // Every entry is checked before any is inflated.
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        var count = 0
        var seen: Set<String> = []
        for entry in archive {
            count += 1
            if count > Self.maxEntries { refuse("the archive holds more than \(Self.maxEntries) entries: refused"); return }
            let path = entry.path
            if Self.leavesArchive(path) {
                refuse("the archive holds an entry whose path leads outside it ('\(Self.shown(path))'): refused")
                return
            }
            if entry.uncompressedSize > Self.maxPartBytes {
                refuse("the part '\(Self.shown(path))' would inflate to \(entry.uncompressedSize >> 20) MiB, more than 512 MiB (a ZIP bomb?): refused")
                return
            }
            total += entry.uncompressedSize
            if total > Self.maxTotalBytes {
                refuse("the archive's parts would inflate to more than 2 GiB together (a ZIP bomb?): refused")
                return
            }
            if entry.type == .file {
                // Part names are case-insensitive (Open Packaging Conventions): two entries of one
                // name would leave the choice of part to the ZIP library.
                let key = path.lowercased()
                if seen.contains(key) {
                    refuse("the archive holds the part '\(Self.shown(path))' twice: which one is meant? (a damaged or doctored workbook) refused")
                    return
                }
                seen.insert(key)
                entries[path] = entry
            }
        }
        let workbookPath = relationships(archive, entries, part: "_rels/.rels", base: "")
            .first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard entries[workbookPath] != nil else {
            refuse("the archive has no workbook part ('\(workbookPath)'): it is a ZIP file, but not an .xlsx workbook")
            return
        }
        let base = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (base.isEmpty ? "" : base + "/") + "_rels/" + String(workbookPath.split(separator: "/").last!) + ".rels"
        let rels = relationships(archive, entries, part: relsPath, base: base)
        let sheets = workbookSheets(archive, entries[workbookPath]!, path: workbookPath)
        if session.stoppedForErrors { return }
        if let strings = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }), let entry = entries[strings.target] {
            readSharedStrings(archive, entry, path: strings.target)
        }
        if let styles = rels.first(where: { $0.type.hasSuffix("/styles") }), let entry = entries[styles.target] {
            readStyles(archive, entry, path: styles.target)
        }
        // A Responsible Minerals Initiative template (a supplier's declaration) is told by its
        // sheets: it is read as one, and never as tables.
        if RMIWorkbookReader.isTemplate(sheets: sheets.map(\.name)) {
            RMIWorkbookReader(workbook: self).read(archive, entries: entries, relationships: rels, sheets: sheets)
            return
        }
        // The sheets by table: names matched trimmed, without invisible characters, in any
        // case; a near miss is an error, never a sheet skipped in silence.
        var tables: [TableKind: (name: String, relationship: String)] = [:]
        var nearMisses: Set<TableKind> = []
        for sheet in sheets {
            if NameMatch.folded(sheet.name).hasPrefix("#") { continue }
            if let kind = NameMatch.table(named: sheet.name) {
                if let other = tables[kind] {
                    refuse(.duplicateID, "the sheets '\(other.name)' and '\(sheet.name)' are both the table '\(kind.rawValue)': keep one")
                } else {
                    tables[kind] = sheet
                }
            } else if let near = NameMatch.nearTable(sheet.name) {
                nearMisses.insert(near)
                let note = NameMatch.lookAlikeNote(sheet.name)
                refuse(.misnamedTable, "sheet '\(sheet.name)' is not read: \(note.isEmpty ? "" : note + ": ")did you mean '\(near.rawValue)'? (sheets are named as the template's; a sheet whose name starts with '#' is never read)")
            }
        }
        if tables[.items] != nil {
            for kind in TableKind.readingOrder where kind.isRequiredBesideItems && tables[kind] == nil && !nearMisses.contains(kind) {
                refuse(.missingTable, "no sheet '\(kind.rawValue)': a workbook without \(kind.lacking) says so with a '\(kind.rawValue)' sheet that holds only its header row")
            }
        }
        if tables.isEmpty && session.errorCount == errorsBefore {
            let names = sheets.map(\.name).joined(separator: ", ")
            refuse(.missingTable, "the workbook has none of the sheets \(TableKind.readingOrder.map(\.rawValue).joined(separator: ", ")) (its sheets: \(names.isEmpty ? "none" : names)): start from `chokepoint template`")
        }
        if session.errorCount > errorsBefore { return }
        for kind in TableKind.readingOrder {
            guard let sheet = tables[kind] else { continue }
            guard let relationship = rels.first(where: { $0.id == sheet.relationship }), let entry = entries[relationship.target] else {
                refuse("sheet '\(sheet.name)' has no part in the archive: is the workbook damaged?")
                continue
            }
            let target = relationship.target
            guard relationship.type.hasSuffix("/worksheet") else {
                refuse("sheet '\(sheet.name)' is not a worksheet: its relationship points at '\(Self.shown(target))', of type '\(Self.shown(relationship.type))' (a chart sheet? a damaged workbook?): refused")
                continue
            }
            readSheet(archive, entry, path: target, kind: kind, sheet: sheet.name)
            if session.stoppedForErrors { return }
        }
    }

    /// `..` anywhere, an absolute path or a drive letter: the entry would land outside a folder
    /// it were extracted to.
    static func leavesArchive(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).flatMap { $0.split(separator: "\\", omittingEmptySubsequences: false) }
        return path.hasPrefix("/") || path.hasPrefix("\\") || parts.contains("..") || (path.count > 1 && path.dropFirst().first == ":")
    }

    static func shown(_ path: String) -> String { String(path.prefix(200)) }

    // MARK: Parts

    /// Streams one part through a generic parse; false when it could not be read whole.
    @discardableResult
    func parse(_ archive: Archive, _ entry: Entry, path: String, handler: XMLPartHandler) -> Bool {
        let source = session.addSource(DataSource(file: "\(name):\(path)", format: .xlsx))
        let part = XMLPartParse(session: session, source: source, vocabulary: Self.vocabulary, handler: handler)
        struct Stop: Error {}
        struct Bomb: Error {}
        let declared = entry.uncompressedSize
        var inflated: UInt64 = 0
        var failure: (any Error)? = nil
        let status = part.run(name: "\(name):\(path)") { feed in
            do {
                // ZIPFoundation returns the CRC-32 of what it inflated; the entry's is compared
                // here (a part read whole only: a parse stopped early never gets this far).
                let crc = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { data in
                    inflated += UInt64(data.count)
                    if inflated > declared || inflated > Self.maxPartBytes { throw Bomb() }
                    let going = data.withUnsafeBytes { feed($0) }
                    if !going { throw Stop() }
                }
                if crc != entry.checksum { throw Archive.ArchiveError.invalidCRC32 }
            } catch is Stop {
            } catch {
                failure = error
                part.silenced = true
            }
        }
        if failure is Bomb {
            session.error(.refused, "the part '\(path)' inflates beyond the size it declares (\(declared) bytes): a ZIP bomb? refused", whole)
            return false
        }
        if let failure = failure as? Archive.ArchiveError, failure == .invalidCRC32 {
            session.error(.refused, "the part '\(path)' of the workbook fails its CRC-32 check: it is damaged (or was altered): refused", whole)
            return false
        }
        if failure != nil {
            session.error(.refused, "the part '\(path)' of the workbook cannot be inflated (damaged or not deflate): refused", whole)
            return false
        }
        return status == Int32(CS_STATUS_OK.rawValue)
    }

    struct Relationship { var id: String, type: String, target: String }

    private final class RelationshipsHandler: XMLPartHandler {
        var found: [Relationship] = []
        func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
            guard code == WorkbookReader.elRelationship else { return }
            let a = PartAttributes(start: start)
            if a.string(WorkbookReader.atTargetMode) == "External" { return }
            found.append(Relationship(id: a.string(WorkbookReader.atId) ?? "", type: a.string(WorkbookReader.atType) ?? "",
                                      target: a.string(WorkbookReader.atTarget) ?? ""))
        }
        func end(_ code: Int32) {}
        func text(_ bytes: UnsafeRawBufferPointer) {}
    }

    /// The relationships of a part, their targets resolved against `base` (the part's folder).
    private func relationships(_ archive: Archive, _ entries: [String: Entry], part: String, base: String) -> [Relationship] {
        guard let entry = entries[part] else { return [] }
        let handler = RelationshipsHandler()
        parse(archive, entry, path: part, handler: handler)
        return handler.found.map { r in
            var r = r
            r.target = Self.resolve(r.target, against: base)
            return r
        }
    }

    /// A relationship target (`worksheets/sheet1.xml`, `/xl/worksheets/sheet1.xml`,
    /// `../x.xml`) as a path in the archive.
    static func resolve(_ target: String, against base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }

    private final class WorkbookHandler: XMLPartHandler {
        var sheets: [(name: String, relationship: String)] = []
        func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
            guard code == WorkbookReader.elSheet else { return }
            let a = PartAttributes(start: start)
            sheets.append((a.string(WorkbookReader.atName) ?? "", a.string(WorkbookReader.atRId) ?? ""))
        }
        func end(_ code: Int32) {}
        func text(_ bytes: UnsafeRawBufferPointer) {}
    }

    private func workbookSheets(_ archive: Archive, _ entry: Entry, path: String) -> [(name: String, relationship: String)] {
        let handler = WorkbookHandler()
        parse(archive, entry, path: path, handler: handler)
        return handler.sheets
    }

    /// Text of `<t>` elements outside phonetic runs (`<rPh>`), gathered per `<si>` or `<is>`.
    private final class StringsHandler: XMLPartHandler {
        var strings: [String] = []
        var buffer = TextBuffer(limit: 1 << 20)
        var current: [UInt8] = []
        var phonetic = 0
        var overflowed = false
        func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
            switch code {
            case WorkbookReader.elSI: current.removeAll(keepingCapacity: true)
            case WorkbookReader.elRPh: phonetic += 1
            case WorkbookReader.elT where phonetic == 0: buffer.begin()
            default: break
            }
        }
        func end(_ code: Int32) {
            switch code {
            case WorkbookReader.elT where buffer.active:
                buffer.active = false
                if buffer.overflowed || current.count + buffer.bytes.count > 1 << 20 { overflowed = true }
                else { current.append(contentsOf: buffer.bytes) }
            case WorkbookReader.elRPh: phonetic -= 1
            case WorkbookReader.elSI: strings.append(String(decoding: current, as: UTF8.self))
            default: break
            }
        }
        func text(_ bytes: UnsafeRawBufferPointer) { buffer.append(bytes) }
    }

    private func readSharedStrings(_ archive: Archive, _ entry: Entry, path: String) {
        let handler = StringsHandler()
        parse(archive, entry, path: path, handler: handler)
        if handler.overflowed { refuse("a shared string of the workbook is longer than 1 MiB: refused") }
        sharedStrings = handler.strings
    }

    /// The rows of one sheet into its ``TableImport``.
    private final class SheetHandler: XMLPartHandler {
        let table: TableImport
        let owner: WorkbookReader
        let sheet: UInt32
        let partSource: UInt32
        var row: UInt32 = 0
        var column: UInt32 = 0
        var cellType = ""
        var cells: [TableCell] = []
        var value = TextBuffer(limit: 1 << 20)
        var inline: [UInt8] = []
        var inInline = false
        var phonetic = 0
        var inCell = false
        var rowBroken = false
        var cellAt = PackedLocation(file: 0, line: 0, column: 0)
        var cellStyle = 0
        var hasFormula = false
        var hasValue = false

        init(table: TableImport, owner: WorkbookReader, sheet: UInt32, partSource: UInt32) {
            self.table = table; self.owner = owner; self.sheet = sheet; self.partSource = partSource
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
                    // Rows in order, each once: a row given twice would load one of two values.
                    if n <= row && row > 0 {
                        owner.session.error(.duplicateID, "row \(n) is given twice (or out of order, after row \(row)): which values are meant? is the workbook damaged?",
                                            PackedLocation(file: sheet, line: n, column: 1))
                        cs_stop_current_parse()
                        return
                    }
                    row = n
                } else {
                    row += 1
                }
                column = 0
                rowBroken = false
                cells.removeAll(keepingCapacity: true)
            case WorkbookReader.elC:
                inCell = true
                cellAt = at
                cellType = a.raw(WorkbookReader.atT).map { String(decoding: $0, as: UTF8.self) } ?? "n"
                cellStyle = a.string(WorkbookReader.atS).flatMap { Int($0) } ?? 0
                hasFormula = false
                hasValue = false
                if let reference = a.raw(WorkbookReader.atR) {
                    guard let (c, _) = WorkbookReader.cellReference(reference) else {
                        owner.session.error(.refused, "cell reference '\(a.string(WorkbookReader.atR) ?? "")' is not a cell of a sheet (such as C12)", at)
                        cs_stop_current_parse()
                        return
                    }
                    // Cells in order, each once: a cell given twice would load one of two values.
                    if c <= column {
                        owner.session.error(.duplicateID, "the cell \(InputLocation.columnName(Int(c)))\(row) is given twice (or out of order, after column \(InputLocation.columnName(Int(column)))): which value is meant? is the workbook damaged?",
                                            PackedLocation(file: sheet, line: row, column: c))
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
            case WorkbookReader.elV where inCell: value.begin(); hasValue = true
            case WorkbookReader.elF where inCell: hasFormula = true
            case WorkbookReader.elIS where inCell: inInline = true; hasValue = true
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
                if value.overflowed {
                    owner.session.error(.refused, "a cell holds more than 1 MiB of text: refused", cellAt)
                    cs_stop_current_parse()
                    return
                }
                var text: String
                var type = CellType.text
                switch cellType {
                case "s":
                    let raw = String(decoding: value.bytes, as: UTF8.self)
                    guard let k = Int(TableImport.trimmed(raw)), k >= 0, k < owner.sharedStrings.count else {
                        owner.session.error(.refused, "the cell refers to shared string \(raw.isEmpty ? "(none)" : "'\(raw)'"), but the workbook has \(owner.sharedStrings.count) (numbered from 0): is it damaged?",
                                          PackedLocation(file: sheet, line: row, column: column))
                        rowBroken = true
                        return
                    }
                    text = owner.sharedStrings[k]
                case "inlineStr": text = String(decoding: inline, as: UTF8.self)
                case "str": text = String(decoding: value.bytes, as: UTF8.self)
                case "b": text = String(decoding: value.bytes, as: UTF8.self); type = .boolean
                case "e": text = String(decoding: value.bytes, as: UTF8.self); type = .error
                case "d": text = String(decoding: value.bytes, as: UTF8.self); type = .date
                default:
                    text = String(decoding: value.bytes, as: UTF8.self)
                    type = owner.dateStyles.contains(cellStyle) ? .date : .number
                }
                // A formula whose value was never saved: nothing to read, and it must not pass
                // for an empty cell.
                if hasFormula && (!hasValue || (TableImport.trimmed(text).isEmpty && cellType != "str" && cellType != "inlineStr")) {
                    type = .formulaWithoutValue
                }
                if !text.isEmpty || type == .formulaWithoutValue { cells.append(TableCell(column: column, line: row, text: text, type: type)) }
            case WorkbookReader.elRow:
                if !rowBroken { table.row(cells, line: row) }
                cells.removeAll(keepingCapacity: true)
            default: break
            }
        }

        func text(_ bytes: UnsafeRawBufferPointer) { value.append(bytes) }
    }

    /// A row number written in decimal digits.
    static func rowNumber(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
        var n: UInt32 = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            n = n * 10 + UInt32(byte - 0x30)
        }
        return n
    }

    /// `C12` as (column 3, row 12).
    static func cellReference(_ reference: String) -> (UInt32, UInt32)? {
        Array(reference.utf8).withUnsafeBytes { cellReference($0) }
    }

    /// `C12` as (column 3, row 12), from the bytes of an attribute.
    static func cellReference(_ reference: UnsafeRawBufferPointer) -> (UInt32, UInt32)? {
        var column: UInt32 = 0, row: UInt32 = 0, letters = 0, digits = 0
        for byte in reference {
            if byte >= 0x41 && byte <= 0x5A && digits == 0 {
                column = column * 26 + UInt32(byte - 0x40); letters += 1
                if letters > 3 { return nil }
            } else if byte >= 0x30 && byte <= 0x39 && letters > 0 {
                row = row * 10 + UInt32(byte - 0x30); digits += 1
                if digits > 7 { return nil }
            } else {
                return nil
            }
        }
        guard letters > 0, column <= 16384 else { return nil }
        return (column, row)
    }

    private func readSheet(_ archive: Archive, _ entry: Entry, path: String, kind: TableKind, sheet: String) {
        let sheetSource = session.addSource(DataSource(file: name, sheet: sheet, format: .xlsx))
        let table = TableImport(kind: kind, source: sheetSource, session: session, where: "sheet '\(sheet)'", isSheet: true)
        let handler = SheetHandler(table: table, owner: self, sheet: sheetSource, partSource: 0)
        parse(archive, entry, path: path, handler: handler)
        table.finish(source: "\(name):\(sheet)")
    }

    // MARK: Styles

    /// The number formats of the cell styles (`cellXfs`), and the custom formats' codes.
    private final class StylesHandler: XMLPartHandler {
        var formats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var inCellXfs = false
        func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
            let a = PartAttributes(start: start)
            switch code {
            case WorkbookReader.elNumFmt:
                if let id = a.string(WorkbookReader.atNumFmtId).flatMap({ Int($0) }) { formats[id] = a.string(WorkbookReader.atFormatCode) ?? "" }
            case WorkbookReader.elCellXfs: inCellXfs = true
            case WorkbookReader.elXf where inCellXfs:
                styleFormats.append(a.string(WorkbookReader.atNumFmtId).flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        func end(_ code: Int32) { if code == WorkbookReader.elCellXfs { inCellXfs = false } }
        func text(_ bytes: UnsafeRawBufferPointer) {}
    }

    private func readStyles(_ archive: Archive, _ entry: Entry, path: String) {
        let handler = StylesHandler()
        parse(archive, entry, path: path, handler: handler)
        for (style, format) in handler.styleFormats.enumerated() where Self.isDateFormat(format, code: handler.formats[format]) {
            dateStyles.insert(style)
        }
    }

    /// Whether number format `id` shows a date: the built-in formats 14–22 and 45–47, or a
    /// custom format whose code has `d`, `m` or `y` outside quotes and brackets (`[$-409]`,
    /// `[Red]`, `"days"`) and not escaped (`\d`).
    /// - Complexity: O(length of the code).
    static func isDateFormat(_ id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) { return true }
        guard let code else { return false }
        var quoted = false, bracket = false, escaped = false
        for c in code {
            if escaped { escaped = false; continue }
            switch c {
            case "\"" : quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "\\", "_", "*" where !quoted: escaped = true
            case "d", "D", "m", "M", "y", "Y": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}
