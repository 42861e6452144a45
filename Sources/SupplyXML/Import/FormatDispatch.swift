import CSupplyXML
import Foundation
import SupplyGraph
import SystemPackage

/// The input formats (the article "The supply-chain XML format"), told by the content: a ZIP archive is a workbook, a document
/// in a CycloneDX namespace a BOM, a folder a CSV folder, a text that is no XML and is named
/// like a table (`supplies.csv`) that table; anything else goes to the native XML importer.
enum InputKind: Equatable {
    case nativeXML, workbook, cycloneDX, csvFolder, csvFile(TableKind), gleif
    /// An OLE compound file (magic D0 CF 11 E0 A1 B1 1A E1): a password-protected workbook
    /// (its `EncryptedPackage` stream) or a legacy `.xls` (or another Office 97–2003 file).
    case compoundFile(encrypted: Bool)

    /// The kind of `bytes`, the first bytes of a file named `name`.
    static func of(_ bytes: [UInt8], name: String) -> InputKind {
        if bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 || bytes[2] == 5) && (bytes[3] == 4 || bytes[3] == 6) {
            return .workbook
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            let stream = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return .compoundFile(encrypted: bytes.firstRange(of: stream) != nil)
        }
        // UTF-16 text shows its ASCII with the zero bytes taken out.
        let text = bytes.count > 1 && bytes.prefix(512).contains(0) ? bytes.filter { $0 != 0 } : bytes
        if let root = rootTag(text), root.firstRange(of: Array(CycloneDXReader.namespacePrefix.utf8)) != nil { return .cycloneDX }
        if let root = rootTag(text), root.firstRange(of: Array(GLEIFReader.leiNamespace.utf8)) != nil
            || root.firstRange(of: Array(GLEIFReader.rrNamespace.utf8)) != nil { return .gleif }
        let first = text.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0xFE || $0 == 0xFF }.first
        if first != UInt8(ascii: "<") {
            let base = name.split(separator: "/").last.map(String.init) ?? name
            if base.lowercased().hasSuffix(".csv"), let kind = NameMatch.table(named: String(base.dropLast(4))) { return .csvFile(kind) }
        }
        return .nativeXML
    }
}

extension InputKind {
    /// The start tag of the root element (`<bom xmlns="..." ...>`), past the XML declaration,
    /// comments, processing instructions and a DOCTYPE; nil when it is not in `text`.
    static func rootTag(_ text: [UInt8]) -> ArraySlice<UInt8>? {
        var k = 0
        func starts(_ prefix: String) -> Bool { text[k...].starts(with: prefix.utf8) }
        func skip(past end: String) -> Bool {
            guard let range = text[k...].firstRange(of: Array(end.utf8)) else { return false }
            k = range.upperBound
            return true
        }
        while k < text.count {
            if text[k] != UInt8(ascii: "<") { k += 1; continue }
            if starts("<?") { guard skip(past: "?>") else { return nil }; continue }
            if starts("<!--") { guard skip(past: "-->") else { return nil }; continue }
            if starts("<!") {
                // A DOCTYPE, perhaps with an internal subset in brackets.
                var depth = 0
                while k < text.count {
                    let b = text[k]; k += 1
                    if b == UInt8(ascii: "[") { depth += 1 } else if b == UInt8(ascii: "]") { depth -= 1 }
                    else if b == UInt8(ascii: ">") && depth <= 0 { break }
                }
                continue
            }
            guard let end = text[k...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return text[k...end]
        }
        return nil
    }
}

/// Picks the reader of each input by its kind (``InputKind``) and runs it into the session:
/// ``NativeXMLHandler``, ``WorkbookReader``, ``CycloneDXReader``, the CSV readers.
struct FormatDispatch {
    let session: ImportSession
    let schema: SupplyChainSchema?

    /// Reads one input of any format into the builder.
    func read(_ file: InputFile) {
        var info = stat()
        let found = (file.path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &info) == 0 }
        }
        if found && (info.st_mode & S_IFMT) == S_IFDIR {
            CSVImport(session: session).readFolder(file)
            return
        }
        switch InputKind.of(head(of: file), name: file.name) {
        case .nativeXML: NativeXMLHandler(session: session).parse(path: file.path, name: file.name, schema: schema)
        case .workbook:
            session.begin(file: file.name, format: .xlsx)
            WorkbookReader(session: session, name: file.name, fileSource: session.fileIndex).read(path: String(decoding: file.path, as: UTF8.self), data: nil)
        case .cycloneDX: readCycloneDX(file)
        case .gleif: readGLEIF(file)
        case .csvFile(let kind):
            session.begin(file: file.name, format: .csv)
            CSVImport(session: session).readCSV(path: file.path, name: file.name, kind: kind, source: session.fileIndex)
        case .csvFolder: break
        case .compoundFile(let encrypted): refuseCompoundFile(name: file.name, encrypted: encrypted)
        }
    }

    /// The message for an OLE compound file: what it is, and what to save it as.
    private func refuseCompoundFile(name: String, encrypted: Bool) {
        session.begin(file: name, format: .xlsx)
        let message = encrypted
            ? "this is a password-protected (encrypted) workbook, which Chokepoint cannot read: save a copy without the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, cleared)"
            : "this is an OLE compound file, such as a legacy Excel 97–2003 workbook (.xls), which Chokepoint does not read: save it as an Excel Workbook (.xlsx) or as CSV"
        session.error(.refused, message, PackedLocation(file: session.fileIndex, line: 0, column: 0))
    }

    /// Reads a document held in memory of any format but a folder (tests, the fuzzer).
    func read(bytes: [UInt8], name: String) {
        switch InputKind.of(Array(bytes.prefix(64 * 1024)), name: name) {
        case .nativeXML, .csvFolder: NativeXMLHandler(session: session).parse(bytes: bytes, name: name, schema: schema)
        case .workbook:
            session.begin(file: name, format: .xlsx)
            WorkbookReader(session: session, name: name, fileSource: session.fileIndex).read(path: nil, data: Data(bytes))
        case .cycloneDX:
            session.begin(file: name, format: .cyclonedx)
            let reader = CycloneDXReader(session: session)
            let status = XMLPartParse(session: session, source: session.fileIndex, vocabulary: CycloneDXReader.vocabulary, handler: reader).run(name: name) { feed in
                bytes.withUnsafeBytes { _ = feed($0) }
            }
            finishCycloneDX(reader, status: status)
        case .gleif:
            session.begin(file: name)
            let reader = GLEIFReader(session: session)
            let status = XMLPartParse(session: session, source: session.fileIndex, vocabulary: GLEIFReader.vocabulary, handler: reader).run(name: name) { feed in
                bytes.withUnsafeBytes { _ = feed($0) }
            }
            session.finish(status: status, sawRoot: reader.sawRoot)
        case .csvFile(let kind):
            session.begin(file: name, format: .csv)
            CSVImport(session: session).readCSV(bytes: bytes, name: name, kind: kind, source: session.fileIndex)
        case .compoundFile(let encrypted): refuseCompoundFile(name: name, encrypted: encrypted)
        }
    }

    /// The first 64 KiB of a file (empty when it cannot be read: the reader says why).
    private func head(of file: InputFile) -> [UInt8] {
        let fd = (file.path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var got = 0
        while got < buffer.count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        return Array(buffer[0..<got])
    }

    private func readCycloneDX(_ file: InputFile) {
        session.begin(file: file.name, format: .cyclonedx)
        let fd = (file.path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { session.fileError(errno: errno); return }
        defer { close(fd) }
        let reader = CycloneDXReader(session: session)
        var readError: Int32 = 0
        let status = XMLPartParse(session: session, source: session.fileIndex, vocabulary: CycloneDXReader.vocabulary, handler: reader).run(name: file.name) { feed in readError = Self.stream(fd, to: feed) }
        if readError != 0 { session.fileError(errno: readError); return }
        finishCycloneDX(reader, status: status)
    }

    /// Reads a GLEIF LEI-CDF or RR-CDF file, streaming.
    private func readGLEIF(_ file: InputFile) {
        session.begin(file: file.name)
        let fd = (file.path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { session.fileError(errno: errno); return }
        defer { close(fd) }
        let reader = GLEIFReader(session: session)
        var readError: Int32 = 0
        let status = XMLPartParse(session: session, source: session.fileIndex, vocabulary: GLEIFReader.vocabulary, handler: reader).run(name: file.name) { feed in readError = Self.stream(fd, to: feed) }
        if readError != 0 { session.fileError(errno: readError); return }
        session.finish(status: status, sawRoot: reader.sawRoot)
    }

    private func finishCycloneDX(_ reader: CycloneDXReader, status: Int32) {
        if status == Int32(CS_STATUS_OK.rawValue) { reader.finish() }
        session.finish(status: status, sawRoot: reader.sawRoot)
    }

    /// Feeds the file open at `fd` to `feed` in 256 KB pieces until its end, an error or `feed`
    /// asks to stop; the `errno` of a failed read, else 0.
    /// - Complexity: O(bytes of the file).
    private static func stream(_ fd: Int32, to feed: (UnsafeRawBufferPointer) -> Bool) -> Int32 {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return errno }
            if n == 0 { return 0 }
            if !buffer.withUnsafeBytes({ feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) { return 0 }
        }
    }
}
