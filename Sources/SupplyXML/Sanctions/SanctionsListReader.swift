import CSupplyXML
import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the EU consolidated financial sanctions file (FSF XML 1.1, root `<export>` in the
/// namespace `http://eu.europa.ec/fpi/fsd/export`) through the same libxml2 SAX2 path as the
/// supply maps, streaming: memory grows with the entries kept, never with the file.
///
/// Of each `sanctionEntity` it keeps the `euReferenceNumber`, the names (each `nameAlias`'s
/// `wholeName`, else its `firstName`, `middleName` and `lastName` joined by spaces), the
/// `identification` numbers (`number`, and `latinNumber` where it differs), the
/// `subjectType` `code` (`enterprise` or `person`; entries of another type are counted but
/// not kept) and each `regulation`'s `programme`. Everything else is ignored. Malformed XML,
/// another root or namespace, and an entry without `euReferenceNumber` are errors located at
/// file:line:column, and nothing of the file is returned.
public struct SanctionsListReader: Sendable {
    /// The namespace of FSF XML 1.1.
    public static let namespace = "http://eu.europa.ec/fpi/fsd/export"

    /// Creates a reader.
    /// - Complexity: O(1).
    public init() {}

    /// Reads the list in the file at `path`, named `name` in diagnostics.
    /// - Throws: ``SupplyXMLError`` with located errors.
    /// - Complexity: O(file size) time; memory O(entries kept).
    public func read(path: String, name: String? = nil) throws(SupplyXMLError) -> SanctionsList {
        let label = name ?? path
        let state = ImportSession(options: SupplyChainImporter.Options())
        state.begin(file: label)
        let handler = FSFHandler(state: state, file: label)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            state.fileError(errno: errno)
            throw state.failure()
        }
        defer { close(fd) }
        var readError: Int32 = 0
        let status = XMLPartParse(session: state, source: state.fileIndex, vocabulary: FSFHandler.vocabulary, handler: handler).run(name: label) { feed in
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { readError = errno; return }
                if n == 0 { return }
                if !buffer.withUnsafeBytes({ feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) { return }
            }
        }
        if readError != 0 { state.fileError(errno: readError) }
        state.finish(status: status, sawRoot: handler.sawRoot)
        if state.errorCount > 0 { throw state.failure() }
        return SanctionsList(file: label, generationDate: handler.generationDate, entityCount: handler.entityCount, entries: handler.entries)
    }

    /// Reads a list held in memory (tests).
    /// - Throws: ``SupplyXMLError`` with located errors.
    /// - Complexity: O(bytes).
    public func read(bytes: [UInt8], name: String) throws(SupplyXMLError) -> SanctionsList {
        let state = ImportSession(options: SupplyChainImporter.Options())
        state.begin(file: name)
        let handler = FSFHandler(state: state, file: name)
        let status = XMLPartParse(session: state, source: state.fileIndex, vocabulary: FSFHandler.vocabulary, handler: handler).run(name: name) { feed in
            bytes.withUnsafeBytes { _ = feed($0) }
        }
        state.finish(status: status, sawRoot: handler.sawRoot)
        if state.errorCount > 0 { throw state.failure() }
        return SanctionsList(file: name, generationDate: handler.generationDate, entityCount: handler.entityCount, entries: handler.entries)
    }
}

/// The SAX handler of ``SanctionsListReader``.
final class FSFHandler: XMLPartHandler {
    static let vocabulary = XMLVocabulary(
        elements: ["export", "sanctionEntity", "nameAlias", "identification", "subjectType", "regulation"],
        attributes: ["generationDate", "euReferenceNumber", "wholeName", "firstName", "middleName", "lastName",
                     "number", "latinNumber", "code", "programme"])
    private enum El: Int32 { case export = 1, sanctionEntity, nameAlias, identification, subjectType, regulation }
    private static let atGenerationDate: Int32 = 2, atReference: Int32 = 3, atWholeName: Int32 = 4, atFirst: Int32 = 5
    private static let atMiddle: Int32 = 6, atLast: Int32 = 7, atNumber: Int32 = 8, atLatinNumber: Int32 = 9
    private static let atCode: Int32 = 10, atProgramme: Int32 = 11

    unowned let state: ImportSession
    let file: String
    private(set) var sawRoot = false
    private(set) var generationDate: String?
    private(set) var entityCount = 0
    private(set) var entries: [SanctionsList.Entry] = []
    private var depth = 0
    private var current: (entry: SanctionsList.Entry, type: String?, valid: Bool)?

    init(state: ImportSession, file: String) { self.state = state; self.file = file }

    func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation) {
        depth += 1
        let a = PartAttributes(start: start)
        if depth == 1 {
            sawRoot = true
            let namespace = start.namespace_uri.map { String(cString: $0) }
            guard El(rawValue: code) == .export, namespace == SanctionsListReader.namespace else {
                state.error(.wrongRoot, "not an EU financial sanctions file: the root must be <export> in namespace \(SanctionsListReader.namespace) (FSF XML 1.1), not <\(String(cString: start.localname))> in \(namespace ?? "no namespace")", at)
                cs_stop_current_parse()
                return
            }
            generationDate = a.string(Self.atGenerationDate)
            return
        }
        switch (El(rawValue: code), depth) {
        case (.sanctionEntity, 2):
            entityCount += 1
            guard let reference = a.string(Self.atReference), !reference.isEmpty else {
                state.error(.missingAttribute, "<sanctionEntity> needs the attribute 'euReferenceNumber'", at)
                current = nil
                return
            }
            current = (SanctionsList.Entry(reference: reference, subjectType: .enterprise, names: [], identifiers: [], programmes: []), nil, true)
        case (.nameAlias, 3):
            guard current != nil else { return }
            if let whole = a.string(Self.atWholeName), !whole.isEmpty {
                current!.entry.names.append(whole)
            } else {
                let parts = [a.string(Self.atFirst), a.string(Self.atMiddle), a.string(Self.atLast)].compactMap { $0 }.filter { !$0.isEmpty }
                if !parts.isEmpty { current!.entry.names.append(parts.joined(separator: " ")) }
            }
        case (.identification, 3):
            guard current != nil else { return }
            if let number = a.string(Self.atNumber), !number.isEmpty { current!.entry.identifiers.append(number) }
            if let latin = a.string(Self.atLatinNumber), !latin.isEmpty, !current!.entry.identifiers.contains(latin) {
                current!.entry.identifiers.append(latin)
            }
        case (.subjectType, 3):
            guard current != nil else { return }
            current!.type = a.string(Self.atCode)
        case (.regulation, 3):
            guard current != nil else { return }
            if let programme = a.string(Self.atProgramme), !programme.isEmpty, !current!.entry.programmes.contains(programme) {
                current!.entry.programmes.append(programme)
            }
        default: break
        }
    }

    func end(_ code: Int32) {
        if depth == 2, El(rawValue: code) == .sanctionEntity, let found = current {
            if let type = found.type.flatMap(SanctionsList.SubjectType.init(rawValue:)) {
                var entry = found.entry
                entry.subjectType = type
                entries.append(entry)
            }
            current = nil
        }
        depth -= 1
    }

    func text(_ bytes: UnsafeRawBufferPointer) {}
}
