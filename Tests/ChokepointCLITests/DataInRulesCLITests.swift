import Foundation
import Testing
import ChokepointTestSupport
import SupplyGraph
@testable import SupplyXML
@testable import ChokepointCLI

@Suite("Data in: what a user gets wrong, end to end")
struct DataInRulesCLITests {
    /// The bundled map as Excel writes "CSV (semicolon)" in the Dutch and German locales: `;`
    /// between fields, decimal commas, Windows-1252. Its report is the XML's.
    @Test func theSemicolonCSVOfTheBundledMapGivesTheSameReport() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let graph = try SupplyChainImporter().importFiles([nlDefence]).graph
        var decimals = 0
        for (name, text) in WorkbookWriter().csvFiles(for: graph) {
            let kind = try #require(NameMatch.table(named: String(name.dropLast(4))))
            var rows: [[String]] = []
            try CSVReader.read(bytes: Array(text.utf8)) { cells, _ in rows.append(cells.map(\.text)) }
            let header = rows[0]
            var out = ""
            for (r, row) in rows.enumerated() {
                let fields = row.enumerated().map { k, field -> String in
                    let column = kind.columns.first { $0.name == header[k] }
                    var field = field
                    if r > 0, column?.kind != .text, field.contains(".") { field = field.replacing(".", with: ","); decimals += 1 }
                    return field.contains(";") || field.contains("\"") || field.contains("\n")
                        ? "\"" + field.replacing("\"", with: "\"\"") + "\"" : field
                }
                out += fields.joined(separator: ";") + "\r\n"
            }
            // Windows-1252 where the text has a letter it holds (é, ü), else UTF-8.
            let bytes = out.unicodeScalars.allSatisfy { $0.value < 0x80 || (0xA0...0xFF).contains($0.value) }
                ? out.unicodeScalars.map { UInt8($0.value) } : Array(out.utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        #expect(decimals > 100, "the shares and quantities are written with decimal commas")
        let r = await run("validate", dir)
        #expect(r.status == 0 && r.out.contains("table       \(dir)/supplies.csv: 276 rows read"), "\(r.err)")
        #expect(try await reportJSON([dir]) == (try await reportJSON([nlDefence])))
    }

    /// A workbook made as `chokepoint template` makes it, with one mistake: exit 1, the located
    /// message, and no graph.
    @Test(arguments: [
        ("delete bom", "map.xlsx: error: no sheet 'bom': a workbook without BOM lines says so with a 'bom' sheet that holds only its header row"),
        ("rename share", "map.xlsx:supplies!C1: error: column 'Share (%)' is not read, and the sheet 'supplies' has no column 'share': did you mean 'share'? (headers are the template's column names; start a header with '#' to keep a column of your own)"),
        ("demand as text", "map.xlsx:items!E2: error: '50.000' is 50 or 50000: write the number without a separator, or make it a number cell"),
        ("rename supplies", "map.xlsx: error: sheet 'supply' is not read: did you mean 'supplies'? (sheets are named as the template's; a sheet whose name starts with '#' is never read)"),
        ("country name", "map.xlsx:suppliers!C2: error: unknown country code 'Germany' in country of supplier 'rheinmetall' (a name, not a code: Germany is 'DE' in ISO 3166-1 alpha-2: did you mean 'DE'?)"),
    ])
    func aMistakeInTheTemplateDoesNotLoad(mistake: String, message: String) async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sheets: [(name: String, rows: [[WorkbookWriter.Cell]])] = TableKind.readingOrder.map { kind in
            (kind.rawValue, [kind.columns.map { .text($0.name) }])
        }
        func fill(_ table: String, _ row: [WorkbookWriter.Cell]) { sheets[sheets.firstIndex { $0.name == table }!].rows.append(row) }
        fill("items", [.text("shell"), .text("system"), .empty, .empty, .number(50_000)])
        fill("items", [.text("tnt"), .text("material")])
        fill("bom", [.text("shell"), .text("tnt"), .number(2)])
        fill("suppliers", [.text("rheinmetall"), .empty, .text("DE")])
        fill("supplies", [.text("rheinmetall"), .text("tnt"), .number(1)])
        switch mistake {
        case "delete bom": sheets.removeAll { $0.name == "bom" }
        case "rename share": sheets[5].rows[0][2] = .text("Share (%)")
        case "demand as text": sheets[2].rows[1][4] = .text("50.000")
        case "rename supplies": sheets[5].name = "supply"
        default: sheets[4].rows[1][2] = .text("Germany")
        }
        let path = dir + "/map.xlsx"
        try Data(WorkbookWriter().workbook(sheets)).write(to: URL(fileURLWithPath: path))
        let r = await run("validate", path)
        #expect(r.status == 1)
        #expect(r.err.contains(dir + "/" + message), "\(r.err)")
        #expect(r.err.contains("no graph loaded"))
    }

    @Test(arguments: [
        (["whatif", "--without-country", "China"], "chokepoint: unknown country code 'China' (a name, not a code: China is 'CN' in ISO 3166-1 alpha-2: did you mean 'CN'?)"),
        (["whatif", "--without-country", "Germany,CN"], "chokepoint: unknown country code 'Germany' (a name, not a code: Germany is 'DE' in ISO 3166-1 alpha-2: did you mean 'DE'?)"),
        (["whatif", "--without-supplier", "ampac"], "chokepoint: unknown supplier 'ampac' (did you mean 'ampac-ut'?)"),
        (["whatif", "--without-supplier", "schrobenhausen"], "chokepoint: unknown supplier 'schrobenhausen' (did you mean 'mbda-schrobenhausen-de'?)"),
        (["whatif", "--without-supplier", "Örnsköldsvik"], "chokepoint: unknown supplier 'Örnsköldsvik' (did you mean 'bae-hagglunds-se'?)"),
        (["whatif", "--without-country", "CN", "--items", "graphite"], "chokepoint: --items 'graphite' matches no item id (did you mean 'natural-graphite' or 'spherical-graphite'?)"),
        (["report", "--trusted", "China"], "chokepoint: unknown country group 'China' (known: EU, EEA, NATO, trusted) — 'China' is a country (CN), not a group: list it in a group of the data's countryGroups"),
    ])
    func namesWhereCodesAndIdsBelongSuggestThem(arguments: [String], message: String) async {
        let r = await run([arguments[0], nlDefence] + arguments.dropFirst())
        #expect(r.status == 2)
        #expect(r.err.hasSuffix("\n" + message + "\n"), "\(r.err)")
    }

    /// The blank template is no clean map: validate warns that it holds nothing, report says
    /// there is nothing to report (not "None: no single source").
    @Test func anEmptyWorkbookIsNothingToAnalyse() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/blank.xlsx"
        #expect(await run("template", "-o", path).status == 0)
        let validate = await run("validate", path)
        #expect(validate.err.contains("blank.xlsx: warning: the map holds no items: nothing to analyse"), "\(validate.err)")
        #expect(validate.out.contains("valid, 1 warning"), "\(validate.out)")
        let report = await run("report", path)
        #expect(report.out.contains("Nothing to report: the map holds no items, so there is nothing to analyse."), "\(report.out)")
        #expect(!report.out.contains("None: no single source"))
    }

    @Test func validateSaysWhatEachTableHeld() async throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id,kind,Notes,#mine\r\nugv,system,,\r\n\r\nti,material,,\r\n".write(toFile: dir + "/items.csv", atomically: true, encoding: .utf8)
        try "parent,item,quantity\r\n".write(toFile: dir + "/bom.csv", atomically: true, encoding: .utf8)
        try "id\r\n".write(toFile: dir + "/suppliers.csv", atomically: true, encoding: .utf8)
        try "supplier,item\r\n".write(toFile: dir + "/supplies.csv", atomically: true, encoding: .utf8)
        let r = await run("validate", dir)
        #expect(r.status == 0)
        #expect(r.out.contains("table       \(dir)/items.csv: 2 rows read, 1 empty row skipped; columns ignored: 'Notes'\ntable       \(dir)/bom.csv: 0 rows read\n"), "\(r.out)")
        #expect(r.err.contains("\(dir)/bom.csv: warning: the map has systems but no BOM lines (its 'bom' table is empty): every system reads as needing no inputs"), "\(r.err)")
        #expect(r.err.contains("\(dir)/supplies.csv: warning: the map has items but no supply lines (its 'supplies' table is empty): every item reads as unmapped"), "\(r.err)")
    }
}
