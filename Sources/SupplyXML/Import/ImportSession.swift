import CSupplyXML
import SupplyGraph
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compact location: source number, line, column — the graph's ``RecordOrigin``, so that the
/// records' locations become the graph's provenance without a copy.
typealias PackedLocation = RecordOrigin

extension RecordOrigin {
    init(file: UInt32, line: UInt32, column: UInt32) { self.init(source: file, line: line, column: column) }
    /// The source number (a file, a sheet of a workbook, a CSV file of a folder).
    var file: UInt32 {
        get { source }
        set { source = newValue }
    }
}

/// One import: the builder every reader feeds, the sources read (the provenance table), and the
/// errors and warnings found, located. The readers — ``NativeXMLHandler``, ``WorkbookReader``,
/// the CSV readers, ``CycloneDXReader`` — each hold the session; ``FormatDispatch`` picks the
/// reader of each input. Not shared between threads.
final class ImportSession {
    var builder: SupplyGraphBuilder
    let maxErrors: Int
    /// The file of each source (a file, a sheet of a workbook, a part of one), by source number.
    var files: [String] = []
    /// Each source, parallel to `files`: the provenance table of the graph.
    var sources: [DataSource] = []
    /// The column of each field in a table source's header (sheets and CSV files), by source.
    var tableColumns: [UInt32: [SupplyGraphBuilder.Field: UInt32]] = [:]
    /// What each sheet and CSV file held, in reading order (for `validate`).
    var tables: [TableSummary] = []
    /// The errors, up to `maxErrors`.
    var errors: [Diagnostic] = []
    /// The warnings: a count per code and the first few of each.
    var warnings: DiagnosticList
    var stoppedForErrors = false
    var totalBytes: UInt64 = 0
    var bytesDone: UInt64 = 0
    var bytesBeforeFile: UInt64 = 0
    var progress: (@Sendable (UInt64, UInt64) -> Void)?
    /// ``SupplyChainImporter/Options/threading``.
    let threading: Int32

    // Locations of the builder's records.
    var itemLocations: [PackedLocation] = []
    var supplierLocations: [PackedLocation] = []
    var groupLocations: [PackedLocation] = []
    var usesLocations: [PackedLocation] = []
    var supplyLocations: [PackedLocation] = []
    var sourcingLocations: [Int: [PackedLocation]] = [:]
    var dataSetLocations: [PackedLocation] = []
    var entityLocations: [PackedLocation] = []
    var ownerLocations: [PackedLocation] = []
    var optionLocations: [PackedLocation] = []
    /// The suppliers' declarations read from RMI templates, merged once every file is read.
    var declarations: [RMIDeclaration] = []
    /// The suppliers' `declarant` names (supplier id, the name its declarations give).
    var supplierDeclarants: [(key: String, declarant: String)] = []
    /// The declarations as merged (filled by `applyDeclarations`).
    var declarationSummaries: [DeclarationSummary] = []

    /// The source being read.
    var fileIndex: UInt32 = 0

    /// The names the builder's messages give the records: the XML elements.
    static let recordNames = SupplyGraphBuilder.RecordNames(
        uses: "<uses>", supplies: "<supplies>", supply: "<supply>", sourcedFrom: "<sourcedFrom>")

    init(options: SupplyChainImporter.Options) {
        var builderOptions = SupplyGraphBuilder.Options()
        builderOptions.shareTolerance = options.shareTolerance
        builderOptions.maxErrors = options.maxErrors
        builderOptions.warningsKeptPerCode = options.warningsKeptPerCode
        builderOptions.names = Self.recordNames
        builder = SupplyGraphBuilder(options: builderOptions)
        maxErrors = options.maxErrors
        threading = options.threading
        warnings = DiagnosticList(keptPerCode: options.warningsKeptPerCode)
    }

    var errorCount: Int { errors.count }

    // MARK: Sources

    /// A file that cannot be read, about the file as a whole.
    func fileError(errno: Int32) {
        let cause = FileError(Errno(rawValue: errno))
        error(.io, "cannot read the file: \(cause)", PackedLocation(file: fileIndex, line: 0, column: 0), cause: cause)
    }

    /// Starts reading a file: its source, and the progress base.
    func begin(file: String, format: DataFormat = .xml) {
        fileIndex = addSource(DataSource(file: file, format: format))
        bytesBeforeFile = bytesDone
    }

    /// Adds a source (a sheet, a CSV file, a part of a workbook) without starting a file.
    func addSource(_ source: DataSource) -> UInt32 {
        files.append(source.file)
        sources.append(source)
        return UInt32(files.count - 1)
    }

    /// The builder's provenance, from the records' locations.
    func provenance() -> SupplyGraphBuilder.Provenance {
        var result = SupplyGraphBuilder.Provenance()
        result.sources = sources
        result.items = itemLocations
        result.suppliers = supplierLocations
        result.uses = usesLocations
        result.supplies = supplyLocations
        return result
    }

    /// After an XML document's parse (native or CycloneDX): an empty document or one without a
    /// root element says so.
    func finish(status: Int32, sawRoot: Bool) {
        if status == Int32(CS_STATUS_FAILED.rawValue) && !sawRoot, let last = errors.last,
           last.location?.file == files.last, last.code == .malformedXML,
           last.message == "the file is empty" || last.message == "the document has no root element" {
            // The shim's words for a file with no bytes, or no element, at all.
            errors[errors.count - 1] = Diagnostic(.error, code: .empty, message: last.message, location: last.location)
            return
        }
        if status == Int32(CS_STATUS_OK.rawValue) && !sawRoot {
            error(.empty, "the document has no root element", PackedLocation(file: fileIndex, line: 0, column: 0))
        }
    }

    // MARK: Diagnostics

    func location(_ packed: PackedLocation) -> InputLocation {
        InputLocation(file: files[Int(packed.file)], sheet: sources[Int(packed.file)].sheet,
                      line: Int(packed.line), column: Int(packed.column))
    }

    func error(_ code: Diagnostic.Code, _ message: @autoclosure () -> String, _ at: PackedLocation,
               cause: (any Error & Sendable)? = nil) {
        guard errors.count < maxErrors else { return }
        errors.append(Diagnostic(.error, code: code, message: message(), location: location(at), cause: cause))
        if errors.count >= maxErrors && !stoppedForErrors {
            stoppedForErrors = true
            cs_stop_current_parse()
        }
    }

    func warning(_ code: Diagnostic.Code, _ message: @autoclosure () -> String, _ at: PackedLocation) {
        warnings.add(code) { Diagnostic(.warning, code: code, message: message(), location: location(at)) }
    }

    /// A diagnostic of libxml2 or the shim about the current source. `schema` sees each schema
    /// message first (the native reader's: it may add a note, or drop the message by returning
    /// false when its own message for that line is clearer).
    func libxmlDiagnostic(_ d: cs_diagnostic, schema: (inout String, Int) -> Bool = { _, _ in true }) {
        var message = String(cString: d.message)
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let at = PackedLocation(file: fileIndex, line: UInt32(max(0, d.line)), column: UInt32(max(0, d.column)))
        let code: Diagnostic.Code
        switch d.origin {
        case Int32(CS_ORIGIN_SCHEMA.rawValue):
            code = .schema
            // libxml2 names elements `{urn:chokepoint:supply-chain:1}item`; the namespace is noise here.
            message = message.replacing("{\(SupplyChainSchema.namespace)}", with: "")
            guard schema(&message, Int(d.line)) else { return }
        case Int32(CS_ORIGIN_SHIM.rawValue): code = .refused
        default: code = .malformedXML
        }
        if d.level == Int32(CS_WARNING.rawValue) {
            warning(code == .malformedXML ? .parserWarning : code, message, at)
        } else if !stoppedForErrors {
            error(code, message, at)
        }
    }

    /// Locates a diagnostic of the builder at its records.
    func located(_ diagnostic: Diagnostic) -> Diagnostic {
        var result = diagnostic
        if let subject = diagnostic.subject {
            var packed = packedLocation(of: subject)
            // In a table, the cell of the field the finding is about (`supplies!C12`), and the
            // place said by the location, not again in words.
            if let columns = tableColumns[packed.file] {
                if let field = diagnostic.field, let column = columns[field] { packed.column = column }
                result = Diagnostic(result.severity, code: result.code, message: TableImport.placeless(result.message, code: result.code),
                                    location: nil, subject: result.subject, field: result.field, related: result.related,
                                    relation: result.relation, relatedLocation: nil, cause: result.cause)
            }
            result.location = location(packed)
        }
        if let related = diagnostic.related { result.relatedLocation = location(packedLocation(of: related)) }
        return result
    }

    /// Takes the builder's findings: its errors (the same cap as while reading: a million
    /// dangling references are not a million lines) and its warnings, located.
    func add(errors builderErrors: [Diagnostic], omitted: Int) {
        for diagnostic in builderErrors {
            if errors.count >= maxErrors { stoppedForErrors = true; break }
            errors.append(located(diagnostic))
        }
        if omitted > 0 { stoppedForErrors = true }
    }

    func add(warnings builderWarnings: DiagnosticList) {
        var located = builderWarnings
        located.update { $0 = self.located($0) }
        warnings.add(contentsOf: located)
    }

    private func packedLocation(of subject: SupplyGraphBuilder.Subject) -> PackedLocation {
        switch subject {
        case .item(let i): itemLocations[i]
        case .supplier(let i): supplierLocations[i]
        case .group(let i): groupLocations[i]
        case .uses(let i): usesLocations[i]
        case .supply(let i): supplyLocations[i]
        case .sourcing(let supply, let entry): sourcingLocations[supply]?[entry] ?? supplyLocations[supply]
        case .dataSet(let d): dataSetLocations[d]
        case .entity(let e): entityLocations[e]
        case .owner(let o): ownerLocations[o]
        case .option(let o): optionLocations[o]
        }
    }

    /// The place of each file, and of each sheet of a file, in reading order: looked up once per
    /// diagnostic compared, so that sorting stays O(d log d) for any number of files.
    private struct ReadingOrder {
        var files: [String: Int] = [:]
        var sources: [String: [String?: Int]] = [:]

        init(_ state: ImportSession) {
            for (k, file) in state.files.enumerated() where files[file] == nil { files[file] = k }
            for (k, source) in state.sources.enumerated() where sources[source.file]?[source.sheet] == nil {
                sources[source.file, default: [:]][source.sheet] = k
            }
        }

        /// File, line, column order (files in the order they were read).
        func isBefore(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
            let la = a.location ?? InputLocation(file: ""), lb = b.location ?? InputLocation(file: "")
            if la.file != lb.file { return (files[la.file] ?? 0) < (files[lb.file] ?? 0) }
            if la.sheet != lb.sheet {
                func order(_ l: InputLocation) -> Int { sources[l.file]?[l.sheet] ?? 0 }
                return order(la) < order(lb)
            }
            return (la.line, la.column) < (lb.line, lb.column)
        }
    }

    /// The errors in file, line, column order (stable), with `too-many-errors` after them when
    /// reading stopped.
    func finalErrors() -> [Diagnostic] {
        let order = ReadingOrder(self)
        var result = errors.enumerated().sorted { a, b in
            order.isBefore(a.element, b.element) || (!order.isBefore(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
        if stoppedForErrors {
            result.append(Diagnostic(.error, code: .tooManyErrors, message: "too many errors (\(maxErrors)); stopped reading",
                                     location: InputLocation(file: files.last ?? "")))
        }
        return result
    }

    /// The kept warnings in file, line, column order.
    func finalWarnings() -> DiagnosticList {
        let order = ReadingOrder(self)
        var result = warnings
        result.sort(by: order.isBefore)
        return result
    }

    /// The error to throw: every error and the warnings.
    func failure() -> SupplyXMLError {
        SupplyXMLError(errors: finalErrors(), warnings: finalWarnings())
    }
}
