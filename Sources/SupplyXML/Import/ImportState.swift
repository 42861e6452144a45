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

/// The state of one import: the SAX callbacks' target. Not shared between threads.
final class ImportState {
    var builder: SupplyGraphBuilder
    let maxErrors: Int
    /// The file of each source (a file, a sheet of a workbook, a part of one), by source number.
    var files: [String] = []
    /// Each source, parallel to `files`: the provenance table of the graph.
    var sources: [DataSource] = []
    /// The column of each field in a table source's header (sheets and CSV files), by source.
    var tableColumns: [UInt32: [SupplyGraphBuilder.Field: UInt32]] = [:]
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
    /// The suppliers' declarations read from RMI templates, merged once every file is read.
    var declarations: [RMIDeclaration] = []
    /// The suppliers' `declarant` names (supplier id, the name its declarations give).
    var supplierDeclarants: [(key: String, declarant: String)] = []

    // Where the parser is.
    var fileIndex: UInt32 = 0
    var depth = 0
    /// Records read so far directly under the root (see ``libxmlDiagnostic(_:)``).
    var rootChildren = 0
    var sawRoot = false
    var currentItem = -1        // record of the enclosing item, or -1
    var currentSupplier = -1    // record of the enclosing supplier, or -1
    var currentSupply = -1      // record of the enclosing supplies/supply, or -1
    var skipDepth = 0           // > 0 while inside an element that is skipped
    var schemaErrorLines = Set<Int>()
    var structuralErrorLines = Set<Int>()

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

    // MARK: Parsing

    /// Parses the file at `path` (its bytes, as given: no NUL), named `name` in diagnostics.
    func parse(path: [UInt8], name: String, schema: SupplyChainSchema?) {
        begin(file: name)
        var callbacks = makeCallbacks()
        var ioErrno: Int32 = 0
        let status = withExtendedLifetime(self) {
            (path + [0]).withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cPath in
                    cs_parse_file(cPath.baseAddress, schema?.handle, &callbacks, &ioErrno)
                }
            }
        }
        if status == Int32(CS_STATUS_IO_ERROR.rawValue) {
            fileError(errno: ioErrno)
        }
        finish(status: status)
    }

    func parse(bytes: [UInt8], name: String, schema: SupplyChainSchema?) {
        begin(file: name)
        var callbacks = makeCallbacks()
        let status = withExtendedLifetime(self) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cs_parse_memory(chars.baseAddress, chars.count, schema?.handle, &callbacks)
                }
            }
        }
        finish(status: status)
    }

    /// A file that cannot be read, about the file as a whole.
    func fileError(errno: Int32) {
        let cause = FileError(Errno(rawValue: errno))
        error(.io, "cannot read the file: \(cause)", PackedLocation(file: fileIndex, line: 0, column: 0), cause: cause)
    }

    func begin(file: String, format: DataFormat = .xml) {
        fileIndex = addSource(DataSource(file: file, format: format))
        depth = 0; rootChildren = 0; sawRoot = false; skipDepth = 0
        currentItem = -1; currentSupplier = -1; currentSupply = -1
        schemaErrorLines.removeAll()
        structuralErrorLines.removeAll()
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

    func finish(status: Int32) {
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

    private func makeCallbacks() -> cs_callbacks {
        var callbacks = cs_callbacks()
        callbacks.context = Unmanaged.passUnretained(self).toOpaque()
        callbacks.threading = threading
        callbacks.start_element = { context, start in
            Unmanaged<ImportState>.fromOpaque(context!).takeUnretainedValue().startElement(start!.pointee)
        }
        callbacks.end_element = { context, element in
            Unmanaged<ImportState>.fromOpaque(context!).takeUnretainedValue().endElement(element)
        }
        callbacks.diagnostic = { context, diagnostic in
            Unmanaged<ImportState>.fromOpaque(context!).takeUnretainedValue().libxmlDiagnostic(diagnostic!.pointee)
        }
        callbacks.progress = { context, bytes in
            let state = Unmanaged<ImportState>.fromOpaque(context!).takeUnretainedValue()
            state.bytesDone = state.bytesBeforeFile + bytes
            state.progress?(state.bytesDone, state.totalBytes)
        }
        return callbacks
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

    /// An error about structure, which the schema may already have reported at that line.
    func structural(_ code: Diagnostic.Code, _ message: @autoclosure () -> String, _ at: PackedLocation) {
        if schemaErrorLines.contains(Int(at.line)) { return }
        structuralErrorLines.insert(Int(at.line))
        error(code, message(), at)
    }

    func libxmlDiagnostic(_ d: cs_diagnostic) {
        var message = String(cString: d.message)
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let at = PackedLocation(file: fileIndex, line: UInt32(max(0, d.line)), column: UInt32(max(0, d.column)))
        let code: Diagnostic.Code
        switch d.origin {
        case Int32(CS_ORIGIN_SCHEMA.rawValue):
            code = .schema
            message = tidySchemaMessage(message)
            // libxml2 2.9's schema automaton gives up after about five million children of one
            // element (xmllint says the same): an element in its right place then reads as "not
            // expected". Say what it is and what to do.
            if rootChildren >= Self.schemaRecordLimit && message.hasSuffix("This element is not expected.") {
                message += " (libxml2's schema validation takes about 5 million records under one <supplyChain>; this file has \(Self.grouped(rootChildren)) so far: split it into several files, which are read into one graph, or skip the schema with --no-validate)"
            }
            // The importer's own message for the same element is clearer: keep that one.
            if structuralErrorLines.contains(Int(d.line)) { return }
            schemaErrorLines.insert(Int(d.line))
        case Int32(CS_ORIGIN_SHIM.rawValue): code = .refused
        default: code = .malformedXML
        }
        if d.level == Int32(CS_WARNING.rawValue) {
            warning(code == .malformedXML ? .parserWarning : code, message, at)
        } else if !stoppedForErrors {
            error(code, message, at)
        }
    }

    /// From this many records under the root, "not expected" may be libxml2's limit, not the
    /// file's fault (it was met at the 5,000,002nd of a generated map of 10^7 items).
    static let schemaRecordLimit = 4_900_000

    /// `5000002` as `5,000,002`.
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n)), result: [Character] = []
        while digits.count > 3 { result = [","] + digits.suffix(3) + result; digits.removeLast(3) }
        return String(digits + result)
    }

    /// libxml2 names elements `{urn:chokepoint:supply-chain:1}item`; the namespace is noise here.
    private func tidySchemaMessage(_ message: String) -> String {
        message.replacing("{\(SupplyChainSchema.namespace)}", with: "")
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
        }
    }

    /// The place of each file, and of each sheet of a file, in reading order: looked up once per
    /// diagnostic compared, so that sorting stays O(d log d) for any number of files.
    private struct ReadingOrder {
        var files: [String: Int] = [:]
        var sources: [String: [String?: Int]] = [:]

        init(_ state: ImportState) {
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
