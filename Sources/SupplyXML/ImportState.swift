import CSupplyXML
import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compact location: file number, line, column.
struct PackedLocation {
    var file: UInt32
    var line: UInt32
    var column: UInt32
}

/// The state of one import: the SAX callbacks' target. Not shared between threads.
final class ImportState {
    var builder: SupplyGraphBuilder
    let maxErrors: Int
    var files: [String] = []
    var diagnostics: [Diagnostic] = []
    var errorCount = 0
    var stoppedForErrors = false
    var totalBytes: UInt64 = 0
    var bytesDone: UInt64 = 0
    var bytesBeforeFile: UInt64 = 0
    var progress: (@Sendable (UInt64, UInt64) -> Void)?

    // Locations of the builder's records.
    var itemLocations: [PackedLocation] = []
    var supplierLocations: [PackedLocation] = []
    var groupLocations: [PackedLocation] = []
    var usesLocations: [PackedLocation] = []
    var supplyLocations: [PackedLocation] = []
    var sourcingLocations: [Int: [PackedLocation]] = [:]
    var dataSetLocations: [PackedLocation] = []

    // Where the parser is.
    var fileIndex: UInt32 = 0
    var depth = 0
    var sawRoot = false
    var currentItem = -1        // record of the enclosing item, or -1
    var currentSupplier = -1    // record of the enclosing supplier, or -1
    var currentSupply = -1      // record of the enclosing supplies/supply, or -1
    var skipDepth = 0           // > 0 while inside an element that is skipped
    var schemaErrorLines = Set<Int>()
    var structuralErrorLines = Set<Int>()

    init(builder: SupplyGraphBuilder, maxErrors: Int) {
        self.builder = builder
        self.maxErrors = maxErrors
    }

    // MARK: Parsing

    func parse(path: String, schema: SupplyChainSchema?) {
        begin(file: path)
        var callbacks = makeCallbacks()
        var ioErrno: Int32 = 0
        let status = withExtendedLifetime(self) {
            cs_parse_file(path, schema?.handle, &callbacks, &ioErrno)
        }
        if status == Int32(CS_STATUS_IO_ERROR.rawValue) {
            let reason = ioErrno == EISDIR ? "is a directory" : String(cString: strerror(ioErrno)).lowercased()
            error("io", "cannot read the file: \(reason)", PackedLocation(file: fileIndex, line: 0, column: 0))
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

    private func begin(file: String) {
        files.append(file)
        fileIndex = UInt32(files.count - 1)
        depth = 0; sawRoot = false; skipDepth = 0
        currentItem = -1; currentSupplier = -1; currentSupply = -1
        schemaErrorLines.removeAll()
        structuralErrorLines.removeAll()
        bytesBeforeFile = bytesDone
    }

    private func finish(status: Int32) {
        if status == Int32(CS_STATUS_FAILED.rawValue) && !sawRoot, let last = diagnostics.last,
           last.location.file == files.last, last.code == "malformed-xml",
           last.message == "the file is empty" || last.message == "the document has no root element" {
            // The shim's words for a file with no bytes, or no element, at all.
            diagnostics[diagnostics.count - 1] = Diagnostic(.error, code: "empty", message: last.message, location: last.location)
            return
        }
        if status == Int32(CS_STATUS_OK.rawValue) && !sawRoot {
            error("empty", "the document has no root element", PackedLocation(file: fileIndex, line: 0, column: 0))
        }
    }

    private func makeCallbacks() -> cs_callbacks {
        var callbacks = cs_callbacks()
        callbacks.context = Unmanaged.passUnretained(self).toOpaque()
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
        InputLocation(file: files[Int(packed.file)], line: Int(packed.line), column: Int(packed.column))
    }

    func error(_ code: String, _ message: String, _ at: PackedLocation) {
        diagnostics.append(Diagnostic(.error, code: code, message: message, location: location(at)))
        errorCount += 1
        if errorCount >= maxErrors && !stoppedForErrors {
            stoppedForErrors = true
            cs_stop_current_parse()
        }
    }

    func warning(_ code: String, _ message: String, _ at: PackedLocation) {
        diagnostics.append(Diagnostic(.warning, code: code, message: message, location: location(at)))
    }

    /// An error about structure, which the schema may already have reported at that line.
    func structural(_ code: String, _ message: String, _ at: PackedLocation) {
        if schemaErrorLines.contains(Int(at.line)) { return }
        structuralErrorLines.insert(Int(at.line))
        error(code, message, at)
    }

    func libxmlDiagnostic(_ d: cs_diagnostic) {
        var message = String(cString: d.message)
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let at = PackedLocation(file: fileIndex, line: UInt32(max(0, d.line)), column: UInt32(max(0, d.column)))
        let code: String
        switch d.origin {
        case Int32(CS_ORIGIN_SCHEMA.rawValue):
            code = "schema"
            message = tidySchemaMessage(message)
            // The importer's own message for the same element is clearer: keep that one.
            if structuralErrorLines.contains(Int(d.line)) { return }
            schemaErrorLines.insert(Int(d.line))
        case Int32(CS_ORIGIN_SHIM.rawValue): code = "refused"
        default: code = "malformed-xml"
        }
        if d.level == Int32(CS_WARNING.rawValue) {
            warning(code, message, at)
        } else if !stoppedForErrors {
            error(code, message, at)
        }
    }

    /// libxml2 names elements `{urn:chokepoint:supply-chain:1}item`; the namespace is noise here.
    private func tidySchemaMessage(_ message: String) -> String {
        message.replacing("{\(SupplyChainSchema.namespace)}", with: "")
    }

    func add(problems: [SupplyGraphBuilder.Problem]) {
        for problem in problems {
            let at = packedLocation(of: problem.subject)
            var message = problem.message
            if let related = problem.related {
                let verb = problem.code == "duplicate-id" ? "defined" : "given"
                message += " (first \(verb) at \(location(packedLocation(of: related))))"
            }
            if problem.severity == .error {
                // The same cap as while reading: a million dangling references are not a million lines.
                if errorCount >= maxErrors { stoppedForErrors = true; continue }
                diagnostics.append(Diagnostic(.error, code: problem.code, message: message, location: location(at)))
                errorCount += 1
            } else {
                diagnostics.append(Diagnostic(.warning, code: problem.code, message: message, location: location(at)))
            }
        }
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

    /// Errors first, then warnings; each group in file, line, column order (stable).
    func finalDiagnostics() -> [Diagnostic] {
        let errors = diagnostics.enumerated().filter { $0.element.severity == .error }
        let warnings = diagnostics.enumerated().filter { $0.element.severity == .warning }
        func ordered(_ list: [(offset: Int, element: Diagnostic)]) -> [Diagnostic] {
            list.sorted { a, b in
                let la = a.element.location, lb = b.element.location
                let fa = files.firstIndex(of: la.file) ?? 0, fb = files.firstIndex(of: lb.file) ?? 0
                if fa != fb { return fa < fb }
                if la.line != lb.line { return la.line < lb.line }
                if la.column != lb.column { return la.column < lb.column }
                return a.offset < b.offset
            }.map(\.element)
        }
        var result = ordered(errors)
        if stoppedForErrors {
            result.append(Diagnostic(.error, code: "too-many-errors",
                message: "too many errors (\(maxErrors)); stopped reading", location: InputLocation(file: files.last ?? "")))
        }
        return result + ordered(warnings)
    }
}
