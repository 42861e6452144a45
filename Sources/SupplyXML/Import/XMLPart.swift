import CSupplyXML
import SupplyGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a generic parse (a workbook part, a CycloneDX document) calls back: elements by the
/// codes of its ``XMLVocabulary``, and text.
protocol XMLPartHandler: AnyObject {
    /// An element starts; `code` is its vocabulary code (0: not in the vocabulary).
    func start(_ code: Int32, _ start: cs_start_element, _ at: PackedLocation)
    /// An element ends.
    func end(_ code: Int32)
    /// Text inside the current element (in pieces).
    func text(_ bytes: UnsafeRawBufferPointer)
}

/// The names a generic parse reports as codes, held as C strings for the life of the process
/// (a few static vocabularies).
final class XMLVocabulary: @unchecked Sendable {
    let elements: [String]
    let attributes: [String]
    private let elementPointers: UnsafeMutablePointer<UnsafePointer<CChar>?>
    private let attributePointers: UnsafeMutablePointer<UnsafePointer<CChar>?>

    init(elements: [String], attributes: [String]) {
        self.elements = elements
        self.attributes = attributes
        elementPointers = .allocate(capacity: max(1, elements.count))
        attributePointers = .allocate(capacity: max(1, attributes.count))
        for (k, name) in elements.enumerated() { elementPointers[k] = UnsafePointer(strdup(name)) }
        for (k, name) in attributes.enumerated() { attributePointers[k] = UnsafePointer(strdup(name)) }
    }

    var raw: cs_vocabulary {
        cs_vocabulary(elements: UnsafePointer(elementPointers), element_count: Int32(elements.count),
                      attributes: UnsafePointer(attributePointers), attribute_count: Int32(attributes.count))
    }

    /// The code of element `name` (fatal if it is not in the vocabulary: a programmer's error).
    func element(_ name: String) -> Int32 { Int32(elements.firstIndex(of: name)! + 1) }
    /// The code of attribute `name`.
    func attribute(_ name: String) -> Int32 { Int32(attributes.firstIndex(of: name)! + 2) }
}

/// The attributes of a generic start tag, by vocabulary code.
struct PartAttributes {
    let start: cs_start_element

    func raw(_ code: Int32) -> UnsafeRawBufferPointer? {
        for i in 0..<Int(start.attribute_count) where start.attributes[i].code == code {
            let attribute = start.attributes[i]
            return UnsafeRawBufferPointer(start: attribute.value, count: Int(attribute.length))
        }
        return nil
    }

    /// The value without white space at either end (`&amp;` as `&`, see ``Attributes``).
    func string(_ code: Int32) -> String? {
        guard let bytes = raw(code) else { return nil }
        let text = String(decoding: trimmingSpaces(bytes), as: UTF8.self)
        return bytes.contains(0x26) ? text.replacing("&#38;", with: "&") : text
    }
}

/// Text gathered between tags, up to a limit (the rest is dropped and flagged).
struct TextBuffer {
    var bytes: [UInt8] = []
    var overflowed = false
    var active = false
    let limit: Int

    init(limit: Int) { self.limit = limit }

    mutating func begin() { bytes.removeAll(keepingCapacity: true); overflowed = false; active = true }

    mutating func append(_ text: UnsafeRawBufferPointer) {
        guard active else { return }
        if bytes.count + text.count > limit { overflowed = true; return }
        bytes.append(contentsOf: text)
    }

    /// The text without white space at either end; stops gathering.
    mutating func take() -> String {
        active = false
        var lower = 0, upper = bytes.count
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// One generic parse: routes the shim's callbacks to the import's diagnostics and the handler.
final class XMLPartParse {
    unowned let session: ImportSession
    let handler: XMLPartHandler
    let source: UInt32
    private var callbacks = cs_callbacks()
    private let vocabulary: XMLVocabulary
    /// Set when the caller gave up on the part (it could not be inflated): what the parser says
    /// about the bytes it did not get is noise.
    var silenced = false
    private var rawVocabulary: cs_vocabulary

    init(session: ImportSession, source: UInt32, vocabulary: XMLVocabulary, handler: XMLPartHandler) {
        self.session = session
        self.source = source
        self.vocabulary = vocabulary
        self.handler = handler
        self.rawVocabulary = vocabulary.raw
    }

    /// Runs the parse: `feed` hands the bytes over through the function it is given (which
    /// returns false once the parse has stopped). Returns the shim's status.
    func run(name: String, _ feed: ((UnsafeRawBufferPointer) -> Bool) throws -> Void) rethrows -> Int32 {
        callbacks.context = Unmanaged.passUnretained(self).toOpaque()
        callbacks.start_element = { context, start in
            let part = Unmanaged<XMLPartParse>.fromOpaque(context!).takeUnretainedValue()
            let s = start!.pointee
            part.handler.start(s.element, s, PackedLocation(file: part.source, line: UInt32(max(0, s.line)), column: UInt32(max(0, s.column))))
        }
        callbacks.end_element = { context, element in
            Unmanaged<XMLPartParse>.fromOpaque(context!).takeUnretainedValue().handler.end(element)
        }
        callbacks.characters = { context, text, length in
            Unmanaged<XMLPartParse>.fromOpaque(context!).takeUnretainedValue().handler.text(UnsafeRawBufferPointer(start: text, count: Int(length)))
        }
        callbacks.diagnostic = { context, diagnostic in
            let part = Unmanaged<XMLPartParse>.fromOpaque(context!).takeUnretainedValue()
            if part.silenced { return }
            part.session.fileIndex = part.source
            part.session.libxmlDiagnostic(diagnostic!.pointee)
        }
        let previous = session.fileIndex
        session.fileIndex = source
        defer { session.fileIndex = previous }
        return try withExtendedLifetime(self) {
            let parser = withUnsafePointer(to: &callbacks) { callbacksPointer in
                withUnsafePointer(to: &rawVocabulary) { vocabularyPointer in
                    cs_push_create(nil, callbacksPointer, vocabularyPointer, name)
                }
            }
            defer { cs_push_free(parser) }
            try feed { bytes in
                cs_push_feed(parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count) == 0
            }
            return cs_push_finish(parser)
        }
    }
}
