import CSupplyXML
import SupplyGraph

/// Reads one document of the native format (`<supplyChain>`) into an ``ImportSession``: the
/// SAX2 callbacks' target, validated against the schema while it streams (the elements are in
/// `NativeXMLHandler+Elements.swift`). One per file; not shared between threads.
final class NativeXMLHandler {
    unowned let session: ImportSession

    // Where the parser is.
    var depth = 0
    /// Records read so far directly under the root (see ``schemaNote(_:line:)``).
    var rootChildren = 0
    var sawRoot = false
    var currentItem = -1        // record of the enclosing item, or -1
    var currentSupplier = -1    // record of the enclosing supplier, or -1
    var currentSupply = -1      // record of the enclosing supplies/supply, or -1
    var skipDepth = 0           // > 0 while inside an element that is skipped
    var schemaErrorLines = Set<Int>()
    var structuralErrorLines = Set<Int>()

    init(session: ImportSession) { self.session = session }

    /// The source being read.
    var fileIndex: UInt32 { session.fileIndex }

    /// Parses the file at `path` (its bytes, as given: no NUL), named `name` in diagnostics.
    func parse(path: [UInt8], name: String, schema: SupplyChainSchema?) {
        session.begin(file: name)
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
            session.fileError(errno: ioErrno)
        }
        session.finish(status: status, sawRoot: sawRoot)
    }

    /// Parses a document held in memory, named `name` in diagnostics.
    func parse(bytes: [UInt8], name: String, schema: SupplyChainSchema?) {
        session.begin(file: name)
        var callbacks = makeCallbacks()
        let status = withExtendedLifetime(self) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cs_parse_memory(chars.baseAddress, chars.count, schema?.handle, &callbacks)
                }
            }
        }
        session.finish(status: status, sawRoot: sawRoot)
    }

    private func makeCallbacks() -> cs_callbacks {
        var callbacks = cs_callbacks()
        callbacks.context = Unmanaged.passUnretained(self).toOpaque()
        callbacks.threading = session.threading
        callbacks.start_element = { context, start in
            Unmanaged<NativeXMLHandler>.fromOpaque(context!).takeUnretainedValue().startElement(start!.pointee)
        }
        callbacks.end_element = { context, element in
            Unmanaged<NativeXMLHandler>.fromOpaque(context!).takeUnretainedValue().endElement(element)
        }
        callbacks.diagnostic = { context, diagnostic in
            let handler = Unmanaged<NativeXMLHandler>.fromOpaque(context!).takeUnretainedValue()
            handler.session.libxmlDiagnostic(diagnostic!.pointee, schema: handler.schemaNote)
        }
        callbacks.progress = { context, bytes in
            let session = Unmanaged<NativeXMLHandler>.fromOpaque(context!).takeUnretainedValue().session
            session.bytesDone = session.bytesBeforeFile + bytes
            session.progress?(session.bytesDone, session.totalBytes)
        }
        return callbacks
    }

    // MARK: Diagnostics

    /// An error about structure, which the schema may already have reported at that line.
    func structural(_ code: Diagnostic.Code, _ message: @autoclosure () -> String, _ at: PackedLocation) {
        if schemaErrorLines.contains(Int(at.line)) { return }
        structuralErrorLines.insert(Int(at.line))
        session.error(code, message(), at)
    }

    /// A schema message at `line`: false when the reader's own message for that line is clearer.
    func schemaNote(_ message: inout String, line: Int) -> Bool {
        // libxml2 2.9's schema automaton gives up after about five million children of one
        // element (xmllint says the same): an element in its right place then reads as "not
        // expected". Say what it is and what to do.
        if rootChildren >= Self.schemaRecordLimit && message.hasSuffix("This element is not expected.") {
            message += " (libxml2's schema validation takes about 5 million records under one <supplyChain>; this file has \(Self.grouped(rootChildren)) so far: split it into several files, which are read into one graph, or skip the schema with --no-validate)"
        }
        // The importer's own message for the same element is clearer: keep that one.
        if structuralErrorLines.contains(line) { return false }
        schemaErrorLines.insert(line)
        return true
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
}
