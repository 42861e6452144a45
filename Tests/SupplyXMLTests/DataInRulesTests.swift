import Foundation
import Testing
import SupplyGraph
@testable import SupplyXML

/// The small map of ``TableTests/small`` with one cell replaced (`sheet`, 0-based row and
/// column) by `cell`: a text cell stays text, whatever it holds.
func smallMap(_ sheet: String, row: Int, column: Int, _ cell: WorkbookWriter.Cell) -> [UInt8] {
    var sheets = cells(TableTests.small)
    let k = sheets.firstIndex { $0.0 == sheet }!
    while sheets[k].1[row].count <= column { sheets[k].1[row].append(.empty) }
    sheets[k].1[row][column] = cell
    return WorkbookWriter().workbook(sheets)
}

/// Rows of strings as cells, as ``workbook(_:)`` makes them.
func cells(_ sheets: [(String, [[String]])]) -> [(name: String, rows: [[WorkbookWriter.Cell]])] {
    sheets.map { name, rows in
        (name, rows.map { $0.map { $0.isEmpty ? .empty : Double($0) != nil && !$0.hasPrefix("0") || $0 == "0" ? .number(Double($0)!) : .text($0) } })
    }
}

/// A workbook of sheets written by hand (`<row>` elements), with `styles.xml` if given.
func handWrittenWorkbook(_ sheets: [(String, String)], styles: String? = nil) -> [UInt8] {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    var workbook = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
    var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    var parts: [(String, String)] = []
    for (k, sheet) in sheets.enumerated() {
        workbook += "<sheet name=\"\(sheet.0)\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
        rels += "<Relationship Id=\"rId\(k + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
        parts.append(("xl/worksheets/sheet\(k + 1).xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(sheet.1)</sheetData></worksheet>"))
    }
    if let styles {
        rels += "<Relationship Id=\"rIdS\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
        parts.append(("xl/styles.xml", "<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>"))
    }
    parts += [
        ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ("xl/workbook.xml", workbook + "</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", rels + "</Relationships>"),
    ]
    return archive(parts)
}

/// A row of inline-string cells, or raw `<c>` elements where a cell starts with `<`.
func sheetRow(_ r: Int, _ values: [String]) -> String {
    var xml = "<row r=\"\(r)\">"
    for (k, value) in values.enumerated() where !value.isEmpty {
        let ref = InputLocation.columnName(k + 1) + String(r)
        xml += value.hasPrefix("<") ? value.replacing("@@", with: ref) : "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(value)</t></is></c>"
    }
    return xml + "</row>"
}

/// The sheets every map needs beside `items`, with their header rows only.
let emptyTables = [("bom", sheetRow(1, ["parent", "item", "quantity"])), ("suppliers", sheetRow(1, ["id"])),
                   ("supplies", sheetRow(1, ["supplier", "item"]))]

/// The graph of `bytes`, or nil (with the errors recorded as an issue).
func graph(_ bytes: [UInt8], name: String = "map.xlsx", sourceLocation: SourceLocation = #_sourceLocation) -> SupplyChainImporter.Result? {
    do { return try SupplyChainImporter().importDocument(bytes, name: name) } catch {
        Issue.record("refused: \(error.errors.map(\.description))", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite("Data in: tables that must be there")
struct RequiredTableTests {
    @Test(arguments: [
        ("bom", "map.xlsx: error: no sheet 'bom': a workbook without BOM lines says so with a 'bom' sheet that holds only its header row"),
        ("suppliers", "map.xlsx: error: no sheet 'suppliers': a workbook without suppliers says so with a 'suppliers' sheet that holds only its header row"),
        ("supplies", "map.xlsx: error: no sheet 'supplies': a workbook without supply lines says so with a 'supplies' sheet that holds only its header row"),
    ])
    func aMissingSheetIsAnError(sheet: String, message: String) {
        let sheets = TableTests.small.filter { $0.0 != sheet }
        #expect(errors(workbook(sheets), name: "map.xlsx") == [message])
    }

    @Test func anEmptyTableIsDeclaredByItsHeaderRow() throws {
        var sheets = TableTests.small
        sheets[2].1 = [["parent", "item", "quantity"]]
        let result = try #require(graph(workbook(sheets)))
        #expect(result.graph.usesEdgeCount == 0)
        #expect(result.warnings.contains { $0.description == "map.xlsx:bom: warning: the map has systems but no BOM lines (its 'bom' table is empty): every system reads as needing no inputs" })
    }

    @Test func itemsWithoutSupplyLinesAreAWarning() throws {
        var sheets = TableTests.small
        sheets[4].1 = [["supplier", "item"]]
        let result = try #require(graph(workbook(sheets)))
        #expect(result.warnings.contains { $0.code == .emptyTable && $0.description.hasPrefix("map.xlsx:supplies: warning: the map has items but no supply lines (its 'supplies' table is empty)") })
    }

    @Test(arguments: [
        ("bom", "no file 'bom.csv': a folder without BOM lines says so with a 'bom.csv' file that holds only its header row"),
        ("suppliers", "no file 'suppliers.csv': a folder without suppliers says so with a 'suppliers.csv' file that holds only its header row"),
        ("supplies", "no file 'supplies.csv': a folder without supply lines says so with a 'supplies.csv' file that holds only its header row"),
    ])
    func aMissingCSVFileIsAnError(table: String, message: String) throws {
        var files = CSVFolderTests.map
        files[table + ".csv"] = nil
        let dir = try CSVTests.folder(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(CSVFolderTests.errors(dir) == ["\(dir): error: \(message)"])
    }

    @Test func aPartialDropHoldsAKnownTable() throws {
        // Suppliers only: to merge with a map.
        #expect(graph(workbook([("suppliers", [["id", "country"], ["s", "DE"]])]))?.graph.supplierCount == 1)
        #expect(errors(workbook([("Notes", [["anything"]])]), name: "map.xlsx")
                == ["map.xlsx: error: the workbook has none of the sheets dataSet, countryGroups, items, bom, suppliers, supplies, sourcedFrom, entities, owners, options (its sheets: Notes): start from `chokepoint template`"])
    }
}

@Suite("Data in: table names")
struct TableNameTests {
    /// A sheet name that is the table's after trimming, removing invisible characters and
    /// case folding: read as that table.
    @Test(arguments: ["BOM", " Bom ", "b\u{200B}om", "bom\u{00AD}", "\u{00A0}bom", "\u{FEFF}BOM"])
    func theSameNameIsRead(name: String) throws {
        var sheets = TableTests.small
        sheets[2].0 = name
        let g = try #require(graph(workbook(sheets))).graph
        #expect(g.usesEdgeCount == 1)
    }

    @Test(arguments: [
        ("supply", "supplies"), ("Suppliers2", "suppliers"), ("supplis", "supplies"), ("Supplies (2)", "supplies"),
        ("boms", "bom"), ("bim", "bom"),
        ("country groups", "countryGroups"), ("Item", "items"),
    ])
    func aNearMissIsAnErrorWithTheSuggestion(name: String, table: String) {
        var sheets = TableTests.small
        sheets.removeAll { $0.0 == table }
        sheets.append((name, [["x"]]))
        let found = errors(workbook(sheets), name: "map.xlsx")
        #expect(found == ["map.xlsx: error: sheet '\(name)' is not read: did you mean '\(table)'? (sheets are named as the template's; a sheet whose name starts with '#' is never read)"])
    }

    /// A name with look-alike letters of another script reads the same on screen: the message
    /// names the letters that differ.
    @Test(arguments: [
        ("b\u{043E}m", "bom", "it has 'о' (U+043E CYRILLIC SMALL LETTER O) where 'o' is expected: "),
        ("B\u{041E}M", "bom", "it has 'О' (U+041E CYRILLIC CAPITAL LETTER O) where 'O' is expected: "),
        ("sour\u{0441}edFr\u{03BF}m", "sourcedFrom", "it has 'с' (U+0441 CYRILLIC SMALL LETTER ES) where 'c' is expected, 'ο' (U+03BF GREEK SMALL LETTER OMICRON) where 'o' is expected: "),
    ])
    func aLookAlikeLetterIsNamed(name: String, table: String, note: String) {
        var sheets = TableTests.small
        sheets.removeAll { $0.0 == table }
        sheets.append((name, [["x"]]))
        let found = errors(workbook(sheets), name: "map.xlsx")
        #expect(found == ["map.xlsx: error: sheet '\(name)' is not read: \(note)did you mean '\(table)'? (sheets are named as the template's; a sheet whose name starts with '#' is never read)"])
    }

    /// Names of the analyst's own, and `#` sheets: never read, never an error.
    @Test(arguments: ["Notes", "Data", "Sources", "#supply-old", "#bom", "README", "readme", "Prices 2024"])
    func otherSheetsAreLeftAlone(name: String) throws {
        var sheets = TableTests.small
        sheets.append((name, [["supplier", "item", "share"], ["vsmpo", "ugv", "1"]]))
        let g = try #require(graph(workbook(sheets))).graph
        #expect(g.supplyEdgeCount == 4)
    }

    @Test func twoSheetsForOneTableAreAnError() {
        var sheets = TableTests.small
        sheets.append(("BOM", [["parent", "item", "quantity"]]))
        #expect(errors(workbook(sheets), name: "map.xlsx") == ["map.xlsx: error: the sheets 'bom' and 'BOM' are both the table 'bom': keep one"])
    }

    @Test(arguments: [("supply.csv", "supplies"), ("Suppliers2.csv", "suppliers"), ("boms.csv", "bom")])
    func aNearMissOfAFileNameIsAnError(file: String, table: String) throws {
        var files = CSVFolderTests.map
        files[file] = files.removeValue(forKey: table + ".csv")
        let dir = try CSVTests.folder(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(CSVFolderTests.errors(dir) == ["\(dir): error: the file '\(file)' is not read: did you mean '\(table).csv'? (files are named as the template's sheets; a file whose name starts with '#' is never read)"])
    }

    @Test(arguments: ["BOM.csv", "Bom.CSV"])
    func aFileNameInAnotherCaseIsRead(file: String) throws {
        var files = CSVFolderTests.map
        files[file] = files.removeValue(forKey: "bom.csv")
        let dir = try CSVTests.folder(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try SupplyChainImporter().importFiles([dir]).graph.usesEdgeCount == 1)
    }

    @Test func aHashFileIsNeverRead() throws {
        var files = CSVFolderTests.map
        files["#supplies-old.csv"] = "broken,\"\n"
        let dir = try CSVTests.folder(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try SupplyChainImporter().importFiles([dir]).graph.supplyEdgeCount == 2)
    }
}

@Suite("Data in: columns")
struct ColumnTests {
    @Test(arguments: [
        ("supplies", 2, "Share (%)", "share"), ("supplies", 2, "share_pct", "share"), ("supplies", 2, "Share in %", "share"),
        ("supplies", 3, "lead time (days)", "leadTimeDays"), ("supplies", 3, "Lead-Time-Days", "leadTimeDays"),
        ("items", 5, "Demand per year", "demand"), ("items", 5, "demnad", "demand"), ("bom", 2, "quantty", "quantity"),
        ("suppliers", 1, "Supplier country", "country"), ("supplies", 2, "SharePct", "share"),
    ])
    func aHeaderThatResemblesAnAbsentColumnIsAnError(sheet: String, column: Int, header: String, name: String) {
        let bytes = smallMap(sheet, row: 0, column: column, .text(header))
        let cell = "map.xlsx:\(sheet)!\(InputLocation.columnName(column + 1))1"
        let found = errors(bytes, name: "map.xlsx")
        #expect(found.contains("\(cell): error: column '\(header)' is not read, and the sheet '\(sheet)' has no column '\(name)': did you mean '\(name)'? (headers are the template's column names; start a header with '#' to keep a column of your own)"), "\(found)")
    }

    @Test func anInvisibleCharacterDoesNotHideAResemblance() {
        let found = errors(smallMap("supplies", row: 0, column: 2, .text("Sha\u{200B}re (%)")), name: "map.xlsx")
        #expect(found == ["map.xlsx:supplies!C1: error: column 'Share (%)' is not read, and the sheet 'supplies' has no column 'share': did you mean 'share'? (headers are the template's column names; start a header with '#' to keep a column of your own)"])
    }

    @Test func aNameColumnThatIsMissingIsNamed() {
        // `Supplier name` in suppliers, whose `name` column is absent.
        var sheets = TableTests.small
        sheets[3].1[0].append("Supplier name")
        #expect(errors(workbook(sheets), name: "map.xlsx") == ["map.xlsx:suppliers!D1: error: column 'Supplier name' is not read, and the sheet 'suppliers' has no column 'name': did you mean 'name'? (headers are the template's column names; start a header with '#' to keep a column of your own)"])
    }

    @Test(arguments: ["SHARE", " share ", "sha\u{200B}re", "Share\u{00A0}"])
    func aHeaderInAnotherCaseOrWithInvisibleCharactersIsTheColumn(header: String) throws {
        let g = try #require(graph(smallMap("supplies", row: 0, column: 2, .text(header)))).graph
        let ti = try #require(g.item(withKey: "ti-sponge"))
        #expect(g.supplyEdges(of: ti).compactMap { g.edgeShare[$0] }.sorted() == [0.3, 0.6])
    }

    @Test func aHashColumnIsKeptOnPurposeAndOtherColumnsAreListed() throws {
        var sheets = TableTests.small
        sheets[4].1[0][2] = "#share"
        sheets[4].1[0].append("Notes")
        let result = try #require(graph(workbook(sheets)))
        let supplies = try #require(result.tables.first { $0.table == "supplies" })
        #expect(supplies.ignoredColumns == ["Notes"])
        #expect(result.tables.first { $0.table == "items" }?.ignoredColumns == ["notes"])
        let ti = try #require(result.graph.item(withKey: "ti-sponge"))
        #expect(result.graph.supplyEdges(of: ti).allSatisfy { result.graph.edgeShare[$0] == nil })
    }

    @Test(arguments: [
        ("items", ["name", "kind"], "map.xlsx:items!A1: error: the sheet 'items' has no column 'id' in its header row (expected columns: id, kind, name, unit, demand, stock, weight, price, maxPurchase, commodity)"),
        ("bom", ["quantity"], "map.xlsx:bom!A1: error: the sheet 'bom' has no columns 'parent', 'item' in its header row (expected columns: parent, item, quantity)"),
        ("suppliers", ["country"], "map.xlsx:suppliers!A1: error: the sheet 'suppliers' has no column 'id' in its header row (expected columns: id, name, country, controlledBy, recoveryDays, cage, aggregate, lei, registration, declarant)"),
        ("supplies", ["share"], "map.xlsx:supplies!A1: error: the sheet 'supplies' has no columns 'supplier', 'item' in its header row (expected columns: supplier, item, share, capacity, leadTimeDays)"),
        ("items", ["My ministry items"], "map.xlsx:items!A1: error: the sheet 'items' has no columns 'id', 'kind': row 1 holds 'My ministry items' and is not a header row — the header row is the first row with a non-empty cell, so put the headers there (expected columns: id, kind, name, unit, demand, stock, weight, price, maxPurchase, commodity)"),
    ])
    func aRequiredColumnMissingIsAnError(sheet: String, header: [String], message: String) {
        var sheets = TableTests.small
        let k = sheets.firstIndex { $0.0 == sheet }!
        sheets[k].1 = [header]
        #expect(errors(workbook(sheets), name: "map.xlsx").contains(message))
    }

    @Test func theHeaderRowIsTheFirstRowWithANonEmptyCell() throws {
        var sheets = TableTests.small
        sheets[2].1 = [[], [""], ["parent", "item", "quantity"], [], ["ugv", "ti-sponge", "0.5"], [], []]
        let result = try #require(graph(workbook(sheets)))
        #expect(result.graph.usesEdgeCount == 1)
        let bom = try #require(result.tables.first { $0.table == "bom" })
        #expect(bom == TableSummary(source: "map.xlsx:bom", table: "bom", rows: 1, emptyRowsSkipped: 1, ignoredColumns: []))
    }
}

@Suite("Data in: numbers")
struct NumberTests {
    /// Text cells with a thousands-separator pattern: an error giving the readings.
    @Test(arguments: [
        ("50.000", "'50.000' is 50 or 50000"), ("50,000", "'50,000' is 50 or 50000"), ("1.234.567", "'1.234.567' is 1234567"),
        ("50 000", "'50 000' is 50000"), ("50\u{00A0}000", "'50\u{00A0}000' is 50000"), ("1,234.5", "'1,234.5' is 1234.5"),
        ("1.234,5", "'1.234,5' is 1234.5"), ("-12.500", "'-12.500' is -12.5 or -12500"),
    ])
    func thousandsSeparatorsAreAnErrorAtTheCell(text: String, readings: String) {
        #expect(errors(smallMap("items", row: 1, column: 5, .text(text)), name: "map.xlsx")
                == ["map.xlsx:items!F2: error: \(readings): write the number without a separator, or make it a number cell"])
    }

    @Test(arguments: [("123", 123.0), ("1E2", 100), ("1e3", 1000), ("0.125", 0.125), ("1.5", 1.5), ("12.3456", 12.3456), ("0.000", 0)])
    func plainNumbersAsTextAreRead(text: String, value: Double) throws {
        let g = try #require(graph(smallMap("items", row: 1, column: 5, .text(text)))).graph
        #expect(g.itemDemand[try #require(g.item(withKey: "ugv")).index] == value)
    }

    @Test(arguments: [("60%", 0.6), ("60 %", 0.6), ("60\u{00A0}%", 0.6), ("60\u{202F}%", 0.6), ("0.6", 0.6)])
    func sharesAsText(text: String, share: Double) throws {
        let g = try #require(graph(smallMap("supplies", row: 1, column: 2, .text(text)))).graph
        let ti = try #require(g.item(withKey: "ti-sponge")), vsmpo = try #require(g.supplier(withKey: "vsmpo"))
        #expect(g.supplyEdges(of: ti).first { g.edgeSupplier[$0] == vsmpo }.flatMap { g.edgeShare[$0] } == share)
    }

    static let styles = """
        <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0&quot; m&quot;"/><numFmt numFmtId="166" formatCode="[$-409]mmm\\ yy"/></numFmts>
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="4"/></cellXfs>
        """

    /// A workbook whose `ugv` demand cell (C2) is `cell`.
    static func demandCell(_ cell: String) -> [UInt8] {
        handWrittenWorkbook([("items", sheetRow(1, ["id", "kind", "demand"]) + sheetRow(2, ["ugv", "system", cell]))] + emptyTables, styles: styles)
    }

    @Test(arguments: [
        ("<c r=\"@@\" s=\"1\"><v>45292</v></c>", "map.xlsx:items!C2: error: the cell is a date (its format is a date's): demand must be a number — format the cell as a number"),
        ("<c r=\"@@\" s=\"2\"><v>45292</v></c>", "map.xlsx:items!C2: error: the cell is a date (its format is a date's): demand must be a number — format the cell as a number"),
        ("<c r=\"@@\" s=\"4\"><v>45292</v></c>", "map.xlsx:items!C2: error: the cell is a date (its format is a date's): demand must be a number — format the cell as a number"),
        ("<c r=\"@@\" t=\"d\"><v>2024-01-01</v></c>", "map.xlsx:items!C2: error: the cell is a date (its format is a date's): demand must be a number — format the cell as a number"),
        ("<c r=\"@@\" t=\"b\"><v>1</v></c>", "map.xlsx:items!C2: error: the cell is a boolean (TRUE): demand must be a number"),
        ("<c r=\"@@\" t=\"e\"><f>VLOOKUP(A2,X!A:B,2,0)</f><v>#N/A</v></c>", "map.xlsx:items!C2: error: the cell holds the formula error '#N/A': demand must be a number"),
        ("<c r=\"@@\" t=\"e\"><v>#REF!</v></c>", "map.xlsx:items!C2: error: the cell holds the formula error '#REF!': demand must be a number"),
        ("<c r=\"@@\"><f>B7*2</f></c>", "map.xlsx:items!C2: error: the cell's formula has no saved value: recalculate and save the workbook (Excel and LibreOffice save the value; some tools that write workbooks do not)"),
        ("<c r=\"@@\"><f>B7*2</f><v></v></c>", "map.xlsx:items!C2: error: the cell's formula has no saved value: recalculate and save the workbook (Excel and LibreOffice save the value; some tools that write workbooks do not)"),
        ("<c r=\"@@\" t=\"str\"><f>B7</f></c>", "map.xlsx:items!C2: error: the cell's formula has no saved value: recalculate and save the workbook (Excel and LibreOffice save the value; some tools that write workbooks do not)"),
    ])
    func cellsThatHoldNoNumberAreAnErrorAtTheCell(cell: String, message: String) {
        #expect(errors(Self.demandCell(cell), name: "map.xlsx") == [message])
    }

    @Test(arguments: [
        ("<c r=\"@@\"><v>120</v></c>", 120.0), ("<c r=\"@@\" s=\"3\"><v>120</v></c>", 120), ("<c r=\"@@\" s=\"5\"><v>1200</v></c>", 1200),
        ("<c r=\"@@\"><f>60*2</f><v>120</v></c>", 120), ("<c r=\"@@\" t=\"str\"><f>TEXT(120,\"0\")</f><v>120</v></c>", 120),
    ])
    func numberCellsAndCachedFormulaValuesAreRead(cell: String, value: Double) throws {
        let g = try #require(graph(Self.demandCell(cell))).graph
        #expect(g.itemDemand[try #require(g.item(withKey: "ugv")).index] == value)
    }

    @Test(arguments: [(14, nil, true), (22, nil, true), (45, nil, true), (47, nil, true), (0, nil, false), (4, nil, false), (49, nil, false),
                      (164, "yyyy-mm-dd", true), (164, "0.0\" days\"", false), (164, "[Red]0.00", false), (164, "\\d0", false),
                      (164, "#,##0_);[Red](#,##0)", false), (164, "[$-409]d-mmm", true), (164, "General", false)] as [(Int, String?, Bool)])
    func dateFormats(id: Int, code: String?, isDate: Bool) {
        #expect(WorkbookReader.isDateFormat(id, code: code) == isDate)
    }
}

@Suite("Data in: CSV folders")
struct CSVFolderTests {
    /// A small map as a CSV folder.
    static let map = [
        "items.csv": "id,kind,demand\r\nugv,system,120\r\nti,material,\r\n",
        "bom.csv": "parent,item,quantity\r\nugv,ti,0.5\r\n",
        "suppliers.csv": "id,country,name\r\ns,DE,Stahl\r\nt,CN,Tai\r\n",
        "supplies.csv": "supplier,item,share\r\ns,ti,0.6\r\nt,ti,0.4\r\n",
    ]

    static func errors(_ dir: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        do {
            let result = try SupplyChainImporter().importFiles([dir])
            Issue.record("accepted: \(result.graph.itemCount) items", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// The map with `file` replaced by `text` (bytes as given).
    static func folder(replacing file: String, with text: [UInt8]) throws -> String {
        let dir = try CSVTests.folder(map)
        try Data(text).write(to: URL(fileURLWithPath: dir + "/" + file))
        return dir
    }

    /// `;` files: the decimal comma is read; the point and thousands separators are errors.
    @Test(arguments: [("2,345", 2.345), ("0,6", 0.6), ("120", 120), ("1e3", 1000), ("\"7,5\"", 7.5)])
    func aSemicolonFileReadsTheDecimalComma(demand: String, value: Double) throws {
        let dir = try Self.folder(replacing: "items.csv", with: Array("id;kind;demand\r\nugv;system;\(demand)\r\nti;material;\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try SupplyChainImporter().importFiles([dir]).graph
        #expect(g.itemDemand[try #require(g.item(withKey: "ugv")).index] == value)
    }

    @Test(arguments: [("60,5 %", 0.605), ("60,5%", 0.605), ("0,6", 0.6), ("60\u{00A0}%", 0.6)])
    func aSemicolonFileReadsSharesWithTheDecimalComma(share: String, value: Double) throws {
        let dir = try Self.folder(replacing: "supplies.csv", with: Array("supplier;item;share\r\ns;ti;\(share)\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try SupplyChainImporter().importFiles([dir]).graph
        #expect(g.edgeShare[0] == value)
    }

    @Test(arguments: [
        ("2.345", "'2.345' is 2.345 or 2345: write the number without a separator (this file is separated by ';', so its decimal mark is the comma)"),
        ("1.234,5", "'1.234,5' is 1234.5: write the number without a separator (this file is separated by ';', so its decimal mark is the comma)"),
        ("50.000", "'50.000' is 50 or 50000: write the number without a separator (this file is separated by ';', so its decimal mark is the comma)"),
        ("1 234", "'1 234' is 1234: write the number without a separator (this file is separated by ';', so its decimal mark is the comma)"),
    ])
    func aSemicolonFileRefusesThousandsSeparators(demand: String, message: String) throws {
        let dir = try Self.folder(replacing: "items.csv", with: Array("id;kind;demand\r\nugv;system;\(demand)\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(Self.errors(dir) == ["\(dir)/items.csv:2:3: error: \(message)"])
    }

    @Test(arguments: [
        ("\"2,345\"", "'2,345' is 2.345 or 2345: write the number without a separator"),
        ("\"1,234.5\"", "'1,234.5' is 1234.5: write the number without a separator"),
        ("\"0,6\"", "demand must be a number, not '0,6': a decimal comma is not read — write the decimal point as '.', as in 0.6"),
        ("0,6", "the row has 4 fields, the header row 3: an unquoted decimal comma (0,6) splits a number in two — write the decimal point (0.6), or quote the field"),
    ])
    func aCommaFileRefusesTheDecimalComma(demand: String, message: String) throws {
        let dir = try Self.folder(replacing: "items.csv", with: Array("id,kind,demand\r\nugv,system,\(demand)\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let column = demand == "0,6" ? 4 : 3
        #expect(Self.errors(dir) == ["\(dir)/items.csv:2:\(column): error: \(message)"])
    }

    @Test func aCommaFileReadsTheDecimalPoint() throws {
        let dir = try Self.folder(replacing: "items.csv", with: Array("\u{FEFF}id,kind,demand\r\nugv,system,2.345\r\nti,material,\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try SupplyChainImporter().importFiles([dir]).graph
        #expect(g.itemDemand[try #require(g.item(withKey: "ugv")).index] == 2.345)
    }

    @Test func aSemicolonFileThatIsNotUTF8IsWindows1252() throws {
        // "Kärcher – Süd" as Excel's "CSV (semicolon)" writes it in Germany.
        let name: [UInt8] = Array("K".utf8) + [0xE4] + Array("rcher ".utf8) + [0x96] + Array(" S".utf8) + [0xFC] + Array("d".utf8)
        let dir = try Self.folder(replacing: "suppliers.csv", with: Array("id;country;name\r\ns;DE;".utf8) + name + Array("\r\nt;CN;Tai\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try SupplyChainImporter().importFiles([dir])
        #expect(result.graph.supplierNames[try #require(result.graph.supplier(withKey: "s")).index] == "Kärcher – Süd")
        #expect(result.warnings.contains { $0.description == "\(dir)/suppliers.csv: warning: the file is not UTF-8: read as Windows-1252, as Excel writes 'CSV (semicolon)' in locales with a decimal comma (check the accented names; 'CSV UTF-8' avoids the guess)" })
        // A ',' file that is not UTF-8 is refused, as before.
        try Data(Array("id,country,name\r\ns,DE,".utf8) + name + [0x0D, 0x0A]).write(to: URL(fileURLWithPath: dir + "/suppliers.csv"))
        #expect(Self.errors(dir) == ["\(dir)/suppliers.csv:2:3: error: the text is not valid UTF-8: save the file as 'CSV UTF-8'"])
    }

    @Test(arguments: [("id,kind;demand", UInt8(ascii: ",")), ("id;kind;demand", UInt8(ascii: ";")), ("\"a;b\",c", UInt8(ascii: ",")),
                      ("\n\n a;b;c,d", UInt8(ascii: ";")), ("\u{FEFF}id;kind", UInt8(ascii: ";")), ("x,\"y\n;;;\"", UInt8(ascii: ","))])
    func theSeparatorIsTheHeaderRows(head: String, separator: UInt8) {
        #expect(CSVReader.separator(of: Array(head.utf8)) == separator)
    }

    @Test func theCountsOfEachFile() throws {
        let dir = try Self.folder(replacing: "items.csv", with: Array("id,kind,demand,#mine,Notes\r\n\r\nugv,system,120,,\r\n\r\n\r\nti,material,,,\r\n\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tables = try SupplyChainImporter().importFiles([dir]).tables
        #expect(tables.first { $0.table == "items" } == TableSummary(source: "\(dir)/items.csv", table: "items", rows: 2, emptyRowsSkipped: 3, ignoredColumns: ["Notes"]))
        #expect(tables.map(\.table) == ["items", "bom", "suppliers", "supplies"])
    }
}

@Suite("Data in: names where codes belong")
struct CountryNameTests {
    @Test(arguments: [("Germany", "DE", "Germany"), ("USA", "US", "United States"), ("the Netherlands", "NL", "Netherlands"),
                      ("Russia", "RU", "Russian Federation"), ("Türkiye", "TR", "Türkiye"), ("Turkey", "TR", "Türkiye"),
                      ("Taiwan", "TW", "Taiwan, Province of China"), ("china", "CN", "China")])
    func aCountryNameInTheDataSuggestsItsCode(name: String, code: String, iso: String) {
        var sheets = TableTests.small
        sheets[3].1[1][1] = name
        #expect(errors(workbook(sheets), name: "map.xlsx") == ["map.xlsx:suppliers!B2: error: unknown country code '\(name)' in country of supplier 'vsmpo' (a name, not a code: \(iso) is '\(code)' in ISO 3166-1 alpha-2: did you mean '\(code)'?)"])
    }

    @Test(arguments: [("Germany", "DE"), ("GERMANY", "DE"), ("RUSSIAN FEDERATION", "RU"), ("CONGO, DEMOCRATIC REPUBLIC OF THE", "CD"),
                      ("TAIWAN, PROVINCE OF CHINA", "TW"), ("VIET NAM", "VN"), ("KOREA, REPUBLIC OF", "KR"), ("IRAN, ISLAMIC REPUBLIC OF", "IR"),
                      ("Côte d’Ivoire", "CI"), ("Cote d'Ivoire", "CI"), ("türkiye", "TR"), ("UK", "GB"), ("DEU", "DE"), ("Bolivia", "BO"),
                      ("Congo", "CG"), ("Korea", "KR"), ("Åland Islands", "AX")] as [(String, String)])
    func countryNames(name: String, code: String) {
        #expect(CountryTable.country(named: name)?.code == code)
    }

    @Test(arguments: ["Atlantis", "DE", "", "Virgin Islands", "EU"])
    func notACountryName(name: String) {
        #expect(CountryTable.country(named: name) == nil)
    }
}

@Suite("Data in: the export writes what the readers need")
struct ExportTablesTests {
    @Test func aCSVExportOfAMapWithoutBOMLinesHoldsTheEmptyTables() throws {
        let g = try SupplyChainImporter().importDocument(Array("""
            <supplyChain xmlns="urn:chokepoint:supply-chain:1"><material id="m"/></supplyChain>
            """.utf8)).graph
        let files = WorkbookWriter().csvFiles(for: g)
        #expect(files.map(\.name) == ["items.csv", "bom.csv", "suppliers.csv", "supplies.csv"])
        #expect(files.first { $0.name == "bom.csv" }?.text == "parent,item,quantity\r\n")
        let dir = try CSVTests.folder(Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) }))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let back = try SupplyChainImporter().importFiles([dir])
        #expect(back.graph.itemCount == 1)
        #expect(back.warnings.contains { $0.code == .emptyTable && $0.description.hasPrefix("\(dir)/supplies.csv: warning: the map has items but no supply lines") })
    }

    @Test func theTemplateHoldsTheRegistrysColumns() {
        for kind in TableKind.readingOrder {
            #expect(WorkbookWriter.columnHelp.filter { $0.sheet == kind.rawValue }.map(\.column) == kind.columns.map(\.name))
        }
        #expect(WorkbookWriter.sheetSummary.hasPrefix("dataSet (name, asOf, currency, home), countryGroups (id, name, members), items (id, kind, name,"))
    }
}
