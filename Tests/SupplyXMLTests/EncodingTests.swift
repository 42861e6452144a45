import Testing
import SupplyGraph
@testable import SupplyXML

/// The input stage: every encoding is turned into UTF-8 with LF line ends before libxml2 reads
/// it, across the 256 KiB chunks of the parse, and a bad byte is refused where it is.
@Suite("Encodings and line ends")
struct EncodingTests {
    static let chunk = 256 * 1024

    func importBytes(_ bytes: [UInt8], validate: Bool = true) throws(SupplyXMLError) -> SupplyGraph {
        var options = SupplyChainImporter.Options()
        options.validate = validate
        return try SupplyChainImporter(options: options).importDocument(bytes, name: "t.xml").graph
    }

    func errorLines(_ bytes: [UInt8]) -> [String] {
        do { _ = try importBytes(bytes); return [] } catch { return error.errors.map(\.description) }
    }

    /// A document whose `<material name>` is `name` (raw bytes) after `padding` bytes of comment.
    func document(encoding: String, name: [UInt8], padding: Int = 0) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n\(head)\n<!--".utf8)
            + [UInt8](repeating: 0x20, count: padding) + Array("-->\n  <material id=\"m\" name=\"".utf8)
            + name + Array("\"/>\n</supplyChain>\n".utf8)
    }

    @Test func windows1252IsReadThroughItsOwnTable() throws {
        // 0x80 is the euro sign in windows-1252 (a control character in ISO-8859-1).
        let g = try importBytes(document(encoding: "windows-1252", name: [0x80, 0x20, 0x9C]))
        #expect(g.itemNames == ["€ œ"])
    }

    @Test func latin1AndUTF16AreDecoded() throws {
        #expect(try importBytes(document(encoding: "ISO-8859-1", name: [0x43, 0xF4, 0x74, 0x65])).itemNames == ["Côte"])
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n\(head)<material id=\"m\" name=\"𝔾a\"/></supplyChain>"
        #expect(try importBytes([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).itemNames == ["𝔾a"])
        #expect(try importBytes([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }).itemNames == ["𝔾a"])
    }

    /// The name's first byte at `offset` from the start of the document.
    func padding(toPutNameAt offset: Int, encoding: String) -> Int {
        offset - document(encoding: encoding, name: [], padding: 0).count + "\"/>\n</supplyChain>\n".utf8.count
    }

    @Test(arguments: [-1, 0, 1])
    func aShiftJISCharacterCutByTheChunkIsWhole(shift: Int) throws {
        // 日本 (0x93 0xFA 0x96 0x7B) with the chunk boundary inside, before or after a character.
        let pad = padding(toPutNameAt: Self.chunk + shift, encoding: "Shift_JIS")
        let g = try importBytes(document(encoding: "Shift_JIS", name: [0x93, 0xFA, 0x96, 0x7B], padding: pad))
        #expect(g.itemNames == ["日本"])
    }

    @Test(arguments: [-3, -2, -1, 0, 1])
    func aUTF16SurrogatePairCutByTheChunkIsWhole(shift: Int) throws {
        let before = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n\(head)<!--"
        let after = "-->\n<material id=\"m\" name=\"𝔾\"/></supplyChain>"
        let fixed = 2 + 2 * (before.utf16.count + "-->\n<material id=\"m\" name=\"".utf16.count)
        let pad = (Self.chunk + shift - fixed) / 2
        let text = before + String(repeating: " ", count: pad) + after
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try importBytes(bytes).itemNames == ["𝔾"])
    }

    @Test func aBadByteInALaterChunkIsLocated() {
        let pad = padding(toPutNameAt: 3 * Self.chunk + 17, encoding: "windows-1252")
        let found = errorLines(document(encoding: "windows-1252", name: [0x61, 0x81], padding: pad))
        #expect(found == ["t.xml:4:27: error: byte 0x81 is not valid windows-1252"])
    }

    @Test(arguments: [true, false])
    func aCRLFCutByTheChunkIsOneLineEnd(utf8: Bool) {
        // CR as the last byte of the first chunk, LF as the first of the second.
        var bytes = Array((utf8 ? "" : "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>").utf8)
        bytes += Array("\(head)\r\n<!--".utf8)
        bytes += [UInt8](repeating: 0x20, count: Self.chunk - 1 - bytes.count) + [0x0D, 0x0A]
        bytes += Array("-->\r\n<supplier id=\"s\" country=\"XX\"/>\r\r\n</supplyChain>".utf8)
        #expect(errorLines(bytes).first?.hasPrefix("t.xml:4:1: error: unknown country code 'XX'") == true, "\(errorLines(bytes))")
    }

    @Test func crOnlyLineEndsCountAsLines() {
        let text = "\(head)\r<material id=\"m\"/>\r\r<supplier id=\"s\" country=\"XX\"/>\r</supplyChain>\r"
        #expect(errorLines(Array(text.utf8)).first?.hasPrefix("t.xml:4:1: error: unknown country") == true)
    }

    @Test func aCarriageReturnInAnAttributeIsStillASpace() throws {
        // XML normalises line ends before parsing and white space in attribute values afterwards.
        let g = try importBytes(Array("\(head)<material id=\"m\" name=\"a\rb\r\nc\"/></supplyChain>".utf8))
        #expect(g.itemNames == ["a b c"])
    }
}
