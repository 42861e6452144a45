import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ChokepointTestSupport
import OutputFormats
import SupplyGraph
@testable import SupplyXML
@testable import ChokepointCLI

/// What names and ids from a supplier's spreadsheet can do to the outputs: every one is
/// escaped or refused as the output-escaping policy says, and every export reads back.
@Suite("Hostile ids: outputs stay safe and read back")
struct HostileOutputTests {
    /// Ids an attacker chooses, each of which XML 1.0 can hold.
    static let awkward = [
        "=cmd|' /C calc'!A0", "+SUM(1+1)", "@evil", "-2+3", "c1\u{9B}2J", "del\u{7F}x", "nel\u{85}x",
        "rtl\u{202E}live", "iso\u{2066}x", "emoji🚀💥", "cdata]]>end", "q\"uote's", "amp&lt;x", "line\nbreak",
        "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))", "# heading", "zw\u{200B}sp",
    ]

    /// A CSV folder whose system uses one material per awkward id, each supplied by an
    /// awkward supplier; `longName` is the first material's name.
    static func hostileFolder(ids: [String] = awkward, longName: String = "plain") throws -> String {
        let dir = try temporaryFolder()
        func file(_ name: String, _ rows: [[String]]) throws {
            try Data(rows.map { CSVWriter.row($0) + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        try file("items.csv", [["id", "kind", "name"], ["sys", "system", "System"]]
                 + ids.enumerated().map { [$0.element, "material", $0.offset == 0 ? longName : "name " + $0.element] })
        try file("bom.csv", [["parent", "item", "quantity"]] + ids.map { ["sys", $0, "1"] })
        try file("suppliers.csv", [["id", "name", "country"]] + ids.map { ["s" + $0, "Supplier " + $0, "DE"] })
        try file("supplies.csv", [["supplier", "item", "share"]] + ids.map { ["s" + $0, $0, "1"] })
        return dir
    }

    struct Shape: Equatable {
        var items: [String: String]
        var suppliers: [String: String]
    }

    static func shape(_ graph: SupplyGraph) -> Shape {
        Shape(items: Dictionary(uniqueKeysWithValues: graph.items.map { (graph.itemKeys[$0], graph.itemNames[$0]) }),
              suppliers: Dictionary(uniqueKeysWithValues: graph.suppliers.map { (graph.supplierKeys[$0], graph.supplierNames[$0]) }))
    }

    @Test(arguments: ["xml", "xlsx", "csv folder"])
    func everyExportReadsBackTheSameMap(format: String) async throws {
        let dir = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try SupplyChainImporter().importFiles([dir]).graph
        #expect(original.itemCount == Self.awkward.count + 1)
        try await Self.expectRoundTrip(original, from: dir, format: format)
    }

    /// A name of 1.5 MiB (the CSV and workbook readers refuse fields over 1 MiB, the XML reader
    /// does not): export xml reads back; export xlsx refuses, saying why, and writes nothing.
    @Test func aNameOfOnePointFiveMiB() async throws {
        let long = String(repeating: "Ω long name ", count: 1_572_864 / 13)
        let xml = """
            <supplyChain xmlns="urn:chokepoint:supply-chain:1"><system id="sys" name="System"><uses item="m" quantity="1"/></system>\
            <material id="m" name="\(long)"/><supplier id="s" name="S" country="DE"><supplies item="m" share="1"/></supplier></supplyChain>
            """
        let path = try writeTemporary(xml)
        let original = try SupplyChainImporter().importFiles([path]).graph
        try await Self.expectRoundTrip(original, from: path, format: "xml")
        let r = await run("export", "xlsx", path, "-o", path + ".xlsx")
        #expect(r.status == 1 && r.err.contains("KiB long: export xlsx would write a cell the workbook reader refuses"), "\(r.err.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: path + ".xlsx"))
    }

    static func expectRoundTrip(_ original: SupplyGraph, from dir: String, format: String,
                                sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let path: String
        switch format {
        case "csv folder":
            path = out + "/folder"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (name, text) in WorkbookWriter().csvFiles(for: original) {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
            }
        default:
            path = out + "/map." + format
            let r = await run("export", format, dir, "-o", path)
            #expect(r.status == 0, "\(r.err.prefix(500))", sourceLocation: sourceLocation)
        }
        let back = try SupplyChainImporter().importFiles([path]).graph
        #expect(Self.shape(back) == Self.shape(original), sourceLocation: sourceLocation)
    }

    /// GraphML and JSON are read by other programs: parsed here, they hold every id once.
    @Test func graphMLAndJSONHoldEveryIdAsItIs() async throws {
        let dir = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let graphml = await run("export", "graphml", dir)
        #expect(graphml.status == 0)
        final class Nodes: NSObject, XMLParserDelegate {
            var ids: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "node", let id = attributes["id"] { ids.append(id) }
            }
        }
        let nodes = Nodes()
        let parser = XMLParser(data: Data(graphml.out.utf8))
        parser.delegate = nodes
        #expect(parser.parse(), "GraphML is well-formed")
        for id in Self.awkward { #expect(nodes.ids.filter { $0.hasSuffix(id) }.count >= 1, "\(id)") }
        let json = await run("export", "json", dir)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let ids = Set(((object["nodes"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        for id in Self.awkward { #expect(ids.contains(id), "\(id)") }
    }

    /// Characters XML 1.0 cannot hold: the XML exports refuse (exit 1, nothing written) rather
    /// than drop them and make two ids one; JSON keeps them.
    @Test(arguments: ["a\u{1}b", "ab\u{FFFE}", "ab\u{FFFF}", "esc\u{1B}]0;x\u{7}"])
    func idsXMLCannotHoldAreRefused(id: String) async throws {
        let dir = try Self.hostileFolder(ids: [id, id.unicodeScalars.filter(XMLText.allows).map(String.init).joined()])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for format in ["xml", "graphml", "xlsx"] {
            let target = dir + "/out." + format
            let r = await run("export", format, dir, "-o", target)
            #expect(r.status == 1 && r.err.contains("a character XML 1.0 cannot hold"), "\(format): \(r.err)")
            #expect(!FileManager.default.fileExists(atPath: target))
        }
        let r = await run("dot", dir, "--render", "svg", "-o", dir + "/out.svg")
        #expect(r.status == 1 && r.err.contains("a character XML 1.0 cannot hold"))
        #expect(await run("export", "json", dir).status == 0)
    }

    /// CSV reports: text that starts a formula gets a leading quote; numbers stay numbers.
    @Test func csvReportsNeutraliseFormulasNotNumbers() async throws {
        let dir = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for command in [["report"], ["whatif", "--without-country", "DE"], ["impact"], ["stockpile", "--without-country", "DE"]] {
            let r = await run(command + [dir, "--format", "csv"])
            #expect(r.status == 0, "\(command): \(r.err)")
            var fields: [String] = []
            try CSVReader.read(bytes: Array(r.out.utf8)) { cells, _ in fields += cells.map(\.text) }
            for field in fields {
                guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
                #expect(Double(field) != nil, "\(command): a formula-looking text field '\(field)' is written raw")
            }
            #expect(fields.contains("'=cmd|' /C calc'!A0") || command == ["impact"], "\(command)")
        }
        #expect(CSVWriter.number(-0.5).written == "-0.5")
        #expect(CSVField.text("-0.5").written == "'-0.5")
        #expect(CSVField.text("\tx").written == "'\tx")
        #expect(CSVField.text("a=b").written == "a=b")
        // Found by the output fuzzer: a comma or quote followed by a combining mark is one
        // Character with it, yet still a comma or quote to a CSV reader.
        #expect(CSVWriter.quote("a,\u{594}b") == "\"a,\u{594}b\"")
        #expect(CSVWriter.quote("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
    }

    /// Markdown: no HTML, no link, and every section of the diff still there.
    @Test func markdownHoldsNoHTMLAndLosesNoSection() async throws {
        let old = try Self.hostileFolder(ids: ["plain"])
        let new = try Self.hostileFolder(ids: Self.awkward)
        defer { try? FileManager.default.removeItem(atPath: old); try? FileManager.default.removeItem(atPath: new) }
        let diff = await run("diff", old, "--against", new, "--format", "markdown")
        let report = await run("report", new, "--format", "markdown", "--all")
        for text in [diff.out, report.out] {
            #expect(!text.contains("<img"))
            #expect(!text.contains("[link]("))
            #expect(!text.contains("\u{1B}") && !text.contains("\u{9B}") && !text.contains("\u{202E}"))
            #expect(!text.contains("\n# heading"))
        }
        #expect(diff.out.contains("## Added items") && diff.out.contains("## Removed items") && diff.out.contains("## Added suppliers"))
        #expect(MarkdownText.escapedBlock("1. x") == "1\\. x")
        #expect(MarkdownText.escapedBlock("96.5 %") == "96.5 %")
        #expect(MarkdownText.escaped("a|b<c>&\n") == "a\\|b&lt;c&gt;&amp;<br>")
    }

    /// Terminal: tables and diagnostics hold no control or bidi character, a line break in an
    /// id never starts a row.
    @Test func terminalOutputHoldsNoControlCharacters() async throws {
        let ids = Self.awkward + ["osc\u{1B}]0;pwn\u{7}", "clear\u{1B}[2J"]
        let old = try Self.hostileFolder(ids: ["plain"])
        let new = try Self.hostileFolder(ids: ids)
        defer { try? FileManager.default.removeItem(atPath: old); try? FileManager.default.removeItem(atPath: new) }
        // Share 0.5 makes a warning naming each id.
        let supplies = new + "/supplies.csv"
        try Data((["supplier,item,share"] + ids.map { CSVWriter.row(["s" + $0, $0, "0.5"]) }).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: supplies))
        let runs = [await run("validate", new, "--all-warnings"), await run("diff", old, "--against", new), await run("report", new, "--all"),
                    await run("whatif", new, "--without-country", "DE", "--all"), await run("report", new, "--system", "nope\u{1B}[2J")]
        for r in runs {
            for text in [r.out, r.err] {
                let bad = text.unicodeScalars.filter { TerminalText.isUnsafe($0) && $0 != "\n" }
                #expect(bad.isEmpty, "\(bad.map { String($0.value, radix: 16) })")
                #expect(!text.contains("\nbreak"), "a line break in an id started a line")
            }
        }
        #expect(runs[0].err.contains("osc\\u{1B}]0;pwn\\u{7}"))
        #expect(TerminalText.escaped("a\u{9B}b\u{202E}c\u{85}") == "a\\u{9B}b\\u{202E}c\\u{85}")
    }

    /// `brief` on a CSV folder gives each file's SHA-256 as its provenance.
    @Test func briefHashesEachFileOfACSVFolder() async throws {
        let dir = try Self.hostileFolder(ids: ["plain"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/brief.html"
        let r = await run("brief", dir, "-o", out)
        #expect(r.status == 0, "\(r.err)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        for table in ["items", "bom", "suppliers", "supplies"] { #expect(html.contains(dir + "/" + table + ".csv"), "\(table)") }
    }

    /// A FIFO among the CSV files: refused by its type, never opened (the run does not hang).
    @Test func aFIFOInACSVFolderIsRefusedWithoutOpeningIt() async throws {
        let dir = try Self.hostileFolder(ids: ["plain"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/bom.csv")
        #expect(mkfifo(dir + "/bom.csv", 0o600) == 0)
        let r = await run("validate", dir)
        #expect(r.status == 1)
        #expect(r.err.contains("\(dir)/bom.csv: error: cannot read the file: it is a FIFO (named pipe), not a regular file: refused without opening it"), "\(r.err)")
    }

    /// An output of mode 600 written again with -o keeps its mode.
    @Test func anOutputKeepsItsModeWhenReplaced() async throws {
        let dir = try Self.hostileFolder(ids: ["plain"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/map.json"
        #expect(await run("export", "json", dir, "-o", out).status == 0)
        #expect(chmod(out, 0o600) == 0)
        #expect(await run("export", "json", dir, "-o", out).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
