// libFuzzer entry point for the output side: random ids and names through the output-escaping
// policy and the writers that read back. Built by Tools/fuzz/run (`Tools/fuzz/run output N`).
//
// The input is cut into up to four strings (a length byte, then that many bytes, decoded as
// UTF-8 with repair). Each string must come out of
//   - TerminalText.escaped: with no C0, C1, DEL or bidi control and no line break;
//   - MarkdownText.escaped: with no HTML, link, emphasis, code or table punctuation left
//     unescaped and no line break (checked by removing the escapes it writes);
//   - CSVField.text: not starting a formula, and, CSV-quoted, read back by CSVReader as it was
//     written (one field); CSVWriter.row: read back verbatim;
// and a map whose items and suppliers have these ids and names, written as native XML and as a
// workbook (when XML 1.0 can hold every string: else the exports refuse, as the CLI does), must
// read back with the same ids and names. A violation traps, which libFuzzer reports as a crash.
import Foundation
import OutputFormats
import SupplyGraph
@testable import SupplyXML

private func strings(_ data: [UInt8]) -> [String] {
    var out: [String] = []
    var k = 0
    while k < data.count && out.count < 4 {
        let n = Int(data[k]); k += 1
        let end = min(data.count, k + n)
        out.append(String(decoding: data[k..<end], as: UTF8.self))
        k = end
    }
    return out
}

private func require(_ ok: Bool, _ what: @autoclosure () -> String) {
    if !ok { fatalError(what()) }
}

private func checkTerminal(_ s: String) {
    let t = TerminalText.escaped(s)
    require(!t.unicodeScalars.contains(where: TerminalText.isUnsafe), "terminal: unsafe scalar left in \(t.debugDescription)")
}

private func checkMarkdown(_ s: String) {
    let m = MarkdownText.escaped(s)
    // Scalars and bytes, not Characters: a combining mark after ";" or "<" makes another
    // grapheme, which a Character comparison would not see.
    var bytes = Array(m.utf8)
    for reference in ["&lt;", "&gt;", "&amp;", "<br>"] { bytes = bytes.replacing(Array(reference.utf8), with: []) }
    let rest = String(decoding: bytes, as: UTF8.self)
    var plain = String.UnicodeScalarView()
    var escaping = false
    for scalar in rest.unicodeScalars {
        if escaping { escaping = false; continue }
        if scalar == "\\" { escaping = true; continue }
        plain.append(scalar)
    }
    for c: Unicode.Scalar in ["<", ">", "[", "]", "*", "_", "`", "|", "~", "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "&"] {
        require(!plain.contains(c), "markdown: \(c.escaped(asASCII: true)) unescaped in \(m.debugDescription)")
    }
    require(!plain.contains(where: TerminalText.isUnsafe), "markdown: control left in \(m.debugDescription)")
}

private func readCSV(_ text: String) -> [[String]]? {
    var rows: [[String]] = []
    do { _ = try CSVReader.read(bytes: Array(text.utf8)) { cells, _ in rows.append(cells.map(\.text)) } } catch { return nil }
    return rows
}

private func checkCSV(_ ids: [String]) {
    for s in ids {
        let written = CSVField.text(s).written
        if let first = written.unicodeScalars.first {
            require(!"=+-@\t\r".unicodeScalars.contains(first), "csv: formula start in \(written.debugDescription)")
        }
    }
    // Fields CSVReader can take at all (it refuses NUL; BOM and blank rows are its own rules),
    // after a header row as every table has (the reader tells `,` from `;` by it). A carriage
    // return in a field is left out: the reader does not give it back as written (a finding
    // of the first run, recorded in SECURITY.md).
    let fields = ids.filter { !$0.isEmpty && !$0.contains("\0") && !$0.hasPrefix("\u{FEFF}") && !$0.contains("\r") }
    guard !fields.isEmpty else { return }
    let header = CSVWriter.row((0...fields.count).map { "c\($0)" }) + "\n"
    let line = CSVWriter.row(["x"] + fields) + "\n"
    if let rows = readCSV(header + line) {
        require(rows.dropFirst().elementsEqual([["x"] + fields]), "csv: \(line.debugDescription) read back as \(rows)")
    }
}

private func checkExports(_ ids: [String]) {
    let keys = Array(Set(ids.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }))
    guard !keys.isEmpty, keys.allSatisfy({ XMLText.firstForbidden(in: $0) == nil }) else { return }
    // Known and open (SECURITY.md): `&amp;` followed at once by a combining mark reads back as
    // `&#38;`. Such keys are left out so that the run can look for anything else.
    func ampersandBeforeMark(_ key: String) -> Bool {
        let scalars = Array(key.unicodeScalars)
        return zip(scalars, scalars.dropFirst()).contains { $0 == "&" && $1.properties.generalCategory == .nonspacingMark
            || $0 == "&" && $1.properties.generalCategory == .spacingMark || $0 == "&" && $1.properties.generalCategory == .enclosingMark }
    }
    guard !keys.contains(where: ampersandBeforeMark) else { return }
    var b = SupplyGraphBuilder()
    b.addItem(key: "sys", kind: .system, name: "System")
    for (k, key) in keys.enumerated() where key != "sys" {
        b.addItem(key: key, kind: .material, name: keys[(k + 1) % keys.count])
        _ = b.addUses(parentKey: "sys", child: key, quantity: 1)
        b.addSupplier(key: "s" + key, name: key, country: "DE")
        _ = b.addSupply(supplierKey: "s" + key, item: key, share: 1)
    }
    guard let graph = try? b.build().graph else { return }
    func shape(_ g: SupplyGraph) -> [String] {
        (g.items.map { "i " + g.itemKeys[$0] + " " + g.itemNames[$0] } + g.suppliers.map { "s " + g.supplierKeys[$0] + " " + g.supplierNames[$0] }).sorted()
    }
    let importer = SupplyChainImporter()
    let xml = Array(SupplyChainWriter().document(for: graph).utf8)
    do {
        require(shape(try importer.importDocument(xml, name: "x.xml").graph) == shape(graph), "xml: read back differs")
    } catch { fatalError("xml export refused on reading: \(error.errors.map(\.description))") }
    do {
        require(shape(try importer.importDocument(WorkbookWriter().document(for: graph), name: "x.xlsx").graph) == shape(graph), "xlsx: read back differs")
    } catch { fatalError("xlsx export refused on reading: \(error.errors.map(\.description))") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let ids = strings(Array(UnsafeBufferPointer(start: start, count: count)))
    for s in ids { checkTerminal(s); checkMarkdown(s) }
    checkCSV(ids)
    checkExports(ids)
    return 0
}
