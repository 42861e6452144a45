import Foundation
import Testing
import SupplyGraph
@testable import SupplyXML

/// A workbook of the given sheets (text cells as shared strings, numbers as number cells).
func workbook(_ sheets: [(String, [[String]])]) -> [UInt8] {
    WorkbookWriter().workbook(sheets.map { name, rows in
        (name, rows.map { $0.map { $0.isEmpty ? .empty : Double($0) != nil && !$0.hasPrefix("0") || $0 == "0" ? .number(Double($0)!) : .text($0) } })
    })
}

/// A ZIP archive of the given parts (for workbooks written by hand).
func archive(_ parts: [(String, String)]) -> [UInt8] { WorkbookWriter.zip(parts.map { ($0.0, Array($0.1.utf8)) }) }

/// The parts of a workbook whose `name` sheet is `sheet` (and the shared strings); an `items`
/// sheet comes with the `bom`, `suppliers` and `supplies` sheets a map needs, header rows only.
func oneSheetWorkbook(name: String, sheet: String, strings: String? = nil) -> [UInt8] {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var sheets = [(name, sheet)]
    if name == "items" {
        func header(_ names: [String]) -> String {
            "<row r=\"1\">" + names.enumerated().map { "<c r=\"\(InputLocation.columnName($0.offset + 1))1\" t=\"inlineStr\"><is><t>\($0.element)</t></is></c>" }.joined() + "</row>"
        }
        sheets += [("bom", header(["parent", "item", "quantity"])), ("suppliers", header(["id"])), ("supplies", header(["supplier", "item"]))]
    }
    var workbook = "", rels = ""
    var parts: [(String, String)] = []
    for (k, (sheetName, rows)) in sheets.enumerated() {
        workbook += "<sheet name=\"\(sheetName)\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
        rels += "<Relationship Id=\"rId\(k + 1)\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/sheet\(k + 1).xml\"/>"
        parts.append(("xl/worksheets/sheet\(k + 1).xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData></worksheet>"))
    }
    parts += [
        ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(rel)\"><sheets>\(workbook)</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)<Relationship Id=\"rIdS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
    ]
    if let strings { parts.append(("xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(strings)</sst>")) }
    return archive(parts)
}

func errors(_ bytes: [UInt8], name: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        let result = try SupplyChainImporter().importDocument(bytes, name: name)
        Issue.record("accepted: \(result.graph.itemCount) items", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

let dataInFixtures: String = {
    var path = #filePath
    while let last = path.last, last != "/" { path.removeLast() }
    return path + "Fixtures/data-in/"
}()

@Suite("Data in: workbooks and CSV")
struct TableTests {
    static let small: [(String, [[String]])] = [
        ("README", [["anything"]]),
        ("items", [["name", "id", "kind", "notes", "unit", "demand"],
                   ["Unmanned ground vehicle", "ugv", "system", "ours", "", "120"],
                   [],
                   ["Titanium sponge", "ti-sponge", "material", "", "t", ""]]),
        ("bom", [["parent", "item", "quantity"], ["ugv", "ti-sponge", "0.5"]]),
        ("suppliers", [["id", "country", "cage"], ["vsmpo", "RU", ""], ["kind-de", "", "D1234"], ["nspa", "", "S1234"]]),
        ("supplies", [["supplier", "item", "share", "leadTimeDays"], ["vsmpo", "ti-sponge", "60%"], ["kind-de", "ti-sponge", "30 %"],
                      ["nspa", "ti-sponge", ""], ["kind-de", "ugv", ""]]),
    ]

    @Test func aWorkbookBecomesTheGraph() throws {
        let result = try SupplyChainImporter().importDocument(workbook(Self.small), name: "map.xlsx")
        let g = result.graph
        let ugv = try #require(g.item(withKey: "ugv")), ti = try #require(g.item(withKey: "ti-sponge"))
        #expect(g.itemKinds[ugv.index] == .system && g.itemDemand[ugv.index] == 120 && g.itemNames[ugv.index] == "Unmanned ground vehicle")
        #expect(g.itemUnits[ti.index] == "t" && g.children(of: ugv).elementsEqual([ti]))
        let shares = g.supplyEdges(of: ti).map { g.edgeShare[$0] }
        #expect(shares.compactMap { $0 }.sorted() == [0.3, 0.6].sorted())
        // Provenance: the id cell of each row.
        #expect(g.location(of: try #require(g.origin(of: ti))).description == "map.xlsx:items!B4")
        #expect(g.dataSources[Int(g.origin(of: ti)!.source)].format == .xlsx)
    }

    @Test func theCountryIsInferredFromTheCageCode() throws {
        let g = try SupplyChainImporter().importDocument(workbook(Self.small), name: "map.xlsx").graph
        let kind = try #require(g.supplier(withKey: "kind-de")), nspa = try #require(g.supplier(withKey: "nspa"))
        let vsmpo = try #require(g.supplier(withKey: "vsmpo"))
        #expect(g.supplierCountries[kind.index].code == "DE" && g.supplierCountryInferred[kind.index])
        #expect(!g.supplierCountries[nspa.index].isKnown && !g.supplierCountryInferred[nspa.index])
        #expect(g.supplierCountries[vsmpo.index].code == "RU" && !g.supplierCountryInferred[vsmpo.index])
    }

    @Test(arguments: [("D1234", "DE"), ("C0001", "DE"), ("F1234", "FR"), ("M9999", "FR"), ("1234G", "CZ"), ("A123H", "AL"),
                      ("A1234", "IT"), ("H0297", "NL"), ("K0593", "GB"), ("1ABC2", "US"), ("S1234", nil), ("AB12C", nil), ("d1234", nil)])
    func cageTable(code: String, country: String?) {
        #expect(CageCode.country(of: code)?.code == country)
    }

    @Test func theCageInferenceIsAWarningThatSaysSo() throws {
        let warnings = try SupplyChainImporter().importDocument(workbook(Self.small), name: "map.xlsx").warnings
        #expect(warnings.contains { $0.description == "map.xlsx:suppliers!C3: warning: supplier 'kind-de' has no country: DE (Germany) is inferred from its CAGE code 'D1234' (the NATO codification bureau that assigns it)" })
        #expect(warnings.contains { $0.code == .unknownOrigin && $0.message.contains("'S1234' is assigned by NSPA") })
    }

    @Test func anUnknownItemIsLocatedAtItsCell() {
        var sheets = Self.small
        sheets[4].1 = [["id?", "supplier", "item"]] + Array(repeating: ["", "vsmpo", "ti-sponge"], count: 10) + [["", "vsmpo", "ti-spong"]]
        let found = errors(workbook(sheets), name: "map.xlsx")
        #expect(found.first == "map.xlsx:supplies!C12: error: unknown item 'ti-spong' (did you mean 'ti-sponge'?)", "\(found)")
    }

    @Test func aDecimalCommaIsAnErrorThatSaysSo() {
        var sheets = Self.small
        sheets[4].1[1][2] = "0,6"
        #expect(errors(workbook(sheets), name: "map.xlsx") == ["map.xlsx:supplies!C2: error: share must be a number, not '0,6': a decimal comma is not read — write the decimal point as '.', as in 0.6"])
        sheets[4].1[1][2] = "60,5 %"
        #expect(errors(workbook(sheets), name: "map.xlsx").first?.contains("a decimal comma is not read") == true)
    }

    @Test func headersAreMatchedInAnyCaseAndRequired() throws {
        var sheets = Self.small
        // `Item` is `item` (headers are matched in any case); `Items` only resembles it.
        sheets[2].1[0] = ["parent", "Item", "quantity"]
        #expect(try SupplyChainImporter().importDocument(workbook(sheets), name: "map.xlsx").graph.usesEdgeCount == 1)
        sheets[2].1[0] = ["parent", "Items", "quantity"]
        let found = errors(workbook(sheets), name: "map.xlsx")
        #expect(found.contains("map.xlsx:bom!B1: error: column 'Items' is not read, and the sheet 'bom' has no column 'item': did you mean 'item'? (headers are the template's column names; start a header with '#' to keep a column of your own)"))
        #expect(found.contains("map.xlsx:bom!A1: error: the sheet 'bom' has no column 'item' in its header row (expected columns: parent, item, quantity)"))
    }

    @Test func aMisnamedSheetIsAnError() {
        var sheets = Self.small
        sheets[1].0 = "Item"
        #expect(errors(workbook(sheets), name: "map.xlsx") == ["map.xlsx: error: sheet 'Item' is not read: did you mean 'items'? (sheets are named as the template's; a sheet whose name starts with '#' is never read)"])
    }

    @Test func inlineStringsNumbersAndDatesAsText() throws {
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>st</t></r><r><t>ock</t></r></is></c><c r="D1" t="inlineStr"><is><t>name</t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>m</t><rPh><t>ignored</t></rPh></is></c><c r="B3" t="s"><v>1</v></c><c r="C3"><v>12.5</v></c><c r="D3" t="d"><v>2024-06-07</v></c></row>
            """
        let bytes = oneSheetWorkbook(name: "items", sheet: sheet, strings: "<si><t>kind</t></si><si><r><t>mate</t></r><r><t>rial</t></r></si>")
        let g = try SupplyChainImporter().importDocument(bytes, name: "w.xlsx").graph
        let m = try #require(g.item(withKey: "m"))
        #expect(g.itemKinds[m.index] == .material && g.itemStock[m.index] == 12.5 && g.itemNames[m.index] == "2024-06-07")
        #expect(g.location(of: g.origin(of: m)!).description == "w.xlsx:items!A3")
    }

    @Test func aSharedStringOutOfRangeIsLocated() {
        let bytes = oneSheetWorkbook(name: "items", sheet: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c><c r=\"B2\" t=\"s\"><v>1</v></c></row>",
                                     strings: "<si><t>id</t></si><si><t>kind</t></si>")
        #expect(errors(bytes, name: "w.xlsx") == ["w.xlsx:items!A2: error: the cell refers to shared string '7', but the workbook has 2 (numbered from 0): is it damaged?"])
    }

    @Test func aSourcedFromRowJoinsItsSupplyEdge() throws {
        var sheets = Self.small
        sheets[2].1.append(["ti-sponge", "ilmenite", "2"])
        sheets[1].1.append(["Ilmenite", "ilmenite", "material"])
        sheets[4].1.append(["vsmpo", "ilmenite", ""])
        sheets.append(("sourcedFrom", [["supplier", "item", "input", "suppliers"], ["vsmpo", "ti-sponge", "ilmenite", "vsmpo"]]))
        let result = try SupplyChainImporter().importDocument(workbook(sheets), name: "map.xlsx")
        let g = result.graph
        let ti = try #require(g.item(withKey: "ti-sponge")), vsmpo = try #require(g.supplier(withKey: "vsmpo"))
        let edge = try #require(g.supplyEdges(of: ti).first { g.edgeSupplier[$0] == vsmpo })
        #expect(g.sourcing(of: edge).map { g.itemKeys[$0.input.index] } == ["ilmenite"])
        #expect(g.supplyEdgeCount == 5)
        #expect(!result.warnings.contains { $0.code == .duplicateSupply })
        #expect(g.location(of: g.origin(of: edge)!).description == "map.xlsx:supplies!A2")
    }

    @Test func aSourcedFromRowWithoutItsSupplyEdgeIsAnError() {
        var sheets = Self.small
        sheets.append(("sourcedFrom", [["supplier", "item", "input", "suppliers"], ["vsmpo", "ugv", "ti-sponge", "vsmpo"]]))
        #expect(errors(workbook(sheets), name: "map.xlsx") == ["map.xlsx:sourcedFrom!A2: error: supplier 'vsmpo' has a <sourcedFrom> for 'ugv' but does not supply it: give the supply edge too"])
    }

    @Test func aWorkbookWrittenByAnotherTool() throws {
        // Written by openpyxl 3 (as Excel writes them: shared strings, styles, a date cell in a
        // column of the analyst's own), not by Chokepoint.
        let g = try SupplyChainImporter().importFiles([dataInFixtures + "written-by-openpyxl.xlsx"]).graph
        let ti = try #require(g.item(withKey: "ti")), ugv = try #require(g.item(withKey: "ugv"))
        #expect(g.itemDemand[ugv.index] == 120 && g.usesQuantity[g.usesEdges(of: ugv).first!] == 0.5)
        #expect(g.supplyEdges(of: ti).compactMap { g.edgeShare[$0] }.sorted() == [0.4, 0.6])
        let k = try #require(g.supplier(withKey: "k"))
        #expect(g.supplierCountries[k.index].code == "CZ" && g.supplierCountryInferred[k.index])
    }

    @Test func aPathOutOfTheArchiveIsRefused() {
        let bytes = archive([("../../etc/evil.xml", "<x/>"), ("xl/workbook.xml", "<workbook/>")])
        #expect(errors(bytes, name: "w.xlsx") == ["w.xlsx: error: the archive holds an entry whose path leads outside it ('../../etc/evil.xml'): refused"])
    }

    @Test func aZipThatIsNoWorkbookSaysSo() {
        #expect(errors(archive([("hello.txt", "hi")]), name: "w.xlsx") == ["w.xlsx: error: the archive has no workbook part ('xl/workbook.xml'): it is a ZIP file, but not an .xlsx workbook"])
    }
}

@Suite("Data in: CSV")
struct CSVTests {
    func rows(_ text: String) throws(CSVReader.Failure) -> [[String]] {
        var result: [[String]] = []
        try CSVReader.read(bytes: Array(text.utf8)) { cells, _ in result.append(cells.map(\.text)) }
        return result
    }

    @Test func rfc4180() throws {
        #expect(try rows("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n") == [["a", "b"], ["x, y", "say \"hi\""]])
        #expect(try rows("\u{FEFF}id\nm") == [["id"], ["m"]])
        #expect(try rows("a,\"two\nlines\"\nb,c") == [["a", "two\nlines"], ["b", "c"]])
        #expect(try rows("a\rb\r") == [["a"], ["b"]])
        #expect(try rows(",\n") == [["", ""]])
    }

    @Test(arguments: [
        ("id\nm\u{0}x\n", "a NUL byte (0x00): this is not a text file, or it is UTF-16 — save it as 'CSV UTF-8'", 2, 1),
        ("id,kind\nm,ma\"t\n", "a quote inside a field that does not start with one: quote the whole field and double the quote (\"\"), as RFC 4180 does", 2, 2),
        ("id,kind\n\"m\"x,b\n", "text after the closing quote of a field: a quote inside a quoted field is written twice (\"\")", 2, 1),
        ("id\n\"m\nmore", "the file ends inside a quoted field (its quote opens on line 2): close the quote", 2, 1),
    ])
    func brokenCSVIsLocated(text: String, message: String, line: Int, column: Int) {
        do {
            _ = try rows(text)
            Issue.record("accepted")
        } catch {
            #expect(error.message == message && Int(error.line) == line && Int(error.column) == column)
        }
    }

    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chokepoint-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func aFolderOfCSVFiles() throws {
        let dir = try Self.folder([
            "items.csv": "id,kind,name\r\nugv,system,\"Unmanned\nground vehicle\"\r\nti,material,Titanium\r\n",
            "bom.csv": "parent,item,quantity\nugv,ti,2\n",
            "suppliers.csv": "id\n", "supplies.csv": "supplier,item\n",
            "notes.txt": "ignored",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try SupplyChainImporter().importFiles([dir]).graph
        let ugv = try #require(g.item(withKey: "ugv")), ti = try #require(g.item(withKey: "ti"))
        #expect(g.itemNames[ugv.index] == "Unmanned\nground vehicle" && g.usesQuantity[g.usesEdges(of: ugv).first!] == 2)
        // The row after the quoted line end starts on line 4.
        #expect(g.location(of: g.origin(of: ti)!).description == "\(dir)/items.csv:4:1")
        #expect(g.dataSources[Int(g.origin(of: ti)!.source)].format == .csv)
    }

    @Test func anOptionsFileAndMaxPurchaseAreRead() throws {
        let dir = try Self.folder([
            "items.csv": "id,kind,unit,price,maxPurchase\nm,material,t,100,50\n",
            "bom.csv": "parent,item,quantity\n", "suppliers.csv": "id\n", "supplies.csv": "supplier,item\n",
            "options.csv": "id,item,country,share,cost,leadTimeDays,name\nsecond,m,DE,30%,1000,60,German line\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try SupplyChainImporter().importFiles([dir]).graph
        #expect(g.itemMaxPurchase == [50] && g.itemPrice == [100])
        let o = try #require(g.options.first)
        #expect(o.id == "second" && o.country.code == "DE" && abs(o.share - 0.3) < 1e-12 && o.cost == 1000)
        #expect(o.leadTimeDays == 60 && o.name == "German line")
    }

    @Test func anOptionsBadCostIsLocatedAtItsCell() throws {
        let dir = try Self.folder([
            "items.csv": "id,kind\nm,material\n",
            "bom.csv": "parent,item,quantity\n", "suppliers.csv": "id\n", "supplies.csv": "supplier,item\n",
            "options.csv": "id,item,country,share,cost\nbad,m,DE,0.5,-3\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try SupplyChainImporter().importFiles([dir])
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.description) == ["\(dir)/options.csv:2:5: error: cost of option 'bad' must be a finite number >= 0, not -3.0"])
        }
    }

    @Test func aSemicolonCSVIsReadWithTheDecimalComma() throws {
        let dir = try Self.folder(["items.csv": "id;kind;name;demand\nugv;system;UGV;2,5\n", "bom.csv": "parent;item;quantity\n",
                                   "suppliers.csv": "id;country\n", "supplies.csv": "supplier;item;share\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try SupplyChainImporter().importFiles([dir]).graph
        #expect(g.itemDemand[try #require(g.item(withKey: "ugv")).index] == 2.5)
    }

    @Test func aCSVErrorIsAtItsLineAndField() throws {
        let dir = try Self.folder(["items.csv": "id,kind\nugv,system\nti,sytem\n", "bom.csv": "parent,item,quantity\n",
                                   "suppliers.csv": "id\n", "supplies.csv": "supplier,item\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try SupplyChainImporter().importFiles([dir])
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.description) == [
                "\(dir)/items.csv:3:2: error: kind 'sytem' must be system, component or material (did you mean 'system'?)",
            ])
        }
    }
}

@Suite("Data in: CycloneDX")
struct CycloneDXTests {
    @Test func aHardwareBOM() throws {
        let result = try SupplyChainImporter().importFiles([dataInFixtures + "hardware-bom.cdx.xml"])
        let g = result.graph
        #expect(Set(g.itemKeys) == ["ugv", "battery", "anode", "graphite"])
        let ugv = try #require(g.item(withKey: "ugv")), battery = try #require(g.item(withKey: "battery"))
        let anode = try #require(g.item(withKey: "anode")), graphite = try #require(g.item(withKey: "graphite"))
        #expect(g.itemKinds[ugv.index] == .system && g.itemDemand[ugv.index] == 120)
        #expect(g.itemKinds[graphite.index] == .material && g.itemUnits[graphite.index] == "t" && g.itemStock[graphite.index] == 40)
        #expect(g.children(of: ugv).elementsEqual([battery]) && g.children(of: battery).elementsEqual([anode]))
        #expect(g.usesQuantity[g.usesEdges(of: battery).first!] == 12, "nested and in dependencies: one edge")
        #expect(g.usesQuantity[g.usesEdges(of: anode).first!] == 0.002)
        let maker = try #require(g.supplier(withKey: "cell-maker"))
        #expect(g.supplierCountries[maker.index].code == "DE" && g.supplierNames[maker.index] == "Cell maker")
        let china = try #require(g.supplier(withKey: "Graphite producers, China"))
        #expect(g.supplyEdges(of: graphite).map { g.edgeShare[$0] } == [0.77] && g.edgeSupplier[g.supplyEdges(of: graphite).first!] == china)
        #expect(g.supplierCountries[try #require(g.supplier(withKey: "Anode maker")).index].code == "PL")
        #expect(g.dataSources.allSatisfy { $0.format == .cyclonedx })
        #expect(g.location(of: g.origin(of: anode)!).description.hasSuffix("hardware-bom.cdx.xml:26:9"))
    }

    @Test func aSoftwareSBOMWithoutSuppliersImportsWithWarnings() throws {
        let result = try SupplyChainImporter().importFiles([dataInFixtures + "software-sbom.cdx.xml"])
        #expect(Set(result.graph.itemKeys) == ["app", "pkg:maven/org.example/json@2.1", "zlib@1.3"])
        #expect(result.warnings.contains { $0.code == .noSupplier })
    }

    static func bom(_ body: String, version: String = "1.6") -> [UInt8] {
        Array("<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/\(version)\">\n\(body)\n</bom>\n".utf8)
    }

    @Test func aBrokenRefIsALocatedError() {
        let bytes = Self.bom("""
            <components><component bom-ref="a"><name>a</name></component><component bom-ref="bolt"><name>b</name></component></components>
            <dependencies>
              <dependency ref="a"><dependency ref="bollt"/></dependency>
            </dependencies>
            """)
        #expect(errors(bytes, name: "b.xml") == ["b.xml:5:23: error: unknown reference 'bollt' in <dependency>: no element of the BOM has bom-ref 'bollt' (did you mean 'bolt'?)"])
    }

    @Test func anEntityIsRefused() {
        let bytes = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component><name>&x;</name></component></components></bom>\n".utf8)
        #expect(errors(bytes, name: "e.xml") == ["e.xml:2:1: error: a document type declaration (DOCTYPE) is not allowed: DTDs and entities are refused"])
    }

    @Test func otherVersionsSaySo() {
        #expect(errors(Self.bom("", version: "1.4"), name: "o.xml") == ["o.xml:2:1: error: CycloneDX 1.4 is not read: Chokepoint reads CycloneDX 1.5 to 1.7 (<bom> in http://cyclonedx.org/schema/bom/1.5, 1.6 or 1.7)"])
    }

    @Test func badPropertiesAndCountriesAreLocated() {
        let bytes = Self.bom("""
            <components><component bom-ref="a"><supplier><name>S</name><address><country>Atlantis</country></address></supplier><name>a</name>
            <properties><property name="chokepoint:kind">widget</property><property name="chokepoint:demand">1,5</property></properties></component></components>
            """)
        let found = errors(bytes, name: "p.xml")
        #expect(found.contains("p.xml:3:69: error: unknown country 'Atlantis' in <address><country> of 'S' (an ISO 3166-1 alpha-2 code such as 'DE', or an English name such as 'Germany')"), "\(found)")
        #expect(found.contains("p.xml:4:13: error: chokepoint:kind 'widget' must be system, component or material"), "\(found)")
        #expect(found.contains { $0.hasPrefix("p.xml:4:63: error: chokepoint:demand must be a number, not '1,5'") }, "\(found)")
    }

    @Test func theFormatIsToldByTheRootElement() {
        let native = Array("<?xml version=\"1.0\"?>\n<!-- exported from http://cyclonedx.org/schema/bom/1.6 -->\n<supplyChain xmlns=\"urn:chokepoint:supply-chain:1\"/>".utf8)
        #expect(InputKind.of(native, name: "x.xml") == .nativeXML)
        let bom = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x \"y\">]>\n<cdx:bom xmlns:cdx=\"http://cyclonedx.org/schema/bom/1.6\"/>".utf8)
        #expect(InputKind.of(bom, name: "x.xml") == .cycloneDX)
        #expect(InputKind.of([0x50, 0x4B, 3, 4, 0], name: "x.xml") == .workbook)
        #expect(InputKind.of(Array("id,kind\n".utf8), name: "d/items.csv") == .csvFile(.items))
        #expect(InputKind.of(Array("id,kind\n".utf8), name: "d/other.csv") == .nativeXML)
        let units: [UInt8] = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>".utf16.flatMap { (u: UInt16) -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let utf16: [UInt8] = [0xFF, 0xFE] + units
        #expect(InputKind.of(utf16, name: "x.xml") == .cycloneDX)
    }

    @Test(arguments: [("Germany", "DE"), ("de", "DE"), ("United States of America", "US"), ("USA", "US"), ("Korea, Republic of", "KR"),
                      ("Czech Republic", "CZ"), ("the Netherlands", "NL"), ("Atlantis", nil)])
    func countryNames(text: String, code: String?) {
        #expect(CycloneDXReader.countryCode(text) == code)
    }
}
